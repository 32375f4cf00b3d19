#include "report_worker.h"

#include "delivery/delivery_report_csv.h"
#include "store/store.h"

ReportWorker::ReportWorker(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
{
    registerMetaTypes();
}

// Out of line: Store is only forward-declared in the header.
ReportWorker::~ReportWorker() = default;

void ReportWorker::registerMetaTypes()
{
    qRegisterMetaType<DeliveryReport>();
}

bool ReportWorker::ensureOpen(QString *error)
{
    if (m_store)
        return true;
    m_store = Store::open(m_path, error);
    return m_store != nullptr;
}

void ReportWorker::load(qint64 deliveryId, quint64 generation)
{
    QString error;
    if (!ensureOpen(&error)) {
        Q_EMIT loadFailed(generation, deliveryId, tr("Cannot open %1: %2").arg(m_path, error));
        return;
    }
    const DeliveryReportBuilder builder(m_store->db());
    const auto report = builder.build(deliveryId);
    if (!report) {
        Q_EMIT loadFailed(generation, deliveryId,
                          builder.lastError().isEmpty() ? tr("There is no delivery %1.").arg(deliveryId)
                                                        : builder.lastError());
        return;
    }
    Q_EMIT loaded(generation, *report);
}

void ReportWorker::exportCsv(const DeliveryReport &report, const QString &path)
{
    QString error;
    if (!ensureOpen(&error)) {
        Q_EMIT csvExported(path, false, tr("Cannot open %1: %2").arg(m_path, error));
        return;
    }
    DeliveryReportCsv csv(m_store->db());
    const bool ok = csv.writeFile(report, path);
    Q_EMIT csvExported(path, ok, ok ? QString() : csv.lastError());
}
