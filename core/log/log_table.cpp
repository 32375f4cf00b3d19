#include "log_table.h"

using namespace Qt::StringLiterals;

LogTable::LogTable(QSqlDatabase db)
{
    // A statement that cannot be prepared keeps SQLite's message; each use then fails with it.
    m_markEndOfData.prepare(db, "UPDATE recipient_log SET end_of_data = 1 WHERE recipient_id = ? AND in_flight = 1");
    m_read.prepare(db, "SELECT state, failure_type, failure_reason, last_reply, attempts, next_attempt_at, in_flight, "
                       "validity_expired, possible_duplicate, end_of_data FROM recipient_log WHERE recipient_id = ?");
    m_write.prepare(db, "UPDATE recipient_log SET state = ?, failure_type = ?, failure_reason = ?, last_reply = ?, "
                        "attempts = ?, next_attempt_at = ?, in_flight = ?, validity_expired = ?, "
                        "possible_duplicate = ?, end_of_data = ?, updated_at = ? WHERE recipient_id = ?");
}

std::optional<LogEntry> LogTable::read(qint64 recipientId)
{
    m_read.bind(1, recipientId);
    const SqliteStatement::Step step = m_read.step();
    if (step != SqliteStatement::Step::Row) {
        m_error = step == SqliteStatement::Step::Error ? m_read.error() : QString();
        m_read.reset();
        return std::nullopt;
    }
    LogEntry e;
    e.state = LogStates::fromName(m_read.columnText(0)).value_or(LogState::Pending);
    e.failureType = LogStates::failureTypeFromName(m_read.columnText(1)).value_or(FailureType::None);
    e.failureReason = LogStates::failureReasonFromName(m_read.columnText(2)).value_or(FailureReason::None);
    e.lastReply = m_read.columnText(3);
    e.attempts = int(m_read.columnInt64(4));
    e.nextAttemptAtMs = m_read.columnInt64(5);
    e.inFlight = m_read.columnInt64(6) != 0;
    e.validityExpired = m_read.columnInt64(7) != 0;
    e.possibleDuplicate = m_read.columnInt64(8) != 0;
    e.endOfData = m_read.columnInt64(9) != 0;
    m_read.reset();
    return e;
}

bool LogTable::write(qint64 recipientId, const LogEntry &e, qint64 nowMs)
{
    m_write.bind(1, LogStates::name(e.state));
    m_write.bind(2, LogStates::name(e.failureType));
    m_write.bind(3, LogStates::name(e.failureReason));
    m_write.bind(4, e.lastReply);
    m_write.bind(5, e.attempts);
    m_write.bind(6, e.nextAttemptAtMs);
    m_write.bind(7, e.inFlight ? 1 : 0);
    m_write.bind(8, e.validityExpired ? 1 : 0);
    m_write.bind(9, e.possibleDuplicate ? 1 : 0);
    m_write.bind(10, e.endOfData ? 1 : 0);
    m_write.bind(11, nowMs);
    m_write.bind(12, recipientId);
    if (!m_write.exec()) {
        m_error = m_write.error();
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
    m_markEndOfData.bind(1, recipientId);
    *dbError = !m_markEndOfData.exec();
    if (*dbError) {
        m_error = m_markEndOfData.error();
        return false;
    }
    return m_markEndOfData.changes() == 1;
}
