#pragma once

#include "core_metatypes.h"
#include "dashboard_stats.h"
#include "delivery_details.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <memory>

class ProofSender;
class Store;

// The UI's only door to the database. It lives on its own QThread, opens its own Store there
// and answers requests (queued slot calls) with signals carrying plain values, so the GUI
// thread never runs SQL or waits for it (docs/architecture.md, "Threads and data flow").
// Requests that carry a generation echo it back, so a model can drop answers to requests it
// made before it was reset.
class StoreWorker final : public QObject
{
    Q_OBJECT

public:
    // Only remembers the path: the Store is opened by open(), on the worker's thread.
    explicit StoreWorker(const QString &databasePath, QObject *parent = nullptr);
    ~StoreWorker() override;

    // Makes the value types known to queued connections and QSignalSpy by name.
    static void registerMetaTypes();

    // Request slots; call them through queued connections from the GUI thread.
    void open();
    void loadDeliveries();
    void loadDetails(qint64 deliveryId);
    void loadLogCount(qint64 deliveryId, quint64 generation, const LogFilter &filter);
    void loadLogPage(qint64 deliveryId, quint64 generation, const LogFilter &filter, qint64 offset, int limit);
    void loadDashboard(qint64 deliveryId);

    // The few writes the window asks for. They run here, on the worker's own connection, never
    // on the GUI thread; the engine's writer connection serializes with it through SQLite.
    void analyze(qint64 deliveryId);
    void sendProof(qint64 deliveryId, const QStringList &addresses, const QString &password);
    // Before a send or a proof: does the delivery's route need a password the application
    // keeps (a saved route with a username and no password_env)? routeChecked() answers with
    // the route's name and username, both empty when no password is needed.
    void checkRoute(qint64 deliveryId, int purpose);
    // Pauses or stops a delivery that no engine of this process is running (as sendscope-cli does).
    void control(qint64 deliveryId, DeliveryState state);
    // Duplicate… and Delete from the delivery list (DeliveryEditing: copy with its recipients;
    // delete refused while in progress).
    void duplicateDelivery(qint64 deliveryId);
    void deleteDelivery(qint64 deliveryId);

Q_SIGNALS:
    void opened(const QString &path);
    void openFailed(const QString &path, const QString &error);
    void deliveriesLoaded(const QList<DeliverySummary> &deliveries);
    void detailsLoaded(const DeliveryDetails &details);
    void logCountLoaded(qint64 deliveryId, quint64 generation, qint64 count);
    void logPageLoaded(qint64 deliveryId, quint64 generation, qint64 offset, const QList<LogRow> &rows);
    void dashboardLoaded(const DashboardStats &stats);
    void queryFailed(const QString &error);

    void analyzeFinished(qint64 deliveryId, bool ok, const QString &error, bool blocked);
    // error is set when the proof could not start; results are empty then.
    void proofFinished(qint64 deliveryId, int number, const QList<ProofSender::Result> &results, const QString &error);
    void routeChecked(qint64 deliveryId, int purpose, const QString &routeName, const QString &username);
    void controlFinished(qint64 deliveryId, DeliveryState state, bool ok, const QString &error);
    // copyId is 0 when the copy failed, with error set.
    void duplicateFinished(qint64 deliveryId, qint64 copyId, const QString &error);
    void deleteFinished(qint64 deliveryId, bool ok, const QString &error);

private:
    QString m_path;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<DeliveryQueries> m_queries;
    ProofSender *m_proof = nullptr; // the proof on the wire, one at a time
    qint64 m_historyFor = 0;        // the delivery whose throughput history the dashboard has
};
