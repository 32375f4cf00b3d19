#include "feedback_applier.h"

#include "engine/delivery_lease.h"
#include "log/log_table.h"
#include "quarantine.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

bool fail(QString *error, const QString &what, const QSqlQuery &q)
{
    if (error)
        *error = what + u": "_s + q.lastError().text();
    return false;
}

QString bracketed(const QString &messageId)
{
    QString id = messageId.trimmed();
    if (!id.startsWith(u'<'))
        id.prepend(u'<');
    if (!id.endsWith(u'>'))
        id.append(u'>');
    return id;
}

// A null QString binds as NULL; the text columns are NOT NULL with '' for none.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

bool sameAddress(const QString &a, const QString &b)
{
    return !a.isEmpty() && a.compare(b, Qt::CaseInsensitive) == 0;
}

// What a report does to the log (docs/product.md §3): the event, or nullopt for none.
std::optional<LogEvent> eventFor(const FeedbackMessage &message, const FeedbackRecipient &r)
{
    if (message.kind != FeedbackMessage::Kind::Dsn && message.kind != FeedbackMessage::Kind::Bounce)
        return std::nullopt;
    const QString action = r.action.toLower();
    LogEvent e;
    e.reply = r.diagnostic.isEmpty() ? r.status : r.diagnostic;
    e.reason = r.reason;
    if (action == u"delivered"_s || action == u"relayed"_s || action == u"expanded"_s) {
        e.kind = LogEvent::Kind::DestinationAccepted;
        e.reply = u"report: "_s + action + (r.status.isEmpty() ? QString() : u" "_s + r.status);
        return e;
    }
    if (action == u"delayed"_s) {
        e.kind = LogEvent::Kind::ReportDelayed;
        return e;
    }
    // "failed", or a text bounce that names no action: the relay gave up on this recipient.
    if (action.isEmpty() || action == u"failed"_s) {
        if (r.type == FailureType::None && r.status.isEmpty() && r.diagnostic.isEmpty() &&
            message.kind == FeedbackMessage::Kind::Dsn)
            return std::nullopt;
        e.kind = LogEvent::Kind::HardBounce;
        e.fromReport = true;
        // A failure report is final whatever the code says: the relay has given up. A 4.x.x one
        // (a queue lifetime reached) is typed soft, so the address is counted, not quarantined.
        e.type =
            r.type == FailureType::None ? (r.status.startsWith(u'4') ? FailureType::Soft : FailureType::Hard) : r.type;
        if (e.reason == FailureReason::None)
            e.reason = FailureReason::NotDefined;
        return e;
    }
    return std::nullopt;
}

QString appliedName(const std::optional<LogEvent> &e)
{
    if (!e)
        return u"none"_s;
    switch (e->kind) {
    case LogEvent::Kind::DestinationAccepted:
        return u"sent"_s;
    case LogEvent::Kind::ReportDelayed:
        return u"delayed"_s;
    case LogEvent::Kind::HardBounce:
        return u"failed"_s;
    default:
        return u"none"_s;
    }
}

} // namespace

FeedbackApplier::FeedbackApplier(QSqlDatabase db, VerpKey key)
    : m_db(db)
    , m_key(std::move(key))
    , m_log(std::make_unique<LogTable>(m_db))
{}

FeedbackApplier::~FeedbackApplier() = default;

std::optional<FeedbackApplier::Target> FeedbackApplier::byToken(const QString &token, const QString &how)
{
    const std::optional<VerpKey::Target> t = m_key.verify(token);
    if (!t)
        return std::nullopt;
    QSqlQuery q(m_db);
    q.prepare(u"SELECT r.email_norm, l.state = 'pending' AND l.in_flight = 1, l.updated_at FROM recipient_log l "
              "JOIN recipients r ON r.id = l.recipient_id WHERE l.recipient_id = ? AND l.delivery_id = ?"_s);
    q.addBindValue(t->recipientId);
    q.addBindValue(t->deliveryId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return Target{t->deliveryId, t->recipientId,      q.value(0).toString(),
                  how,           q.value(1).toBool(), q.value(2).toLongLong()};
}

std::optional<FeedbackApplier::Target> FeedbackApplier::byMessageId(const QString &messageId)
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT l.delivery_id, l.recipient_id, r.email_norm, l.state = 'pending' AND l.in_flight = 1, "
              "l.updated_at FROM recipient_log l JOIN recipients r ON r.id = l.recipient_id WHERE l.message_id = ?"_s);
    q.addBindValue(bracketed(messageId));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return Target{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                  u"message_id"_s,         q.value(3).toBool(),     q.value(4).toLongLong()};
}

