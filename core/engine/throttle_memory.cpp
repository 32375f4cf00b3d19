#include "throttle_memory.h"

#include "store/store.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

void ThrottleMemory::note(const QString &key, const DestinationThrottle::State &state)
{
    m_states.insert(key, state);
    m_dirty.insert(key);
}

const DestinationThrottle::State *ThrottleMemory::find(const QString &key) const
{
    const auto it = m_states.constFind(key);
    return it == m_states.cend() ? nullptr : &*it;
}

bool ThrottleMemory::sync(Store &store, qint64 nowMs, QString *error)
{
    QSqlQuery q(store.db());
    if (!m_dirty.isEmpty()) {
        // The newest cut of a key wins, and within one cut the longest cool-down.
        q.prepare(
            u"INSERT INTO destination_throttles (key, cut_pct, cut_at, until, reply, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET cut_pct = excluded.cut_pct, "
            "cut_at = excluded.cut_at, until = excluded.until, reply = excluded.reply, "
            "updated_at = excluded.updated_at WHERE excluded.cut_at > destination_throttles.cut_at OR "
            "(excluded.cut_at = destination_throttles.cut_at AND excluded.until > destination_throttles.until)"_s);
        Store::Transaction tx(store);
        if (!tx.ok()) {
            if (error)
                *error = u"cannot start a transaction: "_s + store.lastError();
            return false;
        }
        for (const QString &key : std::as_const(m_dirty)) {
            const DestinationThrottle::State &s = m_states.value(key);
            q.addBindValue(key);
            q.addBindValue(s.cutPct);
            q.addBindValue(s.cutAtMs);
            q.addBindValue(s.untilMs);
            q.addBindValue(s.reply);
            q.addBindValue(nowMs);
            if (!q.exec()) {
                if (error)
                    *error = q.lastError().text();
                return false; // rolled back by tx
            }
        }
        if (!tx.commit()) {
            if (error)
                *error = tx.error();
            return false;
        }
        m_dirty.clear();
    }
    if (m_read.isValid() && !m_read.hasExpired(ReadIntervalMs))
        return true;
    m_read.start();
    q.prepare(u"SELECT key, cut_pct, cut_at, until, reply FROM destination_throttles WHERE until > ?"_s);
    q.addBindValue(nowMs - ForgetAfterMs);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    bool changed = false;
    while (q.next()) {
        const DestinationThrottle::State s{q.value(1).toInt(), q.value(2).toLongLong(), q.value(3).toLongLong(),
                                           q.value(4).toString()};
        auto it = m_states.find(q.value(0).toString());
        if (it == m_states.end()) {
            m_states.insert(q.value(0).toString(), s);
            changed = true;
        } else if (s.cutAtMs > it->cutAtMs || (s.cutAtMs == it->cutAtMs && s.untilMs > it->untilMs)) {
            *it = s;
            changed = true;
        }
    }
    if (changed)
        ++m_generation;
    return true;
}
