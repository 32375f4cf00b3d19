#include "store_worker.h"

#include "store/store.h"

namespace {

// The analysis view lists the first rejects only; the CLI has the full list.
constexpr int MaxImportRejects = 100;

} // namespace

StoreWorker::StoreWorker(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
{
    registerMetaTypes();
}

// Out of line: Store is only forward-declared in the header.
StoreWorker::~StoreWorker() = default;

void StoreWorker::registerMetaTypes()
{
    qRegisterMetaType<DeliverySummary>();
    qRegisterMetaType<QList<DeliverySummary>>();
    qRegisterMetaType<DeliveryDetails>();
    qRegisterMetaType<LogRow>();
    qRegisterMetaType<QList<LogRow>>();
    qRegisterMetaType<LogFilter>();
}

void StoreWorker::open()
{
    if (m_store)
        return;
    QString error;
    m_store = Store::open(m_path, &error);
    if (!m_store) {
        Q_EMIT openFailed(m_path, error);
        return;
    }
    m_queries = std::make_unique<DeliveryQueries>(m_store->db());
    Q_EMIT opened(m_path);
}

void StoreWorker::loadDeliveries()
{
    if (!m_queries)
        return;
    Q_EMIT deliveriesLoaded(m_queries->deliveries());
}

void StoreWorker::loadDetails(qint64 deliveryId)
{
    if (!m_queries)
        return;
    const auto kpis = m_queries->kpis(deliveryId);
    if (!kpis) {
        // A delivery deleted meanwhile is no error: the next list no longer shows it.
        if (m_queries->exists(deliveryId))
            Q_EMIT queryFailed(m_queries->lastError());
        return;
    }
    DeliveryDetails details;
    details.id = deliveryId;
    details.kpis = *kpis;
    if (const auto report = m_queries->analysisReport(deliveryId)) {
        details.analyzed = true;
        details.report = *report;
    }
    details.importRejects = m_queries->importRejects(deliveryId, MaxImportRejects + 1);
    if (details.importRejects.size() > MaxImportRejects) {
        details.importRejects.resize(MaxImportRejects);
        details.moreImportRejects = true;
    }
    Q_EMIT detailsLoaded(details);
}

void StoreWorker::loadLogCount(qint64 deliveryId, quint64 generation, const LogFilter &filter)
{
    if (!m_queries)
        return;
    Q_EMIT logCountLoaded(deliveryId, generation, m_queries->logCount(deliveryId, filter));
}

void StoreWorker::loadLogPage(qint64 deliveryId, quint64 generation, const LogFilter &filter, qint64 offset, int limit)
{
    if (!m_queries)
        return;
    Q_EMIT logPageLoaded(deliveryId, generation, offset, m_queries->logPage(deliveryId, filter, offset, limit));
}
