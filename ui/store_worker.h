#pragma once

#include "core_metatypes.h"
#include "delivery_details.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <memory>

class Store;

// The UI's only door to the database. It lives on its own QThread, opens its own Store there
// and answers requests (queued slot calls) with signals carrying plain values, so the GUI
// thread never runs SQL or waits for it (architecture.md, "Threads and data flow").
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

Q_SIGNALS:
    void opened(const QString &path);
    void openFailed(const QString &path, const QString &error);
    void deliveriesLoaded(const QList<DeliverySummary> &deliveries);
    void detailsLoaded(const DeliveryDetails &details);
    void logCountLoaded(qint64 deliveryId, quint64 generation, qint64 count);
    void logPageLoaded(qint64 deliveryId, quint64 generation, qint64 offset, const QList<LogRow> &rows);
    void queryFailed(const QString &error);

private:
    QString m_path;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<DeliveryQueries> m_queries;
};
