// Durability (docs/architecture.md): sendscope-cli send is killed with SIGKILL in the middle of a
// 5,000-recipient delivery and run again. Every recipient ends final, the sink received every
// recipient at least once, and only rows flagged "possible duplicate" were received twice.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
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
