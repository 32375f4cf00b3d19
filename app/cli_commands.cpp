#include "cli_commands.h"

#include "common/csv_writer.h"
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "delivery/delivery_stats.h"
#include "engine/delivery_engine.h"
#include "engine/proof_sender.h"
#include "feedback/feedback_intake.h"
#include "message/dkim_key.h"
#include "message/dkim_key_store.h"
#include "routing/route_endpoint.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QTime>
#include <QTimer>

#include <atomic>
#include <csignal>

using namespace Qt::StringLiterals;

namespace {

QString isoUtc(qint64 ms)
{
    return ms <= 0 ? QString() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject logRowJson(const LogRow &r)
{
    return QJsonObject{
        {u"line"_s, r.line},
        {u"email"_s, r.email},
        {u"state"_s, LogStates::name(r.state)},
        {u"failure_type"_s, LogStates::name(r.failureType)},
        {u"failure_reason"_s, LogStates::name(r.failureReason)},
        {u"last_reply"_s, r.lastReply},
        {u"attempts"_s, r.attempts},
        {u"next_attempt_at"_s, isoUtc(r.nextAttemptAtMs)},
        {u"message_id"_s, r.messageId},
        {u"wave"_s, r.wave},
        {u"possible_duplicate"_s, r.possibleDuplicate},
        {u"validity_expired"_s, r.validityExpired},
        {u"updated_at"_s, isoUtc(r.updatedAtMs)},
    };
}

} // namespace

int CliCommands::usage(const QString &problem)
{
    if (!problem.isEmpty())
        m_err << "sendscope-cli: " << problem << "\n\n";
    m_err << "Usage: sendscope-cli [--db FILE] COMMAND ...\n"
             "\n"
             "Commands:\n"
             "  delivery import DEF.json      create a delivery from a definition and import its recipients\n"
             "  delivery list                 list the deliveries\n"
             "  analyze ID [--json]           run the analysis; exit 3 when an error blocks the send\n"
             "  status ID [--json]            KPI snapshot\n"
             "  logs ID [--state S] [--format csv|json]\n"
             "                                per-recipient log, one row per recipient\n"
             "  send ID                       analyze if needed, confirm and send until every recipient is final;\n"
             "                                progress on stderr; Ctrl-C pauses cleanly\n"
             "  proof ID --to ADDR[,ADDR...]  send a proof (subject \"[Proof #N]\") to up to 100 addresses\n"
             "  dkim keygen --out FILE [--type rsa|ed25519] [--bits 2048|4096] [--selector S --domain D]\n"
             "                                generate a DKIM key (mode 0600) and print the DNS TXT record\n"
             "  dkim check KEY.pem --txt 'v=DKIM1; k=rsa; p=...'\n"
             "                                does the private key match a published record?\n"
             "  qualify [--json] 'REPLY'      what the reply rules make of one SMTP reply (type, reason, rule;\n"
             "                                rule 0 is the built-in fallback); exit 2 when it is no reply\n"
             "  feedback classify [--json] FILE.eml...\n"
             "                                classify bounces, delivery reports, complaints, auto-replies;\n"
             "                                the default rules, or the database's with --db\n"
             "  feedback import FILE.eml|DIR...\n"
             "                                apply reports from files to the deliveries they concern\n"
             "  feedback fetch [--route NAME] read the bounce mailboxes (IMAP) and apply what arrived\n"
             "  feedback unmatched [--json]   reports that named no known recipient\n"
             "  feedback timeline ID EMAIL [--json]\n"
             "                                a recipient's replies and reports, with the rule of each\n"
             "  pause ID | stop ID            pause (resumable) or stop (final) a delivery, even one another\n"
             "                                process is sending\n"
             "  resume ID                     continue a paused delivery (runs it like send)\n"
             "\n"
             "The database defaults to "
          << Store::defaultPath()
          << " and is created on first use.\n"
             "Exit codes: 0 success, 1 runtime failure, 2 bad usage or input, 3 analysis blocked.\n";
    m_err.flush();
    return problem.isEmpty() ? Ok : BadInput;
}

int CliCommands::run(QStringList args)
{
    m_dbPath = Store::defaultPath();
    while (!args.isEmpty() && args.first().startsWith(u"--"_s)) {
        const QString opt = args.takeFirst();
        if (opt == u"--db"_s) {
            if (args.isEmpty())
                return usage(u"--db needs a file name"_s);
            m_dbPath = args.takeFirst();
            m_dbGiven = true;
        } else if (opt.startsWith(u"--db="_s)) {
            m_dbPath = opt.mid(5);
            m_dbGiven = true;
        } else if (opt == u"--help"_s) {
            return usage();
        } else if (opt == u"--version"_s) {
            m_out << "sendscope-cli " << QCoreApplication::applicationVersion() << "\n";
            return Ok;
        } else {
            return usage(u"unknown option '%1'"_s.arg(opt));
        }
    }
    if (args.isEmpty())
        return usage(u"no command given"_s);
    const QString cmd = args.takeFirst();
    if (cmd == u"delivery"_s) {
        if (args.isEmpty())
            return usage(u"'delivery' needs a subcommand: import or list"_s);
        const QString sub = args.takeFirst();
        if (sub == u"import"_s)
            return deliveryImport(args);
        if (sub == u"list"_s)
            return deliveryList(args);
        return usage(u"unknown subcommand 'delivery %1'"_s.arg(sub));
    }
    if (cmd == u"analyze"_s)
        return analyze(args);
    if (cmd == u"status"_s)
        return status(args);
    if (cmd == u"logs"_s)
        return logs(args);
    if (cmd == u"send"_s)
        return send(args, false);
    if (cmd == u"resume"_s)
        return send(args, true);
    if (cmd == u"proof"_s)
        return proof(args);
    if (cmd == u"dkim"_s)
        return dkim(args);
    if (cmd == u"qualify"_s)
        return qualify(args);
    if (cmd == u"feedback"_s)
        return feedback(args);
    if (cmd == u"pause"_s || cmd == u"stop"_s)
        return control(cmd, args);
    if (cmd == u"help"_s)
        return usage();
    return usage(u"unknown command '%1'"_s.arg(cmd));
}

bool CliCommands::openStore()
{
    QString error;
    m_storeHolder = Store::open(m_dbPath, &error);
    m_store = m_storeHolder.get();
    if (!m_store) {
        m_err << "sendscope-cli: " << error << "\n";
        return false;
    }
    return true;
}

int CliCommands::openDelivery(const QString &idText, qint64 *id)
{
    if (!parseId(idText, id))
        return BadInput;
    if (!openStore())
        return RuntimeFailure;
    if (!DeliveryQueries(m_store->db()).exists(*id)) {
        m_err << "sendscope-cli: no delivery with id " << *id << " in " << m_dbPath << "\n";
        return BadInput;
    }
    return Ok;
}

bool CliCommands::parseId(const QString &text, qint64 *id)
{
    bool ok = false;
    *id = text.toLongLong(&ok);
    if (!ok || *id <= 0) {
        m_err << "sendscope-cli: '" << text << "' is not a delivery id (a positive number)\n";
        return false;
    }
    return true;
}

int CliCommands::deliveryImport(const QStringList &args)
{
    if (args.size() != 1)
        return usage(u"usage: delivery import DEF.json"_s);
    if (!openStore())
        return RuntimeFailure;
    DeliveryService service(*m_store);
    const DeliveryService::ImportResult r = service.importDefinition(args.first());
    if (!r.ok) {
        for (const QString &e : r.errors)
            m_err << "sendscope-cli: " << e << "\n";
        m_err << "sendscope-cli: nothing was imported\n";
        return r.badInput ? BadInput : RuntimeFailure;
    }
    DeliveryQueries queries(m_store->db());
    const auto rejects = queries.importRejects(r.deliveryId, 1000);
    const auto def = queries.definition(r.deliveryId).value_or(QJsonObject{});
    const QString csv = def.value(u"recipients"_s).toObject().value(u"csv"_s).toString();
    for (const auto &rej : rejects)
        m_err << csv << ":" << rej.line << ": " << rej.reason << "\n";
    if (r.recipients.rejected > rejects.size())
        m_err << csv << ": " << (r.recipients.rejected - rejects.size()) << " more rejected row(s) not shown\n";
    m_err << "imported " << r.recipients.imported << " recipient(s), rejected " << r.recipients.rejected << " row(s)\n";
    m_out << r.deliveryId << "\n";
    return Ok;
}

int CliCommands::deliveryList(const QStringList &args)
{
    const bool json = args.contains(u"--json"_s);
    if (!openStore())
        return RuntimeFailure;
    DeliveryQueries queries(m_store->db());
    const QList<DeliverySummary> all = queries.deliveries();
    if (json) {
        QJsonArray a;
        for (const DeliverySummary &s : all) {
            QJsonObject o = s.kpis.toJson();
            o.insert(u"name"_s, s.name);
            a.append(o);
        }
        m_out << QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Indented));
        return Ok;
    }
    m_out << u"%1  %2  %3  %4  %5\n"_s.arg(u"ID"_s, 5)
                 .arg(u"STATE"_s, -16)
                 .arg(u"TO DELIVER"_s, 10)
                 .arg(u"SUCCESS"_s, 8)
                 .arg(u"NAME"_s);
    for (const DeliverySummary &s : all)
        m_out << u"%1  %2  %3  %4  %5\n"_s.arg(s.id, 5)
                     .arg(LogStates::name(s.kpis.state), -16)
                     .arg(s.kpis.toDeliver, 10)
                     .arg(QString::number(s.kpis.successPct(), 'f', 2) + u'%', 8)
                     .arg(s.name);
    return Ok;
}

