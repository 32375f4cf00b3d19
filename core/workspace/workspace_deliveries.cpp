// The main window's part of the Workspace (workspace.h): the delivery list, details,
// dashboard figures and the commands on a delivery that are not the engine's.

#include "workspace.h"

#include "common/clock.h"
#include "delivery/delivery_service.h"
#include "engine/delivery_engine.h"
#include "routing/route_endpoint.h"
#include "sandbox/sample_delivery.h"

#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// The analysis view lists the first rejects only; the CLI has the full list.
constexpr int MaxImportRejects = 100;
constexpr int MaxProofRows = 200; // the proof history the dialog shows
// The dashboard's domain table shows the largest domains; the logs view has them all.
constexpr int MaxDashboardDomains = 50;

} // namespace

QFuture<WorkspaceResult<bool>> Workspace::openDatabase()
{
    return m_executor.run([](Store &store) {
        WorkspaceResult<bool> r;
        const SampleDelivery::Result sample =
            SampleDelivery::createOnFirstRun(store, QFileInfo(store.path()).absolutePath());
        r.error = sample.error;
        r.value = true;
        return r;
    });
}

QFuture<QList<qint64>> Workspace::interruptedDeliveries()
{
    return m_executor.run([](Store &store) {
        QList<qint64> ids;
        for (const DeliverySummary &d : DeliveryQueries(store.db()).deliveries())
            if (d.kpis.state == DeliveryState::InProgress || d.kpis.state == DeliveryState::Pending)
                ids.append(d.id);
        return ids;
    });
}

DeliveryEngine &Workspace::engine()
{
    if (!m_engine)
        m_engine = std::make_unique<DeliveryEngine>(databasePath(), Clock::system());
    return *m_engine;
}

QFuture<QList<DeliverySummary>> Workspace::deliveries()
{
    return m_executor.run([](Store &store) { return DeliveryQueries(store.db()).deliveries(); });
}

QFuture<WorkspaceResult<DeliveryDetails>> Workspace::deliveryDetails(qint64 deliveryId)
{
    return m_executor.run([deliveryId](Store &store) {
        WorkspaceResult<DeliveryDetails> r;
        const DeliveryQueries queries(store.db());
        const auto kpis = queries.kpis(deliveryId);
        if (!kpis) {
            // A delivery deleted meanwhile is no error: the next list no longer shows it.
            if (queries.exists(deliveryId))
                r.error = queries.lastError();
            return r;
        }
        DeliveryDetails details;
        details.id = deliveryId;
        details.kpis = *kpis;
        if (const auto report = queries.analysisReport(deliveryId)) {
            details.analyzed = true;
            details.report = *report;
        }
        details.importRejects = queries.importRejects(deliveryId, MaxImportRejects + 1);
        if (details.importRejects.size() > MaxImportRejects) {
            details.importRejects.resize(MaxImportRejects);
            details.moreImportRejects = true;
        }
        details.proofs = queries.proofs(deliveryId, MaxProofRows);
        r.value = details;
        return r;
    });
}

QFuture<WorkspaceResult<DashboardStats>> Workspace::dashboardStats(qint64 deliveryId)
{
    return m_executor.run([this, deliveryId](Store &store) {
        WorkspaceResult<DashboardStats> r;
        const auto kpis = DeliveryQueries(store.db()).kpis(deliveryId);
        if (!kpis)
            return r; // deleted meanwhile: the list no longer shows it
        DashboardStats stats;
        stats.deliveryId = deliveryId;
        stats.kpis = *kpis;
        const DeliveryStats queries(store.db());
        stats.domains = queries.domains(deliveryId, MaxDashboardDomains);
        stats.reasons = queries.failureReasons(deliveryId);
        stats.exclusions = queries.exclusions(deliveryId);
        if (kpis->state == DeliveryState::InProgress)
            stats.holds = queries.holds(deliveryId);
        if (deliveryId != m_historyFor) {
            const std::optional<DeliveryReport> report = DeliveryReportBuilder(store.db()).build(deliveryId, 1);
            if (report) {
                stats.hasHistory = true;
                stats.historyBucketMs = report->bucketMs;
                stats.history = report->throughput;
                m_historyFor = deliveryId;
            }
        }
        r.value = stats;
        return r;
    });
}

