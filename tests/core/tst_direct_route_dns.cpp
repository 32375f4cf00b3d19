// The direct route against a real DNS (dnsmasq on a loopback address, tests/peers) and
// Postfix's smtp-sink: MX by preference with failover, the A fallback, NXDOMAIN, MX hosts
// without an address, a name server that does not answer; and the route options that
// point a direct route at them (dns_server, smtp_port).
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "engine/delivery_run.h"
#include "engine_test_support.h"
#include "feedback/reply_qualifier.h"
#include "routing/mx_resolver.h"
#include "routing/route_config.h"
#include "smtp_sink.h"
#include "store/store.h"
#include "test_support.h"

#include <QDnsLookup>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

class TstDirectRouteDns final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    ManualClock m_clock{1'795'000'000'000};
    QString m_dns;
    int m_count = 0;

    // A loopback address where nothing answers DNS (ICMP port unreachable: fast).
    static constexpr auto DeadDns = "127.0.0.154";

    QJsonObject direct(quint16 smtpPort, const QString &dns = {}) const
    {
        return QJsonObject{{u"type"_s, u"direct"_s},
                           {u"tls"_s, u"starttls"_s},
                           {u"dns_server"_s, dns.isEmpty() ? m_dns : dns},
                           {u"smtp_port"_s, int(smtpPort)},
                           {u"connect_timeout_ms"_s, 3000},
                           {u"command_timeout_ms"_s, 5000}};
    }

    qint64 prepare(const QByteArray &csv, const QJsonObject &route, QJsonObject def = TestSupport::cleanDefinition())
    {
        def[u"route"_s] = route;
        const QString name = u"d%1"_s.arg(++m_count);
        return EngineTest::importAnalyzed(*m_store, m_clock, m_dir, def, csv, name);
    }

    DeliveryRun::End run(qint64 id, const std::function<void()> &during = {})
    {
        DeliveryRun r(*m_store, id, m_clock, EngineTest::fastOptions());
        if (!r.prepare())
            qFatal("prepare: %s", qPrintable(r.error()));
        QSignalSpy ended(&r, &DeliveryRun::ended);
        r.start();
        if (during)
            during();
        if (ended.isEmpty() && !ended.wait(20000)) {
            qWarning("the run did not end"); // a failure, with the sinks still cleaned up
            return DeliveryRun::End::Stopped;
        }
        if (ended.first().at(0).value<DeliveryRun::End>() == DeliveryRun::End::DeliveryFailed)
            qWarning("delivery failed: %s", qPrintable(ended.first().at(1).toString()));
        return ended.first().at(0).value<DeliveryRun::End>();
    }

    QHash<QString, LogRow> rows(qint64 id)
    {
        QHash<QString, LogRow> out;
        DeliveryQueries(m_store->db()).forEachLogRow(id, {}, [&](const LogRow &r) {
            out.insert(r.email, r);
            return true;
        });
        return out;
    }

    // The latest attempt of one recipient: remote_host, transcript.
    QPair<QString, QString> lastAttempt(qint64 id, const QString &email)
    {
        QSqlQuery q(m_store->db());
        q.prepare(u"SELECT a.remote_host, a.transcript FROM attempts a JOIN recipients r ON r.id = a.recipient_id "
                  "WHERE a.delivery_id = ? AND r.email = ? ORDER BY a.id DESC LIMIT 1"_s);
        q.addBindValue(id);
        q.addBindValue(email);
        if (!q.exec() || !q.next())
            return {};
        return {q.value(0).toString(), q.value(1).toString()};
    }

    MxResolution resolve(const QString &domain, const QString &dns)
    {
        MxResolver resolver{QHostAddress(dns)};
        QSignalSpy spy(&resolver, &MxResolver::resolved);
        resolver.resolve(domain);
        if (!spy.wait(10000))
            qFatal("no answer for %s", qPrintable(domain));
        return spy.first().at(1).value<MxResolution>();
    }

    static QStringList errorsOf(const QJsonObject &route)
    {
        QStringList errors;
        RouteConfig::fromJson(route, &errors);
        return errors;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<MxResolution>();
        m_dns = qEnvironmentVariable("SENDSCOPE_PEERS_DNS", u"127.0.0.153"_s);
        QDnsLookup probe(QDnsLookup::MX, u"mx-failover.test"_s, QHostAddress(m_dns));
        QSignalSpy done(&probe, &QDnsLookup::finished);
        probe.lookup();
        const bool dnsUp =
            done.wait(5000) && probe.error() == QDnsLookup::NoError && probe.mailExchangeRecords().size() == 2;
        if (!SmtpSink::available() || !dnsUp) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL(qPrintable(
                    u"the test DNS on %1:53 or smtp-sink is missing (tests/peers/start-peers.sh)"_s.arg(m_dns)));
            QSKIP("the test DNS (dnsmasq) or smtp-sink is not there; start them with tests/peers/start-peers.sh");
        }
        m_store = Store::open(m_dir.filePath(u"direct.db"_s), nullptr);
        QVERIFY(m_store);
    }

    void routeOptions_data()
    {
        QTest::addColumn<QJsonObject>("route");
        QTest::addColumn<QString>("error"); // empty: valid
        const QJsonObject d{{u"type"_s, u"direct"_s}};
        const QJsonObject relay{{u"type"_s, u"relay"_s}, {u"host"_s, u"127.0.0.1"_s}};
        auto with = [](QJsonObject o, const QString &k, const QJsonValue &v) {
            o.insert(k, v);
            return o;
        };
        QTest::newRow("defaults") << d << QString();
        QTest::newRow("ipv4 + port") << with(with(d, u"dns_server"_s, u"127.0.0.153"_s), u"smtp_port"_s, 2525)
                                     << QString();
        QTest::newRow("ipv6") << with(d, u"dns_server"_s, u"::1"_s) << QString();
        QTest::newRow("host name") << with(d, u"dns_server"_s, u"ns1.example.test"_s) << u"route.dns_server: "_s;
        QTest::newRow("with a port") << with(d, u"dns_server"_s, u"127.0.0.1:5353"_s) << u"route.dns_server: "_s;
        QTest::newRow("empty") << with(d, u"dns_server"_s, u""_s) << u"route.dns_server: "_s;
        QTest::newRow("a number") << with(d, u"dns_server"_s, 53) << u"route.dns_server: "_s;
        QTest::newRow("port 0") << with(d, u"smtp_port"_s, 0) << u"route.smtp_port: "_s;
        QTest::newRow("port 65536") << with(d, u"smtp_port"_s, 65536) << u"route.smtp_port: "_s;
        QTest::newRow("port text") << with(d, u"smtp_port"_s, u"25"_s) << u"route.smtp_port: "_s;
        QTest::newRow("port fraction") << with(d, u"smtp_port"_s, 25.5) << u"route.smtp_port: "_s;
        QTest::newRow("relay dns_server") << with(relay, u"dns_server"_s, u"127.0.0.1"_s) << u"route.dns_server: "_s;
        QTest::newRow("relay smtp_port") << with(relay, u"smtp_port"_s, 2525) << u"route.smtp_port: "_s;
    }

    void routeOptions()
    {
        QFETCH(QJsonObject, route);
        QFETCH(QString, error);
        QStringList errors;
        const RouteConfig r = RouteConfig::fromJson(route, &errors);
        if (error.isEmpty()) {
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
            QCOMPARE(r.dnsServer, route.value(u"dns_server"_s).toString());
            QCOMPARE(int(r.smtpPort), route.value(u"smtp_port"_s).toInt(25));
            // Saved and read back unchanged.
            QStringList again;
            const RouteConfig back = RouteConfig::fromJson(r.toJson(), &again);
            QVERIFY(again.isEmpty());
            QCOMPARE(back.dnsServer, r.dnsServer);
            QCOMPARE(back.smtpPort, r.smtpPort);
        } else {
            QCOMPARE(errors.size(), 1);
            QVERIFY2(errors.first().startsWith(error), qPrintable(errors.first()));
        }
    }

    void importNamesTheBadField()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"route"_s] = QJsonObject{{u"type"_s, u"direct"_s}, {u"dns_server"_s, u"dns.example.test"_s}};
        TestSupport::writeFile(m_dir, u"bad.csv"_s, "email\na@a-only.test\n");
        def[u"recipients"_s] = QJsonObject{{u"csv"_s, u"bad.csv"_s}};
        const auto imported = DeliveryService(*m_store, m_clock)
                                  .importDefinition(TestSupport::writeDefinition(m_dir, def, u"bad.json"_s));
        QVERIFY(!imported.ok);
        QVERIFY2(imported.errors.join(u'\n').contains(u"dns_server"_s), qPrintable(imported.errors.join(u'\n')));
    }

    void resolverAnswers()
    {
        MxResolution r = resolve(u"mx-failover.test"_s, m_dns);
        QVERIFY(r.isOk());
        QCOMPARE(r.candidates.size(), 2);
        QCOMPARE(r.candidates.at(0).host, u"mx-dead.mx-failover.test"_s);
        QCOMPARE(r.candidates.at(0).preference, 10);
        QCOMPARE(r.candidates.at(0).address, QHostAddress(u"127.0.0.9"_s));
        QCOMPARE(r.candidates.at(1).host, u"mx-live.mx-failover.test"_s);
        QCOMPARE(r.candidates.at(1).address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(r.ttlSeconds, 60); // dnsmasq's local-ttl

        r = resolve(u"a-only.test"_s, m_dns);
        QVERIFY(r.isOk());
        QCOMPARE(r.candidates.size(), 1);
        QVERIFY(r.candidates.first().implicit);
        QCOMPARE(r.candidates.first().host, u"a-only.test"_s);

        r = resolve(u"mx-partial.test"_s, m_dns);
        QVERIFY(r.isOk());
        QCOMPARE(r.candidates.size(), 1);
        QCOMPARE(r.candidates.first().host, u"mx-live.mx-failover.test"_s);
        QVERIFY2(r.notes.join(u'\n').contains(u"ghost.mx-partial.test (NXDOMAIN) has no address: skipped"_s),
                 qPrintable(r.notes.join(u'\n')));

        r = resolve(u"nxdomain.test"_s, m_dns);
        QCOMPARE(r.status, MxResolution::Status::InvalidDomain);
        QCOMPARE(r.enhancedCode, u"5.1.2"_s);
        QVERIFY(r.error.contains(u"NXDOMAIN"_s));

        r = resolve(u"mx-noaddr.test"_s, m_dns);
        QCOMPARE(r.status, MxResolution::Status::InvalidDomain);
        QCOMPARE(r.enhancedCode, u"5.4.4"_s);
        QVERIFY2(r.error.contains(u"ghost.mx-noaddr.test"_s), qPrintable(r.error));

        r = resolve(u"no-mail.test"_s, m_dns);
        QCOMPARE(r.status, MxResolution::Status::InvalidDomain);
        QVERIFY2(r.error.contains(u"no MX and no A/AAAA"_s), qPrintable(r.error));

        // Nobody answers: not an invalid domain, a temporary failure (Qt 6.4 reports it like
        // an empty answer; the probe tells them apart).
        r = resolve(u"no-mail.test"_s, QString::fromLatin1(DeadDns));
        QCOMPARE(r.status, MxResolution::Status::TemporaryFailure);
        QCOMPARE(r.enhancedCode, u"4.4.3"_s);
    }

    void failoverDeliversThroughTheSecondMx()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        const qint64 id =
            prepare("email\na@mx-failover.test\nb@mx-failover.test\nc@mx-failover.test\n", direct(sink.port()));
        QCOMPARE(run(id), DeliveryRun::End::Finished);
        const auto all = rows(id);
        QCOMPARE(all.size(), 3);
        for (const LogRow &r : all) {
            QCOMPARE(r.state, LogState::Sent);
            QCOMPARE(r.attempts, 1); // the failover is inside one attempt
        }
        QTRY_COMPARE(sink.dumps().size(), 3);
        const auto [remote, transcript] = lastAttempt(id, u"a@mx-failover.test"_s);
        QCOMPARE(remote, u"mx-live.mx-failover.test [127.0.0.1]:%1"_s.arg(sink.port()));
        QVERIFY2(transcript.contains(u"* DNS: MX of mx-failover.test: 10 mx-dead.mx-failover.test, "
                                     "20 mx-live.mx-failover.test"_s),
                 qPrintable(transcript));
        QVERIFY2(
            transcript.contains(u"mx-dead.mx-failover.test (MX 10) [127.0.0.9] port %1: 451 4.4.1"_s.arg(sink.port())),
            qPrintable(transcript));
        QVERIFY2(transcript.contains(u"* using mx-live.mx-failover.test (MX 20) [127.0.0.1]"_s),
                 qPrintable(transcript));
    }

    void greeting421FailsOver()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        // The best MX is up but busy: it greets with 421 and hangs up.
        QTcpServer busy;
        QVERIFY(busy.listen(QHostAddress(u"127.0.0.9"_s), sink.port()));
        int greeted = 0;
        connect(&busy, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *s = busy.nextPendingConnection()) {
                ++greeted;
                s->write("421 4.3.2 mx-dead.mx-failover.test too busy, try another MX\r\n");
                s->disconnectFromHost();
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        const qint64 id = prepare("email\nbusy@mx-failover.test\n", direct(sink.port()));
        QCOMPARE(run(id), DeliveryRun::End::Finished);
        QVERIFY(greeted >= 1);
        QCOMPARE(rows(id).value(u"busy@mx-failover.test"_s).state, LogState::Sent);
        QTRY_COMPARE(sink.dumps().size(), 1);
        const QString transcript = lastAttempt(id, u"busy@mx-failover.test"_s).second;
        QVERIFY2(transcript.contains(u"[127.0.0.9] port %1: 421 4.3.2"_s.arg(sink.port())), qPrintable(transcript));
    }

    void aRecordWhenThereIsNoMx()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        const qint64 id = prepare("email\nsomeone@a-only.test\n", direct(sink.port()));
        QCOMPARE(run(id), DeliveryRun::End::Finished);
        QCOMPARE(rows(id).value(u"someone@a-only.test"_s).state, LogState::Sent);
        QTRY_COMPARE(sink.dumps().size(), 1);
        QVERIFY(sink.dumps().first().contains("X-Rcpt-Args: <someone@a-only.test>"));
        const auto [remote, transcript] = lastAttempt(id, u"someone@a-only.test"_s);
        QCOMPARE(remote, u"a-only.test [127.0.0.1]:%1"_s.arg(sink.port()));
        QVERIFY2(transcript.contains(u"a-only.test has no MX record"_s), qPrintable(transcript));
    }

    // A message the built-in MTA had taken when the process died (taken into account, nothing
    // in flight, no failure) is sent again, in recipient order with the ones never tried.
    void whatTheMtaHeldWhenTheProcessDiedIsSentAgain()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        const qint64 id =
            prepare("email\nfirst@a-only.test\nheld@a-only.test\nlast@a-only.test\n", direct(sink.port()));
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"UPDATE recipient_log SET state = 'taken_into_account' WHERE recipient_id = "
                       "(SELECT id FROM recipients WHERE email = 'held@a-only.test')"_s));
        QCOMPARE(q.numRowsAffected(), 1);
        QCOMPARE(run(id), DeliveryRun::End::Finished);
        const auto after = rows(id);
        for (const QString &e : {u"first@a-only.test"_s, u"held@a-only.test"_s, u"last@a-only.test"_s})
            QCOMPARE(after.value(e).state, LogState::Sent);
        QTRY_COMPARE(sink.dumps().size(), 3);
    }

    // docs/product.md §4: Invalid domain is Soft by default (retried, counted toward quarantine),
    // so an unknown domain fails at the validity end; mail to a domain whose MX hosts have
    // no address likewise. A domain with a usable second MX is delivered.
    void invalidDomainsFailWithTheirReason()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"validity"_s] = u"1h"_s;
        def[u"retry"_s] = QJsonObject{{u"period"_s, u"10m"_s}, {u"max_period"_s, u"20m"_s}};
        const qint64 id = prepare("email\nx@nxdomain.test\ny@mx-noaddr.test\nz@no-mail.test\nok@mx-partial.test\n",
                                  direct(sink.port()), def);
        const DeliveryRun::End end = run(id, [&] {
            QTRY_COMPARE(DeliveryQueries(m_store->db()).kpis(id).value().inRetry, 3);
            const auto first = rows(id);
            for (const QString &e : {u"x@nxdomain.test"_s, u"y@mx-noaddr.test"_s, u"z@no-mail.test"_s}) {
                QCOMPARE(first.value(e).failureReason, FailureReason::InvalidDomain);
                QCOMPARE(first.value(e).state, LogState::TakenIntoAccount); // the built-in MTA has it
            }
            QVERIFY2(first.value(u"x@nxdomain.test"_s)
                         .lastReply.startsWith(u"550 5.1.2 the domain nxdomain.test does not "
                                               "exist (NXDOMAIN)"_s),
                     qPrintable(first.value(u"x@nxdomain.test"_s).lastReply));
            QVERIFY(first.value(u"y@mx-noaddr.test"_s).lastReply.startsWith(u"550 5.4.4"_s));
            QTRY_COMPARE(rows(id).value(u"ok@mx-partial.test"_s).state, LogState::Sent);
            m_clock.advanceMs(2 * 3600'000); // past the validity end
        });
        QCOMPARE(end, DeliveryRun::End::Finished);
        const auto last = rows(id);
        for (const QString &e : {u"x@nxdomain.test"_s, u"y@mx-noaddr.test"_s, u"z@no-mail.test"_s}) {
            QCOMPARE(last.value(e).state, LogState::Failed);
            QCOMPARE(last.value(e).failureReason, FailureReason::InvalidDomain);
            QVERIFY(last.value(e).validityExpired);
        }
        QCOMPARE(last.value(u"ok@mx-partial.test"_s).state, LogState::Sent);
        QTRY_COMPARE(sink.dumps().size(), 1); // nothing was sent anywhere for the others
        QVERIFY(lastAttempt(id, u"x@nxdomain.test"_s).second.contains(u"* DNS: nxdomain.test does not exist"_s));
    }

    // With the rule table saying Hard for 5.1.2 (the user's choice), NXDOMAIN fails at once.
    void nxdomainFailsAtOnceWhenTheRuleSaysHard()
    {
        QList<QualificationRule> rules = ReplyQualifier::defaultRules();
        for (QualificationRule &r : rules) {
            if (r.enhancedCode == u"5.1.2"_s)
                r.type = FailureType::Hard;
        }
        QString error;
        QVERIFY2(ReplyQualifier::save(m_store->db(), rules, &error), qPrintable(error));
        const qint64 id = prepare("email\nnobody@nxdomain.test\n", direct(2599));
        const DeliveryRun::End end = run(id);
        QVERIFY(ReplyQualifier::save(m_store->db(), ReplyQualifier::defaultRules(), &error));
        QCOMPARE(end, DeliveryRun::End::Finished);
        const LogRow r = rows(id).value(u"nobody@nxdomain.test"_s);
        QCOMPARE(r.state, LogState::Failed);
        QCOMPARE(r.failureType, FailureType::Hard);
        QCOMPARE(r.failureReason, FailureReason::InvalidDomain);
        QVERIFY(!r.validityExpired);
    }

    void silentDnsServerIsRetried()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"validity"_s] = u"1h"_s;
        def[u"retry"_s] = QJsonObject{{u"period"_s, u"10m"_s}, {u"max_period"_s, u"20m"_s}};
        const qint64 id = prepare("email\nsomeone@mx-failover.test\n", direct(2599, QString::fromLatin1(DeadDns)), def);
        const DeliveryRun::End end = run(id, [&] {
            QTRY_COMPARE(DeliveryQueries(m_store->db()).kpis(id).value().inRetry, 1);
            const LogRow r = rows(id).value(u"someone@mx-failover.test"_s);
            QCOMPARE(r.failureReason, FailureReason::Unreachable);
            QVERIFY2(r.lastReply.startsWith(u"451 4.4.3"_s), qPrintable(r.lastReply));
            m_clock.advanceMs(10 * 60'000); // the retry asks again
            QTRY_COMPARE(rows(id).value(u"someone@mx-failover.test"_s).attempts, 2);
            m_clock.advanceMs(2 * 3600'000);
        });
        QCOMPARE(end, DeliveryRun::End::Finished);
        const LogRow r = rows(id).value(u"someone@mx-failover.test"_s);
        QCOMPARE(r.state, LogState::Failed);
        QCOMPARE(r.failureReason, FailureReason::Unreachable);
        QVERIFY(r.validityExpired);
    }
};

QTEST_GUILESS_MAIN(TstDirectRouteDns)
#include "tst_direct_route_dns.moc"
