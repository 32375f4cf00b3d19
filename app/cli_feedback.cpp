// sendscope-cli qualify and feedback classify: the reply rules and the inbound-mail classifier
// on the command line, without a database unless --db is given (docs/product.md §4).
#include "cli_commands.h"

#include "feedback/bounce_classifier.h"
#include "feedback/inbound_rules.h"
#include "feedback/qualification_rules.h"
#include "feedback/reply_qualifier.h"
#include "store/store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

QJsonObject recipientJson(const FeedbackRecipient &r)
{
    return QJsonObject{
        {u"address"_s, r.address},
        {u"original_recipient"_s, r.originalRecipient},
        {u"action"_s, r.action},
        {u"status"_s, r.status},
        {u"diagnostic"_s, r.diagnostic},
        {u"remote_mta"_s, r.remoteMta},
        {u"type"_s, LogStates::name(r.type)},
        {u"reason"_s, LogStates::name(r.reason)},
        {u"rule"_s, r.rule},
    };
}

QJsonObject messageJson(const QString &file, const FeedbackMessage &m)
{
    QJsonArray recipients;
    for (const FeedbackRecipient &r : m.recipients)
        recipients.append(recipientJson(r));
    return QJsonObject{
        {u"file"_s, file},
        {u"kind"_s, FeedbackMessage::kindName(m.kind)},
        {u"feedback_type"_s, m.feedbackType},
        {u"sender"_s, m.sender},
        {u"subject"_s, m.subject},
        {u"envid"_s, m.envid},
        {u"verp_tokens"_s, QJsonArray::fromStringList(m.verpTokens)},
        {u"returned_message_ids"_s, QJsonArray::fromStringList(m.returnedMessageIds)},
        {u"inbound_rule"_s, m.inboundRule},
        {u"problem"_s, m.problem},
        {u"recipients"_s, recipients},
    };
}

} // namespace

int CliCommands::qualify(const QStringList &args)
{
    bool json = false;
    QString reply;
    for (const QString &a : args) {
        if (a == u"--json"_s)
            json = true;
        else if (a.startsWith(u"--"_s))
            return usage(u"unknown option '%1' for qualify"_s.arg(a));
        else if (reply.isNull())
            reply = a;
        else
            return usage(u"qualify takes one reply; quote it: qualify '550 5.1.1 User unknown'"_s);
    }
    if (reply.isNull())
        return usage(u"usage: qualify [--json] 'REPLY'"_s);
    QList<QualificationRule> rules = ReplyQualifier::defaultRules();
    if (m_dbGiven) {
        if (!openStore())
            return RuntimeFailure;
        QString error;
        rules = ReplyQualifier::load(m_store->db(), &error);
        if (!error.isEmpty())
            m_err << "sendscope-cli: reply rules: " << error << "\n";
    }
    const QualificationRules::TestResult r = QualificationRules::test(rules, reply);
    if (!r.ok()) {
        m_err << "sendscope-cli: " << r.error << "\n";
        return BadInput;
    }
    const QString type = LogStates::name(r.qualification.type);
    const QString reason = LogStates::name(r.qualification.reason);
    const int rule = r.qualification.ruleIndex + 1; // 0: the built-in fallback
    if (json) {
        const QJsonObject o{{u"type"_s, type}, {u"reason"_s, reason}, {u"rule"_s, rule}};
        m_out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << "\n";
    } else {
        m_out << "type: " << type << "\nreason: " << reason
              << "\nrule: " << (rule > 0 ? QString::number(rule) : u"fallback"_s) << "\n";
    }
    return Ok;
}

int CliCommands::feedback(const QStringList &args)
{
    QStringList rest = args;
    const QString sub = rest.isEmpty() ? QString() : rest.first();
    if (sub == u"import"_s)
        return feedbackImport(rest.mid(1));
    if (sub == u"fetch"_s)
        return feedbackFetch(rest.mid(1));
    if (sub == u"unmatched"_s)
        return feedbackUnmatched(rest.mid(1));
    if (sub == u"timeline"_s)
        return feedbackTimeline(rest.mid(1));
    if (sub != u"classify"_s)
        return usage(u"'feedback' needs a subcommand: classify, import, fetch, unmatched or timeline"_s);
    rest.removeFirst();
    bool json = false;
    QStringList files;
    for (const QString &a : std::as_const(rest)) {
        if (a == u"--json"_s)
            json = true;
        else if (a.startsWith(u"--"_s))
            return usage(u"unknown option '%1' for feedback classify"_s.arg(a));
        else
            files.append(a);
    }
    if (files.isEmpty())
        return usage(u"usage: feedback classify [--json] FILE.eml..."_s);
    QList<QualificationRule> replyRules = ReplyQualifier::defaultRules();
    QList<InboundRule> inboundRules = InboundRules::defaults();
    if (m_dbGiven) {
        if (!openStore())
            return RuntimeFailure;
        QString error;
        replyRules = ReplyQualifier::load(m_store->db(), &error);
        if (error.isEmpty())
            inboundRules = InboundRules::load(m_store->db(), &error);
        if (!error.isEmpty())
            m_err << "sendscope-cli: rules: " << error << "\n";
    }
    const BounceClassifier classifier{ReplyQualifier(replyRules), inboundRules};
    QJsonArray results;
    int code = Ok;
    for (const QString &file : std::as_const(files)) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            // The other files are still classified; the exit code tells a script one was not.
            m_err << "sendscope-cli: " << file << ": " << f.errorString() << "\n";
            code = BadInput;
            continue;
        }
        // Never more than the classifier reads: a huge file does not fill the memory.
        const FeedbackMessage m = classifier.classify(f.read(BounceClassifier::MaxInputBytes));
        if (json) {
            results.append(messageJson(file, m));
            continue;
        }
        m_out << file << ": " << FeedbackMessage::kindName(m.kind);
        if (!m.feedbackType.isEmpty())
            m_out << " (" << m.feedbackType << ")";
        if (m.inboundRule > 0)
            m_out << ", inbound rule " << m.inboundRule;
        m_out << "\n";
        for (const FeedbackRecipient &r : m.recipients)
            m_out << "  " << r.address << "  " << (r.action.isEmpty() ? u"-"_s : r.action) << "  "
                  << (r.status.isEmpty() ? u"-"_s : r.status) << "  " << LogStates::name(r.type) << "/"
                  << LogStates::name(r.reason) << "  " << r.rule
                  << (r.diagnostic.isEmpty() ? QString() : u"  "_s + r.diagnostic.left(120)) << "\n";
    }
    if (json)
        m_out << QString::fromUtf8(QJsonDocument(results).toJson(QJsonDocument::Indented));
    return code;
}
