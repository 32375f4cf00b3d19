#pragma once

#include "log/log_state.h"

#include <QSqlDatabase>
#include <QString>

// The per-address quarantine of docs/product.md §4, shared by every delivery. The rules are a pure
// function (next) so they can be tested without a database; record() applies it to the table.
struct QuarantineEntry
{
    enum class Status { Valid, WithErrors, Quarantine, Denylisted };
    Status status = Status::Valid;
    int errorCount = 0;
    QString lastError;        // reason machine name
    qint64 lastErrorAtMs = 0; // last counted error

    static QString statusName(Status s);
    static Status statusFromName(const QString &name);
};

namespace Quarantine {

constexpr qint64 Day = 24LL * 3600 * 1000;
constexpr qint64 MinGapBetweenCountedErrors = Day;
constexpr int ErrorsBeforeQuarantine = 5;
constexpr qint64 CounterResetAfter = 10 * Day;
constexpr qint64 MailboxFullReleaseAfter = 30 * Day;

// How a failure of this reason changes the entry; unchanged for reasons that never quarantine.
QuarantineEntry next(const QuarantineEntry &current, FailureReason reason, qint64 nowMs);

// Applies a failure to the stored entry of a normalized address (in the caller's transaction).
bool record(QSqlDatabase db, const QString &address, FailureReason reason, qint64 nowMs, QString *error);

// Quarantine entries that ended by time (mailbox full after 30 days; counters after 10 quiet days).
bool expire(QSqlDatabase db, qint64 nowMs, QString *error);

// A person releases an address from quarantine or the denylist.
bool release(QSqlDatabase db, const QString &address, qint64 nowMs, QString *error);
// The reason (complaint, unsubscribed) is kept as the entry's last error; None keeps it as it was.
bool denylist(QSqlDatabase db, const QString &address, qint64 nowMs, QString *error,
              FailureReason reason = FailureReason::None);

} // namespace Quarantine
