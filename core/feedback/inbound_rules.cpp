#include "inbound_rules.h"

#include "feedback/bounce_classifier.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace InboundRules {

namespace {

using Kind = FeedbackMessage::Kind;

InboundRule rule(const QString &sender, const QString &subject, const QString &body, Kind kind,
                 FailureType type = FailureType::None, FailureReason reason = FailureReason::None)
{
    return InboundRule{sender, subject, body, kind, type, reason, true};
}

// The empty machine name stands for "none" in the table, as in the schema's defaults.
QString typeName(FailureType t)
{
    return t == FailureType::None ? QString() : LogStates::name(t);
}

QString reasonName(FailureReason r)
{
    return r == FailureReason::None ? QString() : LogStates::name(r);
}

std::optional<FailureType> typeFromName(const QString &name)
{
    return name.isEmpty() ? FailureType::None : LogStates::failureTypeFromName(name);
}

std::optional<FailureReason> reasonFromName(const QString &name)
{
    return name.isEmpty() ? FailureReason::None : LogStates::failureReasonFromName(name);
}

std::optional<InboundRule> parseOne(const InboundRuleDraft &d, int position, Problem *problem)
{
    auto fail = [&](const QString &field, const QString &message) -> std::optional<InboundRule> {
        if (problem)
            *problem = Problem{position, field, message};
        return std::nullopt;
    };
    const std::pair<const QString *, const char16_t *> patterns[] = {{&d.senderPattern, u"sender pattern"},
                                                                     {&d.subjectPattern, u"subject pattern"},
                                                                     {&d.bodyPattern, u"body pattern"}};
    for (const auto &[pattern, field] : patterns) {
        if (pattern->isEmpty())
            continue;
        const QRegularExpression re(*pattern);
        if (!re.isValid())
            return fail(QString::fromUtf16(field),
                        u"'%1' is not a valid regular expression: %2 at offset %3"_s.arg(
                            *pattern, re.errorString(), QString::number(re.patternErrorOffset())));
    }
    if (d.senderPattern.isEmpty() && d.subjectPattern.isEmpty() && d.bodyPattern.isEmpty())
        return fail(u"patterns"_s, u"a rule needs a sender, subject or body pattern (it would match every message)"_s);
    const QString kindText = d.kind.trimmed();
    const Kind kind = FeedbackMessage::kindFromName(kindText);
    if (!allowedKinds().contains(kind)) {
        QStringList names;
        for (Kind k : allowedKinds())
            names.append(FeedbackMessage::kindName(k));
        return fail(u"kind"_s, u"'%1' is not one of %2"_s.arg(d.kind, names.join(u", "_s)));
    }
    const auto type = typeFromName(d.type.trimmed());
    if (!type || !allowedTypes().contains(*type)) {
        QStringList names;
        for (FailureType t : allowedTypes())
            if (t != FailureType::None)
                names.append(LogStates::name(t));
        return fail(u"failure type"_s, u"'%1' is not empty or one of %2"_s.arg(d.type, names.join(u", "_s)));
    }
    const auto reason = reasonFromName(d.reason.trimmed());
    if (!reason || !allowedReasons().contains(*reason)) {
        QStringList names;
        for (FailureReason r : allowedReasons())
            if (r != FailureReason::None)
                names.append(LogStates::name(r));
        return fail(u"failure reason"_s, u"'%1' is not empty or one of %2"_s.arg(d.reason, names.join(u", "_s)));
    }
    return InboundRule{d.senderPattern, d.subjectPattern, d.bodyPattern, kind, *type, *reason, d.enabled};
}

} // namespace

QList<FeedbackMessage::Kind> allowedKinds()
{
    using Kind = FeedbackMessage::Kind;
    return {Kind::Bounce, Kind::AutoReply, Kind::Unsubscribe, Kind::Dsn, Kind::Arf};
}

QList<FailureType> allowedTypes()
{
    return {FailureType::None, FailureType::Hard, FailureType::Soft, FailureType::Ignored};
}

QList<FailureReason> allowedReasons()
{
    return {FailureReason::None,        FailureReason::UserUnknown,     FailureReason::InvalidDomain,
            FailureReason::MailboxFull, FailureReason::InactiveMailbox, FailureReason::Refused,
            FailureReason::Unreachable, FailureReason::MessageTooLarge, FailureReason::NotDefined,
            FailureReason::Complaint,   FailureReason::Unsubscribed};
}

