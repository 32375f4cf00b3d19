// The Workspace's own threads (docs/architecture.md, "the one door"), without a window: a route
// test streamed as results and stopped by abort(), key files in the order asked, the engine
// made once, and a database nobody asked for never created. Run under ThreadSanitizer in CI.

#include "delivery/delivery_service.h"
#include "smtp_sink.h"
#include "store/store.h"
#include "test_support.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QFutureWatcher>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace Qt::StringLiterals;

class TstWorkspace final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    static QJsonObject relay(quint16 port)
    {
        return QJsonObject{{u"name"_s, u"t"_s},
                           {u"type"_s, u"relay"_s},
                           {u"host"_s, u"127.0.0.1"_s},
                           {u"port"_s, int(port)},
                           {u"tls"_s, u"none"_s}};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Each step arrives as a result of its own, in order, the last one saying how it ended.
    void aRouteTestStreamsItsSteps()
    {
        if (!SmtpSink::available()) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL("smtp-sink is missing");
            QSKIP("smtp-sink is missing (apt-get install postfix)");
        }
        SmtpSink sink;
        QVERIFY(sink.start({}));
        Workspace workspace(path(u"routes.db"_s));
        QFuture<Workspace::RouteTestEvent> test = workspace.testRoute(relay(sink.port()), QString(), QString()).events;
        QTRY_VERIFY_WITH_TIMEOUT(test.isFinished(), 20000);
        const QList<Workspace::RouteTestEvent> events = test.results();
        QVERIFY(events.size() >= 3);
        for (qsizetype i = 0; i + 1 < events.size(); ++i) {
            QVERIFY(!events.at(i).finished);
            QVERIFY(!events.at(i).step.id.isEmpty());
        }
        QVERIFY(events.last().finished);
        QVERIFY2(events.last().ok, qPrintable(events.last().transcript));
        QVERIFY(events.last().transcript.contains(u"EHLO"_s));
    }

    // A relay that accepts and never greets: abort() ends the test at once, long before
    // any timeout, and a route with errors is refused before any connection.
    void abortEndsARouteTest()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        Workspace workspace(path(u"silent.db"_s));
        const Workspace::RouteTest test = workspace.testRoute(relay(silent.serverPort()), QString(), QString());
        QTRY_VERIFY(silent.hasPendingConnections() || silent.nextPendingConnection());
        QVERIFY(!test.events.isFinished());
        test.abort();
        QTRY_VERIFY_WITH_TIMEOUT(test.events.isFinished(), 3000);
        const QList<Workspace::RouteTestEvent> events = test.events.results();
        QVERIFY(events.size() >= 2);
        QVERIFY(std::any_of(events.cbegin(), events.cend() - 1, [](const Workspace::RouteTestEvent &e) {
            return e.step.status == RouteTester::Step::Status::Failed;
        }));
        QVERIFY(events.last().finished);
        QVERIFY(!events.last().ok);
        test.abort(); // after the end: nothing happens

        QJsonObject broken = relay(0);
        broken.insert(u"port"_s, 70000);
        const QList<Workspace::RouteTestEvent> refused =
            workspace.testRoute(broken, QString(), QString()).events.results();
        QCOMPARE(refused.size(), 1);
        QVERIFY(refused.first().finished);
        QVERIFY(!refused.first().ok);
        QVERIFY(!refused.first().errors.isEmpty());
    }

    // Key jobs run one after the other in the order asked: a list asked right after a
    // generation sees the key, one asked after a delete does not. None touches the database.
    void keyFilesInOrderAndNoDatabaseCreated()
    {
        const QString db = path(u"keys-only.db"_s);
        const QString folder = path(u"dkim"_s);
        {
            Workspace workspace(db);
            QFuture<WorkspaceResult<Workspace::AddedKey>> added =
                workspace.generateDkimKey(folder, u"example.test"_s, u"s1"_s, DkimKey::Algorithm::Ed25519, 0);
            QFuture<Workspace::DkimKeyList> listed = workspace.dkimKeys(folder);
            QFuture<WorkspaceResult<QString>> removed = workspace.removeDkimKey(folder, u"example.test"_s, u"s1"_s);
            QFuture<Workspace::DkimKeyList> after = workspace.dkimKeys(folder);
            QVERIFY2(added.result().ok(), qPrintable(added.result().error));
            QCOMPARE(listed.result().entries.size(), 1);
            QCOMPARE(listed.result().entries.first().selector, u"s1"_s);
            QVERIFY(removed.result().ok());
            QCOMPARE(after.result().entries.size(), 0);
            QCOMPARE(&workspace.engine(), &workspace.engine());
        }
        QVERIFY(!QFile::exists(db));
    }

    // The analysis runs on the database thread; on the direct route its pre-flight plan asks the
    // DNS from there (a nested event loop on that thread): the peers' DNS names the MX host.
    void analysisAsksTheDnsFromTheDatabaseThread()
    {
        if (!qEnvironmentVariableIsSet("SENDSCOPE_PEERS_DNS")) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL("the peers' DNS server is not running (tests/peers/start-peers.sh)");
            QSKIP("the peers' DNS server is not running (tests/peers/start-peers.sh)");
        }
        const QString dns = qEnvironmentVariable("SENDSCOPE_PEERS_DNS");
        QFile csv(path(u"plan.csv"_s));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("email\na@mx-failover.test\nb@mx-failover.test\nc@a-only.test\n");
        csv.close();
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"recipients"_s] = QJsonObject{{u"csv"_s, csv.fileName()}};
        def[u"route"_s] = QJsonObject{{u"type"_s, u"direct"_s}, {u"dns_server"_s, dns}};
        const QString defPath = TestSupport::writeDefinition(m_dir, def, u"plan.json"_s);
        qint64 id = 0;
        {
            auto store = Store::open(path(u"plan.db"_s), nullptr);
            QVERIFY(store);
            const auto imported = DeliveryService(*store).importDefinition(defPath);
            QVERIFY2(imported.ok, qPrintable(imported.errors.join(u'\n')));
            id = imported.deliveryId;
        }
        Workspace workspace(path(u"plan.db"_s));
        const WorkspaceResult<bool> analyzed = workspace.analyze(id).result();
        QVERIFY2(analyzed.ok(), qPrintable(analyzed.error));
        const WorkspaceResult<DeliveryDetails> details = workspace.deliveryDetails(id).result();
        QVERIFY(details.ok() && details.value->analyzed);
        QStringList groups;
        for (const AnalysisReport::PlanGroup &g : details.value->report.plan)
            groups.append(g.group);
        // The default MX rules name no *.mx-failover.test: the domain is grouped by its best MX host
        // with an address (preference 10; nothing listens there, which the plan does not ask).
        QCOMPARE(groups, (QStringList{u"mx-dead.mx-failover.test"_s, u"a-only.test"_s}));
    }
};

QTEST_MAIN(TstWorkspace)
#include "tst_workspace.moc"
