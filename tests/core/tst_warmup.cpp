// Warm-up of a sending identity (issue 12, docs/product.md §6): the schedule's parsing and
// errors, the cap of each UTC day, and two deliveries — one naming the warm-up itself, one through
// its route — each on its own connection to the database as two processes would be, together
// held to the day's cap, told as the reason they wait, and going on the next day.
#include "delivery/delivery_definition.h"
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "delivery/delivery_stats.h"
#include "engine/delivery_run.h"
#include "engine/rate_ledger.h"
#include "engine_test_support.h"
#include "routing/route_config.h"
#include "routing/warmup_schedule.h"
#include "smtp_sink.h"
#include "store/store.h"
#include "test_support.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

class TstWarmup final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    // 2026-12-01 10:00 UTC: the schedule's first day.
    const qint64 m_day1 = QDateTime(QDate(2026, 12, 1), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    ManualClock m_clock{m_day1};
    int m_count = 0;

    static QJsonObject warmup(const QJsonArray &daily)
    {
        return {{u"name"_s, u"ip-192.0.2.7"_s}, {u"start"_s, u"2026-12-01"_s}, {u"daily"_s, daily}};
    }

    // onRoute: the warm-up is the route's; otherwise the delivery's own.
    qint64 prepare(int recipients, quint16 port, bool onRoute)
    {
        const QString name = u"w%1"_s.arg(++m_count);
        QByteArray csv = "email\n";
        for (int i = 0; i < recipients; ++i)
            csv += name.toUtf8() + "-" + QByteArray::number(i) + "@example.com\n";
        QJsonObject def = TestSupport::cleanDefinition();
        QJsonObject route{{u"type"_s, u"relay"_s},
                          {u"host"_s, u"127.0.0.1"_s},
                          {u"port"_s, int(port)},
                          {u"tls"_s, u"none"_s},
                          {u"acceptance_means_sent"_s, true}};
        if (onRoute)
            route[u"warmup"_s] = warmup({3, 5});
        else
            def[u"warmup"_s] = warmup({3, 5});
        def[u"route"_s] = route;
        def[u"recipients"_s] = QJsonObject{{u"csv"_s, QString(name + u".csv"_s)}};
        TestSupport::writeFile(m_dir, name + u".csv"_s, csv);
        DeliveryService service(*m_store, m_clock);
        const auto imported = service.importDefinition(TestSupport::writeDefinition(m_dir, def, name + u".json"_s));
        if (!imported.ok)
            qFatal("import: %s", qPrintable(imported.errors.join(u'\n')));
        const auto analyzed = service.analyze(imported.deliveryId);
        if (!analyzed.ok || analyzed.report.blocked())
            qFatal("analysis: %s", qPrintable(analyzed.report.toText()));
        return imported.deliveryId;
    }

    qint64 sent(qint64 id) { return DeliveryQueries(m_store->db()).kpis(id).value().count(LogState::Sent); }

    int takenOn(qint64 dayMs)
    {
        QSqlQuery q(m_store->db());
        q.prepare(u"SELECT coalesce(sum(taken), 0) FROM warmup_days WHERE key = 'ip-192.0.2.7' AND slice = ?"_s);
        q.addBindValue(dayMs / WarmupSchedule::DayMs);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<DeliveryKpis>();
        m_store = Store::open(m_dir.filePath(u"warmup.db"_s), nullptr);
        QVERIFY(m_store);
    }

    void capPerDay()
    {
        QStringList errors;
        const WarmupSchedule w = WarmupSchedule::fromJson(warmup({50, 100}), u"warmup"_s, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(w.capOn(QDate(2026, 11, 30)), 50); // before the start: the first day's
        QCOMPARE(w.capOn(QDate(2026, 12, 1)), 50);
        QCOMPARE(w.capOn(QDate(2026, 12, 2)), 100);
        QCOMPARE(w.capOn(QDate(2026, 12, 3)), -1); // warm: no cap
        QCOMPARE(WarmupSchedule::fromJson(w.toJson(), u"warmup"_s, &errors).daily, w.daily);
        QVERIFY(WarmupSchedule().capOn(QDate(2026, 12, 1)) < 0);
    }

    void badSchedulesNameTheField()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"warmup"_s] = QJsonObject{
            {u"name"_s, u""_s}, {u"start"_s, u"2026-13-01"_s}, {u"daily"_s, QJsonArray{50, u"x"_s, 0}}, {u"ramp"_s, 1}};
        QList<DeliveryDefinition::Error> errors;
        DeliveryDefinition::fromJson(def, m_dir.path(), &errors);
        QStringList fields;
        for (const auto &e : errors)
            fields.append(e.field + u": "_s + e.message);
        QVERIFY2(
            fields.contains(u"warmup.name: required: the sending identity it warms up (an IP address or domain)"_s),
            qPrintable(fields.join(u'\n')));
        QVERIFY(fields.contains(u"warmup.start: '2026-13-01' is not a date YYYY-MM-DD"_s));
        QVERIFY(fields.contains(u"warmup.daily[1]: must be a positive whole number"_s));
        QVERIFY(fields.contains(u"warmup.daily[2]: must be a positive whole number"_s));
        QVERIFY(fields.contains(u"warmup.ramp: unknown field"_s));

        QStringList routeErrors;
        RouteConfig::fromJson(QJsonObject{{u"type"_s, u"relay"_s}, {u"host"_s, u"127.0.0.1"_s}, {u"warmup"_s, 5}},
                              &routeErrors);
        QVERIFY2(routeErrors.contains(u"route.warmup: must be an object {\"name\", \"start\", \"daily\"}"_s),
                 qPrintable(routeErrors.join(u'\n')));
    }

    // The analysis says how many days the schedule needs, and warns when that is past the
    // validity end.
    void analysisCountsTheDays()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"warmup"_s] = warmup({3, 5});
        def[u"recipients"_s] = QJsonObject{{u"csv"_s, u"days.csv"_s}};
        TestSupport::writeFile(m_dir, u"days.csv"_s,
                               "email\na@example.com\nb@example.com\nc@example.com\n"
                               "d@example.com\ne@example.com\n");
        m_clock.setNowMs(m_day1);
        DeliveryService service(*m_store, m_clock);
        const auto check = [&](const QString &validity, const QString &code) -> QString {
            def[u"validity"_s] = validity;
            const auto imported = service.importDefinition(TestSupport::writeDefinition(m_dir, def, u"days.json"_s));
            if (!imported.ok)
                return imported.errors.join(u'\n');
            const auto analyzed = service.analyze(imported.deliveryId);
            for (const auto &line : analyzed.report.lines) {
                if (line.rule == code)
                    return line.message;
            }
            return u"no %1 in: %2"_s.arg(code, analyzed.report.toText());
        };
        QCOMPARE(check(u"5d"_s, u"warmup.days"_s),
                 u"The warm-up of ip-192.0.2.7 allows 3 message(s) on the first day: the 5 recipient(s) need 2 "
                 "day(s), until 2026-12-02, if no other delivery uses it."_s);
        QCOMPARE(check(u"1h"_s, u"warmup.validity"_s),
                 u"The warm-up of ip-192.0.2.7 allows 3 message(s) on the first day: the 5 recipient(s) need 2 "
                 "day(s), until 2026-12-02, past the validity end; the rest will fail as validity expired."_s);
    }

    // The ledger itself: what is leased, spent, given back and released is what the day counts;
    // a day found used up is not asked again at once.
    void ledgerCountsOnlyWhatWasSpent()
    {
        RateLedger ledger(u"warmup_days"_s, WarmupSchedule::DayMs, 2);
        const qint64 day = m_day1 + 5 * WarmupSchedule::DayMs; // a day no other test uses
        const QString key = u"ledger-test"_s;
        QString error;
        ledger.want(key, 3, 4, day);
        QVERIFY(ledger.hasWants(day));
        QVERIFY2(ledger.sync(*m_store, day, &error), qPrintable(error));
        QCOMPARE(ledger.inHand(key, day), 1); // a quarter of 4 per lease
        ledger.want(key, 3, 4, day);
        QVERIFY(ledger.sync(*m_store, day, &error));
        ledger.want(key, 3, 4, day);
        QVERIFY(ledger.sync(*m_store, day, &error));
        QCOMPARE(ledger.inHand(key, day), 3);
        QCOMPARE(ledger.takenSeen(key, day), 3);
        ledger.spend(key, day);
        ledger.spend(key, day);
        ledger.giveBack(key, day); // one of them did not go after all
        QCOMPARE(ledger.inHand(key, day), 2);
        // Another process takes the last one of the 4: this one is refused, and not asked again
        // at every tick.
        QSqlQuery other(m_store->db());
        QVERIFY(other.exec(u"UPDATE warmup_days SET taken = taken + 1 WHERE key = 'ledger-test'"_s));
        ledger.want(key, 1, 4, day);
        QVERIFY(ledger.sync(*m_store, day, &error));
        QCOMPARE(ledger.inHand(key, day), 2);
        QCOMPARE(ledger.takenSeen(key, day), 4);
        ledger.want(key, 1, 4, day);
        QVERIFY(!ledger.hasWants(day));
        // Released: the day counts the one spent and the other process's one.
        QVERIFY2(ledger.release(*m_store, day, &error), qPrintable(error));
        QCOMPARE(ledger.inHand(key, day), 0);
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"SELECT taken FROM warmup_days WHERE key = 'ledger-test'"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
    }

    void deliveriesShareTheDayCap()
    {
        SmtpSink sink;
        if (!SmtpSink::available())
            QSKIP("smtp-sink is missing (apt-get install postfix)");
        QVERIFY(sink.start({}, true));
        m_clock.setNowMs(m_day1);
        const qint64 a = prepare(4, sink.port(), false);
        const qint64 b = prepare(4, sink.port(), true);
        QString error;
        const auto other = Store::open(m_store->path(), &error);
        QVERIFY2(other, qPrintable(error));
        DeliveryRun runA(*m_store, a, m_clock, EngineTest::fastOptions());
        DeliveryRun runB(*other, b, m_clock, EngineTest::fastOptions());
        QVERIFY2(runA.prepare(), qPrintable(runA.error()));
        QVERIFY2(runB.prepare(), qPrintable(runB.error()));
        QSignalSpy snapshotsA(&runA, &DeliveryRun::snapshot);
        QSignalSpy endedA(&runA, &DeliveryRun::ended);
        QSignalSpy endedB(&runB, &DeliveryRun::ended);
        runA.start();
        runB.start();
        // Day 1 allows 3 messages for the identity, whichever delivery sends them.
        QTRY_COMPARE(sent(a) + sent(b), 3);
        QTest::qWait(400);
        QCOMPARE(sent(a) + sent(b), 3);
        QCOMPARE(takenOn(m_day1), 3);
        // The reason they wait, as the engine tells it and as another process reads it.
        const qint64 nextDay = QDateTime(QDate(2026, 12, 2), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
        snapshotsA.clear();
        m_clock.advanceMs(100);
        QVERIFY(snapshotsA.wait(2000));
        const QList<DestinationHold> holds = snapshotsA.last().at(0).value<DeliveryKpis>().holds;
        QVERIFY(!holds.isEmpty());
        QCOMPARE(holds.first().warmup, u"ip-192.0.2.7"_s);
        QVERIFY(holds.first().warmupHeld());
        QCOMPARE(holds.first().sliceLimit, 3);
        QCOMPARE(holds.first().sentInSlice, 3);
        QCOMPARE(holds.first().nextSliceAtMs, nextDay);
        QJsonObject why;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                m_clock.advanceMs(100);
                const DeliveryStats stats(m_store->db());
                for (const DeliveryStats::DomainRow &d : stats.domains(a, 10)) {
                    const QJsonArray reasons = DeliveryStats::whyWaiting(d, stats.holds(a));
                    if (!reasons.isEmpty())
                        why = reasons.first().toObject();
                }
                return !why.isEmpty();
            }(),
            5000);
        QCOMPARE(why.value(u"reason"_s).toString(), u"warmup"_s);
        QCOMPARE(why.value(u"name"_s).toString(), u"ip-192.0.2.7"_s);
        QCOMPARE(why.value(u"daily_cap"_s).toInt(), 3);
        QCOMPARE(why.value(u"until"_s).toString(), u"2026-12-02T00:00:00Z"_s);

        // Day 2 allows 5: the 5 left, and both deliveries end.
        m_clock.setNowMs(nextDay + 1000);
        QTRY_COMPARE_WITH_TIMEOUT(endedA.size() + endedB.size(), 2, 10000);
        QCOMPARE(sent(a) + sent(b), 8);
        QCOMPARE(takenOn(nextDay), 5);
        QCOMPARE(sink.dumps().size(), 8);
        QCOMPARE(EngineTest::accountingProblem(*m_store, a, nullptr), QString());
        QCOMPARE(EngineTest::accountingProblem(*m_store, b, nullptr), QString());
    }
};

QTEST_GUILESS_MAIN(TstWarmup)
#include "tst_warmup.moc"
