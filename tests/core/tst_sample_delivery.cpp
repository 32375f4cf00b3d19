// The first run: a brand new database gets the Sandbox route and the sample delivery, analyzed
// and ready; any other database is left alone; the sample runs through the sandbox to the end.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "engine/delivery_run.h"
#include "sandbox/sample_delivery.h"
#include "sandbox/sandbox_route.h"
#include "store/store.h"
#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

class TstSampleDelivery final : public QObject
{
    Q_OBJECT

    ManualClock m_clock{1'795'000'000'000};

    static qint64 count(Store &store, const QString &sql)
    {
        QSqlQuery q(store.db());
        if (!q.exec(sql) || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0).toLongLong();
    }

private Q_SLOTS:
    void recipientsAreReservedAndMixed()
    {
        const QList<QByteArray> lines = SampleDelivery::recipientsCsv().trimmed().split('\n');
        QCOMPARE(lines.first(), "email,first_name");
        QCOMPARE(lines.size(), SampleDelivery::RecipientCount + 1);
        QMap<QString, int> perDomain;
        QSet<QByteArray> addresses;
        static const QRegularExpression reserved(u"^(example\\.(com|net|org)|[a-z-]+\\.(example|test))$"_s);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray email = lines.at(i).split(',').first();
            const QString domain = QString::fromUtf8(email.mid(email.indexOf('@') + 1));
            QVERIFY2(reserved.match(domain).hasMatch(), email.constData());
            addresses.insert(email);
            ++perDomain[domain];
        }
        QCOMPARE(addresses.size(), SampleDelivery::RecipientCount); // no duplicates
        QCOMPARE(perDomain.value(u"bounce.example"_s), 16);
        QCOMPARE(perDomain.value(u"mailbox-full.example"_s), 16);
        QCOMPARE(perDomain.value(u"throttled.example"_s), 8);
        QCOMPARE(perDomain.value(u"example.com"_s) + perDomain.value(u"example.net"_s) +
                     perDomain.value(u"example.org"_s),
                 160);
        // Each test domain has its outcome in the default sandbox table.
        const SandboxConfig c = SandboxConfig::defaults();
        QCOMPARE(c.outcomeFor(u"bounce.example"_s), SandboxConfig::Outcome::HardBounce);
        QCOMPARE(c.outcomeFor(u"mailbox-full.example"_s), SandboxConfig::Outcome::SoftBounce);
        QCOMPARE(c.outcomeFor(u"throttled.example"_s), SandboxConfig::Outcome::Throttle);
        QCOMPARE(c.outcomeFor(u"example.org"_s), SandboxConfig::Outcome::Accept);
    }

    void firstRunCreatesTheSample()
    {
        QTemporaryDir dir;
        auto store = Store::open(dir.filePath(u"new.db"_s), nullptr);
        QVERIFY(store);
        const SampleDelivery::Result r = SampleDelivery::createOnFirstRun(*store, dir.filePath(u"data"_s), m_clock);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QVERIFY(r.created);

        QString error;
        const auto config = SandboxRoute::load(store->db(), u"Sandbox"_s, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(*config, SandboxConfig::defaults());

        DeliveryQueries queries(store->db());
        const QList<DeliverySummary> list = queries.deliveries();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().id, r.deliveryId);
        QCOMPARE(list.first().name, u"Sample delivery (sandbox)"_s);
        QCOMPARE(list.first().kpis.state, DeliveryState::Analyzed);
        QCOMPARE(list.first().kpis.targeted, qint64(SampleDelivery::RecipientCount));
        QCOMPARE(list.first().kpis.toDeliver, qint64(SampleDelivery::RecipientCount));
        QCOMPARE(list.first().kpis.count(LogState::Pending), qint64(SampleDelivery::RecipientCount));
        const QJsonObject def = queries.definition(r.deliveryId).value();
        QVERIFY(def.value(u"html"_s).toString().contains(u"{{first_name|friend}}"_s));
        QVERIFY(def.value(u"text"_s).toString().contains(u"{{first_name|friend}}"_s));
        QVERIFY(SandboxRoute::isSandbox(store->db(), def.value(u"route"_s)));
        QVERIFY(QFile::exists(dir.filePath(u"data/sendscope-sample-recipients.csv"_s)));

        // Opened again: nothing more.
        const SampleDelivery::Result again = SampleDelivery::createOnFirstRun(*store, dir.filePath(u"data"_s), m_clock);
        QVERIFY(!again.created);
        QVERIFY(again.error.isEmpty());
        QCOMPARE(count(*store, u"SELECT count(*) FROM deliveries"_s), 1);
        QCOMPARE(count(*store, u"SELECT count(*) FROM routes"_s), 1);
    }

    void notAFirstRun()
    {
        QTemporaryDir dir;
        auto store = Store::open(dir.filePath(u"used.db"_s), nullptr);
        QVERIFY(store);
        QSqlQuery q(store->db());
        QVERIFY(q.exec(u"INSERT INTO routes (name, type, config) VALUES ('Smarthost', 'relay', "
                       "'{\"type\":\"relay\",\"host\":\"127.0.0.1\"}')"_s));
        const SampleDelivery::Result r = SampleDelivery::createOnFirstRun(*store, dir.path(), m_clock);
        QVERIFY(!r.created);
        QVERIFY(r.error.isEmpty());
        QCOMPARE(count(*store, u"SELECT count(*) FROM deliveries"_s), 0);
        QCOMPARE(count(*store, u"SELECT count(*) FROM routes"_s), 1);

        // A name taken by another kind of route is never turned into a sandbox.
        QString error;
        QVERIFY(!SandboxRoute::save(store->db(), u"Smarthost"_s, SandboxConfig::defaults(), &error));
        QCOMPARE(error, u"route.name: 'Smarthost' is already a relay route"_s);
        QVERIFY(!SandboxRoute::isSandbox(store->db(), u"Smarthost"_s));
        QVERIFY(!SandboxRoute::isSandbox(store->db(), u"Nowhere"_s));
        QVERIFY(!SandboxRoute::isSandbox(store->db(), QJsonObject{{u"type"_s, u"relay"_s}}));
        QVERIFY(SandboxRoute::isSandbox(store->db(), QJsonObject{{u"type"_s, u"sandbox"_s}}));
        QVERIFY(!SandboxRoute::load(store->db(), u"Smarthost"_s, &error));
        QCOMPARE(error, u"no sandbox route named 'Smarthost'"_s);
    }

    // The sample through the engine: every outcome of the sandbox shows in the log.
    void sampleRunsToTheEnd()
    {
        QTemporaryDir dir;
        auto store = Store::open(dir.filePath(u"run.db"_s), nullptr);
        QVERIFY(store);
        const SampleDelivery::Result r = SampleDelivery::createOnFirstRun(*store, dir.path(), m_clock);
        QVERIFY2(r.created && r.error.isEmpty(), qPrintable(r.error));
        // No latency (the test needs no wall-clock pause), and one message per connection: a
        // throttle's 421 closes its connection, which then takes no other recipient's attempt
        // with it, so every domain ends with exactly its own outcome.
        QJsonObject route = SandboxConfig::defaults().toJson();
        route.insert(u"type"_s, u"sandbox"_s);
        route.insert(u"latency_ms"_s, 0);
        route.insert(u"max_messages_per_connection"_s, 1);
        QSqlQuery update(store->db());
        update.prepare(u"UPDATE routes SET config = ? WHERE name = 'Sandbox'"_s);
        update.addBindValue(QString::fromUtf8(QJsonDocument(route).toJson()));
        QVERIFY(update.exec());

        DeliveryRun::Options o;
        o.tickMs = 20;
        o.commitIntervalMs = 2;
        o.snapshotIntervalMs = 50;
        DeliveryRun run(*store, r.deliveryId, m_clock, o);
        QVERIFY2(run.prepare(), qPrintable(run.error()));
        QSignalSpy ended(&run, &DeliveryRun::ended);
        run.start();
        DeliveryQueries queries(store->db());
        auto kpis = [&] { return queries.kpis(r.deliveryId).value(); };
        // First pass, then retries every few (injected) minutes until the validity end.
        for (int step = 0; step < 12 && ended.isEmpty(); ++step) {
            QTRY_VERIFY_WITH_TIMEOUT(count(*store, u"SELECT count(*) FROM recipient_log WHERE in_flight = 1"_s) == 0,
                                     10000);
            QTest::qWait(100);
            m_clock.advanceMs(3 * 60'000);
        }
        QVERIFY(!ended.isEmpty() || ended.wait(20000));
        QCOMPARE(ended.first().at(0).value<DeliveryRun::End>(), DeliveryRun::End::Finished);

        QMap<QString, QMap<QString, int>> outcomes; // domain -> "state/type/reason" -> count
        queries.forEachLogRow(r.deliveryId, {}, [&](const LogRow &row) {
            const QString domain = row.email.mid(row.email.indexOf(u'@') + 1);
            ++outcomes[domain][u"%1/%2/%3"_s.arg(LogStates::name(row.state), LogStates::name(row.failureType),
                                                 LogStates::name(row.failureReason))];
            return true;
        });
        QCOMPARE(outcomes.value(u"bounce.example"_s), (QMap<QString, int>{{u"failed/hard/user_unknown"_s, 16}}));
        QCOMPARE(outcomes.value(u"mailbox-full.example"_s), (QMap<QString, int>{{u"failed/soft/mailbox_full"_s, 16}}));
        QCOMPARE(outcomes.value(u"throttled.example"_s), (QMap<QString, int>{{u"failed/soft/refused"_s, 8}}));
        QCOMPARE(count(*store, u"SELECT count(*) FROM recipient_log WHERE state = 'failed' AND failure_type = 'soft' "
                               "AND validity_expired = 1"_s),
                 qint64(24));
        for (const QString &accepted : {u"example.com"_s, u"example.net"_s, u"example.org"_s})
            QVERIFY2(outcomes.value(accepted).keys() == QStringList{u"sent//"_s},
                     qPrintable(accepted + u": "_s + outcomes.value(accepted).keys().join(u", "_s)));
        QCOMPARE(kpis().count(LogState::Sent), qint64(160));
    }
};

QTEST_GUILESS_MAIN(TstSampleDelivery)
#include "tst_sample_delivery.moc"
