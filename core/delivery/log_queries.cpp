#include "log_queries.h"

#include "common/csv_writer.h"
#include "delivery_stats.h"

#include <QDateTime>
#include <QSqlError>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace LogSql {

QString columns()
{
    return u"l.recipient_id, r.line, r.email, l.state, l.failure_type, l.failure_reason, "
           "l.last_reply, l.attempts, l.next_attempt_at, l.message_id, l.wave, "
           "l.possible_duplicate, l.validity_expired, l.updated_at, l.in_flight"_s;
}

LogRow readRow(const QSqlQuery &q)
{
    LogRow r;
    r.recipientId = q.value(0).toLongLong();
    r.line = q.value(1).toLongLong();
    r.email = q.value(2).toString();
    r.state = LogStates::fromName(q.value(3).toString()).value_or(LogState::Pending);
    r.failureType = LogStates::failureTypeFromName(q.value(4).toString()).value_or(FailureType::None);
    r.failureReason = LogStates::failureReasonFromName(q.value(5).toString()).value_or(FailureReason::None);
    r.lastReply = q.value(6).toString();
    r.attempts = q.value(7).toInt();
    r.nextAttemptAtMs = q.value(8).toLongLong();
    r.messageId = q.value(9).toString();
    r.wave = q.value(10).toInt();
    r.possibleDuplicate = q.value(11).toBool();
    r.validityExpired = q.value(12).toBool();
    r.updatedAtMs = q.value(13).toLongLong();
    r.inFlight = q.value(14).toBool();
    return r;
}

QString where(const LogFilter &f, QVariantList *binds)
{
    QString where = u"l.delivery_id = ?"_s;
    if (f.state) {
        where += u" AND l.state = ?"_s;
        binds->append(LogStates::name(*f.state));
    }
    if (f.reason) {
        where += u" AND l.failure_reason = ?"_s;
        binds->append(LogStates::name(*f.reason));
    }
    if (!f.domain.isEmpty()) {
        where += u" AND substr(r.email_norm, instr(r.email_norm, '@') + 1) = ?"_s;
        binds->append(f.domain.trimmed().toLower());
    }
    if (!f.search.isEmpty()) {
        where += u" AND instr(lower(r.email), ?) > 0"_s;
        binds->append(f.search.trimmed().toLower());
    }
    return where;
}

bool needsRecipients(const LogFilter &f)
{
    return !f.domain.isEmpty() || !f.search.isEmpty() || f.sort == LogSort::Email;
}

QString orderBy(const LogFilter &f)
{
    QString key;
    switch (f.sort) {
    case LogSort::Line:
        break;
    case LogSort::Email:
        key = u"r.email COLLATE NOCASE"_s;
        break;
    case LogSort::State:
        // The life-cycle order of docs/product.md §3, not the machine names' alphabet.
        key = u"CASE l.state WHEN 'pending' THEN 0 WHEN 'taken_into_account' THEN 1 WHEN 'sent' THEN 2 "
              "WHEN 'failed' THEN 3 WHEN 'ignored' THEN 4 ELSE 5 END"_s;
        break;
    case LogSort::FailureType:
        key = u"l.failure_type"_s;
        break;
    case LogSort::Reason:
        key = u"l.failure_reason"_s;
        break;
    case LogSort::LastReply:
        key = u"l.last_reply"_s;
        break;
    case LogSort::Attempts:
        key = u"l.attempts"_s;
        break;
    case LogSort::NextAttempt:
        key = u"l.next_attempt_at"_s;
        break;
    case LogSort::MessageId:
        key = u"l.message_id"_s;
        break;
    case LogSort::Updated:
        key = u"l.updated_at"_s;
        break;
    }
    const QString dir = f.descending ? u" DESC"_s : u" ASC"_s;
    if (key.isEmpty())
        return u"l.recipient_id"_s + dir;
    return key + dir + u", l.recipient_id"_s + dir;
}

} // namespace LogSql

namespace {

// Recipient order filtered by state at most: served by the indexes without materializing.
bool isDirect(const LogFilter &f)
{
    return f.sort == LogSort::Line && !f.reason && f.domain.isEmpty() && f.search.isEmpty();
}

QString isoTime(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs) : QString();
}

void bindAll(QSqlQuery &q, const QVariantList &binds)
{
    for (const QVariant &b : binds)
        q.addBindValue(b);
}

} // namespace

LogQueries::LogQueries(QSqlDatabase db)
    : m_db(db)
{}

LogQueries::~LogQueries() = default;

qint64 LogQueries::fail(const QSqlQuery &q)
{
    m_lastError = q.lastError().text();
    return -1;
}

bool LogQueries::isPrepared(qint64 deliveryId, const LogFilter &filter) const
{
    return m_prepared && m_deliveryId == deliveryId && m_filter == filter;
}

