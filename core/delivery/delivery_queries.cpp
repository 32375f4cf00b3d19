#include "delivery_queries.h"

#include "log_queries.h"
#include "sandbox/sandbox_route.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

QList<DeliverySummary> DeliveryQueries::deliveries() const
{
    QList<DeliverySummary> out;
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT id, name, definition FROM deliveries ORDER BY id"_s)) {
        m_lastError = q.lastError().text();
        return out;
    }
    while (q.next()) {
        DeliverySummary s;
        s.id = q.value(0).toLongLong();
        s.name = q.value(1).toString();
        const QJsonObject def = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
        s.contactDate = QDateTime::fromString(def.value(u"contact_date"_s).toString(), Qt::ISODate);
        s.kpis = kpis(s.id).value_or(DeliveryKpis{});
        s.sandbox = SandboxRoute::isSandbox(m_db, def.value(u"route"_s));
        out.append(s);
    }
    return out;
}

bool DeliveryQueries::exists(qint64 id) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT 1 FROM deliveries WHERE id = ?"_s);
    q.addBindValue(id);
    return q.exec() && q.next();
}

std::optional<DeliveryKpis> DeliveryQueries::kpis(qint64 id) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT state, imported_rows FROM deliveries WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next()) {
        m_lastError = q.lastError().text();
        return std::nullopt;
    }
    DeliveryKpis k;
    k.id = id;
    k.state = LogStates::deliveryStateFromName(q.value(0).toString()).value_or(DeliveryState::BeingEdited);
    k.targeted = q.value(1).toLongLong();

    q.prepare(u"SELECT state, count(*), "
              "sum(CASE WHEN failure_type = 'soft' THEN 1 ELSE 0 END), "
              "sum(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), "
              "sum(CASE WHEN failure_type = 'hard' AND validity_expired = 0 THEN 1 ELSE 0 END), "
              "sum(CASE WHEN validity_expired = 1 THEN 1 ELSE 0 END) "
              "FROM recipient_log WHERE delivery_id = ? GROUP BY state"_s);
    q.addBindValue(id);
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        return std::nullopt;
    }
    while (q.next()) {
        const auto state = LogStates::fromName(q.value(0).toString());
        if (!state)
            continue;
        const qint64 n = q.value(1).toLongLong();
        k.counts[std::size_t(*state)] = n;
        if (!LogStates::isFinal(*state))
            k.inRetry += q.value(2).toLongLong();
        if (*state != LogState::Ignored)
            k.softBounced += q.value(2).toLongLong();
        if (*state == LogState::Failed) {
            k.failedHard += q.value(4).toLongLong();
            k.failedExpired += q.value(5).toLongLong();
        }
        if (*state == LogState::TakenIntoAccount || *state == LogState::Sent)
            k.processed += n;
        else if (*state == LogState::Failed)
            k.processed += q.value(3).toLongLong();
    }
    k.excluded = k.count(LogState::Ignored);
    qint64 logged = 0;
    for (qint64 c : k.counts)
        logged += c;
    k.toDeliver = logged - k.excluded;
    if (k.state == DeliveryState::Finished || k.state == DeliveryState::Stopped)
        k.noReport = k.count(LogState::TakenIntoAccount);
    q.prepare(u"SELECT count(DISTINCT recipient_id) FROM feedback_events WHERE delivery_id = ? AND kind = 'arf'"_s);
    q.addBindValue(id);
    if (q.exec() && q.next())
        k.complaints = q.value(0).toLongLong();
    return k;
}

std::optional<QJsonObject> DeliveryQueries::definition(qint64 id) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT definition FROM deliveries WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return QJsonDocument::fromJson(q.value(0).toByteArray()).object();
}

std::optional<AnalysisReport> DeliveryQueries::analysisReport(qint64 id) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT analysis_report FROM deliveries WHERE id = ?"_s);
    q.addBindValue(id);
    if (!q.exec() || !q.next() || q.value(0).isNull())
        return std::nullopt;
    return AnalysisReport::fromJson(QJsonDocument::fromJson(q.value(0).toByteArray()).object());
}

