#include "store_worker.h"

#include "delivery/delivery_editing.h"
#include "delivery/delivery_service.h"
#include "delivery/delivery_stats.h"
#include "engine/proof_sender.h"
#include "routing/route_endpoint.h"
#include "sandbox/sample_delivery.h"
#include "store/store.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace {

// The analysis view lists the first rejects only; the CLI has the full list.
constexpr int MaxImportRejects = 100;
// The dashboard's domain table shows the largest domains; the logs view has them all.
constexpr int MaxDashboardDomains = 50;

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
    qRegisterMetaType<DashboardStats>();
    qRegisterMetaType<DeliveryKpis>();
    qRegisterMetaType<DeliveryState>();
    qRegisterMetaType<ProofSender::Result>();
    qRegisterMetaType<QList<ProofSender::Result>>();
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
    // First run: a brand new database gets the Sandbox route and the sample delivery.
    const SampleDelivery::Result sample = SampleDelivery::createOnFirstRun(*m_store, QFileInfo(m_path).absolutePath());
    if (!sample.error.isEmpty())
        Q_EMIT queryFailed(sample.error);
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

void StoreWorker::loadDashboard(qint64 deliveryId)
{
    if (!m_queries)
        return;
    const auto kpis = m_queries->kpis(deliveryId);
    if (!kpis)
        return; // deleted meanwhile: the list no longer shows it
    DashboardStats stats;
    stats.deliveryId = deliveryId;
    stats.kpis = *kpis;
    const DeliveryStats queries(m_store->db());
    stats.domains = queries.domains(deliveryId, MaxDashboardDomains);
    stats.reasons = queries.failureReasons(deliveryId);
    if (deliveryId != m_historyFor) {
        const std::optional<DeliveryReport> report = DeliveryReportBuilder(m_store->db()).build(deliveryId, 1);
        if (report) {
            stats.hasHistory = true;
            stats.historyBucketMs = report->bucketMs;
            stats.history = report->throughput;
            m_historyFor = deliveryId;
        }
    }
    Q_EMIT dashboardLoaded(stats);
}

void StoreWorker::analyze(qint64 deliveryId)
{
    if (!m_store) {
        Q_EMIT analyzeFinished(deliveryId, false, tr("The database is not open."), false);
        return;
    }
    DeliveryService service(*m_store);
    const DeliveryService::AnalyzeResult r = service.analyze(deliveryId);
    Q_EMIT analyzeFinished(deliveryId, r.ok, r.error, r.ok && r.report.blocked());
}

void StoreWorker::sendProof(qint64 deliveryId, const QStringList &addresses, const QString &password)
{
    if (!m_store) {
        Q_EMIT proofFinished(deliveryId, 0, {}, tr("The database is not open."));
        return;
    }
    if (m_proof) {
        Q_EMIT proofFinished(deliveryId, 0, {}, tr("A proof is already being sent."));
        return;
    }
    auto *sender = new ProofSender(*m_store, deliveryId, Clock::system(), this);
    if (!sender->start(addresses, password)) {
        Q_EMIT proofFinished(deliveryId, 0, {}, sender->error());
        delete sender;
        return;
    }
    m_proof = sender;
    connect(sender, &ProofSender::finished, this,
            [this, sender, deliveryId](const QList<ProofSender::Result> &results) {
                m_proof = nullptr;
                sender->deleteLater(); // not inside its own signal
                Q_EMIT proofFinished(deliveryId, sender->number(), results, QString());
            });
}

void StoreWorker::checkRoute(qint64 deliveryId, int purpose)
{
    QString name;
    QString username;
    if (m_store) {
        const std::optional<EditableDelivery> delivery = DeliveryEditing(*m_store).load(deliveryId);
        QString error;
        const std::optional<RouteConfig> route =
            delivery ? RouteEndpoint::load(m_store->db(), delivery->definition.value(u"route"_s).toObject(), &error)
                     : std::nullopt;
        // Whatever cannot be read here is reported by the send or the proof itself.
        if (route && route->saved && !route->username.isEmpty() && route->passwordEnv.isEmpty()) {
            name = route->name;
            username = route->username;
        }
    }
    Q_EMIT routeChecked(deliveryId, purpose, name, username);
}

void StoreWorker::control(qint64 deliveryId, DeliveryState state)
{
    if (!m_store || (state != DeliveryState::Paused && state != DeliveryState::Stopped)) {
        Q_EMIT controlFinished(deliveryId, state, false, tr("The database is not open."));
        return;
    }
    DeliveryService service(*m_store);
    // A stop cancels what was never handed over; an engine running it elsewhere sees the new
    // state within a second and lets what is in flight complete.
    const bool ok =
        service.setState(deliveryId, state) && (state != DeliveryState::Stopped || service.cancelPending(deliveryId));
    Q_EMIT controlFinished(deliveryId, state, ok, ok ? QString() : service.lastError());
}

void StoreWorker::duplicateDelivery(qint64 deliveryId)
{
    if (!m_store) {
        Q_EMIT duplicateFinished(deliveryId, 0, tr("The database is not open."));
        return;
    }
    DeliveryEditing editing(*m_store);
    const qint64 copyId = editing.duplicate(deliveryId);
    Q_EMIT duplicateFinished(deliveryId, copyId, copyId ? QString() : editing.lastError());
}

void StoreWorker::deleteDelivery(qint64 deliveryId)
{
    if (!m_store) {
        Q_EMIT deleteFinished(deliveryId, false, tr("The database is not open."));
        return;
    }
    DeliveryEditing editing(*m_store);
    const bool ok = editing.remove(deliveryId);
    Q_EMIT deleteFinished(deliveryId, ok, ok ? QString() : editing.lastError());
}
