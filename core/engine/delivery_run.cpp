#include "delivery_run.h"

#include "common/boot_session.h"
#include "delivery/delivery_queries.h"
#include "delivery_lease.h"
#include "feedback/quarantine.h"
#include "log/log_table.h"
#include "outcome_policy.h"
#include "recipients/address_validator.h"
#include "routing/mta_sts_store.h"
#include "routing/mx_rules.h"
#include "routing/route_endpoint.h"
#include "sandbox/sandbox_server.h"
#include "session_pool.h"
#include "store/sqlite_statement.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QThreadPool>
#include <QTimeZone>
#include <algorithm>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace {

QString domainOf(const QString &address)
{
    return address.mid(address.lastIndexOf(u'@') + 1).toLower();
}

} // namespace

QString DeliveryRun::endName(End end)
{
    switch (end) {
    case End::Finished:
        return u"finished"_s;
    case End::Paused:
        return u"paused"_s;
    case End::Stopped:
        return u"stopped"_s;
    case End::DeliveryFailed:
        return u"failed"_s;
    case End::WaitingForReports:
        return u"waiting for delivery reports"_s;
    }
    return {};
}

DeliveryRun::DeliveryRun(Store &store, qint64 deliveryId, const Clock &clock, Options options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_deliveryId(deliveryId)
    , m_clock(clock)
    , m_options(std::move(options))
{
    m_tickTimer.setInterval(m_options.tickMs);
    connect(&m_tickTimer, &QTimer::timeout, this, &DeliveryRun::tick);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(m_options.commitIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { flush(); });
    m_endOfDataTimer.setSingleShot(true);
    m_endOfDataTimer.setInterval(0);
    connect(&m_endOfDataTimer, &QTimer::timeout, this, [this] { flushEndsOfData(); });
    m_storageRetryTimer.setSingleShot(true);
    connect(&m_storageRetryTimer, &QTimer::timeout, this, &DeliveryRun::retryStorage);
}

DeliveryRun::~DeliveryRun()
{
    // Render jobs hold the renderer through a shared pointer and post back through this
    // object as context, so queued results of a destroyed run are dropped, never delivered.
    // Outcomes already received are recorded first: otherwise they would be sent again.
    if (!m_ended && !m_outcomes.isEmpty())
        flush();
    const bool wasRunning = !m_ended;
    m_ended = true;
    if (m_pool) {
        m_pool->abortAll();
        m_pool->setRateLedger(nullptr); // the pool, a child, outlives the ledgers (members)
        m_pool->setThrottleMemory(nullptr);
        if (wasRunning) { // quitting in the middle: what finish() would have done
            releaseRateTokens();
            forgetHolds();
        }
    }
}

void DeliveryRun::releaseRateTokens()
{
    // Best effort: tokens a refused write keeps are lost for the rest of their slice only.
    for (RateLedger *ledger : {&m_rateLedger, &m_warmupLedger}) {
        QString error;
        if (!ledger->release(m_store, m_clock.nowMs(), &error))
            qWarning("%s: %s", qPrintable(m_store.path()), qPrintable(error));
    }
}

void DeliveryRun::giveBackWarmupToken()
{
    if (!m_warmup.isEmpty())
        m_warmupLedger.giveBack(m_warmup.name, m_clock.nowMs());
}

int DeliveryRun::warmupCap(qint64 now) const
{
    return m_warmup.capOn(QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc()).date());
}

// The warm-up as the dashboard and `status` show it: the day's cap, what every delivery took of
// it, and when the next day starts (UTC).
std::optional<DestinationHold> DeliveryRun::warmupHold(qint64 now) const
{
    const int cap = warmupCap(now);
    if (cap < 0)
        return std::nullopt;
    DestinationHold h;
    h.warmup = m_warmup.name;
    h.waiting = m_warmupHeld ? 1 : 0;
    h.sliceLimit = cap;
    const int taken = m_warmupLedger.takenSeen(m_warmup.name, now);
    h.sentInSlice = taken < 0 ? 0 : taken - m_warmupLedger.inHand(m_warmup.name, now);
    h.nextSliceAtMs = (now / WarmupSchedule::DayMs + 1) * WarmupSchedule::DayMs;
    return h;
}

