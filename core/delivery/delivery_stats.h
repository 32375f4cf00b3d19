#pragma once

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

    QString lastError() const { return m_lastError; }

private:
    QSqlDatabase m_db;
    mutable QString m_lastError;
};