int CliCommands::analyze(const QStringList &args)
{
    QStringList rest = args;
    const bool json = rest.removeAll(u"--json"_s) > 0;
    qint64 id = 0;
    if (rest.size() != 1)
        return usage(u"usage: analyze ID [--json]"_s);
    if (const int code = openDelivery(rest.first(), &id); code != Ok)
        return code;
    DeliveryService service(*m_store);
    const DeliveryService::AnalyzeResult r = service.analyze(id);
    if (!r.ok) {
        m_err << "sendscope-cli: " << r.error << "\n";
        return RuntimeFailure;
    }
    if (json)
        m_out << QString::fromUtf8(QJsonDocument(r.report.toJson()).toJson(QJsonDocument::Indented));
    else
        m_out << r.report.toText();
    return r.report.blocked() ? AnalysisBlocked : Ok;
}

int CliCommands::status(const QStringList &args)
{
    QStringList rest = args;
    const bool json = rest.removeAll(u"--json"_s) > 0;
    qint64 id = 0;
    if (rest.size() != 1)
        return usage(u"usage: status ID [--json]"_s);
    if (!parseId(rest.first(), &id))
        return BadInput;
    if (!openStore())
        return RuntimeFailure;
    DeliveryQueries queries(m_store->db());
    const auto k = queries.kpis(id);
    if (!k) {
        m_err << "sendscope-cli: no delivery with id " << id << " in " << m_dbPath << "\n";
        return BadInput;
    }
    // Per domain, the largest first, and why its recipients wait: what the engine running it
    // (here or in another process) said holds it back, and the soonest retry.
    const DeliveryStats stats(m_store->db());
    const QList<DeliveryStats::DomainRow> domains = stats.domains(id, StatusDomains);
    const QList<DestinationHold> holds =
        k->state == DeliveryState::InProgress ? stats.holds(id) : QList<DestinationHold>();
    if (json) {
        QJsonObject o = k->toJson();
        QJsonArray rows;
        for (const DeliveryStats::DomainRow &d : domains)
            rows.append(QJsonObject{{u"domain"_s, d.domain},
                                    {u"count"_s, d.count},
                                    {u"sent"_s, d.sent},
                                    {u"soft"_s, d.soft},
                                    {u"hard"_s, d.hard},
                                    {u"pending"_s, d.waiting},
                                    {u"waiting"_s, DeliveryStats::whyWaiting(d, holds)}});
        o[u"domains"_s] = rows;
        m_out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << "\n";
        return Ok;
    }
    m_out << "Delivery " << id << ": " << LogStates::name(k->state) << "\n"
          << "  targeted            " << k->targeted << "\n"
          << "  to deliver          " << k->toDeliver << "\n"
          << "  excluded            " << k->excluded << "\n"
          << "  pending             " << k->count(LogState::Pending) << "\n"
          << "  taken into account  " << k->count(LogState::TakenIntoAccount) << "\n"
          << "  sent                " << k->count(LogState::Sent) << "\n"
          << "  failed              " << k->count(LogState::Failed) << "\n"
          << "  canceled            " << k->count(LogState::Canceled) << "\n"
          << "  in retry            " << k->inRetry << "\n"
          << "  no report           " << k->noReport << "\n"
          << "  complaints          " << k->complaints << "\n"
          << "  hard bounce rate    " << QString::number(k->hardBounceRatePct(), 'f', 2) << " %"
          << (k->hardBounceWarning() ? " (over 2 %: check the list)" : "") << "\n"
          << "  soft bounce rate    " << QString::number(k->softBounceRatePct(), 'f', 2) << " %\n"
          << "  complaint rate      " << QString::number(k->complaintRatePct(), 'f', 2) << " %"
          << (k->complaintWarning() ? " (over 0.1 %)" : "") << "\n"
          << "  success             " << QString::number(k->successPct(), 'f', 2) << " %\n";
    bool heading = false;
    for (const DeliveryStats::DomainRow &d : domains) {
        QStringList why;
        for (const QJsonValue &v : DeliveryStats::whyWaiting(d, holds)) {
            const QJsonObject w = v.toObject();
            QString text = w.value(u"reason"_s).toString();
            if (!w.value(u"rule"_s).toString().isEmpty())
                text += u" ("_s + w.value(u"rule"_s).toString() + u')';
            if (w.contains(u"until"_s))
                text += u" until "_s + w.value(u"until"_s).toString();
            why.append(text);
        }
        if (why.isEmpty())
            continue;
        if (!std::exchange(heading, true))
            m_out << "waiting\n";
        m_out << "  " << d.domain << ": " << d.waiting << " pending; " << why.join(u"; "_s) << "\n";
    }
    return Ok;
}

