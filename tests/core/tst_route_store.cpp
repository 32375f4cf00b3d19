// RouteStore (the saved routes: validation naming the field, rename, delete) and the hand-off
// of a saved route's password to a run (DeliveryRun::Options::routePasswords and
// DeliveryEngine::setRoutePassword), against Postfix's submission port with AUTH.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "engine/delivery_engine.h"
#include "engine/delivery_run.h"
#include "routing/route_endpoint.h"
#include "routing/route_store.h"
#include "store/store.h"
#include "test_support.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

class TstRouteStore final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    int m_count = 0;

    static QJsonObject relay(const QString &name)
    {
        return QJsonObject{{u"name"_s, name},
                           {u"type"_s, u"relay"_s},
                           {u"host"_s, u"smtp.acme.example"_s},
                           {u"port"_s, 587},
                           {u"tls"_s, u"starttls-required"_s},
                           {u"username"_s, u"news"_s}};
    }

    static bool peersUp()
    {
        QTcpSocket s;
        s.connectToHost(u"127.0.0.1"_s, 2586);
        return s.waitForConnected(1000);
    }

    qint64 prepare(const QJsonValue &route)
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"route"_s] = route;
        def[u"from"_s] = QJsonObject{{u"name"_s, u"Sendscope test"_s}, {u"address"_s, u"bounce@sendscope.test"_s}};
        const QString name = u"r%1"_s.arg(++m_count);
        def[u"recipients"_s] = QJsonObject{{u"csv"_s, QString(name + u".csv"_s)}};
        TestSupport::writeFile(m_dir, name + u".csv"_s, "email\nuser@sendscope.test\n");
        DeliveryService service(*m_store);
        const auto imported = service.importDefinition(TestSupport::writeDefinition(m_dir, def, name + u".json"_s));
        if (!imported.ok)
            qFatal("import: %s", qPrintable(imported.errors.join(u'\n')));
        const auto analyzed = service.analyze(imported.deliveryId);
        if (!analyzed.ok || analyzed.report.blocked())
            qFatal("analysis: %s", qPrintable(analyzed.report.toText()));
        return imported.deliveryId;
    }

    QString state(qint64 id)
    {
        QString s;
        DeliveryQueries(m_store->db()).forEachLogRow(id, {}, [&](const LogRow &r) {
            s = LogStates::name(r.state);
            return true;
        });
        return s;
    }

    void saveSubmissionRoute()
    {
        const QString ca =
            qEnvironmentVariable("SENDSCOPE_PEERS_DIR", u"/var/tmp/sendscope-peers"_s) + u"/tls/ca.pem"_s;
        QStringList errors;
        RouteStore(m_store->db())
            .save(QJsonObject{{u"name"_s, u"submission"_s},
                              {u"type"_s, u"relay"_s},
                              {u"host"_s, u"127.0.0.1"_s},
                              {u"port"_s, 2586},
                              {u"tls"_s, u"starttls-required"_s},
                              {u"ca_file"_s, ca},
                              {u"username"_s, qEnvironmentVariable("SENDSCOPE_PEERS_USER", u"bounce"_s)}},
                  {}, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_store = Store::open(m_dir.filePath(u"routes.db"_s), nullptr);
        QVERIFY(m_store);
    }

    void saveListFindRenameDelete()
    {
        RouteStore store(m_store->db());
        QStringList errors;
        QVERIFY2(store.save(relay(u"Acme relay"_s), {}, &errors), qPrintable(errors.join(u'\n')));
        QVERIFY(store.save(relay(u"another"_s), {}, &errors));
        const QList<QJsonObject> all = store.list();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.first().value(u"name"_s).toString(), u"Acme relay"_s);
        QCOMPARE(all.first().value(u"port"_s).toInt(), 587);
        QCOMPARE(all.first().value(u"username"_s).toString(), u"news"_s); // the password lives elsewhere

        // Edit in place, then rename through save().
        QJsonObject edited = relay(u"Acme relay"_s);
        edited[u"port"_s] = 2587;
        QVERIFY(store.save(edited, u"Acme relay"_s, &errors));
        QCOMPARE(store.find(u"Acme relay"_s).value(u"port"_s).toInt(), 2587);
        edited[u"name"_s] = u"Acme"_s;
        QVERIFY(store.save(edited, u"Acme relay"_s, &errors));
        QVERIFY(store.find(u"Acme relay"_s).isEmpty());
        QCOMPARE(store.find(u"Acme"_s).value(u"port"_s).toInt(), 2587);

        // The name is unique, across adds and renames.
        QVERIFY(!store.save(relay(u"another"_s), {}, &errors));
        QCOMPARE(errors, QStringList{u"route.name: a route named 'another' already exists"_s});
        QString error;
        QVERIFY(!store.rename(u"Acme"_s, u"another"_s, &error));
        QVERIFY2(error.startsWith(u"route.name:"_s), qPrintable(error));
        QVERIFY2(store.rename(u"Acme"_s, u"Acme 2"_s, &error), qPrintable(error));
        QCOMPARE(store.find(u"Acme 2"_s).value(u"host"_s).toString(), u"smtp.acme.example"_s);

        // A delivery finds a saved route by name, with its name and saved flag.
        const auto loaded = RouteEndpoint::load(m_store->db(), QJsonObject{{u"name"_s, u"Acme 2"_s}}, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->name, u"Acme 2"_s);
        QVERIFY(loaded->saved);
        QVERIFY(!RouteEndpoint::load(m_store->db(), relay(u"Acme 2"_s), &error)->saved);

        QVERIFY(store.remove(u"Acme 2"_s, &error));
        QVERIFY(!store.remove(u"Acme 2"_s, &error));
        QVERIFY2(error.contains(u"no saved route"_s), qPrintable(error));
        QVERIFY(store.remove(u"another"_s, &error));
        QVERIFY(store.list().isEmpty());
    }

    void validationNamesTheField_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("field");
        QTest::newRow("no name") << u"name"_s << QJsonValue(u""_s) << u"route.name"_s;
        QTest::newRow("padded name") << u"name"_s << QJsonValue(u" x"_s) << u"route.name"_s;
        QTest::newRow("type") << u"type"_s << QJsonValue(u"carrier pigeon"_s) << u"route.type"_s;
        QTest::newRow("no host") << u"host"_s << QJsonValue(u""_s) << u"route.host"_s;
        QTest::newRow("port") << u"port"_s << QJsonValue(70000) << u"route.port"_s;
        QTest::newRow("tls") << u"tls"_s << QJsonValue(u"maybe"_s) << u"route.tls"_s;
        QTest::newRow("limit") << u"max_connections"_s << QJsonValue(0) << u"route.max_connections"_s;
        QTest::newRow("mx") << u"mx_override"_s << QJsonValue(QJsonObject{{u"a.example"_s, u"nohost"_s}})
                            << u"route.mx_override.a.example"_s;
        QTest::newRow("password") << u"password"_s << QJsonValue(u"secret"_s) << u"route.password"_s;
    }

    void validationNamesTheField()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, field);
        QJsonObject route = relay(u"bad"_s);
        route[key] = value;
        QStringList errors;
        QVERIFY(!RouteStore(m_store->db()).save(route, {}, &errors));
        QVERIFY2(!errors.isEmpty() && errors.first().startsWith(field + u": "_s), qPrintable(errors.join(u'\n')));
        QVERIFY(RouteStore(m_store->db()).find(u"bad"_s).isEmpty());
    }

    void inlineRouteStillNeedsPasswordEnv()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        QJsonObject route = def[u"route"_s].toObject();
        route[u"username"_s] = u"news"_s;
        def[u"route"_s] = route;
        QList<DeliveryDefinition::Error> errors;
        DeliveryDefinition::fromJson(def, m_dir.path(), &errors);
        bool found = false;
        for (const auto &e : errors)
            found = found || e.field == u"route.password_env"_s;
        QVERIFY(found);
    }

    void runGetsTheSavedRoutesPassword()
    {
        if (!peersUp())
            QSKIP("the Postfix peers are not running; start them with tests/peers/start-peers.sh");
        saveSubmissionRoute();
        const QString password = qEnvironmentVariable("SENDSCOPE_PEERS_PASSWORD", u"secret"_s);

        // Without a password the run cannot start, and says where the password comes from.
        const qint64 id = prepare(u"submission"_s);
        {
            DeliveryRun r(*m_store, id, Clock::system(), {});
            QVERIFY(!r.prepare());
            QVERIFY2(r.error().startsWith(u"route.password: route 'submission'"_s), qPrintable(r.error()));
        }
        // An inline route that happens to carry the same name never gets the saved route's password.
        {
            QJsonObject inlineRoute{{u"name"_s, u"submission"_s}, {u"type"_s, u"relay"_s},
                                    {u"host"_s, u"127.0.0.1"_s},  {u"port"_s, 2586},
                                    {u"username"_s, u"bounce"_s}, {u"password_env"_s, u"SENDSCOPE_TEST_UNSET_PW"_s}};
            const qint64 other = prepare(inlineRoute);
            DeliveryRun::Options o;
            o.routePasswords.insert(u"submission"_s, password);
            DeliveryRun r(*m_store, other, Clock::system(), o);
            QVERIFY(!r.prepare());
            QVERIFY2(r.error().contains(u"SENDSCOPE_TEST_UNSET_PW"_s), qPrintable(r.error()));
        }
        // Through the engine, as the application hands it over.
        DeliveryEngine engine(m_store->path());
        QSignalSpy ended(&engine, &DeliveryEngine::ended);
        QSignalSpy failed(&engine, &DeliveryEngine::failedToStart);
        engine.setRoutePassword(u"submission"_s, password);
        engine.send(id);
        QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty() || !failed.isEmpty(), 30000);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.first().at(1).toString()));
        QCOMPARE(state(id), LogStates::name(LogState::TakenIntoAccount));

        // Forgotten: the next run has none again.
        engine.setRoutePassword(u"submission"_s, QString());
        const qint64 second = prepare(u"submission"_s);
        engine.send(second);
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
        QVERIFY2(failed.first().at(1).toString().startsWith(u"route.password:"_s),
                 qPrintable(failed.first().at(1).toString()));
    }
};

QTEST_GUILESS_MAIN(TstRouteStore)
#include "tst_route_store.moc"
