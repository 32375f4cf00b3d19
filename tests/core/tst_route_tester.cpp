// RouteTester against the real peers (tests/peers): Postfix with STARTTLS and the test CA,
// implicit TLS, the submission port with AUTH (right and wrong password), a certificate the
// route does not trust, a refused port, and a direct route through mx_override. No MAIL is
// ever sent: the sink's dump directory is checked too.
#include "analysis/analysis_report.h"
#include "routing/route_tester.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

class TstRouteTester final : public QObject
{
    Q_OBJECT

    QString m_ca;

    static bool listening(quint16 port)
    {
        QTcpSocket s;
        s.connectToHost(u"127.0.0.1"_s, port);
        return s.waitForConnected(1000);
    }

    RouteConfig relay(quint16 port, RouteConfig::Tls tls) const
    {
        RouteConfig r;
        r.type = RouteConfig::Type::Relay;
        r.name = u"test"_s;
        r.host = u"127.0.0.1"_s;
        r.port = port;
        r.tls = tls;
        r.caFile = m_ca;
        r.heloName = u"tester.sendscope.test"_s;
        return r;
    }

    // Runs a test to its end; the steps by id.
    static QMap<QString, RouteTester::Step> run(RouteTester &t, bool expectOk)
    {
        QSignalSpy finished(&t, &RouteTester::finished);
        if (finished.isEmpty())
            finished.wait(40000);
        if (finished.size() != 1)
            qFatal("the test did not finish");
        if (finished.first().at(0).toBool() != expectOk) {
            for (const auto &s : t.steps())
                qWarning("%s %s: %s", qPrintable(s.id), qPrintable(RouteTester::statusName(s.status)),
                         qPrintable(s.summary));
            qFatal("unexpected result");
        }
        QMap<QString, RouteTester::Step> byId;
        for (const auto &s : t.steps())
            byId.insert(s.id, s);
        return byId;
    }

    static QStringList ids(const RouteTester &t)
    {
        QStringList out;
        for (const auto &s : t.steps())
            out.append(s.id);
        return out;
    }

