#pragma once

#include "destination_throttle.h"

#include <QElapsedTimer>
#include <QHash>
#include <QString>
#include <QtGlobal>

class Store;

// An MX rule's messages per hour, counted across every delivery and every process that sends
// through one database (docs/product.md §6). The 5-minute slices are DestinationThrottle's; the
// count of each slice lives in the table rate_slices, one row per rule and destination. A run
// spends only tokens it leased from that row: sync() takes them in small batches in a short
// write transaction of its own, so runs in one process or in several together never carry more
// than the slice allows. Tokens leased and not spent are given back by release() when the run
// ends; after a crash they are lost for the rest of that one slice, never counted twice.
// The engine thread calls it, from timers and never inside another transaction.
//
// The same leases count a warm-up's messages per day (WarmupSchedule): a ledger over the table
// warmup_days with day-long periods.
class RateLedger final
{
public:
    // table: rate_slices or warmup_days (key, slice, taken); periodMs: a slice's length;
    // rows keepPeriods older than the current one are forgotten by release().
    explicit RateLedger(QString table = QStringLiteral("rate_slices"), qint64 periodMs = DestinationThrottle::SliceMs,
                        qint64 keepPeriods = 12);

    // The key of a rule's limit for one destination: the rule's pattern and the recipient domain
    // (direct route) or the relay's host and port.
    static QString key(const QString &rulePattern, const QString &destination);

    int inHand(const QString &key, qint64 nowMs) const;
    void spend(const QString &key, qint64 nowMs);
    // A token spent on a message that did not go after all (taken back, or never built) is
    // in hand again; nothing when the period has changed since.
    void giveBack(const QString &key, qint64 nowMs);
    // Asks sync() for up to need more tokens; sliceLimit is the slice's limit as the caller's
    // throttle sees it now (a run whose provider slowed it down takes less).
    void want(const QString &key, int need, int sliceLimit, qint64 nowMs);
    bool hasWants(qint64 nowMs) const;
    // What every run together has taken of the slice, as the database said at the last sync;
    // -1: not asked in this slice yet.
    int takenSeen(const QString &key, qint64 nowMs) const;
    // What the slice may still give this run: tokens in hand and what the others left.
    int estimate(const QString &key, int sliceLimit, qint64 nowMs) const;

    // Leases what want() asked for, in one transaction. False with *error when the database
    // refuses it: nothing is leased and the wants stay for the next try.
    bool sync(Store &store, qint64 nowMs, QString *error);
    // Gives back what is in hand unspent (and forgets rows of slices an hour gone).
    bool release(Store &store, qint64 nowMs, QString *error);

    // Tokens per lease: a quarter of the slice, so several runs share it in turns.
    static int batch(int sliceLimit) { return sliceLimit < 4 ? 1 : sliceLimit / 4; }

private:
    struct Entry
    {
        qint64 slice = -1;
        int leased = 0;
        int spent = 0;
        int takenSeen = -1;
        int want = 0;
        int limit = 0;
        // Set when a sync found the period used up: asked again only after ExhaustedRetryMs
        // (real time), for another run's unused tokens may come back.
        QElapsedTimer exhausted;
    };
    static constexpr qint64 ExhaustedRetryMs = 2000;
    qint64 sliceOf(qint64 nowMs) const { return nowMs / m_periodMs; }
    const Entry *current(const QString &key, qint64 nowMs) const;
    Entry &currentForWrite(const QString &key, qint64 nowMs);

    QString m_table;
    qint64 m_periodMs;
    qint64 m_keepPeriods;
    QHash<QString, Entry> m_entries;
};
