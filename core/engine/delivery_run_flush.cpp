// DeliveryRun's group commit: flush() records the outcomes, the messages that could not be built
// and the new attempts in flight in one transaction, and hands those attempts to the sessions
// once it is committed. The run itself is in delivery_run.cpp.

#include "delivery_run.h"

#include "feedback/quarantine.h"
#include "log/log_table.h"
#include "outcome_policy.h"
#include "session_pool.h"
#include "store/sqlite_statement.h"
#include "store/store.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

bool DeliveryRun::flush()
{
    if (m_ended)
        return false;
    if (m_outcomes.isEmpty() && m_toMark.isEmpty() && m_renderFailures.isEmpty())
        return true;
    const qint64 now = m_clock.nowMs();
    const bool direct = m_route.type == RouteConfig::Type::Direct;
    if (!m_store.begin()) {
        holdForStorage(u"cannot start a transaction: "_s + m_store.lastError());
        return false;
    }
    // The lists are emptied only once the transaction is committed: a storage fault rolls it
    // back and they wait, in memory, for the next try. Nothing is appended meanwhile (this runs
    // on the engine thread, without an event loop).
    const QString deliveryFailure = m_deliveryFailure;
    const QList<PendingOutcome> outcomes = m_outcomes;
    const auto renderFailures = m_renderFailures;
    const QList<quint64> toMark = m_toMark;
    QList<quint64> marked;
    QList<quint64> dropped;
    // Outcomes first: the replies that came back. Messages that could not be built fail at
    // once: no retry would change them. Then the new attempts: in flight, committed before
    // any byte of them is sent.
    if (!recordOutcomes(outcomes, now) || !recordRenderFailures(renderFailures, now) ||
        !markInFlight(toMark, now, &marked, &dropped)) {
        m_deliveryFailure = deliveryFailure;
        return false;
    }
    if (!m_store.commit()) {
        m_deliveryFailure = deliveryFailure;
        holdForStorage(u"cannot commit: "_s + m_store.lastError()); // commit() rolled back
        return false;
    }
    m_outcomes.clear();
    m_renderFailures.clear();
    m_toMark.clear();

    for (const PendingOutcome &po : outcomes)
        m_claimed.remove(m_jobs.take(po.tag).recipientId);
    // A warm-up's token goes back for what will not be sent: not built, or no longer to send.
    for (const auto &[tag, error] : renderFailures) {
        m_claimed.remove(m_jobs.take(tag).recipientId);
        giveBackWarmupToken();
    }
    for (quint64 tag : std::as_const(dropped)) {
        m_claimed.remove(m_jobs.take(tag).recipientId);
        giveBackWarmupToken();
    }
    for (quint64 tag : std::as_const(marked)) {
        Job &job = m_jobs[tag];
        m_pool->enqueue(direct ? job.domain : u"relay"_s, envelopeFor(tag, job));
    }
    if (!m_deliveryFailure.isEmpty() && !m_pausing) {
        // Nothing new leaves; what sessions hold finishes; then the delivery is Failed (checkEnd).
        m_pausing = true;
        withdrawWaiting();
    }
    fetchDue();
    checkEnd();
    // What was just committed is shown without waiting for the next tick.
    if (!m_ended && snapshotDue(m_clock.nowMs()))
        publishSnapshot();
    return true;
}

// Each outcome: the log events the policy decides, the possible duplicate's flag, the quarantine,
// the attempts row, and a cause that concerns every recipient.
bool DeliveryRun::recordOutcomes(const QList<PendingOutcome> &outcomes, qint64 now)
{
    for (const PendingOutcome &po : outcomes) {
        const Job job = m_jobs.value(po.tag);
        const OutcomePolicy::Decision decision =
            m_policy->decide(po.outcome, {job.stateAtDispatch, job.attempt, now, m_validityEndMs, m_stopping});
        const QList<LogEvent> &events = decision.events;
        const FailureReason quarantineReason = decision.quarantineReason;
        if (!applyEvents(job.recipientId, events, now))
            return abortFlush(u"cannot record an outcome: %1"_s.arg(m_log->error()));
        if (po.outcome.possibleDuplicate) {
            std::optional<LogEntry> entry = m_log->read(job.recipientId);
            if (entry)
                entry->possibleDuplicate = true;
            if (!entry || !m_log->write(job.recipientId, *entry, now))
                return abortFlush(u"cannot flag a possible duplicate: %1"_s.arg(m_log->error()));
        }
        QString error;
        if (quarantineReason != FailureReason::None &&
            !Quarantine::record(m_store.db(), job.address, quarantineReason, now, &error))
            return abortFlush(u"cannot update the quarantine: %1"_s.arg(error));
        if (!recordAttempt(job, po.outcome, events.constFirst().reason, decision.rule))
            return abortFlush(m_error);
        if (!decision.deliveryFailure.isEmpty() && m_deliveryFailure.isEmpty())
            m_deliveryFailure = decision.deliveryFailure;
    }
    return true;
}