    using Status = RouteTester::Step::Status;

private Q_SLOTS:
    void initTestCase()
    {
        const QString dir = qEnvironmentVariable("SENDSCOPE_PEERS_DIR", u"/var/tmp/sendscope-peers"_s);
        m_ca = dir + u"/tls/ca.pem"_s;
        if (!QFile::exists(m_ca) || !listening(2587) || !listening(2465) || !listening(2586)) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL("the Postfix peers are not running (tests/peers/start-peers.sh)");
            QSKIP("the Postfix peers are not running; start them with tests/peers/start-peers.sh");
        }
    }

    void starttlsWithTheTestCa()
    {
        RouteTester t;
        QSignalSpy steps(&t, &RouteTester::step);
        QVERIFY2(t.start(relay(2587, RouteConfig::Tls::Required)), qPrintable(t.error()));
        const auto s = run(t, true);
        QCOMPARE(ids(t), (QStringList{u"connect"_s, u"greeting"_s, u"ehlo"_s, u"starttls"_s, u"certificate"_s,
                                      u"auth"_s, u"quit"_s}));
        QCOMPARE(steps.size(), 7); // every step was signalled
        QCOMPARE(s[u"connect"_s].status, Status::Ok);
        QVERIFY(s[u"greeting"_s].summary.startsWith(u"220"_s));
        QCOMPARE(s[u"ehlo"_s].status, Status::Ok);
        QVERIFY2(s[u"ehlo"_s].detail.contains(u"PIPELINING"_s), qPrintable(s[u"ehlo"_s].detail));
        QCOMPARE(s[u"starttls"_s].status, Status::Ok);
        QVERIFY2(s[u"starttls"_s].summary.contains(u"TLSv1."_s), qPrintable(s[u"starttls"_s].summary));
        QCOMPARE(s[u"certificate"_s].status, Status::Ok);
        QVERIFY2(s[u"certificate"_s].detail.contains(u"mx.sendscope.test"_s), qPrintable(s[u"certificate"_s].detail));
        QVERIFY(s[u"certificate"_s].detail.contains(u"until "_s));
        QCOMPARE(s[u"auth"_s].status, Status::Skipped);
        QCOMPARE(s[u"quit"_s].status, Status::Ok);
        QVERIFY(t.transcript().contains(u"STARTTLS"_s));
        QVERIFY(!t.transcript().contains(u"MAIL FROM"_s));
        // Each summary of ours carries its template and arguments, for the GUI to translate; the
        // server's own greeting does not.
        QCOMPARE(s[u"connect"_s].source, QByteArray("connected to %1 (%2) port %3"));
        QCOMPARE(s[u"connect"_s].args.last(), u"2587"_s);
        QCOMPARE(AnalysisReport::fill(QString::fromUtf8(s[u"connect"_s].source), s[u"connect"_s].args),
                 s[u"connect"_s].summary);
        QVERIFY(s[u"greeting"_s].source.isEmpty());
    }

    void untrustedCertificateIsReportedWithItsSubject()
    {
        RouteTester t;
        // Trusted through the route's CA file first: nothing of that trust may remain.
        QVERIFY(t.start(relay(2587, RouteConfig::Tls::Required)));
        run(t, true);
        RouteConfig r = relay(2587, RouteConfig::Tls::Required);
        r.caFile.clear(); // the system CAs only: the test CA is unknown
        QVERIFY(t.start(r));
        const auto s = run(t, false);
        QCOMPARE(s[u"ehlo"_s].status, Status::Ok);
        QCOMPARE(s[u"starttls"_s].status, Status::Failed);
        QCOMPARE(s[u"certificate"_s].status, Status::Failed);
        QVERIFY2(!s[u"certificate"_s].summary.isEmpty(), "the verification errors");
        QVERIFY2(s[u"certificate"_s].detail.contains(u"subject:"_s), qPrintable(s[u"certificate"_s].detail));
        QCOMPARE(s[u"auth"_s].status, Status::Skipped);
        QCOMPARE(s[u"quit"_s].status, Status::Skipped);
    }

    void implicitTls()
    {
        RouteTester t;
        QVERIFY(t.start(relay(2465, RouteConfig::Tls::Implicit)));
        const auto s = run(t, true);
        // TLS comes first, before the greeting.
        QCOMPARE(ids(t), (QStringList{u"connect"_s, u"starttls"_s, u"certificate"_s, u"greeting"_s, u"ehlo"_s,
                                      u"auth"_s, u"quit"_s}));
        QVERIFY2(s[u"starttls"_s].summary.startsWith(u"implicit TLS"_s), qPrintable(s[u"starttls"_s].summary));
        QCOMPARE(s[u"certificate"_s].status, Status::Ok);
    }

    void submissionWithAuth()
    {
        RouteConfig r = relay(2586, RouteConfig::Tls::Required);
        r.username = qEnvironmentVariable("SENDSCOPE_PEERS_USER", u"bounce"_s);
        const QString password = qEnvironmentVariable("SENDSCOPE_PEERS_PASSWORD", u"secret"_s);
        RouteTester t;
        QVERIFY2(t.start(r, password), qPrintable(t.error()));
        const auto s = run(t, true);
        QCOMPARE(s[u"auth"_s].status, Status::Ok);
        QVERIFY2(s[u"auth"_s].summary.startsWith(u"PLAIN as bounce"_s), qPrintable(s[u"auth"_s].summary));
        QVERIFY(!t.transcript().contains(password));
    }

    void wrongPassword()
    {
        RouteConfig r = relay(2586, RouteConfig::Tls::Required);
        r.username = u"bounce"_s;
        RouteTester t;
        QVERIFY(t.start(r, u"not-the-password"_s));
        const auto s = run(t, false);
        QCOMPARE(s[u"starttls"_s].status, Status::Ok);
        QCOMPARE(s[u"auth"_s].status, Status::Failed);
        QVERIFY2(s[u"auth"_s].summary.contains(u"535"_s), qPrintable(s[u"auth"_s].summary));
        QCOMPARE(s[u"quit"_s].status, Status::Skipped);
    }

    void passwordFromTheEnvironment()
    {
        qputenv("SENDSCOPE_TEST_TESTER_PASSWORD",
                qEnvironmentVariable("SENDSCOPE_PEERS_PASSWORD", u"secret"_s).toUtf8());
        RouteConfig r = relay(2586, RouteConfig::Tls::Required);
        r.username = u"bounce"_s;
        r.passwordEnv = u"SENDSCOPE_TEST_TESTER_PASSWORD"_s;
        RouteTester t;
        QVERIFY(t.start(r));
        QCOMPARE(run(t, true)[u"auth"_s].status, Status::Ok);
    }

    void missingPasswordDoesNotStart()
    {
        RouteConfig r = relay(2586, RouteConfig::Tls::Required);
        r.username = u"bounce"_s;
        RouteTester t;
        QVERIFY(!t.start(r));
        QVERIFY2(t.error().startsWith(u"route.password:"_s), qPrintable(t.error()));
    }

    void refusedPort()
    {
        RouteTester t;
        QVERIFY(t.start(relay(2599, RouteConfig::Tls::Required)));
        const auto s = run(t, false);
        QCOMPARE(s[u"connect"_s].status, Status::Failed);
        QVERIFY2(s[u"connect"_s].summary.contains(u"refused"_s), qPrintable(s[u"connect"_s].summary));
        QCOMPARE(s[u"greeting"_s].status, Status::Skipped);
    }

    void starttlsRequiredButNotOffered()
    {
        RouteTester t;
        QVERIFY(t.start(relay(2588, RouteConfig::Tls::Required)));
        const auto s = run(t, false);
        QCOMPARE(s[u"ehlo"_s].status, Status::Ok);
        QCOMPARE(s[u"starttls"_s].status, Status::Failed);
        QVERIFY2(s[u"starttls"_s].summary.contains(u"does not offer STARTTLS"_s), qPrintable(s[u"starttls"_s].summary));
    }

    void directRouteThroughMxOverride()
    {
        RouteConfig r;
        r.type = RouteConfig::Type::Direct;
        r.tls = RouteConfig::Tls::Opportunistic;
        r.caFile = m_ca;
        r.mxOverride.insert(u"sendscope.test"_s, u"127.0.0.1:2587"_s);
        RouteTester t;
        QVERIFY(!t.start(r, {}, {}));
        QVERIFY2(t.error().startsWith(u"domain:"_s), qPrintable(t.error()));
        QVERIFY2(t.start(r, {}, u" SendScope.test "_s), qPrintable(t.error()));
        const auto s = run(t, true);
        QCOMPARE(t.steps().first().id, u"mx"_s);
        QVERIFY2(s[u"mx"_s].summary.contains(u"127.0.0.1:2587"_s), qPrintable(s[u"mx"_s].summary));
        QCOMPARE(s[u"starttls"_s].status, Status::Ok);
    }

    void opportunisticWithoutStarttls()
    {
        RouteTester t;
        QVERIFY(t.start(relay(2588, RouteConfig::Tls::Opportunistic)));
        const auto s = run(t, true);
        QCOMPARE(s[u"starttls"_s].status, Status::Skipped);
        QCOMPARE(s[u"certificate"_s].status, Status::Skipped);
    }

    void sandboxCannotBeTested()
    {
        RouteConfig r;
        r.type = RouteConfig::Type::Sandbox;
        RouteTester t;
        QVERIFY(!t.start(r));
        QVERIFY(t.error().startsWith(u"route.type:"_s));
    }

    void abortEndsTheTest()
    {
        RouteTester t;
        QVERIFY(t.start(relay(2587, RouteConfig::Tls::Required)));
        QSignalSpy finished(&t, &RouteTester::finished);
        t.abort();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TstRouteTester)
#include "tst_route_tester.moc"
