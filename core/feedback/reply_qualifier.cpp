#include "reply_qualifier.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

bool codeMatches(const QString &pattern, const QString &code)
{
    if (pattern.isEmpty())
        return true;
    if (code.isEmpty())
        return false;
    if (pattern.endsWith(u'*'))
        return code.startsWith(pattern.chopped(1));
    return code == pattern;
}

QualificationRule rule(const QString &code, const QString &text, const QString &cls, FailureType type,
                       FailureReason reason)
{
    return QualificationRule{code, text, cls, type, reason, true};
}

} // namespace

ReplyQualifier::ReplyQualifier(const QList<QualificationRule> &rules)
    : m_plain(rules)
{
    for (const QualificationRule &r : rules) {
        Compiled c{r, QRegularExpression(r.textPattern, QRegularExpression::CaseInsensitiveOption)};
        if (!r.textPattern.isEmpty() && !c.text.isValid())
            c.rule.enabled = false; // a broken pattern never matches rather than matching everything
        m_rules.append(c);
    }
}

QList<QualificationRule> ReplyQualifier::defaultRules()
{
    using T = FailureType;
    using R = FailureReason;
    return {
        // Enhanced status codes (RFC 3463) first: they are the most precise signal.
        rule(u"5.1.1"_s, {}, {}, T::Hard, R::UserUnknown),
        rule(u"5.1.10"_s, {}, {}, T::Hard, R::UserUnknown),
        rule(u"5.1.2"_s, {}, {}, T::Soft, R::InvalidDomain),
        rule(u"5.4.4"_s, {}, {}, T::Soft, R::InvalidDomain),
        rule(u"4.2.2"_s, {}, {}, T::Soft, R::MailboxFull),
        rule(u"5.2.2"_s, {}, {}, T::Soft, R::MailboxFull),
        rule(u"4.2.1"_s, {}, {}, T::Soft, R::InactiveMailbox),
        rule(u"5.2.1"_s, {}, {}, T::Soft, R::InactiveMailbox),
        rule(u"5.2.3"_s, {}, {}, T::Ignored, R::MessageTooLarge),
        rule(u"5.3.4"_s, {}, {}, T::Ignored, R::MessageTooLarge),
        rule(u"5.7.*"_s, {}, {}, T::Soft, R::Refused),
        rule(u"4.7.*"_s, {}, {}, T::Soft, R::Refused),
        rule(u"4.4.*"_s, {}, {}, T::Soft, R::Unreachable),
        // Texts of well-known providers and servers, for replies without enhanced codes.
        rule({},
             u"user unknown|unknown user|no such user|does not exist|invalid recipient|"
             "recipient address rejected|mailbox unavailable|no mailbox"_s,
             u"5"_s, T::Hard, R::UserUnknown),
        rule({}, u"mailbox (is )?full|over ?quota|quota exceeded|insufficient storage"_s, {}, T::Soft, R::MailboxFull),
        rule({}, u"disabled|inactive|suspended|deactivated"_s, {}, T::Soft, R::InactiveMailbox),
        rule({}, u"too large|size limit|exceeds.*size|message size"_s, {}, T::Ignored, R::MessageTooLarge),
        rule({},
             u"spam|blocked|block ?list|black ?list|reputation|policy|rate limit|too many|throttl|"
             "try again later|temporarily deferred"_s,
             {}, T::Soft, R::Refused),
        rule({}, u"domain not found|host not found|no mx|unrouteable|unroutable"_s, {}, T::Soft, R::InvalidDomain),
        // A 421 closes the session: the server is unreachable for now.
        rule({}, u"^"_s, u"421"_s, T::Soft, R::Unreachable),
        // Replies that nothing above recognizes: the class decides (docs/product.md §4).
        rule({}, {}, u"4"_s, T::Soft, R::NotDefined),
        rule({}, {}, u"5"_s, T::Hard, R::NotDefined),
    };
}

Qualification ReplyQualifier::qualify(int code, const QString &enhanced, const QString &text) const
{
    const QString codeText = QString::number(code);
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        const Compiled &c = m_rules.at(i);
        if (!c.rule.enabled)
            continue;
        if (!c.rule.replyClass.isEmpty() && !codeText.startsWith(c.rule.replyClass))
            continue;
        if (!codeMatches(c.rule.enhancedCode, enhanced))
            continue;
        if (!c.rule.textPattern.isEmpty() && !c.text.match(text).hasMatch())
            continue;
        return {c.rule.type, c.rule.reason, int(i)};
    }
    return {code >= 500 ? FailureType::Hard : FailureType::Soft, FailureReason::NotDefined, -1};
}

QList<QualificationRule> ReplyQualifier::load(QSqlDatabase db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT enhanced_code, text_pattern, reply_class, failure_type, failure_reason, enabled "
                "FROM qualification_rules ORDER BY position, id"_s)) {
        if (error)
            *error = q.lastError().text();
        return defaultRules();
    }
    QList<QualificationRule> rules;
    while (q.next()) {
        QualificationRule r;
        r.enhancedCode = q.value(0).toString();
        r.textPattern = q.value(1).toString();
        r.replyClass = q.value(2).toString();
        r.type = LogStates::failureTypeFromName(q.value(3).toString()).value_or(FailureType::Soft);
        r.reason = LogStates::failureReasonFromName(q.value(4).toString()).value_or(FailureReason::NotDefined);
        r.enabled = q.value(5).toBool();
        rules.append(r);
    }
    if (rules.isEmpty()) {
        rules = defaultRules();
        save(db, rules, error);
    }
    return rules;
}

bool ReplyQualifier::save(QSqlDatabase db, const QList<QualificationRule> &rules, QString *error)
{
    QSqlQuery q(db);
    const bool ownTransaction = db.transaction();
    if (!q.exec(u"DELETE FROM qualification_rules"_s)) {
        if (error)
            *error = q.lastError().text();
        if (ownTransaction)
            db.rollback();
        return false;
    }
    q.prepare(u"INSERT INTO qualification_rules (position, enhanced_code, text_pattern, reply_class, failure_type, "
              "failure_reason, enabled) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QualificationRule &r = rules.at(i);
        q.addBindValue(int(i));
        q.addBindValue(r.enhancedCode.isNull() ? u""_s : r.enhancedCode);
        q.addBindValue(r.textPattern.isNull() ? u""_s : r.textPattern);
        q.addBindValue(r.replyClass.isNull() ? u""_s : r.replyClass);
        q.addBindValue(LogStates::name(r.type));
        q.addBindValue(LogStates::name(r.reason));
        q.addBindValue(r.enabled ? 1 : 0);
        if (!q.exec()) {
            if (error)
                *error = q.lastError().text();
            if (ownTransaction)
                db.rollback();
            return false;
        }
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
