#pragma once

#include "destination_hold.h"
#include "log_state.h"

#include <QJsonObject>
#include <QList>
#include <array>

// A KPI snapshot of one delivery, computed from its per-recipient log (never from counters
// kept on the side, which could drift).
struct DeliveryKpis
{
    qint64 id = 0;
    DeliveryState state = DeliveryState::BeingEdited;
    qint64 targeted = 0;            // rows imported
    qint64 toDeliver = 0;           // targeted minus excluded (every non-ignored log row)
    qint64 excluded = 0;            // ignored by the analysis
    std::array<qint64, 6> counts{}; // indexed by LogState
    qint64 inRetry = 0;             // non-final with a soft failure reason
    qint64 processed = 0;           // handed to the MTA at least once: taken into account + sent + failed after a try
    // Engine snapshots only (empty from the database): the busiest destinations, most waiting
    // first, and what holds each back.
    QList<DestinationHold> holds;

    qint64 count(LogState s) const { return counts[std::size_t(s)]; }
    // Success % = Sent / To deliver x 100, 0 while nothing is to deliver.
    double successPct() const;
    QJsonObject toJson() const;
};