std::optional<FeedbackApplyResult> FeedbackApplier::apply(const QByteArray &raw, const FeedbackMessage &message,
                                                          const FeedbackSource &source, qint64 nowMs, QString *error)
{
    FeedbackApplyResult result;
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(raw, QCryptographicHash::Sha256).toHex());
    QSqlQuery q(m_db);
    q.prepare(u"SELECT id FROM feedback_messages WHERE sha256 = ?"_s);
    q.addBindValue(sha);
    if (!q.exec()) {
        fail(error, u"cannot read the feedback messages"_s, q);
        return std::nullopt;
    }
    if (q.next()) {
        // Applied before (a crash between the commit and the \Seen flag, or the same file twice).
        result.duplicate = true;
        result.feedbackMessageId = q.value(0).toLongLong();
        return result;
    }
    // Correlation, strongest first; a token that does not verify names nobody.
    std::optional<Target> target;
    for (const QString &token : message.verpTokens) {
        if ((target = byToken(token, u"verp"_s)))
            break;
    }
    if (!target && !message.envid.isEmpty())
        target = byToken(message.envid, u"envid"_s);
    if (!target) {
        for (const QString &id : message.returnedMessageIds) {
            if ((target = byMessageId(id)))
                break;
        }
    }

    // A delivery or failure report about a message whose send is not committed yet waits.
    const bool report = message.kind == FeedbackMessage::Kind::Dsn || message.kind == FeedbackMessage::Kind::Bounce;
    if (source.mayDefer && report && target && target->inFlight && nowMs - target->updatedAtMs < DeferLimitMs) {
        result.deferred = true;
        return result;
    }
    q.prepare(u"INSERT INTO feedback_messages (sha256, source, mailbox, uid_validity, uid, received_at, kind, "
              "feedback_type, sender, subject, size, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(sha);
    q.addBindValue(text(source.source));
    q.addBindValue(text(source.mailbox));
    q.addBindValue(source.uidValidity);
    q.addBindValue(source.uid);
    q.addBindValue(nowMs);
    q.addBindValue(FeedbackMessage::kindName(message.kind));
    q.addBindValue(text(message.feedbackType));
    q.addBindValue(text(message.sender.left(998)));
    q.addBindValue(text(message.subject.left(998)));
    q.addBindValue(raw.size());
    q.addBindValue(raw.left(MaxStoredRawBytes)); // on demand in the timeline; size-capped
    if (!q.exec()) {
        fail(error, u"cannot record the feedback message"_s, q);
        return std::nullopt;
    }
    result.feedbackMessageId = q.lastInsertId().toLongLong();

    QList<FeedbackRecipient> recipients = message.recipients;
    if (recipients.isEmpty()) {
        // A complaint, an auto-reply or an unsubscribe request may name nobody: it concerns the
        // recipient of the message it answers, or else its sender.
        FeedbackRecipient r;
        r.address = target ? target->address : message.sender;
        recipients.append(r);
    }
    // One message per recipient is sent, so one report names one recipient; when a report
    // lists several, the target is the one whose address matches (or the only one).
    for (const FeedbackRecipient &r : std::as_const(recipients)) {
        const bool matches = target && (recipients.size() == 1 || sameAddress(r.address, target->address) ||
                                        sameAddress(r.originalRecipient, target->address));
        if (!applyRecipient(message, r, matches ? &*target : nullptr, result.feedbackMessageId, nowMs, &result, error))
            return std::nullopt;
    }
    return result;
}

