#include "quarantine.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

QString QuarantineEntry::statusName(Status s)
{
    switch (s) {
    case Status::Valid:
        return u"valid"_s;
    case Status::WithErrors:
        return u"with_errors"_s;
    case Status::Quarantine:
        return u"quarantine"_s;
    case Status::Denylisted:
        return u"denylisted"_s;
    }
    return {};
}

QuarantineEntry::Status QuarantineEntry::statusFromName(const QString &name)
{
    if (name == u"with_errors"_s)
        return Status::WithErrors;
    if (name == u"quarantine"_s)
        return Status::Quarantine;
    if (name == u"denylisted"_s)
        return Status::Denylisted;
    return Status::Valid;
}

namespace Quarantine {

namespace {

enum class Effect { None, AtOnce, Counter };

Effect effectOf(FailureReason reason)
{
    switch (reason) {
    case FailureReason::UserUnknown:
        return Effect::AtOnce;
    case FailureReason::InvalidDomain:
    case FailureReason::MailboxFull:
    case FailureReason::InactiveMailbox:
    case FailureReason::Unreachable:
        return Effect::Counter;
    default:
        // Refused is a sender problem, too large and undefined say nothing about the address.
        return Effect::None;
    }
}

bool fail(QString *error, const QSqlQuery &q)
{
    if (error)
        *error = q.lastError().text();
    return false;
}

} // namespace

QuarantineEntry next(const QuarantineEntry &current, FailureReason reason, qint64 nowMs)
{
    QuarantineEntry e = current;
    if (e.status == QuarantineEntry::Status::Denylisted)
        return e;
    switch (effectOf(reason)) {
    case Effect::None:
        return e;
    case Effect::AtOnce:
        e.status = QuarantineEntry::Status::Quarantine;
        e.errorCount += 1;
        e.lastError = LogStates::name(reason);
        e.lastErrorAtMs = nowMs;
        return e;
    case Effect::Counter:
        break;
    }
    if (e.lastErrorAtMs > 0 && nowMs - e.lastErrorAtMs >= CounterResetAfter &&
        e.status != QuarantineEntry::Status::Quarantine)
        e.errorCount = 0;
    // Errors closer than a day to the previous counted one are the same incident.
    if (e.errorCount > 0 && nowMs - e.lastErrorAtMs < MinGapBetweenCountedErrors)
        return e;
    e.errorCount += 1;
    e.lastError = LogStates::name(reason);
    e.lastErrorAtMs = nowMs;
    if (e.status != QuarantineEntry::Status::Quarantine)
        e.status = e.errorCount >= ErrorsBeforeQuarantine ? QuarantineEntry::Status::Quarantine
                                                          : QuarantineEntry::Status::WithErrors;
    return e;
}

bool record(QSqlDatabase db, const QString &address, FailureReason reason, qint64 nowMs, QString *error)
{
    if (effectOf(reason) == Effect::None || address.isEmpty())
        return true;
    QSqlQuery q(db);
    q.prepare(u"SELECT status, error_count, last_error, last_error_at FROM quarantine WHERE address = ?"_s);
    q.addBindValue(address);
    if (!q.exec())
        return fail(error, q);
    QuarantineEntry cur;
    if (q.next()) {
        cur.status = QuarantineEntry::statusFromName(q.value(0).toString());
        cur.errorCount = q.value(1).toInt();
        cur.lastError = q.value(2).toString();
        cur.lastErrorAtMs = q.value(3).toLongLong();
    }
    q.finish();
    const QuarantineEntry n = next(cur, reason, nowMs);
    q.prepare(u"INSERT INTO quarantine (address, status, error_count, last_error, last_error_at, updated_at) "
              "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(address) DO UPDATE SET status = excluded.status, "
              "error_count = excluded.error_count, last_error = excluded.last_error, "
              "last_error_at = excluded.last_error_at, updated_at = excluded.updated_at"_s);
    q.addBindValue(address);
    q.addBindValue(QuarantineEntry::statusName(n.status));
    q.addBindValue(n.errorCount);
    q.addBindValue(n.lastError.isNull() ? u""_s : n.lastError);
    q.addBindValue(n.lastErrorAtMs);
    q.addBindValue(nowMs);
    return q.exec() || fail(error, q);
}

bool expire(QSqlDatabase db, qint64 nowMs, QString *error)
{
    QSqlQuery q(db);
    q.prepare(u"UPDATE quarantine SET status = 'valid', error_count = 0, updated_at = ? "
              "WHERE (status = 'quarantine' AND last_error = 'mailbox_full' AND last_error_at <= ?) "
              "OR (status = 'with_errors' AND last_error_at <= ?)"_s);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs - MailboxFullReleaseAfter);
    q.addBindValue(nowMs - CounterResetAfter);
    return q.exec() || fail(error, q);
}

bool release(QSqlDatabase db, const QString &address, qint64 nowMs, QString *error)
{
    QSqlQuery q(db);
    q.prepare(u"UPDATE quarantine SET status = 'valid', error_count = 0, updated_at = ? WHERE address = ?"_s);
    q.addBindValue(nowMs);
    q.addBindValue(address);
    return q.exec() || fail(error, q);
}

bool denylist(QSqlDatabase db, const QString &address, qint64 nowMs, QString *error, FailureReason reason)
{
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO quarantine (address, status, last_error, last_error_at, updated_at) "
              "VALUES (?, 'denylisted', ?, ?, ?) ON CONFLICT(address) DO UPDATE SET status = 'denylisted', "
              "last_error = CASE WHEN ? = '' THEN last_error ELSE excluded.last_error END, "
              "last_error_at = CASE WHEN ? = '' THEN last_error_at ELSE excluded.last_error_at END, "
              "updated_at = excluded.updated_at"_s);
    const QString why = LogStates::name(reason);
    q.addBindValue(address);
    q.addBindValue(why);
    q.addBindValue(reason == FailureReason::None ? 0 : nowMs);
    q.addBindValue(nowMs);
    q.addBindValue(why);
    q.addBindValue(why);
    return q.exec() || fail(error, q);
}

} // namespace Quarantine