int CliCommands::logs(const QStringList &args)
{
    QStringList rest = args;
    QString format = u"csv"_s;
    LogFilter filter;
    QStringList positional;
    while (!rest.isEmpty()) {
        const QString a = rest.takeFirst();
        if (a == u"--format"_s || a == u"--state"_s) {
            if (rest.isEmpty())
                return usage(u"%1 needs a value"_s.arg(a));
            const QString v = rest.takeFirst();
            if (a == u"--format"_s) {
                if (v != u"csv"_s && v != u"json"_s)
                    return usage(u"--format must be csv or json, not '%1'"_s.arg(v));
                format = v;
            } else {
                filter.state = LogStates::fromName(v);
                if (!filter.state)
                    return usage(u"--state must be one of pending, taken_into_account, sent, failed, ignored, "
                                 "canceled; not '%1'"_s.arg(v));
            }
        } else if (a.startsWith(u"--"_s)) {
            return usage(u"unknown option '%1' for logs"_s.arg(a));
        } else {
            positional.append(a);
        }
    }
    qint64 id = 0;
    if (positional.size() != 1)
        return usage(u"usage: logs ID [--state S] [--format csv|json]"_s);
    if (!parseId(positional.first(), &id))
        return BadInput;
    if (!openStore())
        return RuntimeFailure;
    DeliveryQueries queries(m_store->db());
    if (!queries.exists(id)) {
        m_err << "sendscope-cli: no delivery with id " << id << " in " << m_dbPath << "\n";
        return BadInput;
    }
    bool first = true;
    if (format == u"csv"_s) {
        m_out << CsvWriter::record({u"email"_s, u"state"_s, u"failure_type"_s, u"failure_reason"_s, u"last_reply"_s,
                                    u"attempts"_s, u"message_id"_s, u"updated_at"_s, u"line"_s, u"wave"_s,
                                    u"next_attempt_at"_s, u"possible_duplicate"_s});
    } else {
        m_out << "[";
    }
    const bool ok = queries.forEachLogRow(id, filter, [&](const LogRow &r) {
        if (format == u"csv"_s) {
            m_out << CsvWriter::record(
                {r.email, LogStates::name(r.state), LogStates::name(r.failureType), LogStates::name(r.failureReason),
                 r.lastReply, QString::number(r.attempts), r.messageId, isoUtc(r.updatedAtMs), QString::number(r.line),
                 QString::number(r.wave), isoUtc(r.nextAttemptAtMs), r.possibleDuplicate ? u"1"_s : u"0"_s});
        } else {
            m_out << (first ? "\n" : ",\n")
                  << QString::fromUtf8(QJsonDocument(logRowJson(r)).toJson(QJsonDocument::Compact));
        }
        first = false;
        return m_out.status() == QTextStream::Ok;
    });
    if (format == u"json"_s)
        m_out << (first ? "]\n" : "\n]\n");
    if (!ok) {
        m_err << "sendscope-cli: " << m_dbPath << ": cannot read the log: " << queries.lastError() << "\n";
        return RuntimeFailure;
    }
    return Ok;
}

