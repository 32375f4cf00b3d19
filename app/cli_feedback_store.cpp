// sendscope-cli's feedback commands that work on a database: import reports from files, fetch
// them from the bounce mailboxes, list what matched nobody, and show one recipient's timeline
// (docs/product.md §4, §7). The classification commands that need no database are in
// cli_feedback.cpp.
#include "cli_commands.h"

#include "delivery/delivery_queries.h"
#include "feedback/feedback_intake.h"
#include "feedback/feedback_queries.h"
#include "store/store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

QString isoTime(qint64 ms)
{
    return ms <= 0 ? QString() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString summary(const FeedbackIntakeReport &r)
{
    return u"%1 read, %2 new, %3 already known; %4 matched, %5 unmatched; %6 log rows changed, %7 deliveries "
           "finished"_s.arg(r.read)
               .arg(r.applied)
               .arg(r.duplicates)
               .arg(r.matched)
               .arg(r.unmatched)
               .arg(r.changed)
               .arg(r.closed) +
           (r.deferred ? u"; stopped at a report whose send is not recorded yet (read again next time)"_s : QString());
}

} // namespace

int CliCommands::feedbackImport(const QStringList &args)
{
    if (args.isEmpty())
        return usage(u"usage: feedback import FILE.eml|DIR..."_s);
    if (!openStore())
        return RuntimeFailure;
    FeedbackIntake intake(*m_store, Clock::system());
    if (!intake.prepare()) {
        m_err << "sendscope-cli: " << intake.error() << "\n";
        return RuntimeFailure;
    }
    const FeedbackIntakeReport report = intake.importFiles(args);
    m_out << summary(report) << "\n";
    if (!report.ok()) {
        m_err << "sendscope-cli: " << report.error << "\n";
        // A file that cannot be read is bad input; a database that refuses a write is not.
        return report.error.contains(u"cannot read"_s) ? BadInput : RuntimeFailure;
    }
    return Ok;
}

int CliCommands::feedbackFetch(const QStringList &args)
{
    QStringList rest = args;
    QString routeName;
    const qsizetype at = rest.indexOf(u"--route"_s);
    if (at >= 0) {
        if (at + 1 >= rest.size())
            return usage(u"--route needs a saved route's name"_s);
        routeName = rest.at(at + 1);
        rest.remove(at, 2);
    }
    if (!rest.isEmpty())
        return usage(u"usage: feedback fetch [--route NAME]"_s);
    if (!openStore())
        return RuntimeFailure;
    QStringList errors;
    const QList<FeedbackMailbox> boxes = FeedbackQueries::mailboxes(m_store->db(), routeName, &errors);
    for (const QString &e : std::as_const(errors))
        m_err << "sendscope-cli: " << e << "\n";
    if (!errors.isEmpty())
        return BadInput;
    if (boxes.isEmpty()) {
        m_err << "sendscope-cli: "
              << (routeName.isEmpty() ? u"no route has a bounce mailbox"_s
                                      : u"route '%1' does not exist or has no bounce mailbox"_s.arg(routeName))
              << "\n";
        return BadInput;
    }
    FeedbackIntake intake(*m_store, Clock::system());
    if (!intake.prepare()) {
        m_err << "sendscope-cli: " << intake.error() << "\n";
        return RuntimeFailure;
    }
    int code = Ok;
    for (const FeedbackMailbox &box : boxes) {
        const QString password =
            box.config.passwordEnv.isEmpty() ? QString() : qEnvironmentVariable(qPrintable(box.config.passwordEnv));
        if (password.isEmpty()) {
            m_err << "sendscope-cli: route " << box.routeName << ": bounce_mailbox.password_env "
                  << (box.config.passwordEnv.isEmpty() ? u"is not set"_s
                                                       : u"names '%1', which is empty"_s.arg(box.config.passwordEnv))
                  << "\n";
            code = BadInput;
            continue;
        }
        const FeedbackIntakeReport report = intake.fetch(box.config, password);
        m_out << box.routeName << " (" << box.config.key() << "): " << summary(report) << "\n";
        if (!report.ok()) {
            m_err << "sendscope-cli: route " << box.routeName << ": " << report.error << "\n";
            code = RuntimeFailure;
        }
    }
    return code;
}

