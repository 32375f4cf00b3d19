// MTA-STS on the direct route (RFC 8461, issue 12): the policy's parsing and MX matching, and
// sends to three domains of the test DNS (tests/peers) whose policies openssl s_server serves
// over HTTPS and whose MX is Postfix's STARTTLS port: "enforce" with a matching MX delivers over
// verified TLS, "enforce" naming other MX hosts delivers nothing and retries, "testing" delivers
// and says what it would have refused.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "engine/delivery_run.h"
#include "engine_test_support.h"
#include "routing/mta_sts.h"
#include "routing/route_config.h"
#include "store/store.h"
#include "test_support.h"

#include <QDnsLookup>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

class TstMtaSts final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    ManualClock m_clock{1'797'000'000'000};
    QString m_dns;
    QString m_ca;
    int m_stsPort = 8443;
    int m_count = 0;

    QJsonObject direct() const
    {
        return QJsonObject{
            {u"type"_s, u"direct"_s},         {u"tls"_s, u"starttls"_s},       {u"dns_server"_s, m_dns},
            {u"smtp_port"_s, 2587},           {u"mta_sts_port"_s, m_stsPort},  {u"ca_file"_s, m_ca},
            {u"helo"_s, u"sendscope.test"_s}, {u"connect_timeout_ms"_s, 3000}, {u"command_timeout_ms"_s, 5000}};
    }

    qint64 prepare(const QByteArray &csv, const QJsonObject &route)
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"route"_s] = route;
        def[u"retry"_s] = QJsonObject{{u"period"_s, u"10m"_s}, {u"max_period"_s, u"10m"_s}};
        return EngineTest::importAnalyzed(*m_store, m_clock, m_dir, def, csv, u"d%1"_s.arg(++m_count));
    }

    struct Attempt
    {
        QString state;
        QString remote;
        QString reply;
        QString transcript;
    };

    Attempt last(qint64 id, const QString &email)
    {
        QSqlQuery q(m_store->db());
        q.prepare(u"SELECT l.state, a.remote_host, a.reply, a.transcript FROM recipients r "
                  "JOIN recipient_log l ON l.recipient_id = r.id "
                  "LEFT JOIN attempts a ON a.recipient_id = r.id WHERE r.delivery_id = ? AND r.email = ? "
                  "ORDER BY a.id DESC LIMIT 1"_s);
        q.addBindValue(id);
        q.addBindValue(email);
        if (!q.exec() || !q.next())
            return {};
        return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dns = qEnvironmentVariable("SENDSCOPE_PEERS_DNS", u"127.0.0.153"_s);
        m_ca = qEnvironmentVariable("SENDSCOPE_PEERS_CA", u"/var/tmp/sendscope-peers/tls/ca.pem"_s);
        m_stsPort = qEnvironmentVariableIntValue("SENDSCOPE_PEERS_STS_PORT");
        QDnsLookup probe(QDnsLookup::TXT, u"_mta-sts.sts-enforce.test"_s, QHostAddress(m_dns));
        QSignalSpy done(&probe, &QDnsLookup::finished);
        probe.lookup();
        const bool up = m_stsPort > 0 && done.wait(5000) && probe.error() == QDnsLookup::NoError;
        if (!up) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL("the test DNS or the MTA-STS policy servers are missing (tests/peers/start-peers.sh)");
            QSKIP("the MTA-STS peers are not there; start them with tests/peers/start-peers.sh");
        }
        m_store = Store::open(m_dir.filePath(u"sts.db"_s), nullptr);
        QVERIFY(m_store);
    }

    void policyParsing()
    {
        QString error;
        const auto p = MtaStsPolicy::parse("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\n"
                                           "mx: *.example.net\r\nmax_age: 604800\r\nextension: kept out\r\n",
                                           &error);
        QVERIFY2(p, qPrintable(error));
        QCOMPARE(p->mode, MtaStsPolicy::Mode::Enforce);
        QCOMPARE(p->mx, QStringList({u"mail.example.com"_s, u"*.example.net"_s}));
        QCOMPARE(p->maxAgeSeconds, 604800);
        QVERIFY(p->allows(u"MAIL.example.com."_s));
        QVERIFY(p->allows(u"mx1.example.net"_s));
        QVERIFY(!p->allows(u"a.mx1.example.net"_s)); // the wildcard is one label
        QVERIFY(!p->allows(u"example.net"_s));
        QVERIFY(!p->allows(u"mail.example.com.evil.test"_s));

        const QList<std::pair<QByteArray, QString>> bad = {
            {"version: STSv2\nmode: enforce\nmx: a\nmax_age: 1\n", u"line 1: version 'STSv2' is not STSv1"_s},
            {"version: STSv1\nmode: strict\nmx: a\nmax_age: 1\n",
             u"line 2: mode 'strict' is not enforce, testing or none"_s},
            {"version: STSv1\nmode: enforce\nmx: a\nmax_age: 99999999\n",
             u"line 4: max_age '99999999' is not from 0 to 31557600"_s},
            {"version: STSv1\nmode: enforce\nmax_age: 60\n", u"the policy names no mx"_s},
            {"version: STSv1\nmx: a\nmax_age: 60\n", u"the policy lacks mode"_s},
            {"<html>not found</html>\n", u"line 1: not \"key: value\""_s},
        };
        for (const auto &[text, expected] : bad) {
            QVERIFY(!MtaStsPolicy::parse(text, &error));
            QCOMPARE(error, expected);
        }
        QVERIFY(MtaStsPolicy::parse("version: STSv1\nmode: none\nmax_age: 60\n", &error)); // none needs no mx
        QStringList errors;
        RouteConfig::fromJson(QJsonObject{{u"type"_s, u"relay"_s}, {u"host"_s, u"a"_s}, {u"mta_sts"_s, false}},
                              &errors);
        QCOMPARE(errors, QStringList{u"route.mta_sts: only a direct route looks up MTA-STS policies"_s});
    }

    // The fetcher itself: the policy over HTTPS once, then from its cache while the TXT id stays.
    void fetchesAndKeeps()
    {
        MtaStsFetcher fetcher(QHostAddress(m_dns), quint16(m_stsPort), QSslCertificate::fromPath(m_ca), 5000, m_clock);
        QSignalSpy fetched(&fetcher, &MtaStsFetcher::fetched);
        fetcher.fetch(u"sts-enforce.test"_s);
        QVERIFY(fetched.wait(10000));
        auto result = fetched.takeFirst().at(1).value<MtaStsResult>();
        QVERIFY2(result.policy, qPrintable(result.notes.join(u'\n')));
        QCOMPARE(result.policy->mode, MtaStsPolicy::Mode::Enforce);
        QCOMPARE(result.policy->mx, QStringList{u"mx.sendscope.test"_s});
        QCOMPARE(result.policy->id, u"20261207stsenforce"_s);
        fetcher.fetch(u"sts-enforce.test"_s);
        QVERIFY(fetched.wait(10000));
        result = fetched.takeFirst().at(1).value<MtaStsResult>();
        QVERIFY(result.policy);
        QVERIFY2(result.notes.join(u'\n').contains(u"already known"_s), qPrintable(result.notes.join(u'\n')));
        // No record: no policy. A certificate the fetch cannot verify: none either.
        fetcher.fetch(u"mx-failover.test"_s);
        QVERIFY(fetched.wait(10000));
        result = fetched.takeFirst().at(1).value<MtaStsResult>();
        QVERIFY(!result.policy);
        MtaStsFetcher untrusting(QHostAddress(m_dns), quint16(m_stsPort), {}, 5000, m_clock);
        QSignalSpy refused(&untrusting, &MtaStsFetcher::fetched);
        untrusting.fetch(u"sts-enforce.test"_s);
        QVERIFY(refused.wait(10000));
        result = refused.takeFirst().at(1).value<MtaStsResult>();
        QVERIFY(!result.policy);
        QVERIFY2(result.notes.join(u'\n').contains(u"certificate"_s), qPrintable(result.notes.join(u'\n')));
    }

    void policiesAreHonoured()
    {
        const qint64 id = prepare("email\na@sts-enforce.test\nb@sts-mismatch.test\nc@sts-testing.test\n", direct());
        DeliveryRun run(*m_store, id, m_clock, EngineTest::fastOptions());
        QVERIFY2(run.prepare(), qPrintable(run.error()));
        run.start();
        QTRY_COMPARE_WITH_TIMEOUT(last(id, u"c@sts-testing.test"_s).state, u"sent"_s, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(last(id, u"a@sts-enforce.test"_s).state, u"sent"_s, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!last(id, u"b@sts-mismatch.test"_s).reply.isEmpty(), 15000);

        // Enforced: the allowed MX, STARTTLS with its certificate verified.
        const Attempt a = last(id, u"a@sts-enforce.test"_s);
        QVERIFY2(a.transcript.contains(u"MTA-STS: enforce mode, mx mx.sendscope.test"_s), qPrintable(a.transcript));
        QVERIFY2(a.transcript.contains(u"STARTTLS with a verified certificate required"_s), qPrintable(a.transcript));
        QVERIFY2(a.transcript.contains(u"STARTTLS"_s) && !a.transcript.contains(u"not verified"_s),
                 qPrintable(a.transcript));
        QVERIFY2(a.remote.startsWith(u"mx.sendscope.test"_s), qPrintable(a.remote));

        // Its MX is not in the policy: nothing sent, a soft failure to retry.
        const Attempt b = last(id, u"b@sts-mismatch.test"_s);
        QCOMPARE(b.state, u"taken_into_account"_s); // the built-in MTA holds it for a retry
        QVERIFY2(b.reply.contains(u"451 4.7.5 no MX host of sts-mismatch.test is allowed by its MTA-STS policy"_s),
                 qPrintable(b.reply));
        QVERIFY2(b.transcript.contains(u"mx.sendscope.test not in the policy's mx: skipped"_s),
                 qPrintable(b.transcript));
        QVERIFY(b.remote.isEmpty());

        // Testing: sent, and the transcript says it would not have been.
        const Attempt c = last(id, u"c@sts-testing.test"_s);
        QVERIFY2(c.transcript.contains(u"not in the policy's mx (testing: used anyway)"_s), qPrintable(c.transcript));
        run.stop();

        // The policies are kept in the database, each until its max_age runs out.
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"SELECT domain, id, expires_at FROM mta_sts_policies ORDER BY domain"_s));
        QStringList kept;
        while (q.next()) {
            kept.append(q.value(0).toString() + u' ' + q.value(1).toString());
            QCOMPARE(q.value(2).toLongLong(), m_clock.nowMs() + 86'400'000);
        }
        QCOMPARE(kept,
                 QStringList({u"sts-enforce.test 20261207stsenforce"_s, u"sts-mismatch.test 20261207stsmismatch"_s,
                              u"sts-testing.test 20261207ststesting"_s}));
    }

    // A later run whose policy server cannot be reached (here: a port nothing listens on) keeps
    // to the policy fetched before, from the database: downgrading it takes more than a block.
    void keptPolicyOutlivesTheRun()
    {
        {
            // The policy fetched once, by an earlier run (also when this test runs alone).
            const qint64 first = prepare("email\nfirst@sts-mismatch.test\n", direct());
            DeliveryRun run(*m_store, first, m_clock, EngineTest::fastOptions());
            QVERIFY2(run.prepare(), qPrintable(run.error()));
            run.start();
            QTRY_VERIFY_WITH_TIMEOUT(!last(first, u"first@sts-mismatch.test"_s).reply.isEmpty(), 15000);
            run.stop();
        }
        QJsonObject route = direct();
        route[u"mta_sts_port"_s] = 9; // discard: nothing listens on loopback
        route[u"connect_timeout_ms"_s] = 1000;
        const qint64 id = prepare("email\nb@sts-mismatch.test\n", route);
        DeliveryRun run(*m_store, id, m_clock, EngineTest::fastOptions());
        QVERIFY2(run.prepare(), qPrintable(run.error()));
        run.start();
        QTRY_VERIFY_WITH_TIMEOUT(!last(id, u"b@sts-mismatch.test"_s).reply.isEmpty(), 15000);
        const Attempt b = last(id, u"b@sts-mismatch.test"_s);
        QCOMPARE(b.state, u"taken_into_account"_s);
        QVERIFY2(b.reply.contains(u"4.7.5"_s), qPrintable(b.reply));
        // The TXT id is the same, so the kept policy is used without asking the server.
        QVERIFY2(b.transcript.contains(u"MTA-STS: policy id 20261207stsmismatch of sts-mismatch.test already known"_s),
                 qPrintable(b.transcript));
        run.stop();
    }

    // Without mta_sts the policy is not asked for: the mismatching domain is delivered.
    void canBeTurnedOff()
    {
        QJsonObject route = direct();
        route[u"mta_sts"_s] = false;
        const qint64 id = prepare("email\nb@sts-mismatch.test\n", route);
        QCOMPARE(EngineTest::runToEnd(*m_store, id, m_clock), DeliveryRun::End::Finished);
        const Attempt b = last(id, u"b@sts-mismatch.test"_s);
        QCOMPARE(b.state, u"sent"_s);
        QVERIFY(!b.transcript.contains(u"MTA-STS"_s));
    }
};

QTEST_GUILESS_MAIN(TstMtaSts)
#include "tst_mta_sts.moc"
