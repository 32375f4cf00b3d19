#include "sandbox_route_worker.h"

#include "sandbox/sandbox_route.h"
#include "store/store.h"

SandboxRouteWorker::SandboxRouteWorker(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
{
    qRegisterMetaType<SandboxConfig>();
}

// Out of line: Store is only forward-declared in the header.
SandboxRouteWorker::~SandboxRouteWorker() = default;

bool SandboxRouteWorker::openStore(QString *error)
{
    if (!m_store)
        m_store = Store::open(m_path, error);
    return m_store != nullptr;
}

void SandboxRouteWorker::load(const QString &routeName)
{
    QString error;
    if (!openStore(&error)) {
        Q_EMIT loaded(SandboxConfig::defaults(), error);
        return;
    }
    const std::optional<SandboxConfig> config = SandboxRoute::load(m_store->db(), routeName, &error);
    Q_EMIT loaded(config.value_or(SandboxConfig::defaults()), config ? QString() : error);
}

void SandboxRouteWorker::save(const QString &routeName, const SandboxConfig &config)
{
    QString error;
    const bool ok = openStore(&error) && SandboxRoute::save(m_store->db(), routeName, config, &error);
    Q_EMIT saved(ok, ok ? QString() : error);
}