int CliCommands::feedbackUnmatched(const QStringList &args)
{
    QStringList rest = args;
    const bool json = rest.removeAll(u"--json"_s) > 0;
    if (!rest.isEmpty())
        return usage(u"usage: feedback unmatched [--json]"_s);
    if (!openStore())
        return RuntimeFailure;
    QString error;
    const QList<UnmatchedFeedback> rows = FeedbackQueries::unmatched(m_store->db(), 0, 10000, &error);
    if (!error.isEmpty()) {
        m_err << "sendscope-cli: " << error << "\n";
        return RuntimeFailure;
    }
    if (json) {
        QJsonArray a;
        for (const UnmatchedFeedback &u : rows)
            a.append(QJsonObject{{u"id"_s, u.eventId},
                                 {u"message"_s, u.feedbackMessageId},
                                 {u"received_at"_s, isoTime(u.receivedAtMs)},
                                 {u"source"_s, u.source},
                                 {u"mailbox"_s, u.mailbox},
                                 {u"kind"_s, u.kind},
                                 {u"from"_s, u.sender},
                                 {u"subject"_s, u.subject},
                                 {u"address"_s, u.address},
                                 {u"action"_s, u.action},
                                 {u"status"_s, u.status},
                                 {u"diagnostic"_s, u.diagnostic}});
        m_out << QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact)) << "\n";
        return Ok;
    }
    m_out << rows.size() << " unmatched report(s)\n";
    for (const UnmatchedFeedback &u : rows)
        m_out << isoTime(u.receivedAtMs) << "  " << u.kind << "  " << (u.address.isEmpty() ? u"-"_s : u.address) << "  "
              << (u.status.isEmpty() ? u"-"_s : u.status) << "  from " << u.sender << "  \"" << u.subject << "\"\n";
    return Ok;
}

int CliCommands::feedbackTimeline(const QStringList &args)
{
    QStringList rest = args;
    const bool json = rest.removeAll(u"--json"_s) > 0;
    if (rest.size() != 2)
        return usage(u"usage: feedback timeline ID EMAIL [--json]"_s);
    qint64 id = 0;
    if (const int code = openDelivery(rest.first(), &id); code != Ok)
        return code;
    QSqlQuery q(m_store->db());
    q.prepare(u"SELECT id FROM recipients WHERE delivery_id = ? AND (email = ? OR email_norm = ?)"_s);
    q.addBindValue(id);
    q.addBindValue(rest.at(1));
    q.addBindValue(rest.at(1).toLower());
    if (!q.exec() || !q.next()) {
        m_err << "sendscope-cli: delivery " << id << " has no recipient '" << rest.at(1) << "'\n";
        return BadInput;
    }
    QString error;
    const QList<FeedbackTimelineEntry> entries =
        FeedbackQueries::timeline(m_store->db(), q.value(0).toLongLong(), &error);
    if (!error.isEmpty()) {
        m_err << "sendscope-cli: " << error << "\n";
        return RuntimeFailure;
    }
    QJsonArray a;
    for (const FeedbackTimelineEntry &e : entries) {
        const bool report = e.source == FeedbackTimelineEntry::Source::Report;
        if (json) {
            a.append(QJsonObject{{u"at"_s, isoTime(e.atMs)},
                                 {u"source"_s, report ? u"report"_s : u"attempt"_s},
                                 {u"kind"_s, e.kind},
                                 {u"action"_s, e.action},
                                 {u"status"_s, e.status},
                                 {u"text"_s, e.text},
                                 {u"remote"_s, e.remote},
                                 {u"type"_s, e.type},
                                 {u"reason"_s, e.reason},
                                 {u"rule"_s, e.rule},
                                 {u"applied"_s, e.applied},
                                 {u"correlation"_s, e.correlation}});
            continue;
        }
        m_out << isoTime(e.atMs) << "  " << (report ? u"report "_s : u"attempt"_s) << "  " << e.kind
              << (e.action.isEmpty() ? QString() : u" "_s + e.action) << "  " << e.text
              << (e.rule.isEmpty() ? QString() : u"  [rule %1]"_s.arg(e.rule))
              << (e.applied.isEmpty() ? QString() : u"  -> "_s + e.applied) << "\n";
    }
    if (json)
        m_out << QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact)) << "\n";
    return Ok;
}
