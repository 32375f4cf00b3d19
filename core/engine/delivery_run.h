#pragma once

#include "common/clock.h"
#include "delivery/delivery_definition.h"
#include "delivery_lease.h"
#include "feedback/verp.h"
#include "log/delivery_kpis.h"
#include "log/log_transition.h"
#include "message_renderer.h"
#include "rate_ledger.h"
#include "routing/route_config.h"
#include "smtp/smtp_endpoint.h"
#include "smtp/smtp_envelope.h"
#include "smtp/smtp_outcome.h"
#include "throttle_memory.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <memory>

class LogTable;
class QSqlQuery;
class SqliteStatement;
class OutcomePolicy;
class SandboxServer;
class SessionPool;
class Store;

// Runs one confirmed delivery on the engine thread until every recipient is final, or it is
// paused or stopped. It dispatches due recipients (waves, retries, contact date), renders and
// signs them on the worker pool, records each attempt in flight (committed) before handing it
// to an SMTP session, and that its final dot may go out (committed) before the session writes
// it, qualifies every reply, and commits outcomes in batches (group commit). Nothing it reports
// is ahead of what the database holds.
class DeliveryRun final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        // Claimed recipients (rendering, queued or on the wire); 0: the route's max_in_flight.
        int maxInFlight = 0;
        int commitIntervalMs = 10; // group commit window
        int tickMs = 250;          // scheduler tick: waves, retries, validity, control
        // Snapshots (a KPI query on this thread) after a commit or a tick, at most this often,
        // and never more often than SnapshotCostFactor times what the last one cost. Most of
        // the dashboard's lag: at 200 ms its longest lag in a 20k send was 234-289 ms, at 150
        // ms 192-223 ms (tests/bench/bench_gui.sh, 2 cores).
        int snapshotIntervalMs = 150;
        // Passwords of saved routes by route name, kept in memory only (the GUI reads them
        // from its keychain). Used for a saved route with a username; password_env otherwise.
        QHash<QString, QString> routePasswords;
        // On a relay that sends delivery reports: keep the run open once everyone is taken into
        // account, until every report has come in (another part applies them to the log) or the
        // validity ends, instead of ending with WaitingForReports. How often it looks:
        bool waitForReports = false;
        int reportCheckMs = 1000;
    };

    // Destinations whose hold a snapshot carries (the most waiting first).
    static constexpr int MaxHolds = 20;
    // A snapshot's query takes at most about 1/SnapshotCostFactor of the engine thread's time.
    static constexpr int SnapshotCostFactor = 10;

    // A run never ends on a database error: it is held until the database takes writes again
    // (holdForStorage).
    // DeliveryFailed: a cause that concerns every recipient (docs/product.md §2); the delivery is Failed.
    enum class End { Finished, Paused, Stopped, WaitingForReports, DeliveryFailed };

    DeliveryRun(Store &store, qint64 deliveryId, const Clock &clock, Options options, QObject *parent = nullptr);
    ~DeliveryRun() override;

    // Loads the delivery, checks it can run, recovers attempts a crash left in flight and
    // moves it to Pending / In progress. False with error() when it cannot run.
    bool prepare();
    void start();
    void pause();
    void stop();

    QString error() const { return m_error; }
    qint64 deliveryId() const { return m_deliveryId; }
    int possibleDuplicates() const { return m_recovered; }

    static QString endName(End end);

    // Why the run is held: the database refused a write (disk full, read-only, locked by
    // another process for longer than the busy timeout). Empty when it is not.
    QString storageFault() const { return m_storageFault; }

Q_SIGNALS:
    void snapshot(const DeliveryKpis &kpis);
    void ended(DeliveryRun::End end, const QString &message);
    // The run is held by a storage fault (fault names the file and SQLite's message), or goes
    // on again (fault empty).
    void storageFaultChanged(const QString &fault);