namespace {
std::atomic<bool> interrupted{false};
void onInterrupt(int)
{
    interrupted = true;
}
} // namespace

int CliCommands::prepareSend(qint64 id, bool resume)
{
    if (!openStore())
        return RuntimeFailure;
    DeliveryQueries queries(m_store->db());
    const auto k = queries.kpis(id);
    if (!k) {
        m_err << "sendscope-cli: no delivery with id " << id << " in " << m_dbPath << "\n";
        return BadInput;
    }
    if (resume && k->state != DeliveryState::Paused && k->state != DeliveryState::Failed) {
        m_err << "sendscope-cli: delivery " << id << " is " << LogStates::name(k->state) << ", not paused\n";
        return BadInput;
    }
    if (k->state == DeliveryState::BeingEdited || k->state == DeliveryState::AnalysisFailed) {
        DeliveryService service(*m_store);
        const auto analyzed = service.analyze(id);
        if (!analyzed.ok) {
            m_err << "sendscope-cli: " << analyzed.error << "\n";
            return RuntimeFailure;
        }
        if (analyzed.report.blocked()) {
            m_out << analyzed.report.toText();
            m_err << "sendscope-cli: the analysis blocks delivery " << id << "; nothing was sent\n";
            return AnalysisBlocked;
        }
        m_err << "analyzed: " << analyzed.report.toDeliver << " to deliver, " << analyzed.report.toExclude
              << " excluded\n";
    }
    return Ok;
}

