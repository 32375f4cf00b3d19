#pragma once

#include "delivery/delivery_report.h"
#include "delivery/delivery_stats.h"
#include "engine/proof_sender.h"
#include "log/delivery_kpis.h"

#include <QList>
#include <QMetaType>

// What the dashboard reads once a second on the database thread, beside the engine's
// snapshots: the per-domain and failure-reason aggregates (and the KPIs, for a delivery that
// another process is sending).
struct DashboardStats
{
    qint64 deliveryId = 0;
    DeliveryKpis kpis;
    QList<DeliveryStats::DomainRow> domains;
    QList<DeliveryStats::ReasonRow> reasons;
    QList<DeliveryStats::ReasonRow> exclusions; // by reason, count in .hard
    // What holds its destinations back, as the engine running it last saved (this process's or
    // another's); the dashboard prefers its own engine's snapshots when it has them.
    QList<DestinationHold> holds;
    // Once per delivery shown: the messages handed over per time bucket so far (from its
    // attempts), so a dashboard opened in the middle of a run, or after it, draws its past.
    bool hasHistory = false;
    qint64 historyBucketMs = 0;
    QList<DeliveryReport::Bucket> history;
};

Q_DECLARE_METATYPE(DashboardStats)
Q_DECLARE_METATYPE(ProofSender::Result)