QList<InboundRule> defaults()
{
    using T = FailureType;
    using R = FailureReason;
    // Senders that only a mail system uses: a rule for a text bounce needs one of them or a
    // wording no person writes, so a human reply quoting a bounce is not read as one.
    const QString daemon = u"mailer-daemon|postmaster|mail ?delivery|mail ?administrator|mdaemon|mail-daemon|"
                           "mailer@|daemon@|nobody@|smtp|mailadmin|network ?services"_s;
    return {
        // RFC 3834 auto-replies by their subjects (the headers are checked in code): never a
        // bounce, Ignored (docs/product.md §4).
        rule({},
             u"^\\s*(auto(matic|matische)?[ -]?(reply|response|antwort|answer)|out of (the )?office|"
             "away from (the )?office|on vacation|vacation|abwesenheit|absence|r[ée]ponse automatique|"
             "respuesta autom[áa]tica|risposta automatica|부재중|自動応答|不在)"_s,
             {}, Kind::AutoReply, T::Ignored),
        // Text bounces of well-known MTAs, by a wording each one always writes.
        rule({}, {}, u"Hi\\. This is the qmail-send program"_s, Kind::Bounce, T::Hard, R::NotDefined),
        rule({}, {},
             u"This message was created automatically by mail delivery software|"
             "A message that you sent could not be delivered"_s,
             Kind::Bounce, T::Hard, R::NotDefined),
        rule({}, {}, u"-+ ?The following addresses had (permanent fatal|transient non-fatal) errors ?-+"_s,
             Kind::Bounce, T::Hard, R::NotDefined),
        rule({}, {},
             u"Delivery has failed to these recipients|Your message (did not|couldn't|could not) reach some or all|"
             "could not be delivered to the following recipients?|did not reach the following recipient"_s,
             Kind::Bounce, T::Hard, R::NotDefined),
        rule({}, u"Delivery Status Notification \\((Failure|Delay)\\)"_s, {}, Kind::Bounce, T::Hard, R::NotDefined),
        rule(daemon, {}, u"Address not found|wasn't delivered to|couldn't be delivered"_s, Kind::Bounce, T::Hard,
             R::NotDefined),
        rule({}, {},
             u"Sorry, we were unable to deliver your message|Unable to deliver message to the following address"_s,
             Kind::Bounce, T::Hard, R::NotDefined),
        rule({}, {}, u"This is the mail system at host|I'm sorry to have to inform you that your message"_s,
             Kind::Bounce, T::Hard, R::NotDefined),
        // Lotus Notes / Domino, Novell GroupWise and other gateways.
        rule({}, {},
             u"was not delivered to:|The following recipients? did not receive|Your message was not delivered|"
             "Delivery to the following recipients? failed|The original message was not delivered"_s,
             Kind::Bounce, T::Hard, R::NotDefined),
        // Delay warnings: soft until a failure report follows.
        rule(daemon,
             u"warning|delayed|delay|not (yet )?been delivered|still (being )?retried|will (retry|keep trying)"_s, {},
             Kind::Bounce, T::Soft, R::NotDefined),
        // Any other report from a mail system that says it could not deliver.
        rule(daemon,
             u"undeliver|undelivered|returned mail|failure|failed|fail|delivery (status|problem|notification|error)|"
             "non[- ]?delivery|nicht zustellbar|unzustellbar|could not|unable|not delivered|rejected|bounce"_s,
             {}, Kind::Bounce, T::Hard, R::NotDefined),
        rule(daemon, {},
             u"(could not|couldn't|cannot|can't|unable to|was not|wasn't) (be )?deliver|undeliverable|"
             "permanent (fatal )?error|user unknown|no such (user|mailbox)|does not exist|intended recipient|"
             "^\\s*<[^<>@\\s]+@[^<>\\s]+>:"_s,
             Kind::Bounce, T::Hard, R::NotDefined),
        // Gateways that write from a person-like address: a failure subject and a failure text.
        rule({},
             u"undeliver|not delivered|could not be delivered|delivery (failure|failed)|non[- ]?delivery|"
             "failure notice|returned mail|mail delivery failed|non remis|unzustellbar|nicht zustellbar"_s,
             u"(could not|couldn't|cannot|unable to|n'a pas pu) (be )?(deliver|d[ée]livr)|undeliverable|"
             "non-delivery|user unknown|unknown user|no such user|does not exist"_s,
             Kind::Bounce, T::Hard, R::NotDefined),
        // A List-Unsubscribe mailto: request (RFC 2369): the subject alone; the address form
        // unsubscribe+TOKEN@ is recognized in code.
        rule({}, u"^\\s*unsubscribe\\b"_s, {}, Kind::Unsubscribe, T::Hard, R::Unsubscribed),
    };
}

