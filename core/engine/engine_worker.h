#pragma once

#include "common/clock.h"
#include "delivery_run.h"
#include "proof_sender.h"

#include <QHash>
#include <QObject>
#include <QPromise>
#include <memory>

class Store;

// Lives on the engine thread: opens the writer connection there and hosts the runs.
class EngineWorker final : public QObject
{
    Q_OBJECT

public:
    EngineWorker(const QString &databasePath, const Clock &clock, DeliveryRun::Options options);
    ~EngineWorker() override;

    void send(qint64 deliveryId);
    void pause(qint64 deliveryId);
    void stop(qint64 deliveryId);
    void setRoutePassword(const QString &routeName, const QString &password);
    // One proof at a time, on the writer connection; the promise gets its outcome.
    void sendProof(qint64 deliveryId, const QStringList &addresses, const QString &password,
                   std::shared_ptr<QPromise<ProofOutcome>> promise);
    void shutdown();

Q_SIGNALS:
    void snapshot(const DeliveryKpis &kpis);
    void ended(qint64 deliveryId, DeliveryRun::End end, const QString &message);
    void failedToStart(qint64 deliveryId, const QString &error);
    void storageFault(qint64 deliveryId, const QString &fault);

private:
    bool openStore(QString *error);

    QString m_path;
    const Clock &m_clock;
    DeliveryRun::Options m_options;
    std::unique_ptr<Store> m_store;
    QHash<qint64, DeliveryRun *> m_runs;
    ProofSender *m_proof = nullptr; // the proof on the wire
};
