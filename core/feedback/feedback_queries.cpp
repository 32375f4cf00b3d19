#include "feedback_queries.h"

#include "routing/route_config.h"
#include "routing/route_store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace FeedbackQueries {

namespace {
bool failed(QString *error, const QSqlQuery &q)
{
    if (error)
        *error = q.lastError().text();
    return false;
}
} // namespace

QList<FeedbackTimelineEntry> timeline(QSqlDatabase db, qint64 recipientId, QString *error)
{
    QList<FeedbackTimelineEntry> out;
    QSqlQuery q(db);
    q.prepare(u"SELECT coalesce(finished_at, started_at), outcome, enhanced_code, reply, remote_host, "
              "failure_reason, rule FROM attempts WHERE recipient_id = ? ORDER BY id"_s);
    q.addBindValue(recipientId);
    if (!q.exec()) {
        failed(error, q);
        return out;
    }
    while (q.next()) {
        FeedbackTimelineEntry e;
        e.source = FeedbackTimelineEntry::Source::Attempt;
        e.atMs = q.value(0).toLongLong();
        e.kind = q.value(1).toString();
        e.status = q.value(2).toString();
        e.text = q.value(3).toString();
        e.remote = q.value(4).toString();
        e.reason = q.value(5).toString();
        const int rule = q.value(6).toInt();
        e.rule = rule > 0 ? u"reply:%1"_s.arg(rule) : QString();
        out.append(e);
    }
    q.prepare(u"SELECT created_at, kind, action, status, diagnostic, remote_mta, failure_type, failure_reason, rule, "
              "applied, correlation, feedback_message_id FROM feedback_events WHERE recipient_id = ? ORDER BY id"_s);
    q.addBindValue(recipientId);
    if (!q.exec()) {
        failed(error, q);
        return out;
    }
    while (q.next()) {
        FeedbackTimelineEntry e;
        e.source = FeedbackTimelineEntry::Source::Report;
        e.atMs = q.value(0).toLongLong();
        e.kind = q.value(1).toString();
        e.action = q.value(2).toString();
        e.status = q.value(3).toString();
        e.text = q.value(4).toString();
        e.remote = q.value(5).toString();
        e.type = q.value(6).toString();
        e.reason = q.value(7).toString();
        e.rule = q.value(8).toString();
        e.applied = q.value(9).toString();
        e.correlation = q.value(10).toString();
        e.feedbackMessageId = q.value(11).toLongLong();
        out.append(e);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const FeedbackTimelineEntry &a, const FeedbackTimelineEntry &b) { return a.atMs < b.atMs; });
    return out;
}

qint64 unmatchedCount(QSqlDatabase db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT count(*) FROM feedback_events WHERE recipient_id IS NULL"_s) || !q.next()) {
        failed(error, q);
        return -1;
    }
    return q.value(0).toLongLong();
}

QList<UnmatchedFeedback> unmatched(QSqlDatabase db, qint64 offset, int limit, QString *error)
{
    QList<UnmatchedFeedback> out;
    QSqlQuery q(db);
    q.prepare(u"SELECT e.id, m.id, m.received_at, m.source, m.mailbox, e.kind, m.sender, m.subject, e.address, "
              "e.action, e.status, e.diagnostic FROM feedback_events e JOIN feedback_messages m "
              "ON m.id = e.feedback_message_id WHERE e.recipient_id IS NULL ORDER BY e.id DESC LIMIT ? OFFSET ?"_s);
    q.addBindValue(std::clamp(limit, 1, 10000));
    q.addBindValue(std::max<qint64>(0, offset));
    if (!q.exec()) {
        failed(error, q);
        return out;
    }
    while (q.next()) {
        UnmatchedFeedback u;
        u.eventId = q.value(0).toLongLong();
        u.feedbackMessageId = q.value(1).toLongLong();
        u.receivedAtMs = q.value(2).toLongLong();
        u.source = q.value(3).toString();
        u.mailbox = q.value(4).toString();
        u.kind = q.value(5).toString();
        u.sender = q.value(6).toString();
        u.subject = q.value(7).toString();
        u.address = q.value(8).toString();
        u.action = q.value(9).toString();
        u.status = q.value(10).toString();
        u.diagnostic = q.value(11).toString();
        out.append(u);
    }
    return out;
}

std::optional<QByteArray> rawMessage(QSqlDatabase db, qint64 feedbackMessageId, qint64 *fullSize, QString *error)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT raw, size FROM feedback_messages WHERE id = ?"_s);
    q.addBindValue(feedbackMessageId);
    if (!q.exec()) {
        failed(error, q);
        return std::nullopt;
    }
    if (!q.next()) {
        if (error)
            *error = u"no feedback message %1"_s.arg(feedbackMessageId);
        return std::nullopt;
    }
    if (fullSize)
        *fullSize = q.value(1).toLongLong();
    return q.value(0).toByteArray();
}

QList<FeedbackMailbox> mailboxes(QSqlDatabase db, const QString &routeName, QStringList *errors)
{
    QList<FeedbackMailbox> out;
    QSet<QString> keys;
    auto add = [&](const QString &name, const QJsonObject &mailbox) {
        if (mailbox.isEmpty())
            return;
        QStringList problems;
        const MailboxConfig config = MailboxConfig::fromJson(mailbox, &problems);
        if (!problems.isEmpty()) {
            for (const QString &p : std::as_const(problems))
                errors->append(u"route %1: %2"_s.arg(name, p));
            return;
        }
        if (!config.isSet() || keys.contains(config.key()))
            return;
        keys.insert(config.key());
        out.append({name, config});
    };
    QString error;
    for (const QJsonObject &route : RouteStore(db).list(&error)) {
        const QString name = route.value(u"name"_s).toString();
        if (routeName.isEmpty() || name == routeName)
            add(name, route.value(u"bounce_mailbox"_s).toObject());
    }
    if (!error.isEmpty())
        errors->append(u"cannot read the saved routes: "_s + error);
    if (!routeName.isEmpty())
        return out;
    QSqlQuery q(db);
    if (!q.exec(
            u"SELECT id, definition FROM deliveries WHERE state NOT IN ('being_edited', 'analyzed', 'analysis_failed')"_s)) {
        errors->append(u"cannot read the deliveries: "_s + q.lastError().text());
        return out;
    }
    while (q.next()) {
        const QJsonObject route =
            QJsonDocument::fromJson(q.value(1).toByteArray()).object().value(u"route"_s).toObject();
        if (!route.contains(u"name"_s))
            add(u"delivery %1"_s.arg(q.value(0).toLongLong()), route.value(u"bounce_mailbox"_s).toObject());
    }
    return out;
}

} // namespace FeedbackQueries
