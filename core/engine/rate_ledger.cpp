#include "rate_ledger.h"

#include "store/store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

QString RateLedger::key(const QString &rulePattern, const QString &destination)
{
    return rulePattern + u" @ "_s + destination;
}

RateLedger::RateLedger(QString table, qint64 periodMs, qint64 keepPeriods)
    : m_table(std::move(table))
    , m_periodMs(periodMs)
    , m_keepPeriods(keepPeriods)
{}

const RateLedger::Entry *RateLedger::current(const QString &key, qint64 nowMs) const
{
    const auto it = m_entries.constFind(key);
    return it != m_entries.cend() && it->slice == sliceOf(nowMs) ? &*it : nullptr;
}

RateLedger::Entry &RateLedger::currentForWrite(const QString &key, qint64 nowMs)
{
    Entry &e = m_entries[key];
    if (e.slice != sliceOf(nowMs))
        e = Entry{sliceOf(nowMs), 0, 0, -1, 0, 0, {}}; // a new slice: what the old one left is void
    return e;
}

int RateLedger::inHand(const QString &key, qint64 nowMs) const
{
    const Entry *e = current(key, nowMs);
    return e ? e->leased - e->spent : 0;
}

void RateLedger::spend(const QString &key, qint64 nowMs)
{
    ++currentForWrite(key, nowMs).spent;
}

void RateLedger::giveBack(const QString &key, qint64 nowMs)
{
    const auto it = m_entries.find(key);
    if (it != m_entries.end() && it->slice == sliceOf(nowMs) && it->spent > 0)
        --it->spent;
}

void RateLedger::want(const QString &key, int need, int sliceLimit, qint64 nowMs)
{
    Entry &e = currentForWrite(key, nowMs);
    if (e.exhausted.isValid() && !e.exhausted.hasExpired(ExhaustedRetryMs))
        return;
    e.want = std::max(e.want, need);
    e.limit = sliceLimit;
}

bool RateLedger::hasWants(qint64 nowMs) const
{
    const qint64 slice = sliceOf(nowMs);
    return std::any_of(m_entries.cbegin(), m_entries.cend(),
                       [slice](const Entry &e) { return e.slice == slice && e.want > 0; });
}

int RateLedger::takenSeen(const QString &key, qint64 nowMs) const
{
    const Entry *e = current(key, nowMs);
    return e ? e->takenSeen : -1;
}

int RateLedger::estimate(const QString &key, int sliceLimit, qint64 nowMs) const
{
    const Entry *e = current(key, nowMs);
    if (!e)
        return sliceLimit;
    const int othersLeft = e->takenSeen < 0 ? sliceLimit - e->leased : sliceLimit - e->takenSeen;
    return e->leased - e->spent + std::max(0, othersLeft);
}

bool RateLedger::sync(Store &store, qint64 nowMs, QString *error)
{
    const qint64 slice = sliceOf(nowMs);
    Store::Transaction tx(store);
    if (!tx.ok()) {
        *error = u"cannot start a transaction: "_s + store.lastError();
        return false;
    }
    QSqlQuery read(store.db());
    QSqlQuery write(store.db());
    if (!read.prepare(u"SELECT taken FROM %1 WHERE key = ? AND slice = ?"_s.arg(m_table)) ||
        !write.prepare(u"INSERT INTO %1 (key, slice, taken) VALUES (?, ?, ?) "
                       u"ON CONFLICT (key, slice) DO UPDATE SET taken = taken + excluded.taken"_s.arg(m_table))) {
        *error = u"cannot read the rate slices: "_s + read.lastError().text() + write.lastError().text();
        return false;
    }
    struct Grant
    {
        QString key;
        int granted;
        int taken;
    };
    QList<Grant> grants;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it->slice != slice || it->want <= 0)
            continue;
        read.addBindValue(it.key());
        read.addBindValue(slice);
        if (!read.exec()) {
            *error = u"cannot read the rate of %1: %2"_s.arg(it.key(), read.lastError().text());
            return false;
        }
        const int taken = read.next() ? read.value(0).toInt() : 0;
        read.finish();
        const int granted = std::clamp(std::min(it->want, batch(it->limit)), 0, std::max(0, it->limit - taken));
        if (granted > 0) {
            write.addBindValue(it.key());
            write.addBindValue(slice);
            write.addBindValue(granted);
            if (!write.exec()) {
                *error = u"cannot lease from the rate of %1: %2"_s.arg(it.key(), write.lastError().text());
                return false;
            }
        }
        grants.append({it.key(), granted, taken + granted});
    }
    if (!tx.commit()) {
        *error = u"cannot commit: "_s + store.lastError();
        return false;
    }
    for (const Grant &g : std::as_const(grants)) {
        Entry &e = m_entries[g.key];
        e.leased += g.granted;
        e.takenSeen = g.taken;
        e.want = 0;
        if (g.granted == 0)
            e.exhausted.start();
        else
            e.exhausted.invalidate();
    }
    return true;
}

bool RateLedger::release(Store &store, qint64 nowMs, QString *error)
{
    const qint64 slice = sliceOf(nowMs);
    Store::Transaction tx(store);
    if (!tx.ok()) {
        *error = u"cannot start a transaction: "_s + store.lastError();
        return false;
    }
    QSqlQuery q(store.db());
    if (!q.prepare(u"UPDATE %1 SET taken = max(0, taken - ?) WHERE key = ? AND slice = ?"_s.arg(m_table))) {
        *error = u"cannot give back to the rate slices: "_s + q.lastError().text();
        return false;
    }
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it->slice != slice || it->leased <= it->spent)
            continue;
        q.addBindValue(it->leased - it->spent);
        q.addBindValue(it.key());
        q.addBindValue(slice);
        if (!q.exec()) {
            *error = u"cannot give back to the rate of %1: %2"_s.arg(it.key(), q.lastError().text());
            return false;
        }
    }
    QSqlQuery old(store.db());
    old.prepare(u"DELETE FROM %1 WHERE slice < ?"_s.arg(m_table));
    old.addBindValue(slice - m_keepPeriods);
    if (!old.exec()) {
        *error = u"cannot forget old rate slices: "_s + old.lastError().text();
        return false;
    }
    if (!tx.commit()) {
        *error = u"cannot commit: "_s + store.lastError();
        return false;
    }
    for (Entry &e : m_entries) {
        if (e.slice == slice)
            e.leased = e.spent;
    }
    return true;
}