qint64 LogQueries::prepare(qint64 deliveryId, const LogFilter &filter)
{
    m_prepared = false;
    m_deliveryId = deliveryId;
    m_filter = filter;
    m_materialized = !isDirect(filter);
    QSqlQuery q(m_db);
    QVariantList binds{deliveryId};
    const QString where = LogSql::where(filter, &binds);
    if (!m_materialized) {
        // (delivery_id) or (delivery_id, state): a count over one narrow index.
        q.prepare(u"SELECT count(*) FROM recipient_log l WHERE "_s + where);
        bindAll(q, binds);
        if (!q.exec() || !q.next())
            return fail(q);
        m_count = q.value(0).toLongLong();
        m_prepared = true;
        return m_count;
    }
    if (!q.exec(
            u"CREATE TEMP TABLE IF NOT EXISTS log_view (pos INTEGER PRIMARY KEY, recipient_id INTEGER NOT NULL)"_s) ||
        !q.exec(u"DELETE FROM temp.log_view"_s))
        return fail(q);
    const QString from = LogSql::needsRecipients(filter)
                             ? u" FROM recipient_log l JOIN recipients r ON r.id = l.recipient_id WHERE "_s
                             : u" FROM recipient_log l WHERE "_s;
    q.prepare(u"INSERT INTO temp.log_view (recipient_id) SELECT l.recipient_id"_s + from + where + u" ORDER BY "_s +
              LogSql::orderBy(filter));
    bindAll(q, binds);
    if (!q.exec())
        return fail(q);
    m_count = q.numRowsAffected();
    m_prepared = true;
    return m_count;
}

QList<LogRow> LogQueries::page(qint64 offset, int limit)
{
    QList<LogRow> out;
    if (!m_prepared || offset < 0 || limit <= 0 || offset >= m_count)
        return out;
    const qint64 end = std::min(offset + limit, m_count);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    bool reversed = false;
    if (m_materialized) {
        q.prepare(u"SELECT "_s + LogSql::columns() +
                  u" FROM temp.log_view v JOIN recipient_log l ON l.recipient_id = v.recipient_id "
                  "JOIN recipients r ON r.id = l.recipient_id WHERE v.pos > ? AND v.pos <= ? ORDER BY v.pos"_s);
        q.addBindValue(offset);
        q.addBindValue(end);
    } else {
        // An OFFSET walks the index up to the page; from the nearer end that is at most half of it.
        reversed = offset + (end - offset) / 2 > m_count / 2;
        const bool descending = m_filter.descending != reversed;
        const QString dir = descending ? u" DESC"_s : u" ASC"_s;
        QString inner = u"SELECT recipient_id FROM recipient_log WHERE delivery_id = ?"_s;
        if (m_filter.state)
            inner += u" AND state = ?"_s;
        inner += u" ORDER BY recipient_id"_s + dir + u" LIMIT ? OFFSET ?"_s;
        q.prepare(u"SELECT "_s + LogSql::columns() +
                  u" FROM recipient_log l JOIN recipients r ON r.id = l.recipient_id WHERE l.recipient_id IN ("_s +
                  inner + u") ORDER BY l.recipient_id"_s + dir);
        q.addBindValue(m_deliveryId);
        if (m_filter.state)
            q.addBindValue(LogStates::name(*m_filter.state));
        q.addBindValue(end - offset);
        q.addBindValue(reversed ? m_count - end : offset);
    }
    if (!q.exec()) {
        fail(q);
        return out;
    }
    out.reserve(end - offset);
    while (q.next())
        out.append(LogSql::readRow(q));
    if (reversed)
        std::reverse(out.begin(), out.end());
    fillWaits(m_deliveryId, out);
    return out;
}

void LogQueries::fillWaits(qint64 deliveryId, QList<LogRow> &rows)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT state, coalesce(start_at, 0) FROM deliveries WHERE id = ?"_s);
    q.addBindValue(deliveryId);
    LogWaitInput in;
    if (q.exec() && q.next()) {
        in.deliveryState = LogStates::deliveryStateFromName(q.value(0).toString()).value_or(DeliveryState::BeingEdited);
        in.deliveryStartAtMs = q.value(1).toLongLong();
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (LogRow &r : rows) {
        in.state = r.state;
        in.failureType = r.failureType;
        in.inFlight = r.inFlight;
        in.validityExpired = r.validityExpired;
        in.nextAttemptAtMs = r.nextAttemptAtMs;
        r.wait = LogWaits::of(in, now);
    }
}

