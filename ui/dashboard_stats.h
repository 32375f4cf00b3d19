#pragma once

#include "delivery/delivery_stats.h"
#include "engine/proof_sender.h"
#include "log/delivery_kpis.h"

#include <QList>
#include <QMetaType>

// What the dashboard reads once a second on the store worker's thread, beside the engine's
// snapshots: the per-domain and failure-reason aggregates (and the KPIs, for a delivery that
// another process is sending).
struct DashboardStats
{
    qint64 deliveryId = 0;
    DeliveryKpis kpis;
    QList<DeliveryStats::DomainRow> domains;
    QList<DeliveryStats::ReasonRow> reasons;
};

Q_DECLARE_METATYPE(DashboardStats)
Q_DECLARE_METATYPE(ProofSender::Result)