bool DeliveryRun::fail(const QString &what)
{
    m_error = what;
    return false;
}

bool DeliveryRun::prepare()
{
    QSqlDatabase db = m_store.db();
    QSqlQuery q(db);
    q.prepare(u"SELECT definition, fields, state, start_at, validity_end_at, boot_id FROM deliveries WHERE id = ?"_s);
    q.addBindValue(m_deliveryId);
    if (!q.exec() || !q.next())
        return fail(u"no delivery with id %1"_s.arg(m_deliveryId));
    const QJsonObject json = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
    for (const QJsonValue v : QJsonDocument::fromJson(q.value(1).toByteArray()).array())
        m_fields.append(v.toString());
    const QString state = q.value(2).toString();
    m_startAtMs = q.value(3).toLongLong();
    m_validityEndMs = q.value(4).toLongLong();
    // The marks of end of data are committed without a sync (flushEndsOfData): only a run of
    // this same boot can have left them all on disk.
    const QString bootId = BootSession::id();
    const bool marksKept = !bootId.isEmpty() && q.value(5).toString() == bootId;
    q.finish();

    static const QStringList runnable = {u"analyzed"_s, u"pending"_s, u"in_progress"_s, u"paused"_s, u"failed"_s};
    QString leaseError;
    if (runnable.contains(state) && !m_lease.acquire(m_store.path(), m_deliveryId, &leaseError))
        return fail(leaseError);
    if (state == u"being_edited"_s || state == u"analysis_failed"_s)
        return fail(u"delivery %1 is %2: analyze it, fix what blocks, then send"_s.arg(m_deliveryId).arg(state));
    if (!runnable.contains(state))
        return fail(u"delivery %1 is %2 and cannot be sent again"_s.arg(m_deliveryId).arg(state));

    QList<DeliveryDefinition::Error> defErrors;
    m_def = DeliveryDefinition::fromJson(json, {}, &defErrors);
    if (!defErrors.isEmpty())
        return fail(u"the stored definition is invalid: field '%1': %2"_s.arg(defErrors.first().field,
                                                                              defErrors.first().message));
    QString error;
    const std::optional<RouteConfig> route = RouteEndpoint::load(db, m_def.route, &error);
    if (!route)
        return fail(error);
    m_route = *route;
    // The sandbox route: a local SMTP sink on 127.0.0.1, started for this run and gone with it.
    if (m_route.type == RouteConfig::Type::Sandbox && !(m_sandbox = SandboxServer::startFor(&m_route, &error)))
        return fail(error);
    const QString password = m_route.saved ? m_options.routePasswords.value(m_route.name) : QString();
    if (!RouteEndpoint::build(m_route, &m_baseEndpoint, &error, password))
        return fail(error);
    QList<SmtpEndpoint> members; // a pool route's relays
    if (!RouteEndpoint::buildMembers(m_route, &members, &error, m_options.routePasswords))
        return fail(error);
    const QList<MxRule> mxRules = MxRules::load(db, &error);
    if (!error.isEmpty())
        return fail(u"cannot read the MX rules: %1"_s.arg(error));
    m_pool = new SessionPool(m_route, m_baseEndpoint, m_clock, mxRules, this);
    connect(m_pool, &SessionPool::outcome, this, &DeliveryRun::onOutcome);
    connect(m_pool, &SessionPool::endOfDataDue, this, &DeliveryRun::onEndOfDataDue);
    m_pool->setRateLedger(&m_rateLedger);
    m_pool->setThrottleMemory(&m_throttleMemory);
    m_throttleMemory.sync(m_store, m_clock.nowMs(), nullptr); // informational: a failure is read again later
    if (!members.isEmpty())
        m_pool->setMembers(members);
    if (m_route.usesMtaSts()) {
        // MTA-STS policies outlive the run (RFC 8461 §5.1): those still in force, and each new one.
        m_pool->rememberStsPolicies(MtaStsStore::load(db, m_clock.nowMs()));
        connect(m_pool, &SessionPool::stsPolicyLearned, this,
                [this](const QString &domain, const MtaStsPolicy &policy, qint64 expiresAtMs) {
                    if (m_storageFault.isEmpty())
                        MtaStsStore::save(m_store.db(), domain, policy, expiresAtMs); // informational
                });
    }
    m_warmup = m_def.warmup.isEmpty() ? m_route.warmup : m_def.warmup;

    if (m_options.maxInFlight <= 0)
        m_options.maxInFlight = m_route.maxInFlight;

    // The envelope sender: the delivery's bounce address, else the route's, else From.
    m_envelopeSender = AddressValidator::check(!m_def.bounceAddress.isEmpty()     ? m_def.bounceAddress
                                               : !m_route.bounceAddress.isEmpty() ? m_route.bounceAddress
                                                                                  : m_def.fromAddress)
                           .normalized;
    if (m_route.verp || m_route.dsn) {
        m_verpKey = VerpKey::load(db, &error);
        if (!m_verpKey)
            return fail(error);
    }
    // Quarantine entries that ended by time are released before the analysis' exclusions matter
    // again (a mailbox full for 30 days, a counter quiet for 10: docs/product.md §4).
    if (!Quarantine::expire(db, m_clock.nowMs(), &error))
        return fail(u"cannot expire quarantine entries: %1"_s.arg(error));
    q.prepare(u"UPDATE deliveries SET mail_from = ? WHERE id = ?"_s);
    q.addBindValue(m_envelopeSender);
    q.addBindValue(m_deliveryId);
    if (!q.exec())
        return fail(u"cannot record the envelope sender: %1"_s.arg(q.lastError().text()));

    m_policy = std::make_unique<OutcomePolicy>(m_route, ReplyQualifier(ReplyQualifier::load(db, &error)),
                                               m_def.retryPeriodMs, m_def.retryMaxPeriodMs);
    m_renderer = std::make_shared<MessageRenderer>(m_def, m_fields, m_clock);
    if (!m_renderer->isValid())
        return fail(u"DKIM: %1"_s.arg(m_renderer->error()));
    m_log = std::make_unique<LogTable>(db);

    // Schedule: fixed once, at the first confirmation, so a restart keeps the same waves.
    const qint64 now = m_clock.nowMs();
    if (m_startAtMs <= 0) {
        m_startAtMs = m_def.contactDate.isValid() ? std::max(now, m_def.contactDate.toMSecsSinceEpoch()) : now;
        m_validityEndMs =
            m_def.validityEnd.isValid() ? m_def.validityEnd.toMSecsSinceEpoch() : m_startAtMs + m_def.validityMs;
        q.prepare(u"UPDATE deliveries SET start_at = ?, validity_end_at = ?, confirmed_at = ?, updated_at = ? "
                  "WHERE id = ?"_s);
        q.addBindValue(m_startAtMs);
        q.addBindValue(m_validityEndMs);
        q.addBindValue(now);
        q.addBindValue(now);
        q.addBindValue(m_deliveryId);
        if (!q.exec())
            return fail(u"cannot confirm: %1"_s.arg(q.lastError().text()));
    }
    q.prepare(u"SELECT max(wave) FROM recipient_log WHERE delivery_id = ?"_s);
    q.addBindValue(m_deliveryId);
    const int waves = q.exec() && q.next() ? q.value(0).toInt() + 1 : 1;
    for (int w = 0; w < waves; ++w) {
        if (m_def.wavesMode == u"calendar"_s && w < m_def.calendar.size())
            m_waveStartsMs.append(m_def.calendar.at(w).delayMs);
        else
            m_waveStartsMs.append(qint64(w) * m_def.waveIntervalMs);
    }

    // Attempts a crash left in flight are sent again, flagged when their final dot may have
    // gone out (docs/architecture.md, durability): every one of them after a reboot.
    q.prepare(u"SELECT recipient_id, end_of_data FROM recipient_log WHERE delivery_id = ? AND in_flight = 1"_s);
    q.addBindValue(m_deliveryId);
    QList<QPair<qint64, bool>> inFlight;
    if (q.exec()) {
        while (q.next())
            inFlight.append({q.value(0).toLongLong(), q.value(1).toBool()});
    }
    if (!inFlight.isEmpty()) {
        if (!m_store.begin())
            return fail(storageError(u"cannot recover"_s));
        LogEvent recovered;
        recovered.kind = LogEvent::Kind::Recovered;
        LogEvent dotDue;
        dotDue.kind = LogEvent::Kind::EndOfDataDue;
        for (const auto &[id, endOfData] : std::as_const(inFlight)) {
            bool dbError = false;
            if (!marksKept)
                m_log->apply(id, dotDue, now, &dbError);
            if (!dbError && m_log->apply(id, recovered, now, &dbError).accepted && (endOfData || !marksKept))
                ++m_recovered;
            if (dbError) {
                m_store.rollback();
                return fail(u"cannot recover: %1"_s.arg(m_log->error()));
            }
        }
        if (!m_store.commit())
            return fail(storageError(u"cannot recover"_s));
    }
    // Only now: a crash before this point must leave the next run as unsure as this one was.
    q.prepare(u"UPDATE deliveries SET boot_id = ? WHERE id = ?"_s);
    q.addBindValue(bootId);
    q.addBindValue(m_deliveryId);
    if (!q.exec())
        return fail(u"cannot record the boot: %1"_s.arg(q.lastError().text()));
    m_state = state == u"in_progress"_s ? DeliveryState::InProgress : DeliveryState::Pending;
    if (!setDeliveryState(m_state))
        return false;
    return true;
}