bool DeliveryRun::recordRenderFailures(const QList<QPair<quint64, QString>> &failures, qint64 now)
{
    for (const auto &[tag, error] : failures) {
        LogEvent e;
        e.kind = LogEvent::Kind::HardBounce;
        e.reason = FailureReason::NotDefined;
        e.reply = u"local: cannot build the message: "_s + error;
        if (!applyEvent(m_jobs.value(tag).recipientId, e, now))
            return abortFlush(u"cannot record a failure: %1"_s.arg(m_log->error()));
    }
    return true;
}

// Each rendered message is recorded in flight and goes to *marked, to be handed over after the
// commit, or to *dropped when it must not be sent.
bool DeliveryRun::markInFlight(const QList<quint64> &toMark, qint64 now, QList<quint64> *marked,
                               QList<quint64> *dropped)
{
    const bool direct = m_route.type == RouteConfig::Type::Direct;
    for (quint64 tag : toMark) {
        Job &job = m_jobs[tag];
        if (m_stopping && job.stateAtDispatch == LogState::Pending) {
            // Stopped before it was handed over: canceled, never sent.
            LogEvent cancel;
            cancel.kind = LogEvent::Kind::Canceled;
            if (!applyEvent(job.recipientId, cancel, now))
                return abortFlush(u"cannot record a cancellation: %1"_s.arg(m_log->error()));
            dropped->append(tag);
            continue;
        }
        QList<LogEvent> events;
        if (direct && job.stateAtDispatch == LogState::Pending) {
            LogEvent handed;
            handed.kind = LogEvent::Kind::HandedToMta; // the built-in MTA takes it at once
            events.append(handed);
        }
        LogEvent started;
        started.kind = LogEvent::Kind::AttemptStarted;
        events.append(started);
        const auto t = applyEvents(job.recipientId, events, now);
        if (!t)
            return abortFlush(u"cannot record an attempt: %1"_s.arg(m_log->error()));
        if (t->accepted) {
            job.startedAtMs = now;
            job.attempt = t->entry.attempts;
            marked->append(tag);
        } else {
            dropped->append(tag); // changed meanwhile (e.g. canceled by a stop): not sent
        }
    }
    return true;
}

bool DeliveryRun::abortFlush(const QString &what)
{
    m_store.rollback();
    holdForStorage(what);
    return false;
}

void DeliveryRun::holdForStorage(const QString &what)
{
    if (m_ended)
        return;
    const QString fault = u"%1: %2"_s.arg(m_store.path(), what);
    const bool wasHeld = m_storageRetryMs > 0;
    m_flushTimer.stop();
    m_endOfDataTimer.stop();
    m_storageRetryMs = wasHeld ? std::min(m_storageRetryMs * 2, StorageRetryMaxMs) : StorageRetryFirstMs;
    m_storageRetryTimer.start(m_storageRetryMs);
    m_storageFault = fault;
    if (fault != m_storageFaultTold) {
        m_storageFaultTold = fault;
        Q_EMIT storageFaultChanged(fault);
    }
}

void DeliveryRun::retryStorage()
{
    if (m_ended || m_storageFault.isEmpty())
        return;
    // The final dots first (sessions wait on them), the group commit, what a pause or stop still
    // has to write, then a turn of the scheduler with its own writes. Any of them holds the run
    // again, with a longer delay, while the cause is still there; the fault is told gone only
    // once they all went through.
    if (!flushEndsOfData() || !flush() || !applyControl() || (!m_toWithdraw.isEmpty() && !withdrawWaiting()))
        return;
    m_storageFault.clear();
    tick();
    if (m_ended || !m_storageFault.isEmpty())
        return;
    m_storageRetryMs = 0;
    if (!std::exchange(m_storageFaultTold, QString()).isEmpty())
        Q_EMIT storageFaultChanged(QString());
}

