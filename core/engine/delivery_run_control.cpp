// DeliveryRun's control side: pause and stop (taking back what no connection has taken yet),
// the validity end, and cancelling what is left. The run itself is in delivery_run.cpp.

#include "delivery_run.h"

#include "log/log_table.h"
#include "session_pool.h"
#include "store/store.h"

#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

void DeliveryRun::pause()
{
    if (m_ended || m_pausing)
        return;
    m_pausing = true;
    m_controlDue = true;
    if (applyControl())
        checkEnd();
}

void DeliveryRun::stop()
{
    if (m_ended || m_stopping)
        return;
    m_stopping = true;
    m_controlDue = true;
    if (applyControl())
        checkEnd();
}

bool DeliveryRun::applyControl()
{
    if (!m_controlDue)
        return true;
    const DeliveryState wanted = m_stopping ? DeliveryState::Stopped : DeliveryState::Paused;
    if (m_state != wanted && !setDeliveryState(wanted)) {
        holdForStorage(m_error);
        return false;
    }
    if (!withdrawWaiting())
        return false;
    if (m_stopping && !cancelPending()) {
        holdForStorage(m_error);
        return false;
    }
    m_controlDue = false;
    return true;
}

bool DeliveryRun::withdrawWaiting()
{
    // "Nothing new is handed to the MTA": messages recorded in flight but still waiting for a
    // connection are taken back (those already given to a session finish their exchange). Taken
    // back from the pool at once; recorded, or kept for the next try when the database refuses.
    const QList<quint64> tags = std::exchange(m_toWithdraw, {}) + m_pool->withdrawWaiting();
    if (tags.isEmpty())
        return true;
    const auto keep = [this, &tags](const QString &what) {
        m_toWithdraw = tags;
        holdForStorage(what);
        return false;
    };
    if (!m_store.begin())
        return keep(u"cannot start a transaction: "_s + m_store.lastError());
    const qint64 now = m_clock.nowMs();
    for (quint64 tag : std::as_const(tags)) {
        const Job job = m_jobs.value(tag);
        LogEvent withdrawn;
        withdrawn.kind = LogEvent::Kind::Withdrawn;
        bool dbError = false;
        m_log->apply(job.recipientId, withdrawn, now, &dbError);
        if (!dbError && m_stopping && job.stateAtDispatch == LogState::Pending) {
            LogEvent cancel;
            cancel.kind = LogEvent::Kind::Canceled;
            m_log->apply(job.recipientId, cancel, now, &dbError);
        }
        if (dbError) {
            m_store.rollback();
            return keep(u"cannot withdraw an attempt: %1"_s.arg(m_log->error()));
        }
    }
    if (!m_store.commit())
        return keep(u"cannot commit: "_s + m_store.lastError());
    for (quint64 tag : std::as_const(tags)) {
        m_claimed.remove(m_jobs.take(tag).recipientId);
        giveBackWarmupToken(); // taken back before it went out
    }
    return true;
}

bool DeliveryRun::applyToUnclaimed(const QString &where, LogEvent::Kind kind)
{
    QSqlQuery q(m_store.db());
    q.prepare(u"SELECT recipient_id FROM recipient_log WHERE delivery_id = ? AND in_flight = 0 AND "_s + where);
    q.addBindValue(m_deliveryId);
    if (!q.exec())
        return fail(q.lastError().text());
    QList<qint64> ids;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        if (!m_claimed.contains(id))
            ids.append(id);
    }
    if (ids.isEmpty())
        return true;
    if (!m_store.begin())
        return fail(u"cannot start a transaction: "_s + m_store.lastError());
    LogEvent e;
    e.kind = kind;
    for (qint64 id : std::as_const(ids)) {
        bool dbError = false;
        m_log->apply(id, e, m_clock.nowMs(), &dbError);
        if (dbError) {
            m_store.rollback();
            return fail(m_log->error());
        }
    }
    if (!m_store.commit())
        return fail(u"cannot commit: "_s + m_store.lastError());
    return true;
}

bool DeliveryRun::applyValidityEnd()
{
    // Still failing softly (or never tried) at the validity end: Failed, "validity expired".
    return applyToUnclaimed(m_route.type == RouteConfig::Type::Direct
                                ? u"state IN ('pending', 'taken_into_account')"_s
                                : u"(state = 'pending' OR (state = 'taken_into_account' AND failure_type = 'soft'))"_s,
                            LogEvent::Kind::ValidityExpired);
}

bool DeliveryRun::cancelPending()
{
    return applyToUnclaimed(u"state = 'pending'"_s, LogEvent::Kind::Canceled);
}

void DeliveryRun::onEndOfDataDue(quint64 tag)
{
    if (!m_jobs.contains(tag))
        return;
    m_endsOfData.append(tag);
    // The session waits on this commit: it goes out with the next turn of the event loop, with
    // every other final dot due by then, rather than after the group commit window.
    if (!m_endOfDataTimer.isActive() && m_storageFault.isEmpty())
        m_endOfDataTimer.start();
}

bool DeliveryRun::flushEndsOfData()
{
    // docs/reliability.md C1/C2: each final dot is written once its row says it may go out.
    // These commits skip the sync (synchronous=NORMAL): a session waits on each, and a sync
    // per message took half the throughput. What WAL writes without a sync survives the death
    // of the process, the crash this flag is about; after a power loss or an OS crash the next
    // run sees another boot and flags every row left in flight, as if all were marked (prepare).
    // The outcomes and the attempts in flight keep their synced group commit (flush).
    if (m_ended || m_endsOfData.isEmpty())
        return true;
    if (!m_syncNormal) {
        m_syncNormal = std::make_unique<QSqlQuery>(m_store.db());
        m_syncNormal->prepare(u"PRAGMA synchronous=NORMAL"_s);
        m_syncFull = std::make_unique<QSqlQuery>(m_store.db());
        m_syncFull->prepare(u"PRAGMA synchronous=FULL"_s);
    }
    if (!m_syncNormal->exec()) {
        holdForStorage(u"cannot record an end of data: %1"_s.arg(m_syncNormal->lastError().text()));
        return false;
    }
    const auto synced = qScopeGuard([this] { m_syncFull->exec(); });
    if (!m_store.begin()) {
        holdForStorage(u"cannot start a transaction: "_s + m_store.lastError());
        return false;
    }
    // Emptied once committed; on a storage fault the sessions keep waiting for their dots.
    QList<quint64> released;
    for (quint64 tag : std::as_const(m_endsOfData)) {
        if (!m_jobs.contains(tag))
            continue; // its outcome came first
        bool dbError = false;
        if (m_log->markEndOfData(m_jobs.value(tag).recipientId, &dbError))
            released.append(tag);
        if (dbError)
            return abortFlush(u"cannot record an end of data: %1"_s.arg(m_log->error()));
    }
    if (!m_store.commit()) {
        holdForStorage(u"cannot commit: "_s + m_store.lastError());
        return false;
    }
    m_endsOfData.clear();
    for (quint64 tag : std::as_const(released))
        m_pool->releaseEndOfData(tag);
    return true;
}
