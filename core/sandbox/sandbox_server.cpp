#include "sandbox_server.h"

#include "routing/route_config.h"

#include <QTcpServer>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

SandboxServer::SandboxServer(const SandboxConfig &config, QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<SandboxShared>())
{
    m_shared->config = config;
    m_thread.setObjectName(u"sendscope-sandbox"_s);
}

SandboxServer::~SandboxServer()
{
    stop();
}

bool SandboxServer::start(QString *error)
{
    if (m_port != 0)
        return true;
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    // The context and everything under it (listener, sessions, sockets) are deleted on the
    // sandbox thread when it finishes.
    m_cleanup = connect(
        &m_thread, &QThread::finished, m_context, [context = m_context] { delete context; }, Qt::DirectConnection);
    m_thread.start();
    QString listenError;
    quint16 port = 0;
    QMetaObject::invokeMethod(
        m_context,
        [this, &listenError, &port] {
            auto *server = new QTcpServer(m_context);
            // Loopback only, always: the sandbox is never reachable from another machine.
            if (!server->listen(QHostAddress(QHostAddress::LocalHost), 0)) {
                listenError = server->errorString();
                delete server;
                return;
            }
            m_server = server;
            port = server->serverPort();
            std::shared_ptr<SandboxShared> shared = m_shared;
            connect(server, &QTcpServer::newConnection, server, [server, shared, context = m_context] {
                while (QTcpSocket *socket = server->nextPendingConnection())
                    new SandboxSession(socket, shared, context);
            });
        },
        Qt::BlockingQueuedConnection);
    if (port == 0) {
        *error = u"the sandbox cannot listen on 127.0.0.1: %1"_s.arg(listenError);
        stop();
        return false;
    }
    m_port = port;
    return true;
}

void SandboxServer::stop()
{
    if (!m_thread.isRunning())
        return;
    m_thread.quit();
    m_thread.wait();
    disconnect(m_cleanup); // a later start() makes a new context
    m_context = nullptr;   // deleted on its thread as it finished
    m_server = nullptr;
    m_port = 0;
}

void SandboxServer::setConfig(const SandboxConfig &config)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->config = config;
    while (m_shared->kept.size() > config.keepLast)
        m_shared->kept.removeFirst();
}

SandboxConfig SandboxServer::config() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->config;
}

SandboxServer::Stats SandboxServer::stats() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->stats;
}

QList<SandboxServer::Received> SandboxServer::received() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->kept;
}

std::unique_ptr<SandboxServer> SandboxServer::startFor(RouteConfig *route, QString *error)
{
    QStringList errors;
    const SandboxConfig config = SandboxConfig::fromJson(route->sandbox, &errors);
    if (!errors.isEmpty()) {
        *error = errors.first();
        return nullptr;
    }
    auto server = std::make_unique<SandboxServer>(config);
    if (!server->start(error))
        return nullptr;
    route->host = server->address().toString();
    route->port = server->port();
    route->tls = RouteConfig::Tls::None;
    route->username.clear();
    route->passwordEnv.clear();
    route->caFile.clear();
    route->dsn = false;
    route->acceptanceMeansSent = true;
    route->mxOverride.clear();
    return server;
}