int CliCommands::send(const QStringList &args, bool resume)
{
    qint64 id = 0;
    if (args.size() != 1)
        return usage(resume ? u"usage: resume ID"_s : u"usage: send ID"_s);
    if (!parseId(args.first(), &id))
        return BadInput;
    if (const int code = prepareSend(id, resume); code != Ok)
        return code;
    // A relay that reports to a bounce mailbox: the run stays open and the mailbox is read
    // meanwhile, so the delivery finishes once every report is in (docs/product.md §4).
    DeliveryRun::Options options;
    std::optional<MailboxConfig> mailbox;
    QString mailboxPassword;
    int pollSeconds = 60;
    if (const auto def = DeliveryQueries(m_store->db()).definition(id)) {
        QString error;
        const auto route = RouteEndpoint::load(m_store->db(), def->value(u"route"_s).toObject(), &error);
        if (route && (route->type == RouteConfig::Type::Relay || route->type == RouteConfig::Type::Pool) &&
            !route->acceptanceMeansSent && !route->bounceMailbox.isEmpty()) {
            QStringList problems;
            const MailboxConfig config = MailboxConfig::fromJson(route->bounceMailbox, &problems);
            mailboxPassword =
                config.passwordEnv.isEmpty() ? QString() : qEnvironmentVariable(qPrintable(config.passwordEnv));
            pollSeconds = std::max(1, config.pollSeconds);
            if (!problems.isEmpty())
                m_err << "sendscope-cli: the bounce mailbox is not read: " << problems.join(u"; "_s) << "\n";
            else if (mailboxPassword.isEmpty())
                m_err << "sendscope-cli: the bounce mailbox is not read: bounce_mailbox.password_env is "
                      << (config.passwordEnv.isEmpty() ? u"not set"_s : u"empty"_s) << "\n";
            else
                mailbox = config;
        }
    }
    options.waitForReports = mailbox.has_value();
    m_storeHolder.reset(); // the engine thread opens its own writer connection
    m_store = nullptr;

    DeliveryEngine engine(m_dbPath, Clock::system(), options);
    std::atomic<bool> fetchStop = false;
    std::unique_ptr<QThread> fetcher;
    if (mailbox) {
        fetcher.reset(QThread::create([&, config = *mailbox] {
            auto store = Store::open(m_dbPath, nullptr);
            if (!store)
                return;
            FeedbackIntake intake(*store, Clock::system());
            while (!fetchStop) {
                // Between passes the connection waits in IDLE when the server offers it, so a
                // report is read when it arrives; otherwise a pass every poll_s seconds.
                const FeedbackIntakeReport r = intake.fetch(
                    config, mailboxPassword, [&] { return fetchStop.load(); }, pollSeconds * 1000);
                if (!r.ok())
                    qWarning("bounce mailbox %s: %s", qPrintable(config.key()), qPrintable(r.error));
                for (int i = 0; i < (r.idled && r.ok() ? 0 : pollSeconds * 10) && !fetchStop; ++i)
                    QThread::msleep(100);
            }
        }));
        fetcher->start();
    }
    int code = Ok;
    QEventLoop loop;
    qint64 lastPrint = 0;
    auto print = [&](const DeliveryKpis &s, bool force) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (!force && now - lastPrint < 1000)
            return;
        lastPrint = now;
        m_err << u"[%1] %2  sent %3/%4 (%5%)  taken into account %6  failed %7  in retry %8  pending %9\n"_s
                     .arg(QTime::currentTime().toString(u"HH:mm:ss"_s), LogStates::name(s.state))
                     .arg(s.count(LogState::Sent))
                     .arg(s.toDeliver)
                     .arg(QString::number(s.successPct(), 'f', 1))
                     .arg(s.count(LogState::TakenIntoAccount))
                     .arg(s.count(LogState::Failed))
                     .arg(s.inRetry)
                     .arg(s.count(LogState::Pending));
        m_err.flush();
    };
    DeliveryKpis last;
    QObject::connect(&engine, &DeliveryEngine::snapshot, &loop, [&](const DeliveryKpis &s) {
        last = s;
        print(s, false);
    });
    QObject::connect(&engine, &DeliveryEngine::storageFault, &loop, [&](qint64, const QString &fault) {
        if (fault.isEmpty())
            m_err << "delivery " << id << ": the database accepts writes again; sending goes on\n";
        else
            m_err << "delivery " << id << ": held, nothing new is sent until the database accepts writes: " << fault
                  << "\n";
        m_err.flush();
    });
    QObject::connect(&engine, &DeliveryEngine::failedToStart, &loop, [&](qint64, const QString &error) {
        m_err << "sendscope-cli: cannot send delivery " << id << ": " << error << "\n";
        code = RuntimeFailure;
        loop.quit();
    });
    QObject::connect(&engine, &DeliveryEngine::ended, &loop, [&](qint64, DeliveryRun::End end, const QString &message) {
        print(last, true);
        m_err << "delivery " << id << ": " << DeliveryRun::endName(end) << " (" << message << ")\n";
        if (end == DeliveryRun::End::DeliveryFailed)
            code = RuntimeFailure;
        loop.quit();
    });
    // Ctrl-C pauses: nothing new is handed over, what is in flight completes and is recorded.
    interrupted = false;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    QTimer poll;
    bool pauseAsked = false;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (interrupted && !pauseAsked) {
            pauseAsked = true;
            m_err << "\npausing: waiting for the messages in flight... (Ctrl-C again quits at once: what is in "
                     "flight is recovered by the next send, as after a crash)\n";
            // A run held by a storage fault records its pause only once the database takes writes.
            std::signal(SIGINT, SIG_DFL);
            engine.pause(id);
        }
    });
    poll.start(100);
    engine.send(id);
    loop.exec();
    fetchStop = true;
    if (fetcher)
        fetcher->wait();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    return code;
}

