// The sandbox route's SMTP sink: its protocol (pipelining, dot-unstuffing, bounded lines),
// that it listens on 127.0.0.1 only, and each outcome through a real run of the engine, with
// the same qualification rules as real replies.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "engine/delivery_engine.h"
#include "engine/delivery_run.h"
#include "engine/proof_sender.h"
#include "engine_test_support.h"
#include "routing/route_config.h"
#include "sandbox/sandbox_server.h"
#include "store/store.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A blocking SMTP client for the protocol tests (the sandbox runs on its own thread).
class Client
{
public:
    explicit Client(quint16 port, const QHostAddress &host = QHostAddress(QHostAddress::LocalHost))
    {
        m_socket.connectToHost(host, port);
        m_connected = m_socket.waitForConnected(3000);
    }
    bool connected() const { return m_connected; }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.waitForBytesWritten(3000);
    }
    // The next complete reply (all lines of a multi-line reply), without CRLFs, joined by '\n'.
    QByteArray reply()
    {
        QByteArray out;
        for (;;) {
            while (!m_socket.canReadLine()) {
                if (!m_socket.waitForReadyRead(5000))
                    return out.isEmpty() ? QByteArray("<no reply>") : out;
            }
            const QByteArray line = m_socket.readLine().trimmed();
            out += (out.isEmpty() ? "" : "\n") + line;
            if (line.size() < 4 || line.at(3) != '-')
                return out;
        }
    }
    bool closedByPeer()
    {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        m_socket.waitForDisconnected(5000);
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }

private:
    QTcpSocket m_socket;
    bool m_connected = false;
};

SandboxConfig table()
{
    SandboxConfig c = SandboxConfig::defaults();
    c.latencyMs = 0;
    c.keepLast = 5;
    return c;
}

} // namespace

class TstSandboxServer final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    ManualClock m_clock{1'795'000'000'000};
    int m_count = 0;

    qint64 prepare(const QByteArray &csv, const QJsonValue &route, QJsonObject def = TestSupport::cleanDefinition())
    {
        def[u"route"_s] = route;
        const QString name = u"d%1"_s.arg(++m_count);
        return EngineTest::importAnalyzed(*m_store, m_clock, m_dir, def, csv, name);
    }

    static QJsonObject sandboxRoute()
    {
        QJsonObject route = SandboxConfig::defaults().toJson();
        route.insert(u"type"_s, u"sandbox"_s);
        route.insert(u"latency_ms"_s, 2);
        return route;
    }

    DeliveryRun::End run(qint64 id, const std::function<void(DeliveryRun &)> &during = {})
    {
        return EngineTest::runToEnd(*m_store, id, m_clock, during);
    }

    QList<LogRow> rows(qint64 id)
    {
        QList<LogRow> out;
        DeliveryQueries(m_store->db()).forEachLogRow(id, {}, [&](const LogRow &r) {
            out.append(r);
            return true;
        });
        return out;
    }

    DeliveryKpis kpis(qint64 id) { return DeliveryQueries(m_store->db()).kpis(id).value(); }