void DeliveryRun::start()
{
    m_tickTimer.start();
    tick();
}

bool DeliveryRun::setDeliveryState(DeliveryState state)
{
    QSqlQuery q(m_store.db());
    const qint64 now = m_clock.nowMs();
    QString extra;
    if (state == DeliveryState::InProgress)
        extra = u", started_at = coalesce(started_at, %1)"_s.arg(now);
    else if (state == DeliveryState::Finished || state == DeliveryState::Stopped)
        extra = u", finished_at = %1"_s.arg(now);
    q.prepare(u"UPDATE deliveries SET state = ?, updated_at = ?"_s + extra + u" WHERE id = ?"_s);
    q.addBindValue(LogStates::name(state));
    q.addBindValue(now);
    q.addBindValue(m_deliveryId);
    if (!q.exec())
        return fail(u"cannot record the delivery state: %1"_s.arg(q.lastError().text()));
    m_state = state;
    return true;
}

int DeliveryRun::currentWave() const
{
    const qint64 elapsed = m_clock.nowMs() - m_startAtMs;
    int wave = -1;
    for (int w = 0; w < m_waveStartsMs.size(); ++w) {
        if (m_waveStartsMs.at(w) <= elapsed)
            wave = w;
    }
    return wave;
}

void DeliveryRun::readControl()
{
    // Another process (sendscope-cli pause/stop, the GUI) may change the state in the database.
    QSqlQuery q(m_store.db());
    q.prepare(u"SELECT state FROM deliveries WHERE id = ?"_s);
    q.addBindValue(m_deliveryId);
    if (!q.exec() || !q.next())
        return;
    const QString state = q.value(0).toString();
    if (state == u"paused"_s && !m_pausing)
        pause();
    else if (state == u"stopped"_s && !m_stopping)
        stop();
}

