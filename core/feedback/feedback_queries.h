#pragma once

#include "mailbox_config.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

// One entry of a recipient's feedback timeline (docs/product.md §7): a synchronous reply of an
// attempt, or a report read later (a DSN, a text bounce, a complaint, an auto-reply), each with
// the rule that qualified it.
struct FeedbackTimelineEntry
{
    enum class Source { Attempt, Report };
    Source source = Source::Attempt;
    qint64 atMs = 0;
    QString kind;                 // attempt: the outcome (accepted, temporary, permanent, ...); report: dsn, arf, ...
    QString action;               // report: failed, delayed, delivered, relayed; attempt: empty
    QString status;               // the enhanced code
    QString text;                 // the reply, or the diagnostic
    QString remote;               // the host that answered, or the Remote-MTA
    QString type;                 // failure type machine name
    QString reason;               // failure reason machine name
    QString rule;                 // "reply:N", "inbound:N", "status", "fallback"; empty when none
    QString applied;              // report: what it did (sent, failed, delayed, denylisted, none: why)
    QString correlation;          // report: verp, envid, message_id
    qint64 feedbackMessageId = 0; // report: its stored message (rawMessage)
};

// A report that named nobody the database knows (docs/product.md §4): kept, never dropped.
struct UnmatchedFeedback
{
    qint64 eventId = 0;
    qint64 feedbackMessageId = 0;
    qint64 receivedAtMs = 0;
    QString source;  // imap, file
    QString mailbox; // the mailbox key or the file
    QString kind;
    QString sender;
    QString subject;
    QString address; // the address the report names, if any
    QString action;
    QString status;
    QString diagnostic;
};

// A bounce mailbox to read, and the route it belongs to.
struct FeedbackMailbox
{
    QString routeName; // the saved route's name, or "delivery N" for an inline route
    MailboxConfig config;
};

namespace FeedbackQueries {

// Attempts and reports of one recipient, oldest first.
QList<FeedbackTimelineEntry> timeline(QSqlDatabase db, qint64 recipientId, QString *error);
qint64 unmatchedCount(QSqlDatabase db, QString *error);
// Newest first.
QList<UnmatchedFeedback> unmatched(QSqlDatabase db, qint64 offset, int limit, QString *error);
// The stored message (capped at FeedbackApplier::MaxStoredRawBytes) and its full size.
std::optional<QByteArray> rawMessage(QSqlDatabase db, qint64 feedbackMessageId, qint64 *fullSize, QString *error);

// The bounce mailboxes of the saved routes (only routeName's when given) and, without a name,
// those of the inline routes of deliveries that were sent (late bounces still arrive after a
// delivery finished); one per mailbox. A route whose mailbox is
// invalid is reported in errors, naming the route and the field.
QList<FeedbackMailbox> mailboxes(QSqlDatabase db, const QString &routeName, QStringList *errors);

} // namespace FeedbackQueries
