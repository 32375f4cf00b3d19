// MX rules (docs/product.md §6): first-match on the host, the rule table's checks and storage, the
// 5-minute rate slices and the adaptive throttle, end to end through smtp-sink on an injected
// clock, and what the engine's snapshots say holds a destination back.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "delivery/delivery_stats.h"
#include "engine/delivery_run.h"
#include "engine/destination_throttle.h"
#include "engine_test_support.h"
#include "routing/mx_rules.h"
#include "smtp/smtp_reply.h"
#include "smtp_sink.h"
#include "store/store.h"
#include "test_support.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

class TstMxRules final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    // On a slice boundary plus one second, so a test knows where the next slice starts.
    static constexpr qint64 T0 = 5'983'334 * DestinationThrottle::SliceMs + 1000;
    ManualClock m_clock{T0};
    int m_count = 0;

    static MxRule rule(const QString &pattern, int connections, int perHour)
    {
        MxRule r;
        r.pattern = pattern;
        r.maxConnections = connections;
        r.messagesPerHour = perHour;
        return r;
    }

    qint64 prepare(int recipients, quint16 port, int maxConnections)
    {
        QByteArray csv = "email\n";
        for (int i = 0; i < recipients; ++i)
            csv += "user" + QByteArray::number(i) + "@example.com\n";
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"route"_s] = QJsonObject{{u"type"_s, u"relay"_s},
                                      {u"host"_s, u"127.0.0.1"_s},
                                      {u"port"_s, int(port)},
                                      {u"tls"_s, u"none"_s},
                                      {u"max_connections"_s, maxConnections},
                                      {u"acceptance_means_sent"_s, true}};
        const QString name = u"d%1"_s.arg(++m_count);
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

    // The reasons `sendscope-cli status --json` gives for example.com's wait, by name.
    QHash<QString, QJsonObject> statusWaiting(qint64 id)
    {
        QProcess cli;
        cli.start(QStringLiteral(SENDSCOPE_CLI_PATH),
                  {u"--db"_s, m_store->path(), u"status"_s, QString::number(id), u"--json"_s});
        QHash<QString, QJsonObject> out;
        if (!cli.waitForFinished(20000) || cli.exitCode() != 0)
            return out;
        const QJsonObject status = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
        for (const QJsonValue &d : status.value(u"domains"_s).toArray()) {
            if (d[u"domain"_s].toString() != u"example.com"_s)
                continue;
            for (const QJsonValue &w : d[u"waiting"_s].toArray())
                out.insert(w[u"reason"_s].toString(), w.toObject());
        }
        return out;
    }

    DeliveryKpis kpis(qint64 id) { return DeliveryQueries(m_store->db()).kpis(id).value(); }

    // The relay's hold in the newest snapshot after the clock moved on a little.
    static std::optional<DestinationHold> freshHold(QSignalSpy &spy, ManualClock &clock)
    {
        spy.clear();
        clock.advanceMs(100);
        if (!spy.wait(2000))
            return std::nullopt;
        for (const DestinationHold &h : spy.last().at(0).value<DeliveryKpis>().holds) {
            if (h.destination == u"relay"_s)
                return h;
        }
        return DestinationHold{};
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<DeliveryKpis>();
        m_store = Store::open(m_dir.filePath(u"mx.db"_s), nullptr);
        QVERIFY(m_store);
    }

    void firstMatchInOrder()
    {
        const QList<MxRule> rules = {rule(u"*.google.com"_s, 2, 0), rule(u"mx?.example.com"_s, 1, 0),
                                     rule(u"*.example.com"_s, 3, 0), rule(u"*"_s, 0, 0)};
        QCOMPARE(MxRules::match(rules, u"aspmx.l.google.com"_s), 0);
        QCOMPARE(MxRules::match(rules, u"ALT1.ASPMX.L.Google.COM."_s), 0); // case, absolute name
        QCOMPARE(MxRules::match(rules, u"google.com"_s), 3);               // "*." needs a label
        QCOMPARE(MxRules::match(rules, u"x.notgoogle.com"_s), 3);
        QCOMPARE(MxRules::match(rules, u"mx1.example.com"_s), 1); // the earlier rule wins
        QCOMPARE(MxRules::match(rules, u"mx10.example.com"_s), 2);
        QCOMPARE(MxRules::match(rules.first(3), u"127.0.0.1"_s), -1);
        QVERIFY(MxRules::globMatch(u"127.0.0.*"_s, u"127.0.0.1"_s));
        // The defaults: providers first, "*" last, so every host has a rule.
        const QList<MxRule> defaults = MxRules::defaults();
        QCOMPARE(defaults.last().pattern, u"*"_s);
        QCOMPARE(MxRules::match(defaults, u"aspmx.l.google.com"_s), 0);
        QCOMPARE(MxRules::match(defaults, u"relay.internal"_s), defaults.size() - 1);
        QCOMPARE(defaults.last().messagesPerHour, 0); // no limit beyond the route's
    }

    void draftsAreCheckedByRowAndField()
    {
        QList<MxRuleDraft> drafts = MxRules::toDrafts(MxRules::defaults());
        MxRules::Problem problem;
        QVERIFY(MxRules::parse(drafts, &problem));
        QCOMPARE(*MxRules::parse(drafts, &problem), MxRules::defaults());

        QList<MxRuleDraft> bad = drafts;
        bad[1].messagesPerHour = u"lots"_s;
        QVERIFY(!MxRules::parse(bad, &problem));
        QCOMPARE(problem.row, 2);
        QCOMPARE(problem.field, MxRules::Field::MessagesPerHour);
        QCOMPARE(problem.issue, MxRules::Issue::NotANumber);
        QCOMPARE(problem.toString(), u"Rule 2, messages_per_hour: 'lots' is not a whole number"_s);
        bad = drafts;
        bad[0].maxConnections = u"-1"_s;
        QVERIFY(!MxRules::parse(bad, &problem));
        QCOMPARE(problem.issue, MxRules::Issue::OutOfRange);
        QCOMPARE(problem.field, MxRules::Field::MaxConnections);
        bad = drafts;
        bad[2].pattern = u"  "_s;
        QVERIFY(!MxRules::parse(bad, &problem));
        QCOMPARE(problem.row, 3);
        QCOMPARE(problem.issue, MxRules::Issue::Empty);
        bad = drafts;
        bad[2].pattern = u"mx google.com"_s;
        QVERIFY(!MxRules::parse(bad, &problem));
        QCOMPARE(problem.issue, MxRules::Issue::BadPattern);
        bad = drafts;
        bad[3].tls = u"none"_s; // a rule can only tighten the route's TLS
        QVERIFY(!MxRules::parse(bad, &problem));
        QCOMPARE(problem.field, MxRules::Field::Tls);
        // Empty numbers mean 0 (the route's); patterns are kept in lower case.
        QList<MxRuleDraft> loose = {
            {u"*.Example.COM"_s, {}, {}, u" 60 "_s, {}, {}, {}, u"starttls-required"_s, {}, {}, {}}};
        const auto parsed = MxRules::parse(loose, &problem);
        QVERIFY(parsed);
        QCOMPARE(parsed->first().pattern, u"*.example.com"_s);
        QCOMPARE(parsed->first().messagesPerHour, 60);
        QCOMPARE(parsed->first().maxConnections, 0);
    }

    void storedTableStartsWithTheDefaults()
    {
        QString error;
        QCOMPARE(MxRules::load(m_store->db(), &error), MxRules::defaults()); // the migration's seed
        QVERIFY(error.isEmpty());
        QList<MxRuleDraft> drafts = {
            {u"*.example.net"_s, u"1"_s, u"5"_s, u"60"_s, u"10"_s, u"20"_s, u"30"_s, {}, u"20"_s, u"60"_s, u"10"_s},
            {u"*"_s, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}}};
        // The throttle's constants: a cut leaves 1 to 99 percent, a step adds at most 100 points.
        for (const auto &[field, value] :
             {std::pair{&MxRuleDraft::throttleCutToPct, u"100"_s}, std::pair{&MxRuleDraft::restoreStepPct, u"101"_s},
              std::pair{&MxRuleDraft::coolDownS, u"-5"_s}}) {
            QList<MxRuleDraft> bad = drafts;
            bad[0].*field = value;
            MxRules::Problem problem;
            QVERIFY(!MxRules::parse(bad, &problem));
            QCOMPARE(problem.issue, MxRules::Issue::OutOfRange);
        }
        QVERIFY2(MxRules::saveDrafts(m_store->db(), drafts, &error), qPrintable(error));
        const QList<MxRule> stored = MxRules::load(m_store->db(), &error);
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored.first().dataTimeoutS, 30);
        QCOMPARE(stored.first().throttleCutToPct, 20);
        QCOMPARE(stored.first().coolDownS, 60);
        QCOMPARE(stored.first().restoreStepPct, 10);
        drafts[0].connectTimeoutS = u"x"_s;
        QVERIFY(!MxRules::saveDrafts(m_store->db(), drafts, &error));
        QCOMPARE(error, u"Rule 1, connect_timeout_s: 'x' is not a whole number"_s);
        QCOMPARE(MxRules::load(m_store->db(), &error).size(), 2); // nothing written
        QVERIFY(MxRules::restoreDefaults(m_store->db(), &error));
        QCOMPARE(MxRules::load(m_store->db(), &error), MxRules::defaults());
    }

    void throttleCutsAndRestores()
    {
        QVERIFY(DestinationThrottle::isThrottling(SmtpReply::makeLocal(421, u"4.7.0"_s, u"Try again later"_s)));
        QVERIFY(DestinationThrottle::isThrottling(SmtpReply::makeLocal(450, u"4.7.1"_s, u"Greylisted"_s)));
        QVERIFY(DestinationThrottle::isThrottling(SmtpReply::makeLocal(451, {}, u"Rate limit exceeded"_s)));
        QVERIFY(DestinationThrottle::isThrottling(SmtpReply::makeLocal(452, {}, u"Too many connections"_s)));
        QVERIFY(!DestinationThrottle::isThrottling(SmtpReply::makeLocal(452, u"4.2.2"_s, u"Mailbox full"_s)));
        QVERIFY(!DestinationThrottle::isThrottling(SmtpReply::makeLocal(550, u"5.7.1"_s, u"rate limit"_s)));

        DestinationThrottle t;
        const qint64 t0 = T0;
        QCOMPARE(t.levelPct(t0), 100);
        QCOMPARE(t.effectiveConnections(4, t0), 4);
        t.noteThrottling(t0, SmtpReply::makeLocal(421, {}, u"busy"_s));
        t.noteThrottling(t0 + 2000, SmtpReply::makeLocal(421, {}, u"busy"_s)); // same event: not cut twice
        QCOMPARE(t.levelPct(t0 + 1000), 50);
        QCOMPARE(t.effectiveConnections(4, t0 + 1000), 2);
        QCOMPARE(t.effectiveConnections(1, t0 + 1000), 1); // never below one
        QCOMPARE(t.effectiveRate(120, t0 + 1000), 60);
        QCOMPARE(t.effectiveRate(0, t0 + 1000), 0); // unlimited stays unlimited
        const qint64 until = t.throttledUntilMs();
        QCOMPARE(until, t0 + 2000 + DestinationThrottle::CoolDownMs);
        QCOMPARE(t.levelPct(until - 1), 50);
        QCOMPARE(t.levelPct(until), 75);
        QCOMPARE(t.levelPct(until + DestinationThrottle::CoolDownMs), 100);
        // A later event halves what is left.
        t.noteThrottling(until + 1, SmtpReply::makeLocal(451, u"4.7.0"_s, u"slow down"_s));
        QCOMPARE(t.levelPct(until + 2), 37);
        QCOMPARE(t.lastReply(), u"4.7.0"_s);

        // Slices: the hour's total is exact whatever the rate.
        for (int rate : {120, 100, 6, 1}) {
            DestinationThrottle s;
            int total = 0;
            for (int k = 0; k < 12; ++k)
                total += s.sliceLimit(rate, T0 - 1000 + k * DestinationThrottle::SliceMs);
            QCOMPARE(total, rate);
        }
        DestinationThrottle s;
        QCOMPARE(s.allowance(120, T0), 10);
        for (int i = 0; i < 10; ++i)
            s.countSent(T0 + i);
        QCOMPARE(s.allowance(120, T0 + 20), 0);
        QCOMPARE(s.allowance(0, T0 + 20), -1);
        QCOMPARE(s.allowance(120, DestinationThrottle::nextSliceAtMs(T0)), 10);
    }

    void rateIsEnforcedInFiveMinuteSlices()
    {
        SmtpSink sink;
        if (!SmtpSink::available())
            QSKIP("smtp-sink is missing (apt-get install postfix)");
        QVERIFY(sink.start({}));
        QString error;
        QVERIFY(MxRules::save(m_store->db(), {rule(u"127.0.0.*"_s, 0, 120), rule(u"*"_s, 0, 0)}, &error));
        m_clock.setNowMs(T0);
        const qint64 id = prepare(25, sink.port(), 4);
        DeliveryRun run(*m_store, id, m_clock, EngineTest::fastOptions());
        QVERIFY2(run.prepare(), qPrintable(run.error()));
        QSignalSpy snapshots(&run, &DeliveryRun::snapshot);
        QSignalSpy ended(&run, &DeliveryRun::ended);
        run.start();
        const qint64 nextSlice = T0 - 1000 + DestinationThrottle::SliceMs;
        // 120 per hour: 10 in this slice, and no more however long it waits.
        QTRY_COMPARE(kpis(id).count(LogState::Sent), 10);
        QTest::qWait(300);
        QCOMPARE(kpis(id).count(LogState::Sent), 10);
        auto hold = freshHold(snapshots, m_clock);
        QVERIFY(hold);
        QCOMPARE(hold->rule, u"127.0.0.*"_s);
        QCOMPARE(hold->ratePerHour, 120);
        QCOMPARE(hold->sliceLimit, 10);
        QCOMPARE(hold->sentInSlice, 10);
        QVERIFY(hold->waiting > 0);
        QVERIFY(hold->rateHeld());
        QVERIFY(!hold->throttled());
        QCOMPARE(hold->nextSliceAtMs, nextSlice);
        // Another process asking why the domain waits is told the rule and the next slice (the
        // engine saves it with its snapshots, which the clock moving on brings).
        QJsonObject waiting;
        QTRY_VERIFY_WITH_TIMEOUT((m_clock.advanceMs(100), !(waiting = statusWaiting(id).value(u"rate"_s)).isEmpty()),
                                 5000);
        QCOMPARE(waiting.value(u"rule"_s).toString(), u"127.0.0.*"_s);
        QCOMPARE(waiting.value(u"sent_in_slice"_s).toInt(), 10);
        QCOMPARE(QDateTime::fromString(waiting.value(u"until"_s).toString(), Qt::ISODate).toMSecsSinceEpoch(),
                 nextSlice);
        // The next slice carries 10 more, the one after the rest.
        m_clock.setNowMs(nextSlice);
        QTRY_COMPARE(kpis(id).count(LogState::Sent), 20);
        QTest::qWait(300);
        QCOMPARE(kpis(id).count(LogState::Sent), 20);
        m_clock.setNowMs(nextSlice + DestinationThrottle::SliceMs);
        QVERIFY(ended.wait(10000));
        QCOMPARE(ended.first().at(0).value<DeliveryRun::End>(), DeliveryRun::End::Finished);
        QCOMPARE(kpis(id).count(LogState::Sent), 25);
    }

    // Two deliveries to one provider share its rate: here two runs, each on its own connection
    // to the database, as two processes would be. Alone each would carry 10 in a slice.
    void rateIsSharedByDeliveriesAndProcesses()
    {
        SmtpSink sink;
        if (!SmtpSink::available())
            QSKIP("smtp-sink is missing (apt-get install postfix)");
        QVERIFY(sink.start({}, true));
        QString error;
        QVERIFY(MxRules::save(m_store->db(), {rule(u"127.0.0.*"_s, 0, 120), rule(u"*"_s, 0, 0)}, &error));
        const qint64 t1 = T0 + 10 * DestinationThrottle::SliceMs; // slices no other test used
        m_clock.setNowMs(t1);
        const qint64 a = prepare(15, sink.port(), 2);
        const qint64 b = prepare(15, sink.port(), 2);
        const auto other = Store::open(m_store->path(), &error);
        QVERIFY2(other, qPrintable(error));
        DeliveryRun runA(*m_store, a, m_clock, EngineTest::fastOptions());
        DeliveryRun runB(*other, b, m_clock, EngineTest::fastOptions());
        QVERIFY2(runA.prepare(), qPrintable(runA.error()));
        QVERIFY2(runB.prepare(), qPrintable(runB.error()));
        QSignalSpy snapshotsB(&runB, &DeliveryRun::snapshot);
        QSignalSpy endedA(&runA, &DeliveryRun::ended);
        QSignalSpy endedB(&runB, &DeliveryRun::ended);
        runA.start();
        runB.start();
        const auto sent = [&] { return kpis(a).count(LogState::Sent) + kpis(b).count(LogState::Sent); };
        const auto taken = [&](qint64 atMs) {
            QSqlQuery q(m_store->db());
            q.prepare(u"SELECT coalesce(sum(taken), 0) FROM rate_slices WHERE slice = ?"_s);
            q.addBindValue(atMs / DestinationThrottle::SliceMs);
            return q.exec() && q.next() ? q.value(0).toInt() : -1;
        };
        QTRY_COMPARE(sent(), 10);
        QTest::qWait(400);
        QCOMPARE(sent(), 10);
        QVERIFY(kpis(a).count(LogState::Sent) > 0); // shared, not taken by whoever came first
        QVERIFY(kpis(b).count(LogState::Sent) > 0);
        QCOMPARE(taken(t1), 10);
        snapshotsB.clear();
        m_clock.advanceMs(100);
        QVERIFY(snapshotsB.wait(2000));
        bool seen = false;
        for (const DestinationHold &h : snapshotsB.last().at(0).value<DeliveryKpis>().holds) {
            if (h.destination == u"relay"_s) {
                QCOMPARE(h.sentInSlice, 10); // every delivery's, not this one's
                QVERIFY(h.rateHeld());
                seen = true;
            }
        }
        QVERIFY(seen);
        const qint64 next = t1 - 1000 + DestinationThrottle::SliceMs;
        m_clock.setNowMs(next);
        QTRY_COMPARE(sent(), 20);
        QTest::qWait(400);
        QCOMPARE(sent(), 20);
        m_clock.setNowMs(next + DestinationThrottle::SliceMs);
        QTRY_COMPARE_WITH_TIMEOUT(endedA.size() + endedB.size(), 2, 10000);
        QCOMPARE(sent(), 30);
        // The slices count exactly what went out: no lease was counted twice or left over.
        QCOMPARE(taken(t1) + taken(next) + taken(next + DestinationThrottle::SliceMs), 30);
        QCOMPARE(sink.dumps().size(), 30);
    }

    // On the direct route the built-in MTA keeps what it took: a soft bounce stays "taken into
    // account" and is retried. Those recipients wait too, and the soonest retry says until when.
    void directRouteRetriesAreWaiting()
    {
        SmtpSink sink;
        if (!SmtpSink::available())
            QSKIP("smtp-sink is missing (apt-get install postfix)");
        QVERIFY(sink.start({u"-r"_s, u"RCPT"_s})); // 4xx at RCPT
        QString error;
        QVERIFY(MxRules::save(m_store->db(), {rule(u"*"_s, 0, 0)}, &error));
        m_clock.setNowMs(T0 + 20 * DestinationThrottle::SliceMs);
        const qint64 id = prepare(3, sink.port(), 2);
        QJsonObject def = QJsonDocument::fromJson([&] {
                              QSqlQuery q(m_store->db());
                              q.prepare(u"SELECT definition FROM deliveries WHERE id = ?"_s);
                              q.addBindValue(id);
                              return q.exec() && q.next() ? q.value(0).toByteArray() : QByteArray();
                          }())
                              .object();
        QVERIFY(!def.isEmpty());
        def[u"route"_s] =
            QJsonObject{{u"type"_s, u"direct"_s},
                        {u"mx_override"_s, QJsonObject{{u"example.com"_s, u"127.0.0.1:%1"_s.arg(sink.port())}}}};
        QSqlQuery update(m_store->db());
        update.prepare(u"UPDATE deliveries SET definition = ? WHERE id = ?"_s);
        update.addBindValue(QJsonDocument(def).toJson(QJsonDocument::Compact));
        update.addBindValue(id);
        QVERIFY(update.exec());
        DeliveryRun run(*m_store, id, m_clock, EngineTest::fastOptions());
        QVERIFY2(run.prepare(), qPrintable(run.error()));
        run.start();
        QTRY_COMPARE(kpis(id).inRetry, 3);
        const QList<DeliveryStats::DomainRow> rows = DeliveryStats(m_store->db()).domains(id, 10);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().waiting, 3);
        QVERIFY(rows.first().nextRetryAtMs > m_clock.nowMs());
        const QJsonArray why = DeliveryStats::whyWaiting(rows.first(), {});
        QCOMPARE(why.size(), 1);
        QCOMPARE(why.first()[u"reason"_s].toString(), u"retry"_s);
        // A stop would leave the built-in MTA retrying what it took until the validity end: the
        // run is simply destroyed, as when the application quits.
    }

    // Why a domain waits names only the holds on it: its own (the direct route, a pool's direct
    // member) or a relay's, which holds every domain; never another domain's.
    void holdsApplyToTheirDomain()
    {
        DeliveryStats::DomainRow row;
        row.domain = u"example.com"_s;
        row.waiting = 4;
        DestinationHold other;
        other.destination = u"direct/other.example"_s;
        other.domain = u"other.example"_s;
        other.waiting = 3;
        other.connections = other.maxConnections = 2;
        DestinationHold own = other;
        own.destination = u"direct/example.com"_s;
        own.domain = u"example.com"_s;
        QJsonArray why = DeliveryStats::whyWaiting(row, {other});
        QVERIFY2(why.isEmpty(), QJsonDocument(why).toJson().constData());
        why = DeliveryStats::whyWaiting(row, {other, own});
        QCOMPARE(why.size(), 1);
        QCOMPARE(why.first()[u"reason"_s].toString(), u"connections"_s);
        DestinationHold relay;
        relay.destination = u"relay-a"_s; // a pool's relay member
        relay.levelPct = 50;
        relay.throttledUntilMs = T0 + 60'000;
        why = DeliveryStats::whyWaiting(row, {other, relay});
        QCOMPARE(why.size(), 1);
        QCOMPARE(why.first()[u"reason"_s].toString(), u"throttle"_s);
        // As the database keeps them, and as holds written before they named their domain were.
        QCOMPARE(DestinationHold::fromJson(own.toJson()).domain, u"example.com"_s);
        QCOMPARE(DestinationHold::fromJson(relay.toJson()).domain, QString());
        QCOMPARE(DestinationHold::fromJson({{u"destination"_s, u"example.com"_s}}).domain, u"example.com"_s);
        QCOMPARE(DestinationHold::fromJson({{u"destination"_s, u"relay"_s}}).domain, QString());
    }

    void throttlingReplyCutsThenRestores()
    {
        SmtpSink sink;
        if (!SmtpSink::available())
            QSKIP("smtp-sink is missing (apt-get install postfix)");
        QVERIFY(sink.start({u"-Q"_s, u"RCPT"_s})); // 421 and the connection closed at RCPT
        QString error;
        QVERIFY(MxRules::save(m_store->db(), {rule(u"127.0.0.1"_s, 0, 1200), rule(u"*"_s, 0, 0)}, &error));
        m_clock.setNowMs(T0);
        const qint64 id = prepare(6, sink.port(), 4);
        DeliveryRun run(*m_store, id, m_clock, EngineTest::fastOptions());
        QVERIFY2(run.prepare(), qPrintable(run.error()));
        QSignalSpy snapshots(&run, &DeliveryRun::snapshot);
        QSignalSpy ended(&run, &DeliveryRun::ended);
        run.start();
        QTRY_COMPARE(kpis(id).inRetry, 6);
        auto hold = freshHold(snapshots, m_clock);
        QVERIFY(hold);
        QCOMPARE(hold->rule, u"127.0.0.1"_s);
        QVERIFY(hold->throttled());
        QCOMPARE(hold->levelPct, 50);
        QCOMPARE(hold->throttleReply, u"421"_s);
        QCOMPARE(hold->maxConnections, 2); // 4 halved
        QCOMPARE(hold->ratePerHour, 600);  // 1200 halved
        QVERIFY(hold->throttledUntilMs > m_clock.nowMs());
        QVERIFY(hold->throttledUntilMs <= T0 + DestinationThrottle::CoolDownMs + 200);
        // Why they wait, as another process sees it: the throttle (the reply that cut it) and
        // the soonest retry. The engine saves what holds it back with its snapshots, which the
        // clock moving on brings.
        QHash<QString, QJsonObject> why;
        QTRY_VERIFY_WITH_TIMEOUT((m_clock.advanceMs(100), why = statusWaiting(id)).contains(u"throttle"_s), 5000);
        QCOMPARE(why.value(u"throttle"_s).value(u"reply"_s).toString(), u"421"_s);
        QCOMPARE(why.value(u"throttle"_s).value(u"level_pct"_s).toInt(), 50);
        QCOMPARE(QDateTime::fromString(why.value(u"throttle"_s).value(u"until"_s).toString(), Qt::ISODate)
                     .toMSecsSinceEpoch(),
                 hold->throttledUntilMs);
        QVERIFY(why.contains(u"retry"_s));
        QVERIFY(
            QDateTime::fromString(why.value(u"retry"_s).value(u"until"_s).toString(), Qt::ISODate).toMSecsSinceEpoch() >
            m_clock.nowMs());
        // After the cool-down: 75%, then back to the full rule (the retries are not due yet).
        m_clock.setNowMs(hold->throttledUntilMs);
        hold = freshHold(snapshots, m_clock);
        QVERIFY(hold);
        QCOMPARE(hold->levelPct, 75);
        QCOMPARE(hold->maxConnections, 3);
        QCOMPARE(hold->ratePerHour, 900);
        m_clock.advanceMs(DestinationThrottle::CoolDownMs);
        hold = freshHold(snapshots, m_clock);
        QVERIFY(hold);
        QVERIFY(!hold->throttled()); // restored (or no longer listed: nothing in hand)
        run.stop();
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 10000);
        QCOMPARE(ended.first().at(0).value<DeliveryRun::End>(), DeliveryRun::End::Stopped);
    }

    // The rule's own throttle constants, and the cut kept in the database: a later run in another
    // process starts at the level the provider's 421 left, not at full speed.
    void throttleIsKeptForTheNextRun()
    {
        SmtpSink refusing;
        if (!SmtpSink::available())
            QSKIP("smtp-sink is missing (apt-get install postfix)");
        QVERIFY(refusing.start({u"-Q"_s, u"RCPT"_s}));
        MxRule careful = rule(u"127.0.0.1"_s, 0, 1200);
        careful.throttleCutToPct = 20;
        careful.coolDownS = 60;
        careful.restoreStepPct = 40;
        QString error;
        QVERIFY(MxRules::save(m_store->db(), {careful, rule(u"*"_s, 0, 0)}, &error));
        const qint64 t = T0 + 40 * DestinationThrottle::SliceMs; // slices no other test used
        m_clock.setNowMs(t);
        const quint16 port = refusing.port();
        qint64 until = 0;
        {
            DeliveryRun run(*m_store, prepare(6, port, 10), m_clock, EngineTest::fastOptions());
            QVERIFY2(run.prepare(), qPrintable(run.error()));
            QSignalSpy snapshots(&run, &DeliveryRun::snapshot);
            QSignalSpy ended(&run, &DeliveryRun::ended);
            run.start();
            QTRY_VERIFY(freshHold(snapshots, m_clock).value_or(DestinationHold{}).throttled());
            const auto hold = freshHold(snapshots, m_clock);
            QCOMPARE(hold->levelPct, 20);      // cut to 20 %, not halved
            QCOMPARE(hold->maxConnections, 2); // 10 at 20 %
            until = hold->throttledUntilMs;
            QVERIFY(until > t + 59'000 && until <= t + 61'000); // a 60 s cool-down
            run.stop();
            QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, 10000);
        }
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(
            u"SELECT cut_pct, until, reply FROM destination_throttles WHERE key LIKE '%127.0.0.1:%1'"_s.arg(port)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 20);
        QCOMPARE(q.value(1).toLongLong(), until);
        QCOMPARE(q.value(2).toString(), u"421"_s);

        // The same relay, willing now but slow (a second per message): another process's run
        // starts throttled, and comes back by the rule's 40 points once the cool-down is over.
        refusing.stop();
        SmtpSink slow;
        QVERIFY(slow.start({u"-w"_s, u"1"_s}, false, port));
        const auto other = Store::open(m_store->path(), &error);
        QVERIFY2(other, qPrintable(error));
        DeliveryRun run(*other, prepare(30, port, 10), m_clock, EngineTest::fastOptions());
        QVERIFY2(run.prepare(), qPrintable(run.error()));
        QSignalSpy snapshots(&run, &DeliveryRun::snapshot);
        run.start();
        auto hold = freshHold(snapshots, m_clock);
        QVERIFY(hold);
        QVERIFY(hold->throttled());
        QCOMPARE(hold->levelPct, 20);
        QCOMPARE(hold->maxConnections, 2);
        QCOMPARE(hold->throttledUntilMs, until);
        QVERIFY(hold->connections <= 2);
        m_clock.setNowMs(until);
        hold = freshHold(snapshots, m_clock);
        QVERIFY(hold);
        QCOMPARE(hold->levelPct, 60);
        QCOMPARE(hold->maxConnections, 6);
        run.stop();
    }
};

QTEST_GUILESS_MAIN(TstMxRules)
#include "tst_mx_rules.moc"