void DeliveryRun::tick()
{
    if (m_ended)
        return;
    const qint64 now = m_clock.nowMs();
    if (now - m_lastControlReadMs >= 1000) {
        m_lastControlReadMs = now;
        readControl();
        if (m_ended)
            return;
    }
    if (!m_storageFault.isEmpty()) {
        // Held by a storage fault: nothing is written until retryStorage() succeeds; the figures
        // the database still gives keep coming.
        if (snapshotDue(now))
            publishSnapshot();
        return;
    }
    if (!m_pausing && !m_stopping && now < m_startAtMs) {
        publishSnapshot();
        return; // waiting for the contact date
    }
    if (m_state == DeliveryState::Pending && !m_pausing && !m_stopping &&
        !setDeliveryState(DeliveryState::InProgress)) {
        holdForStorage(m_error);
        return;
    }
    if (now >= m_validityEndMs && !applyValidityEnd()) {
        holdForStorage(m_error);
        return;
    }
    for (RateLedger *ledger : {&m_rateLedger, &m_warmupLedger}) {
        QString error;
        if (ledger->hasWants(now) && !ledger->sync(m_store, now, &error)) {
            holdForStorage(error);
            return;
        }
    }
    if (m_throttleMemory.due())
        m_throttleMemory.sync(m_store, now, nullptr); // informational: tried again at the next tick
    m_pool->poll(); // a new rate slice, the end of a cool-down, tokens leased from the rate
    fetchDue();
    if (m_claimed.isEmpty())
        m_pool->finishIdle(); // nothing in hand: let connections go rather than hold them until the next retry
    // Waiting for relay reports, the log is counted every reportCheckMs, not every tick.
    if (!m_options.waitForReports || !m_claimed.isEmpty() || now - m_lastReportCheckMs >= m_options.reportCheckMs)
        checkEnd();
    if (snapshotDue(now))
        publishSnapshot();
}

