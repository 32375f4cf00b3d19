#pragma once

#include "routing/route_tester.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>
#include <memory>

class Store;

// The Routes page's door to the database and the network. It lives on its own QThread with
// its own Store: saved routes are read and written there (RouteStore), and "Test connection"
// runs there (RouteTester), so the GUI thread never runs SQL or touches a socket.
class RoutesWorker final : public QObject
{
    Q_OBJECT

public:
    explicit RoutesWorker(const QString &databasePath, QObject *parent = nullptr);
    ~RoutesWorker() override;

    // Request slots; call them through queued connections.
    void load();
    void save(const QJsonObject &route, const QString &originalName);
    void remove(const QString &name);
    void test(const QJsonObject &route, const QString &password, const QString &domain);
    void abortTest();

Q_SIGNALS:
    void loaded(const QList<QJsonObject> &routes, const QString &error);
    // errors is empty when the route was saved.
    void saved(const QString &name, const QString &originalName, const QStringList &errors);
    void removed(const QString &name, const QString &error);
    void testStep(const RouteTester::Step &step);
    // errors: why the test could not start (fields named); empty when it ran.
    void testFinished(bool ok, const QStringList &errors, const QString &transcript);

private:
    bool open(QString *error);

    QString m_path;
    std::unique_ptr<Store> m_store;
    RouteTester *m_tester = nullptr;
};
