// Durability (docs/architecture.md): sendscope-cli send is killed with SIGKILL in the middle of a
// 5,000-recipient delivery and run again. Every recipient ends final, the sink received every
// recipient at least once, and only rows flagged "possible duplicate" were received twice. And
// in one process, against the fake server: only a message whose final dot may have gone out is
// flagged after a crash (docs/reliability.md C1, C2).
#include "common/boot_session.h"
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "engine_test_support.h"
#include "smtp_fake_server.h"
#include "smtp_sink.h"
#include "store/store.h"
#include "test_support.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

class TstSendCrash final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Two messages on two connections: the server never answers the DATA of "before" (its data
    // never starts) and never answers the final dot of "after" (it has the message). The run is
    // then dropped as a crash leaves it: nothing more is recorded. The next run flags "after"
    // alone, sends both again, and the server ends with "before" once and "after" twice.
    void crashFlagsOnlyWhatReachedTheEndOfData()
    {
        if (BootSession::id().isEmpty())
            QSKIP("this system does not say which boot it is in: every recovery counts as after a reboot");
        FakeSmtpServer server;
        QHash<QSslSocket *, QByteArray> rcptOf;
        QHash<QByteArray, int> received;
        int dataCommands = 0;
        bool stall = true;
        server.onCommand = [&](FakeSmtpServer::Connection &c, const QByteArray &line) {
            if (line.startsWith("RCPT TO:<"))
                rcptOf[c.socket] = line.mid(9, line.indexOf('>') - 9);
            if (line != "DATA")
                return false;
            ++dataCommands;
            return stall && rcptOf.value(c.socket).startsWith("before@"); // no 354
        };
        server.onEndOfData = [&](FakeSmtpServer::Connection &c) {
            received[rcptOf.value(c.socket)] += 1;
            return stall && rcptOf.value(c.socket).startsWith("after@"); // no reply to the dot
        };
        QTemporaryDir dir;
        TestSupport::writeFile(dir, u"list.csv"_s, "email,first_name\nbefore@crash.example,B\nafter@crash.example,A\n");
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"route"_s] = QJsonObject{{u"type"_s, u"relay"_s},
                                      {u"host"_s, u"127.0.0.1"_s},
                                      {u"port"_s, int(server.serverPort())},
                                      {u"tls"_s, u"none"_s},
                                      {u"acceptance_means_sent"_s, true},
                                      {u"max_connections"_s, 2},
                                      {u"max_messages_per_connection"_s, 1}}; // one connection each
        auto store = Store::open(dir.filePath(u"crash.db"_s), nullptr);
        QVERIFY(store);
        ManualClock clock{1'795'000'000'000};
        DeliveryService service(*store, clock);
        const auto imported = service.importDefinition(TestSupport::writeDefinition(dir, def));
        QVERIFY(imported.ok);
        QVERIFY(service.analyze(imported.deliveryId).ok);
        const qint64 id = imported.deliveryId;

        auto crashed = std::make_unique<DeliveryRun>(*store, id, clock, EngineTest::fastOptions());
        QVERIFY(crashed->prepare());
        crashed->start();
        QTRY_VERIFY(received.value("after@crash.example") == 1 && dataCommands == 2);
        crashed.reset(); // as a crash leaves it: the database says what was committed, no more

        auto column = [&](const QString &email, const QString &name) {
            QSqlQuery q(store->db());
            q.prepare(u"SELECT l.%1 FROM recipient_log l JOIN recipients r ON r.id = l.recipient_id "
                      "WHERE r.email = ?"_s.arg(name));
            q.addBindValue(email);
            return q.exec() && q.next() ? q.value(0).toInt() : -1;
        };
        QCOMPARE(column(u"before@crash.example"_s, u"in_flight"_s), 1);
        QCOMPARE(column(u"after@crash.example"_s, u"in_flight"_s), 1);

        stall = false;
        DeliveryRun resumed(*store, id, clock, EngineTest::fastOptions());
        QVERIFY(resumed.prepare());
        QCOMPARE(column(u"before@crash.example"_s, u"possible_duplicate"_s), 0);
        QCOMPARE(column(u"before@crash.example"_s, u"attempts"_s), 0);
        QCOMPARE(column(u"after@crash.example"_s, u"possible_duplicate"_s), 1);
        QCOMPARE(resumed.possibleDuplicates(), 1);
        QSignalSpy ended(&resumed, &DeliveryRun::ended);
        resumed.start();
        QVERIFY(ended.wait(20000));
        QCOMPARE(ended.first().at(0).value<DeliveryRun::End>(), DeliveryRun::End::Finished);
        QCOMPARE(DeliveryQueries(store->db()).kpis(id)->count(LogState::Sent), 2);
        QCOMPARE(received.value("before@crash.example"), 1);
        QCOMPARE(received.value("after@crash.example"), 2);
        QCOMPARE(column(u"before@crash.example"_s, u"possible_duplicate"_s), 0);
        QCOMPARE(column(u"after@crash.example"_s, u"possible_duplicate"_s), 1);
        QCOMPARE(EngineTest::accountingProblem(*store, id, nullptr), QString());
    }

    void killDuringSendThenResume()
    {
        if (!SmtpSink::available()) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL("smtp-sink is missing; tests/peers/install.sh installs it");
            QSKIP("smtp-sink is missing (apt-get install postfix)");
        }
        constexpr int Recipients = 5000;
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        QTemporaryDir dir;
        QByteArray csv = "email,first_name\n";
        for (int i = 0; i < Recipients; ++i)
            csv += "r" + QByteArray::number(i) + "@crash.example,N" + QByteArray::number(i) + "\n";
        TestSupport::writeFile(dir, u"list.csv"_s, csv);
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"route"_s] =
            QJsonObject{{u"type"_s, u"relay"_s}, {u"host"_s, u"127.0.0.1"_s},        {u"port"_s, int(sink.port())},
                        {u"tls"_s, u"none"_s},   {u"acceptance_means_sent"_s, true}, {u"max_connections"_s, 4}};
        const QString db = dir.filePath(u"crash.db"_s);
        {
            auto store = Store::open(db, nullptr);
            DeliveryService service(*store);
            const auto imported = service.importDefinition(TestSupport::writeDefinition(dir, def));
            QVERIFY(imported.ok);
            QVERIFY(service.analyze(imported.deliveryId).ok);
        }
        auto sentCount = [&] {
            auto store = Store::open(db, nullptr);
            QSqlQuery q(store->db());
            return q.exec(u"SELECT count(*) FROM recipient_log WHERE state = 'sent'"_s) && q.next() ? q.value(0).toInt()
                                                                                                    : -1;
        };

        QProcess cli;
        cli.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        cli.start(QStringLiteral(SENDSCOPE_CLI_PATH), {u"--db"_s, db, u"send"_s, u"1"_s});
        QVERIFY(cli.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(sentCount() >= 100 || cli.state() == QProcess::NotRunning, 60000);
        QVERIFY2(cli.state() == QProcess::Running, "the send finished before it could be killed");
        cli.kill(); // SIGKILL: no cleanup of any kind
        QVERIFY(cli.waitForFinished());
        const int sentAtKill = sentCount();
        QVERIFY2(sentAtKill < Recipients, "nothing was left to resume");

        QProcess again;
        again.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        again.start(QStringLiteral(SENDSCOPE_CLI_PATH), {u"--db"_s, db, u"send"_s, u"1"_s});
        QVERIFY(again.waitForFinished(120000));
        QCOMPARE(again.exitCode(), 0);

        auto store = Store::open(db, nullptr);
        const DeliveryKpis k = DeliveryQueries(store->db()).kpis(1).value();
        QCOMPARE(k.state, DeliveryState::Finished);
        QCOMPARE(k.count(LogState::Sent), Recipients);

        // What the sink received, per recipient.
        QTRY_VERIFY_WITH_TIMEOUT(sink.dumps().size() >= Recipients, 10000);
        QHash<QString, int> received;
        static const QRegularExpression rcpt(u"X-Rcpt-Args: <([^>]+)>"_s);
        for (const QByteArray &d : sink.dumps()) {
            const auto m = rcpt.match(QString::fromUtf8(d));
            QVERIFY(m.hasMatch());
            received[m.captured(1)] += 1;
        }
        QSet<QString> flagged;
        int duplicates = 0;
        DeliveryQueries(store->db()).forEachLogRow(1, {}, [&](const LogRow &r) {
            if (r.possibleDuplicate)
                flagged.insert(r.email);
            return true;
        });
        for (int i = 0; i < Recipients; ++i) {
            const QString email = u"r%1@crash.example"_s.arg(i);
            QVERIFY2(received.value(email) >= 1, qPrintable(email + u" never arrived"_s));
            if (received.value(email) > 1) {
                ++duplicates;
                QVERIFY2(flagged.contains(email), qPrintable(email + u" arrived twice without the flag"_s));
            }
        }
        qInfo("killed at %d sent; %d possible duplicates flagged, %d real duplicates", sentAtKill, int(flagged.size()),
              duplicates);
    }
};

QTEST_GUILESS_MAIN(TstSendCrash)
#include "tst_send_crash.moc"