QList<LogAttempt> LogQueries::attempts(qint64 recipientId)
{
    QList<LogAttempt> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT id, started_at, coalesce(finished_at, 0), route, remote_host, reply_code, enhanced_code, "
              "reply, outcome, failure_reason, transcript FROM attempts WHERE recipient_id = ? ORDER BY id"_s);
    q.addBindValue(recipientId);
    if (!q.exec()) {
        fail(q);
        return out;
    }
    while (q.next()) {
        LogAttempt a;
        a.id = q.value(0).toLongLong();
        a.startedAtMs = q.value(1).toLongLong();
        a.finishedAtMs = q.value(2).toLongLong();
        a.route = q.value(3).toString();
        a.remoteHost = q.value(4).toString();
        a.replyCode = q.value(5).toInt();
        a.enhancedCode = q.value(6).toString();
        a.reply = q.value(7).toString();
        a.outcome = q.value(8).toString();
        a.reason = LogStates::failureReasonFromName(q.value(9).toString()).value_or(FailureReason::None);
        a.transcript = q.value(10).toString();
        out.append(a);
    }
    return out;
}

QList<FailureReason> LogQueries::reasons(qint64 deliveryId)
{
    QList<FailureReason> out;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT failure_reason FROM recipient_log WHERE delivery_id = ? AND failure_reason != '' "
              "GROUP BY failure_reason ORDER BY count(*) DESC, failure_reason"_s);
    q.addBindValue(deliveryId);
    if (!q.exec()) {
        fail(q);
        return out;
    }
    while (q.next()) {
        if (const auto reason = LogStates::failureReasonFromName(q.value(0).toString()))
            out.append(*reason);
    }
    return out;
}

QStringList LogQueries::domains(qint64 deliveryId, int limit)
{
    QStringList out;
    // The analysis' pre-flight plan already counts the domains: reading it costs nothing,
    // where aggregating a 1,000,000-row log costs most of a second.
    const DeliveryQueries queries(m_db);
    if (const auto report = queries.analysisReport(deliveryId); report && !report->destinations.isEmpty()) {
        for (const AnalysisReport::DomainPlan &d : report->destinations) {
            if (out.size() >= limit)
                break;
            out.append(d.domain);
        }
        return out;
    }
    const DeliveryStats stats(m_db);
    for (const DeliveryStats::DomainRow &d : stats.domains(deliveryId, limit))
        out.append(d.domain);
    if (!stats.lastError().isEmpty())
        m_lastError = stats.lastError();
    return out;
}

QStringList LogQueries::csvHeader()
{
    return {u"line"_s,     u"email"_s,           u"state"_s,   u"failure_type"_s, u"failure_reason"_s, u"last_reply"_s,
            u"attempts"_s, u"next_attempt_at"_s, u"waiting"_s, u"message_id"_s,   u"updated_at"_s};
}

qint64 LogQueries::exportCsv(qint64 deliveryId, const LogFilter &filter, QIODevice *out,
                             const std::function<bool(qint64)> &progress)
{
    constexpr int ProgressEvery = 5000;
    QVariantList binds{deliveryId};
    const QString where = LogSql::where(filter, &binds);
    // One forward-only statement: SQLite streams the rows (sorting first when it must), so
    // memory stays bounded however long the log is.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT "_s + LogSql::columns() +
              u" FROM recipient_log l JOIN recipients r ON r.id = l.recipient_id WHERE "_s + where + u" ORDER BY "_s +
              LogSql::orderBy(filter));
    bindAll(q, binds);
    if (!q.exec())
        return fail(q);
    if (out->write(CsvWriter::record(csvHeader()).toUtf8()) < 0) {
        m_lastError = out->errorString();
        return -1;
    }
    qint64 written = 0;
    QList<LogRow> batch;
    batch.reserve(ProgressEvery);
    const auto flush = [&]() -> bool {
        fillWaits(deliveryId, batch);
        QString text;
        for (const LogRow &r : std::as_const(batch)) {
            text += CsvWriter::record({QString::number(r.line), r.email, LogStates::name(r.state),
                                       LogStates::name(r.failureType), LogStates::name(r.failureReason), r.lastReply,
                                       QString::number(r.attempts), isoTime(r.nextAttemptAtMs), LogWaits::name(r.wait),
                                       r.messageId, isoTime(r.updatedAtMs)});
        }
        written += batch.size();
        batch.clear();
        if (out->write(text.toUtf8()) < 0) {
            m_lastError = out->errorString();
            return false;
        }
        if (progress && !progress(written)) {
            m_lastError = u"export canceled"_s;
            return false;
        }
        return true;
    };
    while (q.next()) {
        batch.append(LogSql::readRow(q));
        if (batch.size() == ProgressEvery && !flush())
            return -1;
    }
    if (q.lastError().isValid())
        return fail(q);
    if (!batch.isEmpty() && !flush())
        return -1;
    return written;
}
