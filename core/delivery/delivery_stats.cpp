#include "delivery_stats.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

QList<DeliveryStats::DomainRow> DeliveryStats::domains(qint64 deliveryId, int limit) const
{
    QList<DomainRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // The domain is the normalized address' part after '@', as the log filter reads it.
    q.prepare(u"SELECT substr(r.email_norm, instr(r.email_norm, '@') + 1) AS domain, count(*), "
              "sum(CASE WHEN l.state = 'sent' THEN 1 ELSE 0 END), "
              "sum(CASE WHEN l.failure_type = 'soft' THEN 1 ELSE 0 END), "
              "sum(CASE WHEN l.failure_type = 'hard' THEN 1 ELSE 0 END), "
              // Waiting: not yet handed over, or (direct route) taken by the built-in MTA and
              // soft-bounced, to be retried; a relay's delayed ones wait on the relay.
              "sum(CASE WHEN l.state = 'pending' OR (l.state = 'taken_into_account' AND l.failure_type = 'soft') "
              "THEN 1 ELSE 0 END), "
              "min(CASE WHEN l.state IN ('pending', 'taken_into_account') AND l.failure_type = 'soft' "
              "AND l.next_attempt_at > 0 THEN l.next_attempt_at END) "
              "FROM recipient_log l JOIN recipients r ON r.id = l.recipient_id "
              "WHERE l.delivery_id = ? AND l.state <> 'ignored' "
              "GROUP BY domain ORDER BY count(*) DESC, domain LIMIT ?"_s);
    q.addBindValue(deliveryId);
    q.addBindValue(limit);
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        return out;
    }
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toLongLong(),
                    q.value(4).toLongLong(), q.value(5).toLongLong(), q.value(6).toLongLong()});
    return out;
}

QList<DeliveryStats::ReasonRow> DeliveryStats::failureReasons(qint64 deliveryId) const
{
    QList<ReasonRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT failure_reason, sum(CASE WHEN failure_type = 'hard' THEN 1 ELSE 0 END), "
              "sum(CASE WHEN failure_type = 'soft' THEN 1 ELSE 0 END) "
              "FROM recipient_log WHERE delivery_id = ? AND state <> 'ignored' AND failure_reason <> '' "
              "GROUP BY failure_reason"_s);
    q.addBindValue(deliveryId);
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        return out;
    }
    while (q.next()) {
        const auto reason = LogStates::failureReasonFromName(q.value(0).toString());
        if (!reason || *reason == FailureReason::None)
            continue;
        out.append({*reason, q.value(1).toLongLong(), q.value(2).toLongLong()});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const ReasonRow &a, const ReasonRow &b) { return a.total() > b.total(); });
    return out;
}

QList<DestinationHold> DeliveryStats::holds(qint64 deliveryId, qint64 *atMs) const
{
    QList<DestinationHold> out;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT at, holds FROM delivery_holds WHERE delivery_id = ?"_s);
    q.addBindValue(deliveryId);
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        return out;
    }
    if (!q.next())
        return out;
    if (atMs)
        *atMs = q.value(0).toLongLong();
    if (QDateTime::currentMSecsSinceEpoch() - q.value(0).toLongLong() > HoldsStaleMs)
        return out; // the engine that wrote it is gone (crashed, or quit without ending its run)
    const QJsonArray array = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).array();
    for (const QJsonValue &v : array)
        out.append(DestinationHold::fromJson(v.toObject()));
    return out;
}

QJsonArray DeliveryStats::whyWaiting(const DomainRow &row, const QList<DestinationHold> &holds)
{
    QJsonArray out;
    if (row.waiting <= 0)
        return out;
    for (const DestinationHold &h : holds) {
        if (h.warmupHeld()) // a warm-up's day holds every domain
            out.append(h.reasonsJson().first());
    }
    for (const DestinationHold &h : holds) {
        if (h.warmup.isEmpty() && h.appliesTo(row.domain)) {
            for (const QJsonValue &reason : h.reasonsJson())
                out.append(reason);
            break;
        }
    }
    if (row.nextRetryAtMs > 0)
        out.append(
            QJsonObject{{u"reason"_s, u"retry"_s},
                        {u"until"_s, QDateTime::fromMSecsSinceEpoch(row.nextRetryAtMs).toUTC().toString(Qt::ISODate)}});
    return out;
}

QList<DeliveryStats::ReasonRow> DeliveryStats::exclusions(qint64 deliveryId) const
{
    QList<ReasonRow> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT failure_reason, count(*) FROM recipient_log WHERE delivery_id = ? AND state = 'ignored' "
              "GROUP BY failure_reason ORDER BY count(*) DESC, failure_reason"_s);
    q.addBindValue(deliveryId);
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        return out;
    }
    while (q.next()) {
        ReasonRow row;
        row.reason = LogStates::failureReasonFromName(q.value(0).toString()).value_or(FailureReason::NotDefined);
        row.hard = q.value(1).toLongLong();
        out.append(row);
    }
    return out;
}