int CliCommands::control(const QString &command, const QStringList &args)
{
    qint64 id = 0;
    if (args.size() != 1)
        return usage(u"usage: %1 ID"_s.arg(command));
    if (!parseId(args.first(), &id))
        return BadInput;
    if (!openStore())
        return RuntimeFailure;
    const auto k = DeliveryQueries(m_store->db()).kpis(id);
    if (!k) {
        m_err << "sendscope-cli: no delivery with id " << id << " in " << m_dbPath << "\n";
        return BadInput;
    }
    const bool pause = command == u"pause"_s;
    const QList<DeliveryState> allowed = pause ? QList{DeliveryState::Pending, DeliveryState::InProgress}
                                               : QList{DeliveryState::Analyzed, DeliveryState::Pending,
                                                       DeliveryState::InProgress, DeliveryState::Paused};
    if (!allowed.contains(k->state)) {
        m_err << "sendscope-cli: delivery " << id << " is " << LogStates::name(k->state) << "; it cannot be "
              << (pause ? "paused" : "stopped") << "\n";
        return BadInput;
    }
    DeliveryService service(*m_store);
    if (!service.setState(id, pause ? DeliveryState::Paused : DeliveryState::Stopped)) {
        m_err << "sendscope-cli: " << service.lastError() << "\n";
        return RuntimeFailure;
    }
    // A stop cancels what was never handed over; a running engine sees the new state within a
    // second and lets what is in flight complete.
    if (!pause && !service.cancelPending(id)) {
        m_err << "sendscope-cli: " << service.lastError() << "\n";
        return RuntimeFailure;
    }
    m_out << "delivery " << id << ": " << (pause ? "paused" : "stopped") << "\n";
    return Ok;
}

