#pragma once

#include "log/destination_hold.h"
#include "log/log_state.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

// Read-only aggregates of one delivery's per-recipient log for the dashboard and reports:
// outcomes by destination domain and failures by reason. Like every KPI they are computed
// from the log itself (docs/product.md §3), on the reader's own connection.
class DeliveryStats final
{
public:
    struct DomainRow
    {
        QString domain;
        qint64 count = 0; // to deliver (ignored rows excluded)
        qint64 sent = 0;
        qint64 soft = 0; // with a soft failure (in retry, or expired)
        qint64 hard = 0;
        qint64 waiting = 0;       // not yet handed over (in flight, waiting for a turn), or soft-bounced
                                  // at the built-in MTA and to be retried
        qint64 nextRetryAtMs = 0; // the soonest retry of its soft-bounced recipients; 0: none
    };

    struct ReasonRow
    {
        FailureReason reason = FailureReason::None;
        qint64 hard = 0;
        qint64 soft = 0;
        qint64 total() const { return hard + soft; }
    };

    explicit DeliveryStats(QSqlDatabase db)
        : m_db(db)
    {}

    // The largest domains first (ties by name), at most limit rows.
    QList<DomainRow> domains(qint64 deliveryId, int limit) const;
    // Failure reasons of recipients to deliver (exclusions are the analysis' business), the
    // most frequent first.
    QList<ReasonRow> failureReasons(qint64 deliveryId) const;
    // The analysis' exclusions (ignored rows) by reason, the most frequent first; in ReasonRow.hard.
    QList<ReasonRow> exclusions(qint64 deliveryId) const;

    // What the engine running the delivery (in any process) last said holds its destinations
    // back, and when (*atMs); empty when nothing holds them or no run is on.
    QList<DestinationHold> holds(qint64 deliveryId, qint64 *atMs = nullptr) const;
    // A running engine rewrites its row at least every 10 s (DeliveryRun::saveHolds).
    static constexpr qint64 HoldsStaleMs = 30'000;

    // Why a domain's recipients wait (`status --json`): what holds its destination back (the
    // domain itself, or "relay" for every domain), then {"reason":"retry","until":...} when
    // soft-bounced recipients wait for their next attempt. Empty when nothing waits.
    static QJsonArray whyWaiting(const DomainRow &row, const QList<DestinationHold> &holds);

    QString lastError() const { return m_lastError; }

private:
    QSqlDatabase m_db;
    mutable QString m_lastError;
};