void DeliveryRun::fetchDue()
{
    if (m_ended || m_pausing || !m_storageFault.isEmpty())
        return;
    qsizetype free = m_options.maxInFlight - m_claimed.size();
    if (free <= 0)
        return;
    const qint64 now = m_clock.nowMs();
    if (now >= m_validityEndMs)
        return;
    const bool direct = m_route.type == RouteConfig::Type::Direct;
    struct Row
    {
        qint64 id;
        LogState state;
        QString messageId;
        QString address;
        QString display;
        QString fields;
    };
    QList<Row> rows;
    auto collect = [&](QSqlQuery &q) {
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            if (m_claimed.contains(id))
                continue;
            rows.append({id, LogStates::fromName(q.value(1).toString()).value_or(LogState::Pending),
                         q.value(2).toString(), q.value(3).toString(), q.value(4).toString(), q.value(5).toString()});
        }
    };
    const QString select = u"SELECT l.recipient_id, l.state, l.message_id, r.email_norm, r.email, r.fields "_s;

    // Retries that are due, oldest first (after a stop, only what the MTA already holds). The
    // partial index holds only the soft failures; SQLite takes it only when the query repeats the
    // index's condition word for word. Without it each fetch read every pending row (20k rows:
    // a tenth of the engine thread). INDEXED BY makes a query that cannot use it fail loudly.
    QSqlQuery retry(m_store.db());
    // On a relay a message taken into account is the relay's to retry (a delay report says so);
    // only the built-in MTA of the direct route retries what it holds.
    retry.prepare(select +
                  u"FROM recipient_log l INDEXED BY recipient_log_retry JOIN recipients r ON r.id = l.recipient_id "
                  "WHERE l.delivery_id = ? AND l.failure_type = 'soft' AND l.state IN ('pending', "
                  "'taken_into_account') AND l.next_attempt_at <= ? AND l.in_flight = 0 "_s +
                  (m_route.type == RouteConfig::Type::Direct ? QString() : u"AND l.state = 'pending' "_s) +
                  u"ORDER BY l.next_attempt_at LIMIT ?"_s);
    retry.addBindValue(m_deliveryId);
    retry.addBindValue(now);
    retry.addBindValue(free);
    if (!retry.exec()) {
        holdForStorage(u"cannot read due retries: %1"_s.arg(retry.lastError().text()));
        return;
    }
    collect(retry);
    if (m_stopping) {
        rows.erase(std::remove_if(rows.begin(), rows.end(), [](const Row &r) { return r.state == LogState::Pending; }),
                   rows.end());
    }

    // First attempts in recipient order, within the waves that have started.
    const int wave = currentWave();
    free -= rows.size();
    if (!m_stopping && wave >= 0 && free > 0) {
        // Through the index by state, so a pass reads the rows still to send, not the whole list:
        // once the cursor has reached the end, each pass starts over from the first recipient.
        const auto part = [&](const QString &state) -> QString {
            return select +
                   u"FROM recipient_log l INDEXED BY recipient_log_by_state JOIN recipients r "
                   "ON r.id = l.recipient_id WHERE l.delivery_id = ? AND l.state = '%1' AND "
                   "l.failure_type = '' AND l.in_flight = 0 AND l.wave <= ? AND l.recipient_id > ? "_s.arg(state);
        };
        // Direct route: a message the built-in MTA had taken when the process died is resent.
        QSqlQuery fresh(m_store.db());
        QString sql = part(u"pending"_s);
        if (direct)
            sql += u"UNION ALL "_s + part(u"taken_into_account"_s);
        fresh.prepare(sql + u"ORDER BY 1 LIMIT ?"_s);
        for (int i = 0; i < (direct ? 2 : 1); ++i) {
            fresh.addBindValue(m_deliveryId);
            fresh.addBindValue(wave);
            fresh.addBindValue(m_freshCursor);
        }
        fresh.addBindValue(free);
        if (!fresh.exec()) {
            holdForStorage(u"cannot read pending recipients: %1"_s.arg(fresh.lastError().text()));
            return;
        }
        qsizetype got = 0;
        while (fresh.next()) {
            ++got;
            const qint64 id = fresh.value(0).toLongLong();
            m_freshCursor = std::max(m_freshCursor, id);
            if (m_claimed.contains(id))
                continue;
            rows.append({id, LogStates::fromName(fresh.value(1).toString()).value_or(LogState::Pending),
                         fresh.value(2).toString(), fresh.value(3).toString(), fresh.value(4).toString(),
                         fresh.value(5).toString()});
        }
        if (got < free)
            m_freshCursor = 0; // the end of the list: the next pass starts over (later waves, recoveries)
    }

    QHash<QString, int> taking;
    const int cap = warmupCap(now);
    m_warmupHeld = false;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const Row &r = rows.at(i);
        // A warm-up's day: each message takes one of the tokens leased from the day's count.
        // When they are out, the rest stay unclaimed and more are asked for at the next tick.
        if (cap >= 0 && m_warmupLedger.inHand(m_warmup.name, now) == 0) {
            m_warmupLedger.want(m_warmup.name, int(rows.size() - i), cap, now);
            m_warmupHeld = true;
            m_freshCursor = 0; // the next pass comes back to those left
            break;
        }
        // A destination whose rate slice is used up keeps its recipients unclaimed (the fresh
        // cursor comes back to them), so it does not fill the in-flight window.
        const QString destination = direct ? domainOf(r.address) : u"relay"_s;
        if (!m_pool->wantsMore(destination, taking[destination]++))
            continue;
        const quint64 tag = m_nextTag++;
        Job job;
        job.recipientId = r.id;
        job.address = r.address;
        job.domain = domainOf(r.address);
        job.stateAtDispatch = r.state;
        job.messageId = r.messageId;
        m_jobs.insert(tag, job);
        m_claimed.insert(r.id);
        if (cap >= 0)
            m_warmupLedger.spend(m_warmup.name, now);
        ++m_rendering;
        MessageRenderer::Recipient recipient{r.id, r.address, r.display, r.fields, r.messageId};
        std::shared_ptr<MessageRenderer> renderer = m_renderer;
        QPointer<DeliveryRun> self(this);
        QThreadPool::globalInstance()->start([renderer, recipient, tag, self] {
            const MessageRenderer::Rendered rendered = renderer->render(recipient);
            // OpenSSL frees a thread's own state (error queue, random generators) only when the
            // thread exits, which a pool thread may still be doing when the process ends.
            OPENSSL_thread_stop();
            if (self)
                QMetaObject::invokeMethod(
                    self,
                    [self, tag, rendered] {
                        if (self)
                            self->onRendered(tag, rendered);
                    },
                    Qt::QueuedConnection);
        });
    }
}

