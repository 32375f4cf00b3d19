#pragma once

#include "destination_throttle.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QString>

class Store;

// The adaptive throttle's state kept in the database (table destination_throttles, docs/product.md
// §6): when a provider said "slow down", a run that starts later, or one in another process on
// the same database, goes on at the level that left rather than at full speed. Keyed like the
// rate ledger (the MX rule's pattern and the destination). A run notes the cuts it makes and
// sync() writes them and reads every other's, the newest cut of a key winning; sessions adopt
// what they read (SessionPool). Informational: a write the database refuses is tried again at
// the next sync.
class ThrottleMemory final
{
public:
    // The states are read again at most this often (real time, as the run's clock may stand still).
    static constexpr qint64 ReadIntervalMs = 2000;
    // Rows whose cool-down ended this long ago are not read (the level is long back to 100).
    static constexpr qint64 ForgetAfterMs = 7LL * 24 * 3600 * 1000;

    void note(const QString &key, const DestinationThrottle::State &state);
    const DestinationThrottle::State *find(const QString &key) const;
    // Bumped whenever sync() read something new: sessions then look again.
    int generation() const { return m_generation; }
    bool due() const { return !m_dirty.isEmpty() || !m_read.isValid() || m_read.hasExpired(ReadIntervalMs); }
    bool sync(Store &store, qint64 nowMs, QString *error);

private:
    QHash<QString, DestinationThrottle::State> m_states;
    QSet<QString> m_dirty;
    QElapsedTimer m_read;
    int m_generation = 0;
};