private Q_SLOTS:
    void initTestCase()
    {
        m_store = Store::open(m_dir.filePath(u"sandbox.db"_s), nullptr);
        QVERIFY(m_store);
    }

    void configRoundTripAndErrors()
    {
        QStringList errors;
        const SandboxConfig c = SandboxConfig::fromJson(sandboxRoute(), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(c.outcomeFor(u"bounce.example"_s), SandboxConfig::Outcome::HardBounce);
        QCOMPARE(c.outcomeFor(u"MX.Bounce.Example"_s), SandboxConfig::Outcome::HardBounce); // parent domain
        QCOMPARE(c.outcomeFor(u"example.com"_s), SandboxConfig::Outcome::Accept);           // the default
        QCOMPARE(c.latencyMs, 2);
        QCOMPARE(SandboxConfig::fromJson(c.toJson(), &errors), c);

        const QJsonObject bad{{u"outcomes"_s, QJsonObject{{u"x.example"_s, u"bounce"_s}, {u"a@b"_s, u"hard"_s}}},
                              {u"default"_s, u"maybe"_s},
                              {u"latency_ms"_s, -5}};
        errors.clear();
        SandboxConfig::fromJson(bad, &errors);
        QCOMPARE(errors.size(), 4);
        QVERIFY(errors.join(u'\n').contains(u"route.outcomes.x.example: must be accept, hard, soft or throttle"_s));
        QVERIFY(errors.join(u'\n').contains(u"route.outcomes.a@b: is not a domain name"_s));
        QVERIFY(errors.join(u'\n').contains(u"route.default:"_s));
        QVERIFY(errors.join(u'\n').contains(u"route.latency_ms:"_s));

        // The route keeps its sandbox table through RouteConfig.
        errors.clear();
        QJsonObject json = sandboxRoute();
        json.insert(u"name"_s, u"Sandbox"_s);
        const RouteConfig route = RouteConfig::fromJson(json, &errors);
        QVERIFY(errors.isEmpty());
        QCOMPARE(route.type, RouteConfig::Type::Sandbox);
        QCOMPARE(route.toJson().value(u"outcomes"_s).toObject().value(u"bounce.example"_s).toString(), u"hard"_s);
        errors.clear();
        json.insert(u"latency_ms"_s, u"fast"_s);
        RouteConfig::fromJson(json, &errors);
        QCOMPARE(errors, QStringList{u"route.latency_ms: must be a whole number from 0 to 60000"_s});
    }

    void listensOnLoopbackOnly()
    {
        SandboxServer server(table());
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY(server.port() != 0);
        QCOMPARE(server.address(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(Client(server.port()).connected());
        // Another loopback address of this machine: nothing listens there.
        QVERIFY(!Client(server.port(), QHostAddress(u"127.0.0.2"_s)).connected());
        QVERIFY(!Client(server.port(), QHostAddress(QHostAddress::LocalHostIPv6)).connected());
        server.stop();
        QVERIFY(!server.isListening());
        // Started again: a new port, still loopback only.
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY(Client(server.port()).connected());
        server.stop();
    }

    void pipelinedTransaction()
    {
        SandboxServer server(table());
        QString error;
        QVERIFY(server.start(&error));
        Client c(server.port());
        QVERIFY(c.reply().startsWith("220 "));
        c.send("EHLO client.test\r\n");
        const QByteArray ehlo = c.reply();
        for (const char *ext : {"PIPELINING", "8BITMIME", "SIZE 10485760", "SMTPUTF8", "250 ENHANCEDSTATUSCODES"})
            QVERIFY2(ehlo.contains(ext), ehlo.constData());
        // Everything up to DATA in one write, as a pipelining client does.
        c.send("MAIL FROM:<news@acme.example> BODY=8BITMIME SMTPUTF8 SIZE=200\r\n"
               "RCPT TO:<ann@example.com>\r\n"
               "RCPT TO:<bob@bounce.example>\r\n"
               "RCPT TO:<cy@mailbox-full.example>\r\n"
               "RCPT TO:<dee@example.net>\r\n"
               "DATA\r\n");
        QCOMPARE(c.reply(), "250 2.1.0 Ok");
        QCOMPARE(c.reply(), "250 2.1.5 Ok");
        QCOMPARE(c.reply(), "550 5.1.1 <bob@bounce.example>: Recipient address rejected: user unknown (sandbox)");
        QCOMPARE(c.reply(), "452 4.2.2 <cy@mailbox-full.example>: mailbox full (sandbox)");
        QCOMPARE(c.reply(), "250 2.1.5 Ok");
        QCOMPARE(c.reply(), "354 End data with <CR><LF>.<CR><LF>");
        // Dot-stuffed lines, the end of data and the next transaction in one write.
        c.send("Subject: hi\r\n\r\n..leading dot\r\n..\r\n...\r\nlast\r\n.\r\n"
               "RSET\r\nNOOP\r\nMAIL FROM:<>\r\nRCPT TO:<x@bounce.example>\r\nDATA\r\nQUIT\r\n");
        QVERIFY(c.reply().startsWith("250 2.0.0 Ok: accepted by the sandbox"));
        QCOMPARE(c.reply(), "250 2.0.0 Ok");                  // RSET
        QCOMPARE(c.reply(), "250 2.0.0 Ok");                  // NOOP
        QCOMPARE(c.reply(), "250 2.1.0 Ok");                  // MAIL FROM:<>
        QVERIFY(c.reply().startsWith("550 5.1.1"));           // RCPT
        QCOMPARE(c.reply(), "554 5.5.1 no valid recipients"); // DATA
        QCOMPARE(c.reply(), "221 2.0.0 Bye");
        QVERIFY(c.closedByPeer());

        const QList<SandboxServer::Received> kept = server.received();
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().from, u"news@acme.example"_s);
        QCOMPARE(kept.first().recipients, (QStringList{u"ann@example.com"_s, u"dee@example.net"_s}));
        QCOMPARE(kept.first().data, QByteArray("Subject: hi\r\n\r\n.leading dot\r\n.\r\n..\r\nlast\r\n"));
        const SandboxServer::Stats s = server.stats();
        QCOMPARE(s.messagesAccepted, 1);
        QCOMPARE(s.recipientsAccepted, 2);
        QCOMPARE(s.hardBounces, 2);
        QCOMPARE(s.softBounces, 1);
        QCOMPARE(s.throttled, 0);
        QCOMPARE(s.connections, 1);
    }

    void sequenceErrorsAndBoundedLines()
    {
        SandboxServer server(table());
        QString error;
        QVERIFY(server.start(&error));
        Client c(server.port());
        c.reply();
        c.send("MAIL FROM:<a@acme.example>\r\n");
        QCOMPARE(c.reply(), "503 5.5.1 send EHLO first");
        c.send("EHLO x\r\n");
        c.reply();
        c.send("RCPT TO:<a@example.com>\r\nDATA\r\nVRFY root\r\n");
        QCOMPARE(c.reply(), "503 5.5.1 MAIL first");
        QCOMPARE(c.reply(), "503 5.5.1 MAIL first");
        QCOMPARE(c.reply(), "502 5.5.1 command not implemented by the sandbox");
        c.send("MAIL FROM:<a@acme.example> SIZE=99999999\r\nMAIL FROM:<a@acme.example> RET=FULL\r\n");
        QCOMPARE(c.reply(), "552 5.3.4 message size exceeds the sandbox limit");
        QCOMPARE(c.reply(), "555 5.5.4 unsupported MAIL parameter RET=FULL");
        // A command line beyond the bound is answered once and dropped; the session goes on.
        c.send("NOOP " + QByteArray(5000, 'x') + "\r\nNOOP\r\n");
        QCOMPARE(c.reply(), "500 5.5.2 line too long (at most 2048 octets)");
        QCOMPARE(c.reply(), "250 2.0.0 Ok");
        // A data line beyond 1000 octets fails the message, not the session.
        c.send("MAIL FROM:<a@acme.example>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
        c.reply();
        c.reply();
        QCOMPARE(c.reply(), "354 End data with <CR><LF>.<CR><LF>");
        c.send(QByteArray(1500, 'y') + "\r\nshort\r\n.\r\nNOOP\r\n");
        QCOMPARE(c.reply(), "554 5.6.0 message has a line longer than 1000 octets (RFC 5321)");
        QCOMPARE(c.reply(), "250 2.0.0 Ok");
        QCOMPARE(server.stats().messagesAccepted, 0);
    }

    void throttleClosesTheConnection()
    {
        SandboxServer server(table());
        QString error;
        QVERIFY(server.start(&error));
        Client c(server.port());
        c.reply();
        c.send("EHLO x\r\n");
        c.reply();
        c.send("MAIL FROM:<a@acme.example>\r\nRCPT TO:<t@throttled.example>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
        QCOMPARE(c.reply(), "250 2.1.0 Ok");
        QCOMPARE(c.reply(), "421 4.7.0 too many messages, try again later (sandbox)");
        QVERIFY(c.closedByPeer());
        QCOMPARE(server.stats().throttled, 1);
        QCOMPARE(server.stats().recipientsAccepted, 0);
    }

    void latencyHoldsTheReply()
    {
        SandboxConfig config = table();
        config.latencyMs = 300;
        SandboxServer server(config);
        QString error;
        QVERIFY(server.start(&error));
        Client c(server.port());
        c.reply();
        c.send("EHLO x\r\nMAIL FROM:<a@acme.example>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
        for (int i = 0; i < 4; ++i)
            c.reply();
        QElapsedTimer timer;
        timer.start();
        c.send("hello\r\n.\r\nNOOP\r\n");
        QVERIFY(c.reply().startsWith("250 2.0.0 Ok: accepted"));
        QVERIFY(timer.elapsed() >= 250);
        QCOMPARE(c.reply(), "250 2.0.0 Ok"); // the pipelined NOOP, after the delayed reply
        // A new table applies to the next recipient.
        config.outcomes.insert(u"example.com"_s, SandboxConfig::Outcome::SoftBounce);
        config.latencyMs = 0;
        server.setConfig(config);
        c.send("MAIL FROM:<a@acme.example>\r\nRCPT TO:<b@example.com>\r\n");
        c.reply();
        QVERIFY(c.reply().startsWith("452 4.2.2"));
    }

    // A client that keeps writing while a reply is held back is not read meanwhile: what the
    // sandbox holds stays bounded (TCP holds the rest), and every command is still answered.
    void inputWhileWaitingIsBounded()
    {
        SandboxConfig config = table();
        config.latencyMs = 1500;
        SandboxServer server(config);
        QString error;
        QVERIFY(server.start(&error));
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(s.waitForConnected(3000));
        s.write("EHLO x\r\nMAIL FROM:<a@acme.example>\r\nRCPT TO:<b@example.com>\r\nDATA\r\nhi\r\n.\r\n");
        constexpr int Noops = 256 * 1024; // 1.5 MiB, far more than the sandbox may hold
        s.write(QByteArray("NOOP\r\n").repeated(Noops));
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 1000)
            s.waitForBytesWritten(50);
        QVERIFY2(server.stats().largestInput <= 2 * SandboxSession::MaxBufferedInput,
                 qPrintable(QString::number(server.stats().largestInput)));
        // Every NOOP is answered in the end, after the held reply.
        int answered = 0;
        bool held = false;
        timer.restart();
        while (answered < Noops && timer.elapsed() < 30'000) {
            s.waitForBytesWritten(10);
            if (!s.canReadLine() && !s.waitForReadyRead(100))
                continue;
            while (s.canReadLine()) {
                const QByteArray line = s.readLine();
                held = held || line.startsWith("250 2.0.0 Ok: accepted");
                answered += held && line == "250 2.0.0 Ok\r\n";
            }
        }
        QCOMPARE(answered, Noops);
        QVERIFY2(server.stats().largestInput <= 2 * SandboxSession::MaxBufferedInput,
                 qPrintable(QString::number(server.stats().largestInput)));
    }

    // Each outcome through a real run: the reply is qualified by the rule table, and the
    // sandbox is the final destination (its acceptance means Sent).
    void outcomesThroughTheEngine_data()
    {
        QTest::addColumn<QString>("domain");
        QTest::addColumn<LogState>("state");
        QTest::addColumn<FailureType>("type");
        QTest::addColumn<FailureReason>("reason");
        QTest::addColumn<bool>("retried");
        QTest::newRow("accept") << u"example.com"_s << LogState::Sent << FailureType::None << FailureReason::None
                                << false;
        QTest::newRow("hard") << u"bounce.example"_s << LogState::Failed << FailureType::Hard
                              << FailureReason::UserUnknown << false;
        QTest::newRow("soft") << u"mailbox-full.example"_s << LogState::Failed << FailureType::Soft
                              << FailureReason::MailboxFull << true;
        QTest::newRow("throttle") << u"throttled.example"_s << LogState::Failed << FailureType::Soft
                                  << FailureReason::Refused << true;
    }

    void outcomesThroughTheEngine()
    {
        QFETCH(QString, domain);
        QFETCH(LogState, state);
        QFETCH(FailureType, type);
        QFETCH(FailureReason, reason);
        QFETCH(bool, retried);
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"validity"_s] = u"1h"_s;
        def[u"retry"_s] = QJsonObject{{u"period"_s, u"10m"_s}, {u"max_period"_s, u"20m"_s}};
        QByteArray csv = "email,first_name\n";
        for (int i = 0; i < 3; ++i)
            csv += "r" + QByteArray::number(m_count) + "-" + QByteArray::number(i) + "@" + domain.toUtf8() + ",N\n";
        const qint64 id = prepare(csv, sandboxRoute(), def);
        const DeliveryRun::End end = run(id, [&](DeliveryRun &) {
            if (!retried)
                return;
            QTRY_COMPARE(kpis(id).inRetry, 3);
            for (const LogRow &r : rows(id)) {
                QCOMPARE(r.state, LogState::Pending);
                QCOMPARE(r.failureReason, reason);
            }
            m_clock.advanceMs(10 * 60'000);
            QTRY_COMPARE(rows(id).first().attempts, 2);
            QTRY_COMPARE(kpis(id).inRetry, 3);
            m_clock.advanceMs(2 * 3600'000); // past the validity end
        });
        QCOMPARE(end, DeliveryRun::End::Finished);
        const QList<LogRow> all = rows(id);
        QCOMPARE(all.size(), 3);
        for (const LogRow &r : all) {
            QCOMPARE(r.state, state);
            QCOMPARE(r.failureType, type);
            QCOMPARE(r.failureReason, reason);
            QCOMPARE(r.validityExpired, retried);
            QVERIFY(r.attempts >= (retried ? 2 : 1));
        }
        // The attempt history names the sandbox's loopback endpoint.
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"SELECT DISTINCT remote_host FROM attempts a JOIN recipients r ON r.id = a.recipient_id "
                       "WHERE r.delivery_id = %1"_s.arg(id)));
        while (q.next())
            QVERIFY2(q.value(0).toString().startsWith(u"127.0.0.1:"_s), qPrintable(q.value(0).toString()));
    }

    // As the GUI and sendscope-cli run it: the engine thread starts the sandbox for the run.
    void engineRunsTheSandbox()
    {
        const qint64 id = prepare("email\nok1@example.org\nok2@example.net\ngone@bounce.example\n", sandboxRoute());
        DeliveryEngine engine(m_store->path(), m_clock, EngineTest::fastOptions());
        QSignalSpy ended(&engine, &DeliveryEngine::ended);
        QSignalSpy failed(&engine, &DeliveryEngine::failedToStart);
        engine.send(id);
        QVERIFY(ended.wait(20000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(ended.first().at(1).value<DeliveryRun::End>(), DeliveryRun::End::Finished);
        const DeliveryKpis k = kpis(id);
        QCOMPARE(k.count(LogState::Sent), qint64(2));
        QCOMPARE(k.count(LogState::Failed), qint64(1));
    }

    void proofThroughTheSandbox()
    {
        const qint64 id = prepare("email,first_name\nsomeone@example.com,Ann\n", sandboxRoute());
        ProofSender proof(*m_store, id, m_clock);
        QSignalSpy finished(&proof, &ProofSender::finished);
        QVERIFY2(proof.start({u"me@example.com"_s, u"typo@bounce.example"_s}), qPrintable(proof.error()));
        QVERIFY(finished.wait(10000));
        const auto results = finished.first().at(0).value<QList<ProofSender::Result>>();
        QCOMPARE(results.size(), 2);
        QVERIFY(results.at(0).accepted);
        QVERIFY(!results.at(1).accepted);
        QVERIFY2(results.at(1).reply.contains(u"5.1.1"_s), qPrintable(results.at(1).reply));
    }

    void badSandboxTableIsRefused()
    {
        // At import: the definition names the field.
        QJsonObject route = sandboxRoute();
        route.insert(u"outcomes"_s, QJsonObject{{u"bounce.example"_s, u"explode"_s}});
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"route"_s] = route;
        TestSupport::writeFile(m_dir, u"list.csv"_s, "email\nz@example.com\n");
        DeliveryService service(*m_store, m_clock);
        const auto imported = service.importDefinition(TestSupport::writeDefinition(m_dir, def, u"bad.json"_s));
        QVERIFY(!imported.ok);
        QVERIFY2(imported.errors.join(u'\n').contains(
                     u"field 'route.outcomes.bounce.example': must be accept, hard, soft or throttle"_s),
                 qPrintable(imported.errors.join(u'\n')));

        // A saved sandbox route changed after the analysis: the run refuses to start.
        QSqlQuery q(m_store->db());
        QJsonObject saved = sandboxRoute();
        saved.insert(u"latency_ms"_s, 999999);
        q.prepare(u"INSERT INTO routes (name, type, config) VALUES ('Broken sandbox', 'sandbox', ?)"_s);
        q.addBindValue(QString::fromUtf8(QJsonDocument(saved).toJson()));
        QVERIFY(q.exec());
        const qint64 id = prepare("email\nz@example.com\n", u"Broken sandbox"_s);
        DeliveryRun r(*m_store, id, m_clock, EngineTest::fastOptions());
        QVERIFY(!r.prepare());
        QCOMPARE(r.error(), u"route.latency_ms: must be a whole number from 0 to 60000"_s);
    }
};

QTEST_GUILESS_MAIN(TstSandboxServer)
#include "tst_sandbox_server.moc"