private:
    struct Job
    {
        qint64 recipientId = 0;
        QString address;
        QString domain;
        LogState stateAtDispatch = LogState::Pending;
        QByteArray data;
        bool smtpUtf8 = false;
        qint64 startedAtMs = 0; // when its in-flight record was committed
        int attempt = 0;        // 1 for the first attempt
        QString messageId;
    };
    struct PendingOutcome
    {
        quint64 tag = 0;
        SmtpOutcome outcome;
    };

    void tick();
    void fetchDue();
    void onRendered(quint64 tag, const MessageRenderer::Rendered &rendered);
    void scheduleFlush();
    bool flush();
    // flush()'s steps, inside its transaction (delivery_run_flush.cpp). False once a database error
    // has rolled it back and held the run (abortFlush).
    bool recordOutcomes(const QList<PendingOutcome> &outcomes, qint64 now);
    bool recordRenderFailures(const QList<QPair<quint64, QString>> &failures, qint64 now);
    bool markInFlight(const QList<quint64> &toMark, qint64 now, QList<quint64> *marked, QList<quint64> *dropped);
    bool abortFlush(const QString &what);
    // A write the database refused: nothing new is claimed, what waits for a commit (outcomes,
    // attempts to mark in flight, final dots) stays in memory, and the writes are tried again
    // with a growing delay (retryStorage) until one succeeds. what does not name the file.
    void holdForStorage(const QString &what);
    void retryStorage();
    // nullopt on a database error (m_log->error()).
    std::optional<LogTransition> applyEvent(qint64 recipientId, const LogEvent &event, qint64 now);
    std::optional<LogTransition> applyEvents(qint64 recipientId, const QList<LogEvent> &events, qint64 now);
    bool flushEndsOfData();
    void onOutcome(const SmtpOutcome &outcome);
    void onEndOfDataDue(quint64 tag);
    bool recordAttempt(const Job &job, const SmtpOutcome &outcome, FailureReason reason, int rule);
    SmtpEnvelope envelopeFor(quint64 tag, Job &job) const;
    bool applyToUnclaimed(const QString &where, LogEvent::Kind kind);
    bool applyValidityEnd();
    // False when the database refused it (the run is held; the tags wait in m_toWithdraw).
    bool withdrawWaiting();
    // The writes a pause or stop asks for (the state, taking back, cancelling), done again by
    // retryStorage() when the database refused them. False when held.
    bool applyControl();
    bool cancelPending();
    void checkEnd();
    void finish(End end, const QString &message);
    bool setDeliveryState(DeliveryState state);
    void readControl();
    void publishSnapshot();
    bool snapshotDue(qint64 now) const;
    void releaseRateTokens();
    void saveHolds(const QList<DestinationHold> &holds);
    void forgetHolds();
    int warmupCap(qint64 now) const; // -1: no cap today
    void giveBackWarmupToken();
    std::optional<DestinationHold> warmupHold(qint64 now) const;
    int currentWave() const;
    bool fail(const QString &what);
    // "<database file>: <what>: <SQLite's message>" after a failed begin() or commit().
    QString storageError(const QString &what) const;
    // The retry delay of a storage fault: from StorageRetryFirstMs, doubled up to StorageRetryMaxMs.
    static constexpr int StorageRetryFirstMs = 100;
    static constexpr int StorageRetryMaxMs = 2000;

    Store &m_store;
    qint64 m_deliveryId;
    const Clock &m_clock;
    Options m_options;
    DeliveryDefinition m_def;
    QStringList m_fields;
    RouteConfig m_route;
    SmtpEndpoint m_baseEndpoint;
    std::shared_ptr<MessageRenderer> m_renderer;
    std::unique_ptr<LogTable> m_log;
    DeliveryLease m_lease;
    std::unique_ptr<OutcomePolicy> m_policy;
    std::unique_ptr<SandboxServer> m_sandbox; // the sandbox route's local sink, for this run
    SessionPool *m_pool = nullptr;            // child: the run's connections
    RateLedger m_rateLedger;                  // the MX rules' rates, shared through the database
    ThrottleMemory m_throttleMemory;          // providers' "slow down", kept in the database
    WarmupSchedule m_warmup;                  // the delivery's, else the route's; empty: none
    RateLedger m_warmupLedger{QStringLiteral("warmup_days"), WarmupSchedule::DayMs, 2};
    bool m_warmupHeld = false; // the day's cap kept recipients unclaimed at the last fetchDue()
    std::unique_ptr<SqliteStatement> m_attemptInsert;
    std::unique_ptr<QSqlQuery> m_syncNormal, m_syncFull; // flushEndsOfData(), prepared once
    QString m_envelopeSender;                            // the bounce address, or From
    std::optional<VerpKey> m_verpKey;                    // tokens for VERP and ENVID
    QString m_deliveryFailure;                           // a cause that concerns every recipient: the delivery fails
    qint64 m_lastReportCheckMs = 0;
    QString m_error;

    DeliveryState m_state = DeliveryState::Pending;
    qint64 m_startAtMs = 0;
    qint64 m_validityEndMs = 0;
    QList<qint64> m_waveStartsMs; // start of each wave, relative to m_startAtMs
    qint64 m_freshCursor = 0;
    bool m_freshExhausted = false;
    int m_recovered = 0;

    quint64 m_nextTag = 1;
    QHash<quint64, Job> m_jobs;       // every claimed recipient by tag
    QSet<qint64> m_claimed;           // recipient ids with a job
    QList<quint64> m_toMark;          // rendered, waiting for their in-flight commit
    QList<PendingOutcome> m_outcomes; // finished, waiting for their commit
    QList<quint64> m_endsOfData;      // data written, the final dot waiting for its commit
    QList<QPair<quint64, QString>> m_renderFailures;
    int m_rendering = 0;

    QTimer m_tickTimer;
    QTimer m_flushTimer;
    QTimer m_endOfDataTimer; // flushEndsOfData() at the next turn of the event loop
    QTimer m_storageRetryTimer;
    QString m_storageFault;      // held by a storage fault: what the database said
    QString m_storageFaultTold;  // the fault last told (storageFaultChanged), so a retry that fails alike stays quiet
    QList<quint64> m_toWithdraw; // taken back from the pool, their withdrawal not yet committed
    int m_storageRetryMs = 0;
    qint64 m_lastSnapshotMs = 0;
    qint64 m_snapshotCostMs = 0;   // real time the last snapshot took
    QElapsedTimer m_snapshotAge;   // real time since it ended
    QByteArray m_savedHolds;       // delivery_holds as last written
    QElapsedTimer m_savedHoldsAge; // invalid: nothing written yet by this run
    static constexpr qint64 HoldsRefreshMs = 10'000;
    qint64 m_lastControlReadMs = 0;
    bool m_ended = false;
    bool m_stopping = false;
    bool m_pausing = false;
    bool m_controlDue = false; // pause() or stop() has writes the database has not taken yet
};