int CliCommands::proof(const QStringList &args)
{
    QStringList rest = args;
    QStringList to;
    QStringList positional;
    while (!rest.isEmpty()) {
        const QString a = rest.takeFirst();
        if (a == u"--to"_s) {
            if (rest.isEmpty())
                return usage(u"--to needs one or more addresses, separated by commas"_s);
            to += rest.takeFirst().split(u',', Qt::SkipEmptyParts);
        } else if (a.startsWith(u"--"_s)) {
            return usage(u"unknown option '%1' for proof"_s.arg(a));
        } else {
            positional.append(a);
        }
    }
    qint64 id = 0;
    if (positional.size() != 1 || to.isEmpty())
        return usage(u"usage: proof ID --to ADDR[,ADDR...]"_s);
    if (const int code = openDelivery(positional.first(), &id); code != Ok)
        return code;
    for (QString &a : to)
        a = a.trimmed();
    ProofSender sender(*m_store, id);
    QEventLoop loop;
    QList<ProofSender::Result> results;
    QObject::connect(&sender, &ProofSender::finished, &loop, [&](const QList<ProofSender::Result> &r) {
        results = r;
        loop.quit();
    });
    if (!sender.start(to)) {
        m_err << "sendscope-cli: " << sender.error() << "\n";
        return BadInput;
    }
    loop.exec();
    int failures = 0;
    for (const ProofSender::Result &r : std::as_const(results)) {
        m_out << r.address << "\t" << (r.accepted ? "accepted" : "failed") << "\t" << r.reply << "\n";
        failures += r.accepted ? 0 : 1;
    }
    m_err << "proof #" << sender.number() << ": " << (results.size() - failures) << " of " << results.size()
          << " accepted\n";
    return failures == 0 ? Ok : RuntimeFailure;
}

