#pragma once

#include "analysis_report.h"
#include "routing/mx_rules.h"
#include "routing/route_config.h"

#include <QHash>
#include <QStringList>

// The pre-flight plan (docs/product.md §5): the recipients to deliver grouped by the MX provider
// that will take them, the MX rule whose limits apply, and how long those limits make the send.
// On a relay route every domain goes to the relay: one group. On the direct route each domain's
// best MX host (asked of the DNS) picks the rule: the domains of one rule (say "*.google.com")
// are one group, those of no named rule are grouped by MX host, and a domain the DNS did not
// answer for stands for its own host. Rates are per destination (the engine's throttle), so a
// group takes as long as its largest domain.
namespace PreflightPlan {

// At most this many domains, the largest, are looked up; the others join "other domains".
constexpr int MaxLookups = 200;

QList<AnalysisReport::PlanGroup> build(const QList<AnalysisReport::DomainPlan> &destinations, const RouteConfig &route,
                                       const QList<MxRule> &rules, const QHash<QString, QString> &mxHosts,
                                       qint64 validitySeconds);

// The best MX host with an address of each domain, asked of nameserver (empty: the system's),
// waiting timeoutMs at most for them all; a domain with no answer by then is left out.
QHash<QString, QString> lookUpMxHosts(const QStringList &domains, const QString &nameserver, int timeoutMs);

} // namespace PreflightPlan
