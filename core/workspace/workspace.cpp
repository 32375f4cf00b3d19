#include "workspace.h"

#include "delivery/delivery_report_csv.h"
#include "sandbox/sandbox_route.h"

Workspace::Workspace(const QString &databasePath)
    : m_executor(databasePath)
{}

Workspace::~Workspace() = default;

QFuture<WorkspaceResult<DeliveryReport>> Workspace::report(qint64 deliveryId)
{
    return m_executor.run([deliveryId](Store &store) {
        WorkspaceResult<DeliveryReport> r;
        const DeliveryReportBuilder builder(store.db());
        r.value = builder.build(deliveryId);
        if (!r.value)
            r.error = builder.lastError();
        return r;
    });
}

QFuture<WorkspaceResult<qint64>> Workspace::exportReportCsv(const DeliveryReport &report, const QString &path)
{
    return m_executor.run([report, path](Store &store) {
        WorkspaceResult<qint64> r;
        DeliveryReportCsv csv(store.db());
        if (csv.writeFile(report, path))
            r.value = csv.recipientRows();
        else
            r.error = csv.lastError();
        return r;
    });
}

QFuture<WorkspaceResult<SandboxConfig>> Workspace::sandboxRoute(const QString &routeName)
{
    return m_executor.run([routeName](Store &store) {
        WorkspaceResult<SandboxConfig> r;
        r.value = SandboxRoute::load(store.db(), routeName, &r.error);
        return r;
    });
}

QFuture<WorkspaceResult<bool>> Workspace::saveSandboxRoute(const QString &routeName, const SandboxConfig &config)
{
    return m_executor.run([routeName, config](Store &store) {
        WorkspaceResult<bool> r;
        if (SandboxRoute::save(store.db(), routeName, config, &r.error))
            r.value = true;
        return r;
    });
}