int CliCommands::dkim(const QStringList &args)
{
    QStringList rest = args;
    if (rest.isEmpty())
        return usage(u"'dkim' needs a subcommand: keygen or check"_s);
    const QString sub = rest.takeFirst();
    QString out, type = u"rsa"_s, selector = u"sendscope"_s, domain, txt, keyFile;
    int bits = DkimKey::kRecommendedRsaBits;
    while (!rest.isEmpty()) {
        const QString a = rest.takeFirst();
        if (a == u"--out"_s || a == u"--type"_s || a == u"--bits"_s || a == u"--selector"_s || a == u"--domain"_s ||
            a == u"--txt"_s) {
            if (rest.isEmpty())
                return usage(u"%1 needs a value"_s.arg(a));
            const QString v = rest.takeFirst();
            if (a == u"--out"_s)
                out = v;
            else if (a == u"--type"_s)
                type = v;
            else if (a == u"--bits"_s)
                bits = v.toInt();
            else if (a == u"--selector"_s)
                selector = v;
            else if (a == u"--domain"_s)
                domain = v;
            else
                txt = v;
        } else if (!a.startsWith(u"--"_s) && keyFile.isEmpty()) {
            keyFile = a;
        } else {
            return usage(u"unknown option '%1' for dkim %2"_s.arg(a, sub));
        }
    }
    QString error;
    if (sub == u"keygen"_s) {
        if (out.isEmpty())
            return usage(u"usage: dkim keygen --out FILE [--type rsa|ed25519] [--bits 2048|4096]"_s);
        if (type != u"rsa"_s && type != u"ed25519"_s)
            return usage(u"--type must be rsa or ed25519, not '%1'"_s.arg(type));
        if (type == u"rsa"_s && bits != 2048 && bits != 4096)
            return usage(u"--bits must be 2048 or 4096"_s);
        if (QFileInfo::exists(out)) {
            m_err << "sendscope-cli: " << out << " exists; refusing to overwrite a key\n";
            return BadInput;
        }
        const DkimKey key = type == u"rsa"_s ? DkimKey::generateRsa(bits, &error) : DkimKey::generateEd25519(&error);
        if (key.isNull() || !key.writePrivatePem(out, &error)) {
            m_err << "sendscope-cli: " << error << "\n";
            return RuntimeFailure;
        }
        const QString name = selector + u"._domainkey."_s + (domain.isEmpty() ? u"<your domain>"_s : domain);
        m_out << "; private key written to " << out << " (mode 0600)\n"
              << DkimKeyStore::zoneFileRecord(name, key.dnsTxtStrings()) << "\n";
        return Ok;
    }
    if (sub == u"check"_s) {
        if (keyFile.isEmpty() || txt.isEmpty())
            return usage(u"usage: dkim check KEY.pem --txt 'v=DKIM1; k=rsa; p=...'"_s);
        const DkimKey key = DkimKey::fromPemFile(keyFile, &error);
        if (key.isNull()) {
            m_err << "sendscope-cli: " << error << "\n";
            return BadInput;
        }
        if (!key.matchesRecord(txt)) {
            m_out << "mismatch: the published record does not hold this key's public key\n";
            return RuntimeFailure;
        }
        m_out << "match: " << (key.algorithm() == DkimKey::Algorithm::Rsa ? "RSA " : "Ed25519 ") << key.bits()
              << " bits\n";
        return Ok;
    }
    return usage(u"unknown subcommand 'dkim %1'"_s.arg(sub));
}
