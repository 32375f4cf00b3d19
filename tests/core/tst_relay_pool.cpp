// The relay pool (issue 12, docs/product.md §1): a route of several relays sharing the messages
// by weight, and failing over when one cannot be reached or drops mid-send. The relays are
// Postfix's smtp-sink on loopback ports; nobody may be lost, and a recipient mailed twice can
// only be one whose final dot went unanswered.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "engine/delivery_run.h"
#include "engine_test_support.h"
#include "routing/route_config.h"
#include "routing/route_endpoint.h"
#include "routing/route_store.h"
#include "smtp_sink.h"
#include "store/store.h"
#include "test_support.h"

#include <QDnsLookup>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

class TstRelayPool final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    ManualClock m_clock{1'800'000'000'000};
    int m_count = 0;
    QString m_dns = qEnvironmentVariable("SENDSCOPE_PEERS_DNS", u"127.0.0.153"_s);
    bool m_dnsUp = false;

    static QJsonObject member(quint16 port, int weight)
    {
        return {{u"host"_s, u"127.0.0.1"_s},
                {u"port"_s, int(port)},
                {u"tls"_s, u"none"_s},
                {u"weight"_s, weight},
                {u"connect_timeout_ms"_s, 2000}};
    }

    // A direct member that finds the MX through the test DNS and speaks to it on port.
    QJsonObject directMember(quint16 port, int weight) const
    {
        return {{u"type"_s, u"direct"_s}, {u"dns_server"_s, m_dns},        {u"smtp_port"_s, int(port)},
                {u"weight"_s, weight},    {u"connect_timeout_ms"_s, 2000}, {u"mta_sts"_s, false},
                {u"tls"_s, u"starttls"_s}};
    }

    qint64 prepare(int recipients, const QJsonArray &members, QString *name = nullptr,
                   const QStringList &domains = {u"example.com"_s}, bool acceptanceMeansSent = true)
    {
        const QString label = u"pool%1"_s.arg(++m_count);
        if (name)
            *name = label;
        QByteArray csv = "email\n";
        for (int i = 0; i < recipients; ++i)
            csv += label.toUtf8() + "-" + QByteArray::number(i) + "@" + domains.at(i % domains.size()).toUtf8() + "\n";
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"route"_s] = QJsonObject{{u"type"_s, u"pool"_s},
                                      {u"members"_s, members},
                                      {u"acceptance_means_sent"_s, acceptanceMeansSent},
                                      {u"member_retry_seconds"_s, 30}};
        def[u"retry"_s] = QJsonObject{{u"period"_s, u"1m"_s}, {u"max_period"_s, u"1m"_s}};
        return EngineTest::importAnalyzed(*m_store, m_clock, m_dir, def, csv, label);
    }

    qint64 count(qint64 id, LogState state) { return DeliveryQueries(m_store->db()).kpis(id).value().count(state); }

    // The To address of every message a sink kept whole (a sink killed mid-message leaves a
    // partial dump of what was never accepted).
    static QStringList received(const SmtpSink &sink)
    {
        QStringList to;
        for (const QByteArray &d : sink.dumps()) {
            const QString address =
                QString::fromUtf8(SmtpSink::header(d, "To")).remove(u'<').remove(u'>').section(u' ', -1);
            if (!address.isEmpty())
                to.append(address);
        }
        return to;
    }

    QStringList transcripts(qint64 id, const QString &like)
    {
        QSqlQuery q(m_store->db());
        q.prepare(u"SELECT a.transcript FROM attempts a JOIN recipients r ON r.id = a.recipient_id "
                  "WHERE r.delivery_id = ? AND a.transcript LIKE ?"_s);
        q.addBindValue(id);
        q.addBindValue(like);
        QStringList out;
        if (q.exec()) {
            while (q.next())
                out.append(q.value(0).toString());
        }
        return out;
    }

    // The test DNS answers for its zone (tests/peers/start-peers.sh).
    bool dnsUp() const
    {
        QDnsLookup probe(QDnsLookup::MX, u"mx-failover.test"_s, QHostAddress(m_dns));
        QSignalSpy done(&probe, &QDnsLookup::finished);
        probe.lookup();
        return done.wait(5000) && probe.error() == QDnsLookup::NoError && probe.mailExchangeRecords().size() == 2;
    }

    static quint16 closedPort()
    {
        QTcpServer probe; // a port nobody listens on once the probe is gone
        return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<DeliveryKpis>();
        m_store = Store::open(m_dir.filePath(u"pool.db"_s), nullptr);
        QVERIFY(m_store);
        if (!SmtpSink::available())
            QSKIP("smtp-sink is missing (apt-get install postfix)");
        m_dnsUp = dnsUp();
    }

    void badPoolsNameTheField()
    {
        QStringList errors;
        RouteConfig::fromJson(QJsonObject{{u"type"_s, u"pool"_s}}, &errors);
        QVERIFY2(errors.size() == 1 && errors.first().startsWith(u"route.members: a pool needs a list of members"_s),
                 qPrintable(errors.join(u'\n')));
        errors.clear();
        RouteConfig::fromJson(
            QJsonObject{{u"type"_s, u"pool"_s},
                        {u"host"_s, u"relay.example"_s},
                        {u"members"_s, QJsonArray{QJsonObject{{u"host"_s, u"a.example"_s}, {u"weight"_s, 0}},
                                                  QJsonObject{{u"type"_s, u"sandbox"_s}},
                                                  QJsonObject{{u"host"_s, u"b.example"_s}, {u"port"_s, 70000}},
                                                  QJsonObject{{u"saved"_s, u""_s}},
                                                  QJsonObject{{u"saved"_s, u"x"_s}, {u"host"_s, u"c.example"_s}}, 5}}},
            &errors);
        for (const QString &expected : {u"route.members[0].weight: must be a positive whole number"_s,
                                        u"route.members[1].type: a pool member must be a relay or direct route"_s,
                                        u"route.members[2].port: must be from 1 to 65535"_s,
                                        u"route.members[3].saved: must name a route saved in the database"_s,
                                        u"route.members[4]: a saved member takes only \"saved\" and \"weight\""_s,
                                        u"route.members[5]: must be an object"_s,
                                        u"route.host: a pool has no host of its own: its members have"_s})
            QVERIFY2(errors.contains(expected), qPrintable(expected + u" not in:\n"_s + errors.join(u'\n')));
        errors.clear();
        RouteConfig::fromJson(QJsonObject{{u"type"_s, u"relay"_s}, {u"host"_s, u"a"_s}, {u"members"_s, QJsonArray{}}},
                              &errors);
        QVERIFY(errors.contains(u"route.members: only a pool route has members"_s));

        // A saved member must exist and be a relay; the pool's connections are its members' sum.
        RouteStore routes(m_store->db());
        QStringList saveErrors;
        QVERIFY(routes.save(QJsonObject{{u"name"_s, u"relay-a"_s},
                                        {u"type"_s, u"relay"_s},
                                        {u"host"_s, u"127.0.0.1"_s},
                                        {u"max_connections"_s, 3}},
                            {}, &saveErrors));
        QVERIFY(routes.save(QJsonObject{{u"name"_s, u"mx"_s}, {u"type"_s, u"direct"_s}}, {}, &saveErrors));
        QVERIFY(routes.save(QJsonObject{{u"name"_s, u"box"_s}, {u"type"_s, u"sandbox"_s}}, {}, &saveErrors));
        QString error;
        const QJsonObject pool{
            {u"type"_s, u"pool"_s},
            {u"members"_s, QJsonArray{QJsonObject{{u"saved"_s, u"relay-a"_s}, {u"weight"_s, 2}}, member(2525, 1)}}};
        const auto loaded = RouteEndpoint::load(m_store->db(), pool, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->members.size(), 2u);
        QCOMPARE(loaded->members[0].route.host, u"127.0.0.1"_s);
        QCOMPARE(loaded->maxConnections, 3 + 10);
        QCOMPARE(loaded->maxInFlight, 13 * 20);
        QCOMPARE(RouteConfig::fromJson(loaded->toJson(), &errors).toJson(), loaded->toJson());
        QJsonObject bad = pool;
        // A saved direct route is a member too; a sandbox is not.
        QJsonObject withDirect = pool;
        withDirect[u"members"_s] = QJsonArray{QJsonObject{{u"saved"_s, u"mx"_s}}, member(2525, 1)};
        const auto direct = RouteEndpoint::load(m_store->db(), withDirect, &error);
        QVERIFY2(direct, qPrintable(error));
        QCOMPARE(direct->members[0].route.type, RouteConfig::Type::Direct);
        QCOMPARE(direct->members[0].label(), u"mx"_s);
        bad[u"members"_s] = QJsonArray{QJsonObject{{u"saved"_s, u"box"_s}}, QJsonObject{{u"saved"_s, u"nope"_s}}};
        QVERIFY(!RouteEndpoint::load(m_store->db(), bad, &error));
        QCOMPARE(
            error,
            u"route.members[0].saved: route 'box' is a sandbox route; a pool member must be a relay or direct route"_s);
        bad[u"members"_s] = QJsonArray{QJsonObject{{u"saved"_s, u"nope"_s}}};
        QVERIFY(!RouteEndpoint::load(m_store->db(), bad, &error));
        QCOMPARE(error, u"route.members[0].saved: route 'nope' is not saved in this database"_s);

        // Saving a pool checks its saved members the same way, itself included.
        QJsonObject savedPool = pool;
        savedPool[u"name"_s] = u"fleet"_s;
        QVERIFY2(routes.save(savedPool, {}, &saveErrors), qPrintable(saveErrors.join(u'\n')));
        savedPool[u"members"_s] = QJsonArray{QJsonObject{{u"saved"_s, u"box"_s}}, QJsonObject{{u"saved"_s, u"fleet"_s}},
                                             QJsonObject{{u"saved"_s, u"gone"_s}}};
        QVERIFY(!routes.save(savedPool, u"fleet"_s, &saveErrors));
        QCOMPARE(
            saveErrors,
            QStringList(
                {u"route.members[0].saved: 'box' is a sandbox route; a pool member must be a relay or direct route"_s,
                 u"route.members[1].saved: no saved relay or direct route is named 'fleet'"_s,
                 u"route.members[2].saved: no saved relay or direct route is named 'gone'"_s}));
        // A member of a saved pool is neither deleted, renamed nor made another type under it.
        QString removeError;
        QVERIFY(!routes.remove(u"relay-a"_s, &removeError));
        QCOMPARE(removeError, u"route.name: 'relay-a' is a member of the pool fleet: take it out of the pool first"_s);
        QVERIFY(!routes.rename(u"relay-a"_s, u"relay-z"_s, &removeError));
        QCOMPARE(removeError, u"route.name: 'relay-a' is a member of the pool fleet: take it out of the pool first"_s);
        saveErrors.clear();
        QVERIFY(
            !routes.save(QJsonObject{{u"name"_s, u"relay-a"_s}, {u"type"_s, u"sandbox"_s}}, u"relay-a"_s, &saveErrors));
        QCOMPARE(saveErrors,
                 QStringList{u"route.type: 'relay-a' is a member of the pool fleet: take it out of the pool first"_s});
        saveErrors.clear();
        QVERIFY2(
            routes.save(QJsonObject{{u"name"_s, u"relay-a"_s}, {u"type"_s, u"relay"_s}, {u"host"_s, u"127.0.0.2"_s}},
                        u"relay-a"_s, &saveErrors),
            qPrintable(saveErrors.join(u'\n'))); // edited, still a relay of that name: fine
    }

    // A direct member next to a relay: it finds each domain's MX itself (skipping the dead best
    // MX without leaving the pool), and what it delivers is Sent, while what the relay took is
    // Taken into account. Weights 1:1 over 20: 10 and 10, each recipient once.
    void directMemberDeliversToTheMx()
    {
        if (!m_dnsUp) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL(qPrintable(u"the test DNS on %1:53 is missing (tests/peers/start-peers.sh)"_s.arg(m_dns)));
            QSKIP("the test DNS (dnsmasq) is not there; start it with tests/peers/start-peers.sh");
        }
        SmtpSink relay, mx;
        QVERIFY(relay.start({}, true));
        QVERIFY(mx.start({}, true));
        const qint64 id =
            prepare(20, {member(relay.port(), 1), directMember(mx.port(), 1)}, nullptr, {u"mx-failover.test"_s}, false);
        // The relay's share awaits its delivery reports; the direct member's is final.
        QCOMPARE(EngineTest::runToEnd(*m_store, id, m_clock), DeliveryRun::End::WaitingForReports);
        QCOMPARE(count(id, LogState::Sent), 10);
        QCOMPARE(count(id, LogState::TakenIntoAccount), 10);
        QTRY_COMPARE(relay.dumps().size() + mx.dumps().size(), 20);
        QCOMPARE(received(mx).size(), 10);
        QStringList all = received(relay) + received(mx);
        all.removeDuplicates();
        QCOMPARE(all.size(), 20);
        // Its transcripts tell the MX story: the dead best MX skipped, the live one used.
        const QStringList viaMx = transcripts(id, u"%using mx-live.mx-failover.test%"_s);
        QCOMPARE(viaMx.size(), 10);
        QVERIFY2(viaMx.first().contains(u"mx-dead.mx-failover.test"_s), qPrintable(viaMx.first()));
        QVERIFY(transcripts(id, u"%handed to another member%"_s).isEmpty());
    }

    // A pool of one direct member: a domain that does not exist is the recipient's matter, as on
    // the direct route (retried as the rule table says, until the validity ends: never counted
    // as an unreachable relay), and the others are delivered.
    void directMemberQualifiesAnUnknownDomain()
    {
        if (!m_dnsUp) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL(qPrintable(u"the test DNS on %1:53 is missing (tests/peers/start-peers.sh)"_s.arg(m_dns)));
            QSKIP("the test DNS (dnsmasq) is not there; start it with tests/peers/start-peers.sh");
        }
        SmtpSink mx;
        QVERIFY(mx.start({}, true));
        const qint64 id =
            prepare(3, {directMember(mx.port(), 1)}, nullptr, {u"mx-failover.test"_s, u"no-such-domain.test"_s}, false);
        const auto end = EngineTest::runToEnd(*m_store, id, m_clock, [&](DeliveryRun &) {
            QTRY_COMPARE(count(id, LogState::Sent), 2);
            QTRY_COMPARE(DeliveryQueries(m_store->db()).kpis(id).value().inRetry, 1);
            m_clock.advanceMs(30LL * 24 * 3600'000); // past the validity end
        });
        QCOMPARE(end, DeliveryRun::End::Finished);
        QCOMPARE(count(id, LogState::Failed), 1);
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"SELECT l.failure_reason, l.validity_expired, l.last_reply FROM recipient_log l "
                       "WHERE l.delivery_id = %1 AND l.state = 'failed'"_s.arg(id)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), u"invalid_domain"_s);
        QCOMPARE(q.value(1).toInt(), 1);
        QVERIFY2(q.value(2).toString().startsWith(u"550 5.1.2 the domain no-such-domain.test does not exist"_s),
                 qPrintable(q.value(2).toString()));
        QCOMPARE(mx.dumps().size(), 2);
    }

    // Weights 2:1:1 over 40 messages: 20, 10 and 10, each recipient once.
    void spreadsByWeight()
    {
        SmtpSink a, b, c;
        QVERIFY(a.start({}, true));
        QVERIFY(b.start({}, true));
        QVERIFY(c.start({}, true));
        const qint64 id = prepare(40, {member(a.port(), 2), member(b.port(), 1), member(c.port(), 1)});
        QCOMPARE(EngineTest::runToEnd(*m_store, id, m_clock), DeliveryRun::End::Finished);
        QCOMPARE(count(id, LogState::Sent), 40);
        QTRY_COMPARE(a.dumps().size() + b.dumps().size() + c.dumps().size(), 40);
        QCOMPARE(received(a).size(), 20);
        QCOMPARE(received(b).size(), 10);
        QCOMPARE(received(c).size(), 10);
        QStringList all = received(a) + received(b) + received(c);
        all.removeDuplicates();
        QCOMPARE(all.size(), 40);
        // The attempt history names the relay each message went through.
        QSqlQuery q(m_store->db());
        QVERIFY(
            q.exec(u"SELECT count(DISTINCT a.remote_host) FROM attempts a JOIN recipients r ON r.id = a.recipient_id "
                   "WHERE r.delivery_id = %1"_s.arg(id)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 3);
    }

    // A member nobody listens on: its share goes to the others without an attempt lost, and the
    // transcripts say why.
    void unreachableMemberFailsOver()
    {
        SmtpSink a;
        QVERIFY(a.start({}, true));
        const quint16 dead = closedPort();
        const qint64 id = prepare(30, {member(dead, 3), member(a.port(), 1)});
        QCOMPARE(EngineTest::runToEnd(*m_store, id, m_clock), DeliveryRun::End::Finished);
        QCOMPARE(count(id, LogState::Sent), 30);
        QTRY_COMPARE(a.dumps().size(), 30);
        QCOMPARE(count(id, LogState::Failed), 0);
        const QStringList moved = transcripts(id, u"%pool member 127.0.0.1:%1%handed to another member%"_s.arg(dead));
        QVERIFY2(!moved.isEmpty(), "no transcript tells of the failover");
        // Nobody needed a second attempt: the failover happened before any transaction began.
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"SELECT max(attempts) FROM recipient_log WHERE delivery_id = %1"_s.arg(id)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    // A relay killed in the middle of the send: the others take its share, what it had in
    // flight is retried, nobody is lost, and anyone mailed twice is flagged a possible duplicate.
    void memberKilledMidSend()
    {
        SmtpSink a, b, victim;
        QVERIFY(a.start({}, true));
        QVERIFY(b.start({}, true));
        // The victim answers DATA after a second, so the kill finds transactions under way.
        QVERIFY(victim.start({u"-w"_s, u"1"_s}, true));
        const int recipients = 120;
        QJsonObject slow = member(victim.port(), 2);
        slow[u"max_connections"_s] = 2; // at most two transactions under way when it dies
        const qint64 id = prepare(recipients, {member(a.port(), 1), member(b.port(), 1), slow});
        bool killed = false;
        QTimer ticker;
        const auto end = EngineTest::runToEnd(*m_store, id, m_clock, [&](DeliveryRun &) {
            QObject::connect(&ticker, &QTimer::timeout, [&] {
                if (!killed && count(id, LogState::Sent) >= 20) {
                    victim.stop();
                    killed = true;
                } else if (killed) {
                    m_clock.advanceMs(20'000); // retries come due, the victim's time out ends
                }
            });
            ticker.start(20);
        });
        QVERIFY(killed);
        QCOMPARE(end, DeliveryRun::End::Finished);
        QCOMPARE(count(id, LogState::Sent), recipients);
        QCOMPARE(count(id, LogState::Failed), 0);
        QStringList all = received(a) + received(b) + received(victim);
        const qsizetype total = all.size();
        all.removeDuplicates();
        for (const QString &to : std::as_const(all))
            QVERIFY2(to.startsWith(u"pool"_s) && to.endsWith(u"@example.com"_s), qPrintable(to));
        QCOMPARE(all.size(), recipients);
        // The victim had half the weight: it took far less than half before it died.
        QVERIFY2(received(victim).size() < recipients / 2, qPrintable(QString::number(victim.dumps().size())));
        QSqlQuery q(m_store->db());
        QVERIFY(
            q.exec(u"SELECT count(*) FROM recipient_log WHERE delivery_id = %1 AND possible_duplicate = 1"_s.arg(id)));
        QVERIFY(q.next());
        QVERIFY2(
            total - recipients <= q.value(0).toInt(),
            qPrintable(
                u"%1 messages more than recipients, %2 flagged"_s.arg(total - recipients).arg(q.value(0).toInt())));
        QVERIFY(!transcripts(id, u"%pool member 127.0.0.1:%1%"_s.arg(victim.port())).isEmpty());
        // Only a transaction under way when it died is tried again; what waited behind it on its
        // connections went to the other members at once.
        QVERIFY(q.exec(u"SELECT count(*) FROM recipient_log WHERE delivery_id = %1 AND attempts > 1"_s.arg(id)));
        QVERIFY(q.next());
        QVERIFY2(q.value(0).toInt() <= 2, qPrintable(u"%1 recipients tried again"_s.arg(q.value(0).toInt())));
    }
};

QTEST_GUILESS_MAIN(TstRelayPool)
#include "tst_relay_pool.moc"
