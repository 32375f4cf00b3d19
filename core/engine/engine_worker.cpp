#include "engine_worker.h"

#include "store/store.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

EngineWorker::EngineWorker(const QString &databasePath, const Clock &clock, DeliveryRun::Options options)
    : m_path(databasePath)
    , m_clock(clock)
    , m_options(std::move(options))
{}

EngineWorker::~EngineWorker()
{
    shutdown();
}

bool EngineWorker::openStore(QString *error)
{
    if (!m_store)
        m_store = Store::open(m_path, error);
    return m_store != nullptr;
}

void EngineWorker::send(qint64 deliveryId)
{
    QString error;
    if (!openStore(&error)) {
        Q_EMIT failedToStart(deliveryId, error);
        return;
    }
    if (m_runs.contains(deliveryId)) {
        Q_EMIT failedToStart(deliveryId, u"delivery %1 is already running"_s.arg(deliveryId));
        return;
    }
    auto *run = new DeliveryRun(*m_store, deliveryId, m_clock, m_options, this);
    if (!run->prepare()) {
        Q_EMIT failedToStart(deliveryId, run->error());
        delete run;
        return;
    }
    m_runs.insert(deliveryId, run);
    connect(run, &DeliveryRun::snapshot, this, &EngineWorker::snapshot);
    connect(run, &DeliveryRun::storageFaultChanged, this,
            [this, deliveryId](const QString &fault) { Q_EMIT storageFault(deliveryId, fault); });
    connect(run, &DeliveryRun::ended, this, [this, deliveryId, run](DeliveryRun::End end, const QString &message) {
        m_runs.remove(deliveryId);
        run->deleteLater();
        Q_EMIT ended(deliveryId, end, message);
    });
    run->start();
}

void EngineWorker::pause(qint64 deliveryId)
{
    if (DeliveryRun *run = m_runs.value(deliveryId))
        run->pause();
}

void EngineWorker::stop(qint64 deliveryId)
{
    if (DeliveryRun *run = m_runs.value(deliveryId))
        run->stop();
}

void EngineWorker::setRoutePassword(const QString &routeName, const QString &password)
{
    if (password.isEmpty())
        m_options.routePasswords.remove(routeName);
    else
        m_options.routePasswords.insert(routeName, password);
}

void EngineWorker::sendProof(qint64 deliveryId, const QStringList &addresses, const QString &password,
                             std::shared_ptr<QPromise<ProofOutcome>> promise)
{
    const auto fail = [&promise](const QString &error) {
        ProofOutcome outcome;
        outcome.error = error;
        promise->addResult(outcome);
        promise->finish();
    };
    QString error;
    if (!openStore(&error))
        return fail(error);
    if (m_proof)
        return fail(u"a proof is already being sent"_s);
    auto *sender = new ProofSender(*m_store, deliveryId, m_clock, this);
    if (!sender->start(addresses, password)) {
        fail(sender->error());
        delete sender;
        return;
    }
    m_proof = sender;
    connect(sender, &ProofSender::finished, this, [this, sender, promise](const QList<ProofSender::Result> &results) {
        m_proof = nullptr;
        sender->deleteLater(); // not inside its own signal
        promise->addResult(ProofOutcome{sender->number(), results, QString()});
        promise->finish();
    });
}

void EngineWorker::shutdown()
{
    delete m_proof; // its promise ends canceled
    m_proof = nullptr;
    qDeleteAll(m_runs);
    m_runs.clear();
    m_store.reset();
}
