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
    qint64 failedHard = 0;          // Failed by a hard bounce (now or reported later)
    qint64 failedExpired = 0;       // Failed at the validity end ("validity expired")
    qint64 softBounced = 0;         // with a soft failure: in retry, delayed by the relay, or expired
    qint64 complaints = 0;          // recipients who complained (feedback reports, RFC 5965)
    // Taken into account by a relay that never reported on them, once the delivery is over
    // (finished at its validity end, or stopped): "no report", not stuck.
    qint64 noReport = 0;
    // Engine snapshots only (empty from the database): the busiest destinations, most waiting
    // first, and what holds each back.
    QList<DestinationHold> holds;

    qint64 count(LogState s) const { return counts[std::size_t(s)]; }
    // Success % = Sent / To deliver x 100, 0 while nothing is to deliver.
    double successPct() const;
    // Rates over what was processed, in percent (two decimals), 0 while nothing was processed.
    double hardBounceRatePct() const;
    double softBounceRatePct() const;
    double complaintRatePct() const;
    // The thresholds mailbox providers publish for bulk senders (docs/product.md §7).
    static constexpr double HardBounceWarningPct = 2.0;
    static constexpr double ComplaintWarningPct = 0.1;
    bool hardBounceWarning() const { return hardBounceRatePct() > HardBounceWarningPct; }
    bool complaintWarning() const { return complaintRatePct() > ComplaintWarningPct; }
    QJsonObject toJson() const;
};