void DeliveryRun::onRendered(quint64 tag, const MessageRenderer::Rendered &rendered)
{
    --m_rendering;
    auto it = m_jobs.find(tag);
    if (it == m_jobs.end())
        return;
    if (rendered.data.isEmpty()) {
        m_renderFailures.append({tag, rendered.error});
    } else {
        it->data = rendered.data;
        it->smtpUtf8 = rendered.smtpUtf8;
        m_toMark.append(tag);
    }
    scheduleFlush();
}

void DeliveryRun::scheduleFlush()
{
    if (!m_flushTimer.isActive() && m_storageFault.isEmpty()) // held: retryStorage() flushes
        m_flushTimer.start();
}

void DeliveryRun::onOutcome(const SmtpOutcome &outcome)
{
    if (!m_jobs.contains(outcome.tag))
        return;
    m_outcomes.append({outcome.tag, outcome});
    scheduleFlush();
}

void DeliveryRun::checkEnd()
{
    if (m_ended || !m_claimed.isEmpty() || m_rendering > 0 || !m_storageFault.isEmpty())
        return;
    readControl(); // a stop or pause from another process wins over finishing
    if (m_ended)
        return;
    if (!m_deliveryFailure.isEmpty() && !m_stopping) {
        // A cause that concerns every recipient: Failed, naming it; what is left stays pending,
        // so the delivery can be resumed once the route is fixed.
        QSqlQuery f(m_store.db());
        f.prepare(u"UPDATE deliveries SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?"_s);
        f.addBindValue(m_deliveryFailure);
        f.addBindValue(m_clock.nowMs());
        f.addBindValue(m_deliveryId);
        f.exec();
        m_state = DeliveryState::Failed;
        finish(End::DeliveryFailed, m_deliveryFailure);
        return;
    }
    if (m_pausing && !m_stopping) {
        finish(End::Paused, u"paused; nothing is in flight"_s);
        return;
    }
    QSqlQuery q(m_store.db());
    // Work left: on the direct route the built-in MTA holds every message taken into account
    // until it is final; on a relay only pending messages are ours, the rest awaits reports.
    const bool direct = m_route.type == RouteConfig::Type::Direct;
    q.prepare(direct ? u"SELECT sum(CASE WHEN state IN ('pending', 'taken_into_account') THEN 1 ELSE 0 END), 0 "
                       "FROM recipient_log WHERE delivery_id = ?"_s
                     : u"SELECT sum(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), "
                       "sum(CASE WHEN state = 'taken_into_account' THEN 1 ELSE 0 END) "
                       "FROM recipient_log WHERE delivery_id = ?"_s);
    q.addBindValue(m_deliveryId);
    if (!q.exec() || !q.next())
        return;
    const qint64 work = q.value(0).toLongLong();
    const qint64 awaitingReports = q.value(1).toLongLong();
    m_lastReportCheckMs = m_clock.nowMs();
    if (work > 0)
        return; // retries or later waves still to come
    if (m_stopping) {
        finish(End::Stopped, u"stopped"_s);
        return;
    }
    if (awaitingReports > 0 && m_clock.nowMs() < m_validityEndMs) {
        if (m_options.waitForReports)
            return; // the tick looks again; reports are applied to the log meanwhile
        finish(End::WaitingForReports,
               u"%1 message(s) taken into account by the relay, waiting for delivery reports"_s.arg(awaitingReports));
        return;
    }
    // Everyone is final, or the validity has ended: what the relay still holds with a delay
    // report fails (validity expired); what it never reported on stays "no report".
    if (awaitingReports > 0 && !applyToUnclaimed(u"state = 'taken_into_account' AND failure_type = 'soft'"_s,
                                                 LogEvent::Kind::ValidityExpired)) {
        holdForStorage(m_error);
        return;
    }
    if (!setDeliveryState(DeliveryState::Finished)) {
        holdForStorage(m_error);
        return;
    }
    finish(End::Finished,
           awaitingReports > 0
               ? u"finished at the validity end; %1 message(s) with no delivery report"_s.arg(awaitingReports)
               : u"every recipient is final"_s);
}