std::optional<LogTransition> DeliveryRun::applyEvent(qint64 recipientId, const LogEvent &event, qint64 now)
{
    bool dbError = false;
    LogTransition t = m_log->apply(recipientId, event, now, &dbError);
    if (dbError)
        return std::nullopt;
    return t;
}

// Several events for one recipient: one read, the transitions in memory, one write.
std::optional<LogTransition> DeliveryRun::applyEvents(qint64 recipientId, const QList<LogEvent> &events, qint64 now)
{
    const std::optional<LogEntry> current = m_log->read(recipientId);
    if (!current)
        return m_log->error().isEmpty() ? std::optional<LogTransition>(LogTransition{}) : std::nullopt;
    LogTransition last{true, *current, {}};
    bool changed = false;
    for (const LogEvent &e : events) {
        const LogTransition t = applyLogEvent(last.entry, e);
        if (!t.accepted) {
            // The attempt is over whatever the log says: never leave a row in flight.
            if (last.entry.inFlight && e.kind != LogEvent::Kind::AttemptStarted) {
                last.entry.inFlight = false;
                last.entry.endOfData = false;
                changed = true;
            }
            last = LogTransition{false, last.entry, t.error};
            break;
        }
        last = t;
        changed = true;
    }
    if (changed && !m_log->write(recipientId, last.entry, now))
        return std::nullopt;
    return last;
}

bool DeliveryRun::recordAttempt(const Job &job, const SmtpOutcome &outcome, FailureReason reason, int rule)
{
    if (!m_attemptInsert) {
        m_attemptInsert = std::make_unique<SqliteStatement>();
        m_attemptInsert->prepare(m_store.db(), "INSERT INTO attempts (recipient_id, delivery_id, started_at, "
                                               "finished_at, route, remote_host, reply_code, enhanced_code, reply, "
                                               "outcome, failure_reason, transcript, message_id, rule) "
                                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    SqliteStatement &q = *m_attemptInsert;
    const QString remote = !outcome.remote.isEmpty()
                               ? outcome.remote
                               : m_pool->remoteFor(m_route.type == RouteConfig::Type::Direct ? job.domain : u"relay"_s);
    q.bind(1, job.recipientId);
    q.bind(2, m_deliveryId);
    q.bind(3, job.startedAtMs > 0 ? job.startedAtMs : m_clock.nowMs());
    q.bind(4, m_clock.nowMs());
    q.bind(5, RouteConfig::typeName(m_route.type));
    q.bind(6, remote);
    q.bind(7, outcome.reply.code);
    q.bind(8, outcome.reply.enhancedCode);
    q.bind(9, outcome.reply.toString());
    q.bind(10, outcome.possibleDuplicate ? u"possible_duplicate"_s : SmtpOutcome::kindName(outcome.kind));
    q.bind(11, LogStates::name(reason));
    q.bind(12, outcome.transcript);
    q.bind(13, job.messageId);
    q.bind(14, outcome.isAccepted() ? 0 : rule);
    if (!q.exec())
        return fail(u"cannot record the attempt: %1"_s.arg(q.error()));
    return true;
}

SmtpEnvelope DeliveryRun::envelopeFor(quint64 tag, Job &job) const
{
    SmtpEnvelope env;
    env.tag = tag;
    env.mailFrom = m_envelopeSender;
    env.rcptTo = job.address;
    env.data = std::exchange(job.data, {});
    env.smtpUtf8 = job.smtpUtf8;
    env.holdEndOfData = true; // released by flushEndsOfData() once the row says its dot may go out
    const QString token = m_verpKey ? m_verpKey->token(m_deliveryId, job.recipientId) : QString();
    if (m_route.verp && !token.isEmpty())
        env.mailFrom = VerpKey::address(m_envelopeSender, token);
    if (m_route.dsn) {
        // The ENVID is the same signed token: a report quoting it names one recipient, and a
        // made-up one names nobody (docs/product.md §4).
        env.ret = u"HDRS"_s;
        env.envid = token;
        env.notify = m_route.dsnNotify;
        env.orcpt = job.address;
    }
    return env;
}
