#include "preflight_plan.h"

#include "routing/mx_resolver.h"

#include <QEventLoop>
#include <QTimer>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace PreflightPlan {

QList<AnalysisReport::PlanGroup> build(const QList<AnalysisReport::DomainPlan> &destinations, const RouteConfig &route,
                                       const QList<MxRule> &rules, const QHash<QString, QString> &mxHosts,
                                       qint64 validitySeconds)
{
    const bool direct = route.type == RouteConfig::Type::Direct;
    QList<AnalysisReport::PlanGroup> groups;
    QHash<QString, qsizetype> index; // group name -> position in groups
    QHash<QString, qint64> largest;  // group name -> its largest destination's recipients
    qsizetype looked = 0;
    for (const AnalysisReport::DomainPlan &d : destinations) {
        // The host the rule is matched against, and the group it lands in.
        QString host;
        QString name;
        if (!direct) {
            // The sandbox's sink gets its port when the run starts: it is named, not addressed.
            host = route.host;
            name = route.type == RouteConfig::Type::Sandbox ? u"sandbox"_s : route.host;
            if (route.type == RouteConfig::Type::Pool) {
                // The pool spreads over its relays by weight: one group, named after them.
                QStringList members;
                for (const RoutePoolMember &m : route.members)
                    members.append(m.label());
                name = u"pool: "_s + members.join(u", "_s);
            }
        } else if (looked++ < MaxLookups) {
            host = mxHosts.value(d.domain, d.domain);
            name = host;
        } else {
            host = d.domain;
            name = u"other domains"_s;
        }
        const int r = MxRules::match(rules, host);
        const MxRule *rule = r >= 0 ? &rules.at(r) : nullptr;
        // A named rule gathers its hosts; the catch-all "*" does not make one provider of all.
        if (direct && rule && rule->pattern != u"*"_s && name != u"other domains"_s)
            name = rule->pattern;
        auto it = index.constFind(name);
        if (it == index.cend()) {
            AnalysisReport::PlanGroup g;
            g.group = name;
            g.rule = rule ? rule->pattern : QString();
            g.ratePerHour = rule ? rule->messagesPerHour : 0;
            it = index.insert(name, groups.size());
            groups.append(g);
        }
        AnalysisReport::PlanGroup &g = groups[*it];
        g.domains.append(d.domain);
        g.recipients += d.count;
        // On a relay route the relay is the one destination: its rate covers every domain.
        largest[name] = direct ? std::max(largest.value(name), d.count) : g.recipients;
    }
    for (AnalysisReport::PlanGroup &g : groups) {
        if (g.ratePerHour > 0) {
            // The engine spends a rate in 5-minute slices of a twelfth of it each: the last
            // message leaves in the slice that brings the total to n (the first starts at once).
            const qint64 n = largest.value(g.group);
            const qint64 slices = (n * 12 + g.ratePerHour - 1) / g.ratePerHour;
            g.estimatedSeconds = std::max<qint64>(0, slices - 1) * 300;
            g.fitsValidity = validitySeconds <= 0 || g.estimatedSeconds <= validitySeconds;
        }
    }
    std::stable_sort(groups.begin(), groups.end(),
                     [](const auto &a, const auto &b) { return a.recipients > b.recipients; });
    return groups;
}

QHash<QString, QString> lookUpMxHosts(const QStringList &domains, const QString &nameserver, int timeoutMs)
{
    QHash<QString, QString> hosts;
    if (domains.isEmpty())
        return hosts;
    MxResolver resolver(nameserver.isEmpty() ? QHostAddress() : QHostAddress(nameserver));
    QEventLoop loop;
    qsizetype pending = domains.size();
    QObject::connect(&resolver, &MxResolver::resolved, &loop,
                     [&](const QString &domain, const MxResolution &resolution) {
                         if (resolution.isOk() && !resolution.candidates.isEmpty())
                             hosts.insert(domain, resolution.candidates.first().host.toLower());
                         if (--pending == 0)
                             loop.quit();
                     });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    for (const QString &domain : domains)
        resolver.resolve(domain);
    if (pending > 0)
        loop.exec();
    return hosts;
}

} // namespace PreflightPlan