QString Problem::toString() const
{
    return u"Rule %1, %2: %3"_s.arg(QString::number(position), field, message);
}

QList<InboundRuleDraft> toDrafts(const QList<InboundRule> &rules)
{
    QList<InboundRuleDraft> drafts;
    drafts.reserve(rules.size());
    for (const InboundRule &r : rules)
        drafts.append({r.senderPattern, r.subjectPattern, r.bodyPattern, FeedbackMessage::kindName(r.kind),
                       typeName(r.type), reasonName(r.reason), r.enabled});
    return drafts;
}

std::optional<QList<InboundRule>> parse(const QList<InboundRuleDraft> &drafts, Problem *problem)
{
    QList<InboundRule> rules;
    rules.reserve(drafts.size());
    for (qsizetype i = 0; i < drafts.size(); ++i) {
        const auto r = parseOne(drafts.at(i), int(i) + 1, problem);
        if (!r)
            return std::nullopt;
        rules.append(*r);
    }
    return rules;
}

QList<InboundRule> load(QSqlDatabase db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT sender_pattern, subject_pattern, body_pattern, kind, failure_type, failure_reason, enabled "
                "FROM inbound_rules ORDER BY position, id"_s)) {
        if (error)
            *error = q.lastError().text();
        return defaults();
    }
    QList<InboundRule> rules;
    while (q.next()) {
        InboundRule r;
        r.senderPattern = q.value(0).toString();
        r.subjectPattern = q.value(1).toString();
        r.bodyPattern = q.value(2).toString();
        r.kind = FeedbackMessage::kindFromName(q.value(3).toString());
        r.type = typeFromName(q.value(4).toString()).value_or(FailureType::None);
        r.reason = reasonFromName(q.value(5).toString()).value_or(FailureReason::None);
        r.enabled = q.value(6).toBool();
        rules.append(r);
    }
    if (rules.isEmpty()) {
        rules = defaults();
        save(db, rules, error);
    }
    return rules;
}

bool save(QSqlDatabase db, const QList<InboundRule> &rules, QString *error)
{
    QSqlQuery q(db);
    const bool ownTransaction = db.transaction();
    auto failed = [&](const QString &message) {
        if (error)
            *error = message;
        if (ownTransaction)
            db.rollback();
        return false;
    };
    if (!q.exec(u"DELETE FROM inbound_rules"_s))
        return failed(q.lastError().text());
    q.prepare(u"INSERT INTO inbound_rules (position, sender_pattern, subject_pattern, body_pattern, kind, "
              "failure_type, failure_reason, enabled) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const InboundRule &r = rules.at(i);
        q.addBindValue(int(i));
        q.addBindValue(r.senderPattern.isNull() ? u""_s : r.senderPattern);
        q.addBindValue(r.subjectPattern.isNull() ? u""_s : r.subjectPattern);
        q.addBindValue(r.bodyPattern.isNull() ? u""_s : r.bodyPattern);
        q.addBindValue(FeedbackMessage::kindName(r.kind));
        q.addBindValue(typeName(r.type).isNull() ? u""_s : typeName(r.type));
        q.addBindValue(reasonName(r.reason).isNull() ? u""_s : reasonName(r.reason));
        q.addBindValue(r.enabled ? 1 : 0);
        if (!q.exec())
            return failed(q.lastError().text());
    }
    if (ownTransaction && !db.commit()) {
        // A failed COMMIT leaves the transaction open, holding the write lock: roll it back.
        if (error)
            *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

bool save(QSqlDatabase db, const QList<InboundRuleDraft> &drafts, QString *error)
{
    Problem problem;
    const auto rules = parse(drafts, &problem);
    if (!rules) {
        if (error)
            *error = problem.toString();
        return false;
    }
    return save(db, *rules, error);
}

bool restoreDefaults(QSqlDatabase db, QString *error)
{
    return save(db, defaults(), error);
}

TestResult test(const QList<InboundRule> &rules, const QByteArray &rawMessage)
{
    TestResult result;
    if (rawMessage.trimmed().isEmpty()) {
        result.error = u"paste a whole message, headers and body"_s;
        return result;
    }
    result.message = BounceClassifier(ReplyQualifier(), rules).classify(rawMessage);
    result.rule = result.message.inboundRule;
    return result;
}

} // namespace InboundRules
