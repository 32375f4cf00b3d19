#include "routes_worker.h"

#include "routing/route_store.h"
#include "store/store.h"

using namespace Qt::StringLiterals;

RoutesWorker::RoutesWorker(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
{
    qRegisterMetaType<RouteTester::Step>();
    qRegisterMetaType<QList<QJsonObject>>();
}

RoutesWorker::~RoutesWorker()
{
    delete m_tester; // before the Store: nothing of it outlives the thread
}

bool RoutesWorker::open(QString *error)
{
    if (!m_store)
        m_store = Store::open(m_path, error);
    return m_store != nullptr;
}

void RoutesWorker::load()
{
    QString error;
    if (!open(&error)) {
        Q_EMIT loaded({}, error);
        return;
    }
    const QList<QJsonObject> routes = RouteStore(m_store->db()).list(&error);
    Q_EMIT loaded(routes, error);
}

void RoutesWorker::save(const QJsonObject &route, const QString &originalName)
{
    QString error;
    if (!open(&error)) {
        Q_EMIT saved(route.value(u"name"_s).toString(), originalName, {error});
        return;
    }
    QStringList errors;
    RouteStore(m_store->db()).save(route, originalName, &errors);
    Q_EMIT saved(route.value(u"name"_s).toString(), originalName, errors);
}

void RoutesWorker::remove(const QString &name)
{
    QString error;
    if (open(&error))
        RouteStore(m_store->db()).remove(name, &error);
    Q_EMIT removed(name, error);
}

void RoutesWorker::test(const QJsonObject &route, const QString &password, const QString &domain)
{
    QStringList errors;
    QJsonObject named = route;
    if (named.value(u"name"_s).toString().isEmpty())
        named.insert(u"name"_s, u"(new route)"_s); // a test needs no name
    const RouteConfig config = RouteStore::validate(named, &errors);
    if (!errors.isEmpty()) {
        Q_EMIT testFinished(false, errors, QString());
        return;
    }
    if (!m_tester) {
        m_tester = new RouteTester(this);
        connect(m_tester, &RouteTester::step, this, &RoutesWorker::testStep);
        connect(m_tester, &RouteTester::finished, this,
                [this](bool ok) { Q_EMIT testFinished(ok, {}, m_tester->transcript()); });
    }
    if (!m_tester->start(config, password, domain))
        Q_EMIT testFinished(false, {m_tester->error()}, QString());
}

void RoutesWorker::abortTest()
{
    if (m_tester)
        m_tester->abort();
}
