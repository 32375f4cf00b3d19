#include "delivery_engine.h"

#include "engine_worker.h"

#include <openssl/crypto.h>

DeliveryEngine::DeliveryEngine(const QString &databasePath, const Clock &clock, DeliveryRun::Options options,
                               QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<DeliveryKpis>();
    qRegisterMetaType<DeliveryRun::End>();
    m_thread.setObjectName(QStringLiteral("sendscope-engine"));
    m_worker = new EngineWorker(databasePath, clock, std::move(options));
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &EngineWorker::snapshot, this, &DeliveryEngine::snapshot);
    connect(m_worker, &EngineWorker::ended, this, &DeliveryEngine::ended);
    connect(m_worker, &EngineWorker::failedToStart, this, &DeliveryEngine::failedToStart);
    connect(m_worker, &EngineWorker::storageFault, this, &DeliveryEngine::storageFault);
    // On the engine thread itself, before wait() returns: the worker (and its sessions) go,
    // then OpenSSL's per-thread state, which it would otherwise free only when the thread has
    // fully exited, possibly after the process has ended.
    connect(
        &m_thread, &QThread::finished, m_worker,
        [worker = m_worker] {
            delete worker;
            OPENSSL_thread_stop();
        },
        Qt::DirectConnection);
    m_thread.start();
}

DeliveryEngine::~DeliveryEngine()
{
    // The runs, their sessions and the connection are destroyed on the thread that owns them.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void DeliveryEngine::send(qint64 deliveryId)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, deliveryId] { w->send(deliveryId); }, Qt::QueuedConnection);
}

void DeliveryEngine::pause(qint64 deliveryId)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, deliveryId] { w->pause(deliveryId); }, Qt::QueuedConnection);
}

void DeliveryEngine::stop(qint64 deliveryId)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, deliveryId] { w->stop(deliveryId); }, Qt::QueuedConnection);
}

void DeliveryEngine::setRoutePassword(const QString &routeName, const QString &password)
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, routeName, password] { w->setRoutePassword(routeName, password); },
        Qt::QueuedConnection);
}

QFuture<ProofOutcome> DeliveryEngine::sendProof(qint64 deliveryId, const QStringList &addresses,
                                                const QString &password)
{
    auto promise = std::make_shared<QPromise<ProofOutcome>>();
    QFuture<ProofOutcome> future = promise->future();
    promise->start();
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, deliveryId, addresses, password, promise] {
            w->sendProof(deliveryId, addresses, password, promise);
        },
        Qt::QueuedConnection);
    return future;
}
