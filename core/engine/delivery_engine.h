#pragma once

#include "common/clock.h"
#include "delivery_run.h"
#include "log/delivery_kpis.h"
#include "proof_sender.h"

#include <QFuture>

#include <QObject>
#include <QString>
#include <QThread>

class EngineWorker;

// The engine as the GUI and sendscope-cli see it: it owns the engine thread, where every run
// lives with its own database connection (the single writer), its SMTP sessions and timers.
// Commands are queued to that thread; results come back as signals. No call here blocks.
class DeliveryEngine final : public QObject
{
    Q_OBJECT

public:
    explicit DeliveryEngine(const QString &databasePath, const Clock &clock = Clock::system(),
                            DeliveryRun::Options options = {}, QObject *parent = nullptr);
    ~DeliveryEngine() override;

    void send(qint64 deliveryId);
    void pause(qint64 deliveryId);
    void stop(qint64 deliveryId);
    // The password of a saved route for the runs started after this call (in memory only;
    // an empty password forgets it). Queued like the commands, so call it before send().
    void setRoutePassword(const QString &routeName, const QString &password);
    // Sends a proof (docs/product.md §6) on the engine thread, with the runs' connection; one at
    // a time (a second one's outcome says so).
    QFuture<ProofOutcome> sendProof(qint64 deliveryId, const QStringList &addresses, const QString &password);

Q_SIGNALS:
    void snapshot(const DeliveryKpis &kpis);
    void ended(qint64 deliveryId, DeliveryRun::End end, const QString &message);
    void failedToStart(qint64 deliveryId, const QString &error);
    // A run is held because the database refuses writes (disk full, read-only, locked by another
    // process): nothing new is sent, nothing recorded is lost, and it goes on by itself once a
    // write succeeds again, which is told with an empty fault.
    void storageFault(qint64 deliveryId, const QString &fault);

private:
    QThread m_thread;
    EngineWorker *m_worker = nullptr;
};