bool FeedbackApplier::applyRecipient(const FeedbackMessage &message, const FeedbackRecipient &r, const Target *target,
                                     qint64 feedbackMessageId, qint64 nowMs, FeedbackApplyResult *result,
                                     QString *error)
{
    QString applied = u"none"_s;
    if (target) {
        ++result->matched;
        if (!result->deliveries.contains(target->deliveryId))
            result->deliveries.append(target->deliveryId);
        const std::optional<LogEvent> event = eventFor(message, r);
        if (event) {
            bool dbError = false;
            const LogTransition t = m_log->apply(target->recipientId, *event, nowMs, &dbError);
            if (dbError) {
                if (error)
                    *error = u"cannot change the log: "_s + m_log->error();
                return false;
            }
            if (t.accepted) {
                ++result->changed;
                applied = appliedName(event);
                if (event->kind == LogEvent::Kind::HardBounce &&
                    !Quarantine::record(m_db, target->address, event->reason, nowMs, error))
                    return false;
            } else {
                applied = u"none: "_s + t.error;
            }
        } else if (message.kind == FeedbackMessage::Kind::Arf || message.kind == FeedbackMessage::Kind::Unsubscribe) {
            const FailureReason why =
                message.kind == FeedbackMessage::Kind::Arf ? FailureReason::Complaint : FailureReason::Unsubscribed;
            if (!Quarantine::denylist(m_db, target->address, nowMs, error, why))
                return false;
            applied = u"denylisted"_s;
        }
    } else {
        ++result->unmatched;
    }
    QSqlQuery q(m_db);
    q.prepare(u"INSERT INTO feedback_events (feedback_message_id, delivery_id, recipient_id, address, kind, action, "
              "status, diagnostic, remote_mta, failure_type, failure_reason, rule, correlation, applied, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(feedbackMessageId);
    q.addBindValue(target ? QVariant(target->deliveryId) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(target ? QVariant(target->recipientId) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(text(r.address.left(320)));
    q.addBindValue(FeedbackMessage::kindName(message.kind));
    q.addBindValue(text(r.action.left(32)));
    q.addBindValue(text(r.status.left(32)));
    q.addBindValue(text(r.diagnostic.left(2000)));
    q.addBindValue(text(r.remoteMta.left(255)));
    q.addBindValue(text(LogStates::name(r.type)));
    q.addBindValue(text(LogStates::name(r.reason)));
    q.addBindValue(
        text(r.rule.isEmpty() && message.inboundRule > 0 ? u"inbound:%1"_s.arg(message.inboundRule) : r.rule));
    q.addBindValue(target ? target->correlation : QString(u""_s));
    q.addBindValue(applied);
    q.addBindValue(nowMs);
    if (!q.exec())
        return fail(error, u"cannot record the feedback event"_s, q);
    return true;
}

bool FeedbackApplier::closeIfDone(QSqlDatabase db, qint64 deliveryId, qint64 nowMs, QString *error)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT d.state, coalesce(d.validity_end_at, 0), "
              "sum(CASE WHEN l.state = 'pending' THEN 1 ELSE 0 END), "
              "sum(CASE WHEN l.state = 'taken_into_account' THEN 1 ELSE 0 END) "
              "FROM deliveries d LEFT JOIN recipient_log l ON l.delivery_id = d.id WHERE d.id = ?"_s);
    q.addBindValue(deliveryId);
    if (!q.exec() || !q.next())
        return fail(error, u"cannot read delivery %1"_s.arg(deliveryId), q);
    const QString state = q.value(0).toString();
    const qint64 validityEnd = q.value(1).toLongLong();
    const qint64 pending = q.value(2).toLongLong();
    const qint64 held = q.value(3).toLongLong();
    q.finish();
    if (state != u"in_progress"_s || pending > 0)
        return false;
    if (held > 0 && (validityEnd <= 0 || nowMs < validityEnd))
        return false;
    // A run holding the delivery closes it itself; only a delivery nobody runs is closed here.
    DeliveryLease lease;
    QString leaseError;
    if (!lease.acquire(db.databaseName(), deliveryId, &leaseError))
        return false;
    if (held > 0) {
        // Validity ended: a relay-delayed message fails (validity expired); the rest stays
        // Taken into account and counts as "no report".
        QSqlQuery ids(db);
        ids.prepare(u"SELECT recipient_id FROM recipient_log WHERE delivery_id = ? AND state = 'taken_into_account' "
                    "AND failure_type = 'soft'"_s);
        ids.addBindValue(deliveryId);
        if (!ids.exec())
            return fail(error, u"cannot close delivery %1"_s.arg(deliveryId), ids);
        LogTable log(db);
        LogEvent expired;
        expired.kind = LogEvent::Kind::ValidityExpired;
        while (ids.next()) {
            bool dbError = false;
            log.apply(ids.value(0).toLongLong(), expired, nowMs, &dbError);
            if (dbError) {
                if (error)
                    *error = u"cannot close delivery %1: %2"_s.arg(deliveryId).arg(log.error());
                return false;
            }
        }
    }
    QSqlQuery u(db);
    u.prepare(u"UPDATE deliveries SET state = 'finished', finished_at = ?, updated_at = ? WHERE id = ? "
              "AND state = 'in_progress'"_s);
    u.addBindValue(nowMs);
    u.addBindValue(nowMs);
    u.addBindValue(deliveryId);
    if (!u.exec())
        return fail(error, u"cannot close delivery %1"_s.arg(deliveryId), u);
    return u.numRowsAffected() > 0;
}