bool DeliveryRun::snapshotDue(qint64 now) const
{
    // The interval on the run's clock (a test's stands still); the cost in real time, which is
    // what the query takes from the engine thread.
    return now - m_lastSnapshotMs >= m_options.snapshotIntervalMs &&
           (!m_snapshotAge.isValid() || m_snapshotAge.elapsed() >= SnapshotCostFactor * m_snapshotCostMs);
}

void DeliveryRun::publishSnapshot()
{
    m_lastSnapshotMs = m_clock.nowMs();
    QElapsedTimer cost;
    cost.start();
    if (auto k = DeliveryQueries(m_store.db()).kpis(m_deliveryId)) {
        if (m_pool)
            k->holds = m_pool->holds(MaxHolds);
        if (auto warmup = warmupHold(m_clock.nowMs()))
            k->holds.prepend(*warmup);
        if (!m_ended)
            saveHolds(k->holds);
        Q_EMIT snapshot(*k);
    }
    m_snapshotCostMs = cost.elapsed();
    m_snapshotAge.start();
}

// What holds the destinations back, for processes that see the delivery only through the
// database: written when it changed (at most once a second) and again every HoldsRefreshMs as a
// sign of life, in real time, since the injected clock may stand still; "at" is that real time,
// and readers ignore a row older than DeliveryStats::HoldsStaleMs (a run that crashed or quit).
// Removed when the run ends. Informational: a write the database refuses is left for the next.
void DeliveryRun::saveHolds(const QList<DestinationHold> &holds)
{
    QJsonArray array;
    for (const DestinationHold &h : holds) {
        if (h.held())
            array.append(h.toJson());
    }
    const QByteArray json = QJsonDocument(array).toJson(QJsonDocument::Compact);
    if (!m_storageFault.isEmpty())
        return;
    const bool written = m_savedHoldsAge.isValid();
    if (written && json == m_savedHolds && (array.isEmpty() || !m_savedHoldsAge.hasExpired(HoldsRefreshMs)))
        return;
    if (written && json != m_savedHolds && !array.isEmpty() && !m_savedHoldsAge.hasExpired(1000))
        return;
    QSqlQuery q(m_store.db());
    if (array.isEmpty()) {
        q.prepare(u"DELETE FROM delivery_holds WHERE delivery_id = ?"_s);
        q.addBindValue(m_deliveryId);
    } else {
        q.prepare(u"INSERT OR REPLACE INTO delivery_holds (delivery_id, at, holds) VALUES (?, ?, ?)"_s);
        q.addBindValue(m_deliveryId);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
        q.addBindValue(QString::fromUtf8(json));
    }
    if (q.exec()) {
        m_savedHolds = json;
        m_savedHoldsAge.start();
    }
}

void DeliveryRun::forgetHolds()
{
    QSqlQuery forget(m_store.db());
    forget.prepare(u"DELETE FROM delivery_holds WHERE delivery_id = ?"_s);
    forget.addBindValue(m_deliveryId);
    forget.exec(); // a row a refused write leaves goes stale (HoldsStaleMs) and is ignored
}

void DeliveryRun::finish(End end, const QString &message)
{
    if (m_ended)
        return;
    m_ended = true;
    m_tickTimer.stop();
    m_flushTimer.stop();
    m_endOfDataTimer.stop();
    m_storageRetryTimer.stop();
    if (m_pool) {
        m_pool->finishAll();
        releaseRateTokens();
        m_throttleMemory.sync(m_store, m_clock.nowMs(), nullptr); // the last cuts, for the next run
    }
    publishSnapshot();
    forgetHolds();
    Q_EMIT ended(end, message);
}

QString DeliveryRun::storageError(const QString &what) const
{
    return u"%1: %2: %3"_s.arg(m_store.path(), what, m_store.lastError());
}