QStringList DeliveryQueries::fields(qint64 id) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT fields FROM deliveries WHERE id = ?"_s);
    q.addBindValue(id);
    QStringList out;
    if (q.exec() && q.next()) {
        for (const QJsonValue v : QJsonDocument::fromJson(q.value(0).toByteArray()).array())
            out.append(v.toString());
    }
    return out;
}

qint64 DeliveryQueries::logCount(qint64 id, const LogFilter &filter) const
{
    QVariantList binds{id};
    const QString where = LogSql::where(filter, &binds);
    const bool needsJoin = !filter.domain.isEmpty() || !filter.search.isEmpty();
    QSqlQuery q(m_db);
    q.prepare(needsJoin
                  ? u"SELECT count(*) FROM recipient_log l JOIN recipients r ON r.id = l.recipient_id WHERE "_s + where
                  : u"SELECT count(*) FROM recipient_log l WHERE "_s + where);
    for (const QVariant &b : std::as_const(binds))
        q.addBindValue(b);
    if (!q.exec() || !q.next()) {
        m_lastError = q.lastError().text();
        return 0;
    }
    return q.value(0).toLongLong();
}

QList<LogRow> DeliveryQueries::logPage(qint64 id, const LogFilter &filter, qint64 offset, int limit) const
{
    QVariantList binds{id};
    const QString where = LogSql::where(filter, &binds);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + LogSql::columns() +
              u" FROM recipient_log l JOIN recipients r ON r.id = l.recipient_id WHERE "_s + where + u" ORDER BY "_s +
              LogSql::orderBy(filter) + u" LIMIT ? OFFSET ?"_s);
    for (const QVariant &b : std::as_const(binds))
        q.addBindValue(b);
    q.addBindValue(limit);
    q.addBindValue(offset);
    QList<LogRow> out;
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        return out;
    }
    out.reserve(limit);
    while (q.next())
        out.append(LogSql::readRow(q));
    return out;
}

bool DeliveryQueries::forEachLogRow(qint64 id, const LogFilter &filter,
                                    const std::function<bool(const LogRow &)> &fn) const
{
    // Keyset paging: each page starts after the last recipient id seen, so the cost per page
    // stays constant however far into the log the export is.
    constexpr int PageSize = 5000;
    QVariantList binds{id};
    const QString where = LogSql::where(filter, &binds);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + LogSql::columns() +
              u" FROM recipient_log l JOIN recipients r ON r.id = l.recipient_id WHERE "_s + where +
              u" AND l.recipient_id > ? ORDER BY l.recipient_id LIMIT ?"_s);
    qint64 after = 0;
    while (true) {
        int i = 0;
        for (const QVariant &b : std::as_const(binds))
            q.bindValue(i++, b);
        q.bindValue(i++, after);
        q.bindValue(i, PageSize);
        if (!q.exec()) {
            m_lastError = q.lastError().text();
            return false;
        }
        int n = 0;
        while (q.next()) {
            const LogRow row = LogSql::readRow(q);
            after = row.recipientId;
            ++n;
            if (!fn(row))
                return true;
        }
        if (n < PageSize)
            return true;
    }
}

QList<DeliveryQueries::ImportReject> DeliveryQueries::importRejects(qint64 id, int limit) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT line, reason FROM import_rejects WHERE delivery_id = ? ORDER BY line LIMIT ?"_s);
    q.addBindValue(id);
    q.addBindValue(limit);
    QList<ImportReject> out;
    if (q.exec()) {
        while (q.next())
            out.append({q.value(0).toLongLong(), q.value(1).toString()});
    }
    return out;
}

QList<DeliveryQueries::ProofRecord> DeliveryQueries::proofs(qint64 id, int limit) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT number, address, sent_at, outcome, reply FROM proofs WHERE delivery_id = ? "
              "ORDER BY number DESC, id LIMIT ?"_s);
    q.addBindValue(id);
    q.addBindValue(limit);
    QList<ProofRecord> out;
    if (q.exec()) {
        while (q.next())
            out.append({q.value(0).toInt(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toString(),
                        q.value(4).toString()});
    }
    return out;
}
