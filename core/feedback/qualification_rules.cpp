#include "qualification_rules.h"

#include "smtp/smtp_reply_parser.h"

#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace QualificationRules {

namespace {

QString joinedNames(const QStringList &names)
{
    return names.join(u", "_s);
}

QStringList typeNames()
{
    QStringList names;
    for (FailureType t : allowedTypes())
        names.append(LogStates::name(t));
    return names;
}

QStringList reasonNames()
{
    QStringList names;
    for (FailureReason r : allowedReasons())
        names.append(LogStates::name(r));
    return names;
}

// "5.1.1", or a class/subject prefix ending in a wildcard: "5.*", "5.7.*".
bool validEnhancedCode(const QString &code)
{
    static const QRegularExpression exact(u"^[245]\\.\\d{1,3}\\.\\d{1,3}$"_s);
    static const QRegularExpression wildcard(u"^[245]\\.(?:\\d{1,3}\\.)?\\*$"_s);
    return exact.match(code).hasMatch() || wildcard.match(code).hasMatch();
}

std::optional<QualificationRule> parseOne(const QualificationRuleDraft &d, int position, Problem *problem)
{
    auto fail = [&](const QString &field, const QString &message) -> std::optional<QualificationRule> {
        if (problem)
            *problem = Problem{position, field, message};
        return std::nullopt;
    };
    QualificationRule r;
    r.enhancedCode = d.enhancedCode.trimmed();
    r.textPattern = d.textPattern;
    r.replyClass = d.replyClass.trimmed();
    r.enabled = d.enabled;
    if (!r.enhancedCode.isEmpty() && !validEnhancedCode(r.enhancedCode))
        return fail(u"enhanced code"_s,
                    u"'%1' is not an enhanced status code such as 5.1.1 or 5.7.*"_s.arg(r.enhancedCode));
    if (!r.textPattern.isEmpty()) {
        const QRegularExpression re(r.textPattern);
        if (!re.isValid())
            return fail(u"text pattern"_s,
                        u"'%1' is not a valid regular expression: %2 at offset %3"_s.arg(
                            r.textPattern, re.errorString(), QString::number(re.patternErrorOffset())));
    }
    static const QRegularExpression replyClass(u"^[45]\\d{0,2}$"_s);
    if (!r.replyClass.isEmpty() && !replyClass.match(r.replyClass).hasMatch())
        return fail(u"reply class"_s, u"'%1' is not a reply class such as 4, 5 or 421"_s.arg(r.replyClass));
    const auto type = LogStates::failureTypeFromName(d.type.trimmed());
    if (!type || !allowedTypes().contains(*type))
        return fail(u"failure type"_s, u"'%1' is not one of %2"_s.arg(d.type, joinedNames(typeNames())));
    const auto reason = LogStates::failureReasonFromName(d.reason.trimmed());
    if (!reason || !allowedReasons().contains(*reason))
        return fail(u"failure reason"_s, u"'%1' is not one of %2"_s.arg(d.reason, joinedNames(reasonNames())));
    r.type = *type;
    r.reason = *reason;
    return r;
}

} // namespace

QString Problem::toString() const
{
    return u"Rule %1, %2: %3"_s.arg(QString::number(position), field, message);
}

QList<FailureType> allowedTypes()
{
    return {FailureType::Hard, FailureType::Soft, FailureType::Ignored};
}

QList<FailureReason> allowedReasons()
{
    return {FailureReason::UserUnknown,     FailureReason::InvalidDomain, FailureReason::MailboxFull,
            FailureReason::InactiveMailbox, FailureReason::Refused,       FailureReason::Unreachable,
            FailureReason::MessageTooLarge, FailureReason::NotDefined};
}

QList<QualificationRuleDraft> toDrafts(const QList<QualificationRule> &rules)
{
    QList<QualificationRuleDraft> drafts;
    drafts.reserve(rules.size());
    for (const QualificationRule &r : rules)
        drafts.append({r.enhancedCode, r.textPattern, r.replyClass, LogStates::name(r.type), LogStates::name(r.reason),
                       r.enabled});
    return drafts;
}

std::optional<QList<QualificationRule>> parse(const QList<QualificationRuleDraft> &drafts, Problem *problem)
{
    QList<QualificationRule> rules;
    rules.reserve(drafts.size());
    for (qsizetype i = 0; i < drafts.size(); ++i) {
        const auto rule = parseOne(drafts.at(i), int(i) + 1, problem);
        if (!rule)
            return std::nullopt;
        rules.append(*rule);
    }
    return rules;
}

bool save(QSqlDatabase db, const QList<QualificationRuleDraft> &drafts, QString *error)
{
    Problem problem;
    const auto rules = parse(drafts, &problem);
    if (!rules) {
        if (error)
            *error = problem.toString();
        return false;
    }
    return ReplyQualifier::save(db, *rules, error);
}

bool restoreDefaults(QSqlDatabase db, QString *error)
{
    return ReplyQualifier::save(db, ReplyQualifier::defaultRules(), error);
}

TestResult test(const QList<QualificationRule> &rules, const QString &replyText)
{
    TestResult result;
    QString text = replyText.trimmed();
    if (text.isEmpty()) {
        result.error = u"paste a reply such as: 550 5.1.1 <x@example.com>: Recipient address rejected"_s;
        return result;
    }
    text.replace(u"\r\n"_s, u"\n"_s);
    SmtpReplyParser parser;
    const QByteArray bytes = text.toUtf8().replace('\n', "\r\n") + "\r\n";
    parser.feed(bytes);
    parser.endOfInput();
    if (parser.hasError() || !parser.hasReply()) {
        result.error = u"not an SMTP reply: %1"_s.arg(parser.hasError() ? parser.errorString() : u"no reply line"_s);
        return result;
    }
    result.reply = parser.takeReply();
    if (parser.hasReply()) {
        result.error = u"paste one reply at a time"_s;
        return result;
    }
    if (result.reply.code < 400) {
        result.error = u"%1 is not a failure: only 4xx and 5xx replies are qualified"_s.arg(result.reply.code);
        return result;
    }
    result.qualification =
        ReplyQualifier(rules).qualify(result.reply.code, result.reply.enhancedCode, result.reply.text());
    return result;
}

} // namespace QualificationRules
