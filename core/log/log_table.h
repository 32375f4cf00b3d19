#pragma once

#include "log_transition.h"
#include "store/sqlite_statement.h"

#include <QSqlDatabase>
#include <optional>

// Reads and writes recipient log entries with prepared statements on one connection. Every
// change a sender makes goes: read -> applyLogEvent -> write, inside the writer's transaction.
// The statements run through SQLite's own API: the engine runs them several times a message.
class LogTable final
{
public:
    explicit LogTable(QSqlDatabase db);

    std::optional<LogEntry> read(qint64 recipientId);
    bool write(qint64 recipientId, const LogEntry &entry, qint64 nowMs);

    // read + applyLogEvent + write. Returns the transition; a database failure sets *dbError.
    LogTransition apply(qint64 recipientId, const LogEvent &event, qint64 nowMs, bool *dbError);
    // EndOfDataDue as one UPDATE of the flag alone, which no index holds: the engine writes it
    // once a message, right before its final dot. The same rule as applyLogEvent (only in
    // flight). False when the recipient has no attempt in flight, or on a database failure
    // (*dbError).
    bool markEndOfData(qint64 recipientId, bool *dbError);

    QString error() const { return m_error; }

private:
    SqliteStatement m_read;
    SqliteStatement m_write;
    SqliteStatement m_markEndOfData;
    QString m_error;
};
