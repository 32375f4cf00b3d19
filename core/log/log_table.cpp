#include "log_table.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

LogTable::LogTable(QSqlDatabase db)
    : m_read(db)
    , m_write(db)
    , m_markEndOfData(db)
{
    m_markEndOfData.prepare(u"UPDATE recipient_log SET end_of_data = 1 WHERE recipient_id = ? AND in_flight = 1"_s);
    m_read.prepare(u"SELECT state, failure_type, failure_reason, last_reply, attempts, next_attempt_at, in_flight, "
                   "validity_expired, possible_duplicate, end_of_data FROM recipient_log WHERE recipient_id = ?"_s);
    m_write.prepare(u"UPDATE recipient_log SET state = ?, failure_type = ?, failure_reason = ?, last_reply = ?, "
                    "attempts = ?, next_attempt_at = ?, in_flight = ?, validity_expired = ?, possible_duplicate = ?, "
                    "end_of_data = ?, updated_at = ? WHERE recipient_id = ?"_s);
}

std::optional<LogEntry> LogTable::read(qint64 recipientId)
{
    m_read.bindValue(0, recipientId);
    if (!m_read.exec()) {
        m_error = m_read.lastError().text();
        return std::nullopt;
    }
    if (!m_read.next()) {
        m_error.clear();
        return std::nullopt;
    }
    LogEntry e;
    e.state = LogStates::fromName(m_read.value(0).toString()).value_or(LogState::Pending);
    e.failureType = LogStates::failureTypeFromName(m_read.value(1).toString()).value_or(FailureType::None);
    e.failureReason = LogStates::failureReasonFromName(m_read.value(2).toString()).value_or(FailureReason::None);
    e.lastReply = m_read.value(3).toString();
    e.attempts = m_read.value(4).toInt();
    e.nextAttemptAtMs = m_read.value(5).toLongLong();
    e.inFlight = m_read.value(6).toBool();
    e.validityExpired = m_read.value(7).toBool();
    e.possibleDuplicate = m_read.value(8).toBool();
    e.endOfData = m_read.value(9).toBool();
    m_read.finish();
    return e;
}

bool LogTable::write(qint64 recipientId, const LogEntry &e, qint64 nowMs)
{
    m_write.bindValue(0, LogStates::name(e.state));
    m_write.bindValue(1, LogStates::name(e.failureType));
    m_write.bindValue(2, LogStates::name(e.failureReason));
    m_write.bindValue(3, e.lastReply.isNull() ? u""_s : e.lastReply);
    m_write.bindValue(4, e.attempts);
    m_write.bindValue(5, e.nextAttemptAtMs);
    m_write.bindValue(6, e.inFlight ? 1 : 0);
    m_write.bindValue(7, e.validityExpired ? 1 : 0);
    m_write.bindValue(8, e.possibleDuplicate ? 1 : 0);
    m_write.bindValue(9, e.endOfData ? 1 : 0);
    m_write.bindValue(10, nowMs);
    m_write.bindValue(11, recipientId);
    if (!m_write.exec()) {
        m_error = m_write.lastError().text();
        return false;
    }
    return true;
}

LogTransition LogTable::apply(qint64 recipientId, const LogEvent &event, qint64 nowMs, bool *dbError)
{
    *dbError = false;
    const std::optional<LogEntry> current = read(recipientId);
    if (!current) {
        *dbError = !m_error.isEmpty();
        LogTransition t;
        t.error = u"recipient %1 has no log row (analyze the delivery first)"_s.arg(recipientId);
        return t;
    }
    LogTransition t = applyLogEvent(*current, event);
    if (t.accepted && !write(recipientId, t.entry, nowMs))
        *dbError = true;
    return t;
}

bool LogTable::markEndOfData(qint64 recipientId, bool *dbError)
{
    m_markEndOfData.bindValue(0, recipientId);
    *dbError = !m_markEndOfData.exec();
    if (*dbError) {
        m_error = m_markEndOfData.lastError().text();
        return false;
    }
    return m_markEndOfData.numRowsAffected() == 1;
}
