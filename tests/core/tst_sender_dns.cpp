// The analysis' DNS checks of a bulk sender (issue 12, core/analysis/sender_dns.h): SPF, DMARC
// (also found at the parent domain) and the DKIM selector's published key, asked of the peers'
// DNS (tests/peers: sender-ok.test, two-spf.test and its DKIM test key), then a name server that
// does not answer, and a documentation name on the system resolver, which is not asked.
#include "analysis/sender_dns.h"
#include "delivery/delivery_service.h"
#include "store/store.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QTest>
#include <QUdpSocket>

using namespace Qt::StringLiterals;
using Level = AnalysisReport::Level;

class TstSenderDns final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    ManualClock m_clock{1'795'000'000'000};
    QString m_dns;
    QString m_key; // the DKIM key sender-ok.test publishes at s1

    AnalysisReport analyze(const QString &from, const QString &selector, const QString &dnsServer)
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"from"_s] = QJsonObject{{u"name"_s, u"Acme"_s}, {u"address"_s, QString(u"news@"_s + from)}};
        if (!selector.isEmpty())
            def[u"dkim"_s] =
                QJsonObject{{u"domain"_s, u"sender-ok.test"_s}, {u"selector"_s, selector}, {u"key_file"_s, m_key}};
        if (!dnsServer.isEmpty())
            def[u"route"_s] = QJsonObject{{u"type"_s, u"direct"_s}, {u"dns_server"_s, dnsServer}};
        TestSupport::writeFile(m_dir, u"list.csv"_s, "email\nuser@a-only.test\n");
        DeliveryService service(*m_store, m_clock);
        const auto imported = service.importDefinition(TestSupport::writeDefinition(m_dir, def));
        if (!imported.ok)
            qFatal("import failed: %s", qPrintable(imported.errors.join(u'\n')));
        const auto analyzed = service.analyze(imported.deliveryId);
        if (!analyzed.ok)
            qFatal("analysis failed: %s", qPrintable(analyzed.error));
        return analyzed.report;
    }

    static QString line(const AnalysisReport &r, const QString &rule, Level *level = nullptr)
    {
        for (const auto &l : r.lines) {
            if (l.rule == rule) {
                if (level)
                    *level = l.level;
                return l.message;
            }
        }
        return {};
    }

    static int dnsLines(const AnalysisReport &r)
    {
        int n = 0;
        for (const auto &l : r.lines)
            n += l.rule.startsWith(u"spf."_s) || l.rule.startsWith(u"dmarc."_s) || l.rule.startsWith(u"dkim.dns"_s);
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_store = Store::open(m_dir.filePath(u"dns.db"_s), nullptr);
        QVERIFY(m_store);
        if (!qEnvironmentVariableIsSet("SENDSCOPE_PEERS_DNS") && !qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
            QSKIP("the peers' DNS server is not running (tests/peers/start-peers.sh)");
        m_dns = qEnvironmentVariable("SENDSCOPE_PEERS_DNS", u"127.0.0.153"_s);
        m_key =
            qEnvironmentVariable("SENDSCOPE_PEERS_DIR", u"/var/tmp/sendscope-peers"_s) + u"/dkim/sender-ok-s1.pem"_s;
        QVERIFY2(QFile::exists(m_key), qPrintable(m_key + u" is missing: run tests/peers/start-peers.sh"_s));
    }

    void reservedNames()
    {
        QVERIFY(SenderDns::isReservedName(u"acme.example"_s));
        QVERIFY(SenderDns::isReservedName(u"news.example.com"_s));
        QVERIFY(SenderDns::isReservedName(u"x.test"_s));
        QVERIFY(SenderDns::isReservedName(u"localhost"_s));
        QVERIFY(!SenderDns::isReservedName(u"acme.com"_s));
        QVERIFY(!SenderDns::isReservedName(u"example.co.kr"_s));
    }

    void aSenderDoneRight()
    {
        const AnalysisReport r = analyze(u"sender-ok.test"_s, u"s1"_s, m_dns);
        Level level{};
        QCOMPARE(line(r, u"spf.found"_s, &level), u"SPF of sender-ok.test: v=spf1 ip4:127.0.0.0/8 -all"_s);
        QCOMPARE(level, Level::Info);
        QCOMPARE(line(r, u"dmarc.found"_s), u"DMARC at _dmarc.sender-ok.test: policy quarantine."_s);
        QCOMPARE(line(r, u"dkim.dns_found"_s),
                 u"The DKIM key published at s1._domainkey.sender-ok.test matches the signing key."_s);
        QVERIFY2(!r.blocked(), qPrintable(r.toText()));
    }

    void subdomainWithoutSpfAndAnotherKey()
    {
        // news.sender-ok.test: no SPF of its own, DMARC of the organizational domain; s2
        // publishes a key that is not the one signing.
        const AnalysisReport r = analyze(u"news.sender-ok.test"_s, u"s2"_s, m_dns);
        Level level{};
        QVERIFY2(line(r, u"spf.missing"_s, &level).startsWith(u"news.sender-ok.test publishes no SPF record"_s),
                 qPrintable(r.toText()));
        QCOMPARE(level, Level::Warning);
        QCOMPARE(line(r, u"dmarc.found"_s), u"DMARC at _dmarc.sender-ok.test: policy quarantine."_s);
        QVERIFY(line(r, u"dkim.dns_mismatch"_s, &level)
                    .startsWith(u"The DKIM key published at s2._domainkey.sender-ok.test is not the one"_s));
        QCOMPARE(level, Level::Warning);
    }

    void twoSpfRecordsAndNoDmarcNorKey()
    {
        const AnalysisReport r = analyze(u"two-spf.test"_s, u"s9"_s, m_dns);
        QVERIFY2(line(r, u"spf.multiple"_s).startsWith(u"two-spf.test publishes 2 SPF records"_s),
                 qPrintable(r.toText()));
        QVERIFY(line(r, u"dmarc.missing"_s).startsWith(u"two-spf.test publishes no DMARC record"_s));
        QVERIFY(
            line(r, u"dkim.dns_missing"_s).startsWith(u"No DKIM key is published at s9._domainkey.sender-ok.test"_s));
    }

    // A name server that takes the questions and never answers (a socket on port 53 that reads
    // nothing): the checks wait their 3 s, then say they could not check; the analysis goes on.
    void aSilentNameServerLeavesThemUnchecked()
    {
        QUdpSocket blackHole;
        if (!blackHole.bind(QHostAddress(u"127.0.0.155"_s), 53))
            QSKIP("cannot listen on 127.0.0.155:53 (needs root): the silent name server is not tested");
        QElapsedTimer timer;
        timer.start();
        const AnalysisReport r = analyze(u"sender-ok.test"_s, u"s1"_s, u"127.0.0.155"_s);
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(line(r, u"spf.unchecked"_s)
                     .startsWith(u"The SPF record of sender-ok.test could not be checked: 127.0.0.155 did not answer "
                                 "within 3 s"_s),
                 qPrintable(r.toText()));
        QVERIFY(!line(r, u"dmarc.unchecked"_s).isEmpty());
        QVERIFY(!line(r, u"dkim.dns_unchecked"_s).isEmpty());
        QVERIFY(!r.blocked());
        // The MX lookups (5 s) and these (3 s) are bounded; each is waited for once.
        QVERIFY2(elapsed >= 2500 && elapsed < 20'000, qPrintable(QString::number(elapsed)));
    }

    void documentationNamesAreNotAsked()
    {
        // The relay route uses the system's resolver: acme.example never has records.
        const AnalysisReport r = analyze(u"acme.example"_s, QString(), QString());
        QCOMPARE(dnsLines(r), 0);
    }
};

QTEST_GUILESS_MAIN(TstSenderDns)
#include "tst_sender_dns.moc"
