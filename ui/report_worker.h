#pragma once

#include "delivery/delivery_report.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <memory>

class Store;

Q_DECLARE_METATYPE(DeliveryReport)

// The report view's door to the database, like StoreWorker for the window: it lives on its own
// QThread, opens its own Store there and answers queued requests with plain values. Building a
// report and writing its CSV (which streams every non-deliverable recipient) both run here,
// never on the GUI thread.
class ReportWorker final : public QObject
{
    Q_OBJECT

public:
    // Only remembers the path: the Store is opened by the first request, on the worker's thread.
    explicit ReportWorker(const QString &databasePath, QObject *parent = nullptr);
    ~ReportWorker() override;

    static void registerMetaTypes();

    // Request slots; call them through queued connections.
    void load(qint64 deliveryId, quint64 generation);
    // Writes the CSV of the report as shown (its summary and throughput), streaming the full
    // domain and recipient sections from the database.
    void exportCsv(const DeliveryReport &report, const QString &path);

Q_SIGNALS:
    void loaded(quint64 generation, const DeliveryReport &report);
    void loadFailed(quint64 generation, qint64 deliveryId, const QString &error);
    void csvExported(const QString &path, bool ok, const QString &error);

private:
    bool ensureOpen(QString *error);

    QString m_path;
    std::unique_ptr<Store> m_store;
};
