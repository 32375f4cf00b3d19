#pragma once

#include "sandbox_config.h"
#include "sandbox_session.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>
#include <memory>

class QTcpServer;
struct RouteConfig;

// The sandbox route's SMTP sink (docs/product.md §8): a small real SMTP server on its own thread,
// listening on 127.0.0.1 only, on a port the system picks. It answers each recipient with the
// outcome its domain is given (accept, hard bounce, soft bounce, throttle), counts what it
// answered and discards every message (or keeps the last few for inspection). Nothing it
// receives ever leaves this computer.
class SandboxServer final : public QObject
{
    Q_OBJECT

public:
    using Stats = SandboxShared::Stats;
    using Received = SandboxShared::Received;

    explicit SandboxServer(const SandboxConfig &config = {}, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Starts the thread and listens on 127.0.0.1:0; returns once listening (or failed).
    bool start(QString *error);
    // Closes the listener and every connection, and ends the thread.
    void stop();

    bool isListening() const { return m_port != 0; }
    QHostAddress address() const { return QHostAddress(QHostAddress::LocalHost); }
    quint16 port() const { return m_port; }

    // Takes effect for the next recipient of any connection.
    void setConfig(const SandboxConfig &config);
    SandboxConfig config() const;
    Stats stats() const;
    QList<Received> received() const; // the last keep_last messages, oldest first

    // For a run whose route is the sandbox: parses the route's sandbox table, starts a sandbox
    // and points the route at it (127.0.0.1:port, no TLS, acceptance is final: the sandbox is
    // the destination). Null with an error naming the field when it cannot.
    static std::unique_ptr<SandboxServer> startFor(RouteConfig *route, QString *error);

private:
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread; parent of the listener and the sessions
    QMetaObject::Connection m_cleanup;
    QTcpServer *m_server = nullptr;
    std::shared_ptr<SandboxShared> m_shared;
    quint16 m_port = 0;
};