QFuture<WorkspaceResult<bool>> Workspace::analyze(qint64 deliveryId)
{
    return m_executor.run([deliveryId](Store &store) {
        WorkspaceResult<bool> r;
        DeliveryService service(store);
        const DeliveryService::AnalyzeResult analysis = service.analyze(deliveryId);
        if (analysis.ok)
            r.value = analysis.report.blocked();
        else
            r.error = analysis.error;
        return r;
    });
}

QFuture<QList<Workspace::RoutePassword>> Workspace::routePasswordsNeeded(qint64 deliveryId, bool forProof)
{
    return m_executor.run([deliveryId, forProof](Store &store) {
        QList<RoutePassword> needs;
        const std::optional<EditableDelivery> delivery = DeliveryEditing(store).load(deliveryId);
        QString error;
        // As the definition keeps it: an inline route, or a saved route's name.
        const QJsonValue routeValue = delivery ? delivery->definition.value(u"route"_s) : QJsonValue();
        const QJsonObject routeJson =
            routeValue.isString() ? QJsonObject{{u"name"_s, routeValue.toString()}} : routeValue.toObject();
        const std::optional<RouteConfig> route =
            delivery ? RouteEndpoint::load(store.db(), routeJson, &error) : std::nullopt;
        if (!route)
            return needs;
        const auto add = [&needs](const RouteConfig &r) {
            const bool listed = std::any_of(needs.cbegin(), needs.cend(),
                                            [&r](const RoutePassword &n) { return n.routeName == r.name; });
            if (r.saved && !r.username.isEmpty() && r.passwordEnv.isEmpty() && !listed)
                needs.append({r.name, r.username});
        };
        add(*route);
        for (const RoutePoolMember &m : route->members) {
            // A proof goes through the pool's first relay member (ProofSender) and needs its password only.
            if (forProof && m.route.type != RouteConfig::Type::Relay)
                continue;
            add(m.route);
            if (forProof)
                break;
        }
        return needs;
    });
}

QFuture<WorkspaceResult<bool>> Workspace::setDeliveryState(qint64 deliveryId, DeliveryState state)
{
    return m_executor.run([deliveryId, state](Store &store) {
        WorkspaceResult<bool> r;
        if (state != DeliveryState::Paused && state != DeliveryState::Stopped) {
            r.error = u"only a pause or a stop can be asked here"_s;
            return r;
        }
        DeliveryService service(store);
        // An engine running it elsewhere sees the new state within a second and lets what is
        // in flight complete.
        if (service.setState(deliveryId, state) &&
            (state != DeliveryState::Stopped || service.cancelPending(deliveryId)))
            r.value = true;
        else
            r.error = service.lastError();
        return r;
    });
}

QFuture<WorkspaceResult<qint64>> Workspace::duplicateDelivery(qint64 deliveryId)
{
    return m_executor.run([deliveryId](Store &store) {
        WorkspaceResult<qint64> r;
        DeliveryEditing editing(store);
        if (const qint64 copyId = editing.duplicate(deliveryId))
            r.value = copyId;
        else
            r.error = editing.lastError();
        return r;
    });
}

QFuture<WorkspaceResult<bool>> Workspace::deleteDelivery(qint64 deliveryId)
{
    return m_executor.run([deliveryId](Store &store) {
        WorkspaceResult<bool> r;
        DeliveryEditing editing(store);
        if (editing.remove(deliveryId))
            r.value = true;
        else
            r.error = editing.lastError();
        return r;
    });
}
