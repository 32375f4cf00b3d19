// The peer-fault matrix (issue 11, docs/reliability.md): a relay that misbehaves in one way, the
// whole engine sending to it, and where each recipient ends. Postfix's smtp-sink makes the faults
// a real server makes (a connection dropped after the final dot, 421 in the middle of a session,
// a reply that never comes); the scriptable server makes the one no real server would (a 10 MB
// reply line). Each case checks the state while the validity lasts, the failure type and reason,
// the possible-duplicate flag, and the state at the validity end; the accounting invariant is
// checked after every run.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "engine/delivery_run.h"
#include "engine_test_support.h"
#include "smtp_fake_server.h"
#include "smtp_sink.h"
#include "store/store.h"
#include "test_support.h"

#include <QScopeGuard>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

class TstPeerFaults final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    ManualClock m_clock{1'795'000'000'000};
    int m_count = 0;

    static constexpr int Recipients = 3;

    qint64 prepare(quint16 port)
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"validity"_s] = u"1h"_s;
        // Short timeouts, so a reply that never comes is given up in two seconds, not minutes.
        def[u"route"_s] = QJsonObject{
            {u"type"_s, u"relay"_s},         {u"host"_s, u"127.0.0.1"_s},     {u"port"_s, int(port)},
            {u"tls"_s, u"none"_s},           {u"max_connections"_s, 1},       {u"acceptance_means_sent"_s, true},
            {u"connect_timeout_ms"_s, 2000}, {u"command_timeout_ms"_s, 2000}, {u"data_timeout_ms"_s, 2000}};
        const QString name = u"d%1"_s.arg(++m_count);
        QByteArray csv = "email\n";
        for (int i = 0; i < Recipients; ++i)
            csv += "user" + QByteArray::number(i) + "@example.com\n";
        return EngineTest::importAnalyzed(*m_store, m_clock, m_dir, def, csv, name);
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

    // The recipients flagged possible duplicate are exactly those with an attempt whose final dot
    // got no reply; there is one such attempt or more when expected, none otherwise.
    void checkFlags(qint64 id, bool dotWithoutReply)
    {
        QSet<QString> flagged;
        for (const LogRow &r : rows(id)) {
            if (r.possibleDuplicate)
                flagged.insert(r.email);
        }
        QSet<QString> unanswered;
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"SELECT r.email FROM attempts a JOIN recipients r ON r.id = a.recipient_id "
                       "WHERE a.delivery_id = %1 AND a.outcome = 'possible_duplicate'"_s.arg(id)));
        while (q.next())
            unanswered.insert(q.value(0).toString());
        QCOMPARE(flagged, unanswered);
        QCOMPARE(!unanswered.isEmpty(), dotWithoutReply);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!SmtpSink::available()) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL("smtp-sink is missing; tests/peers/install.sh installs it");
            QSKIP("smtp-sink is missing (apt-get install postfix)");
        }
        m_store = Store::open(m_dir.filePath(u"faults.db"_s), nullptr);
        QVERIFY(m_store);
    }

    void faults_data()
    {
        QTest::addColumn<QStringList>("sinkOptions"); // empty: the scriptable server
        QTest::addColumn<QString>("replyHas");        // in the last reply recorded
        QTest::addColumn<bool>("dotWithoutReply");    // a final dot went out and no reply came
        // smtp-sink: -q drops the connection without a reply, -Q answers 421 and drops it, -W
        // waits before answering (the route's timeouts are 2 s).
        QTest::newRow("dropped after the final dot") << QStringList{u"-q"_s, u"."_s} << u""_s << true;
        QTest::newRow("421 after the final dot") << QStringList{u"-Q"_s, u"."_s} << u"421"_s << false;
        QTest::newRow("421 at RCPT") << QStringList{u"-Q"_s, u"RCPT"_s} << u"421"_s << false;
        QTest::newRow("421 at DATA") << QStringList{u"-Q"_s, u"DATA"_s} << u"421"_s << false;
        QTest::newRow("stalls after MAIL") << QStringList{u"-W"_s, u"MAIL:30"_s} << u"time"_s << false;
        QTest::newRow("stalls after the final dot") << QStringList{u"-W"_s, u".:30"_s} << u"time"_s << true;
        QTest::newRow("a 10 MB reply line") << QStringList{} << u"longer than"_s << false;
    }

    // While the validity lasts each recipient is Pending with a soft failure ("unreachable"), to be
    // tried again; at the validity end it is Failed, "validity expired". A message whose final dot
    // went out without a reply is flagged a possible duplicate; one refused with 421 is not, nor
    // one still queued behind it on the connection that broke.
    void faults()
    {
        QFETCH(QStringList, sinkOptions);
        QFETCH(QString, replyHas);
        QFETCH(bool, dotWithoutReply);
        SmtpSink sink;
        FakeSmtpServer fake;
        quint16 port = 0;
        if (sinkOptions.isEmpty()) {
            fake.ehloPlain = {"PIPELINING", "8BITMIME"};
            fake.onCommand = [](FakeSmtpServer::Connection &c, const QByteArray &line) {
                if (!line.startsWith("MAIL"))
                    return false;
                c.socket->write("250 " + QByteArray(10 * 1024 * 1024, 'x')); // no end of line, ever
                return true;
            };
            QVERIFY(fake.isListening()); // listens from its constructor
            port = fake.serverPort();
        } else {
            QVERIFY(sink.start(sinkOptions));
            port = sink.port();
        }
        const qint64 id = prepare(port);
        const DeliveryRun::End end = EngineTest::runToEnd(*m_store, id, m_clock, [&](DeliveryRun &) {
            // Past the validity once the first attempts are checked, even when a check fails.
            const auto expire = qScopeGuard([this] { m_clock.advanceMs(2 * 3600'000); });
            QTRY_VERIFY_WITH_TIMEOUT(DeliveryQueries(m_store->db()).kpis(id)->inRetry == Recipients, 20000);
            for (const LogRow &r : rows(id)) {
                QCOMPARE(r.state, LogState::Pending);
                QCOMPARE(r.failureType, FailureType::Soft);
                QCOMPARE(r.failureReason, FailureReason::Unreachable);
                QVERIFY2(r.lastReply.contains(replyHas, Qt::CaseInsensitive), qPrintable(r.lastReply.left(200)));
            }
            checkFlags(id, dotWithoutReply);
        });
        QCOMPARE(end, DeliveryRun::End::Finished);
        for (const LogRow &r : rows(id))
            QCOMPARE(r.state, LogState::Failed);
        QCOMPARE(DeliveryQueries(m_store->db()).kpis(id)->failedExpired, Recipients);
        checkFlags(id, dotWithoutReply);
    }
};

QTEST_GUILESS_MAIN(TstPeerFaults)
#include "tst_peer_faults.moc"
