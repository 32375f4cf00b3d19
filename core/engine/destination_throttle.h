#pragma once

#include <QString>

class SmtpReply;

// The rate and adaptive state of one destination (docs/product.md §6). Messages per hour are
// enforced in 5-minute slices of the clock: slice k of the hour may carry
// floor(rate*(k+1)/12) - floor(rate*k/12) messages, so the hour's total is exact (120/h:
// 10 per slice). A throttling reply halves the level (rate and connections, at least 1) for
// a cool-down; after it the level comes back by 25 points per further cool-down period. The
// cut, cool-down and step are the MX rule's when it sets them (Params). Everything is computed
// from the times given: the caller's clock drives it.
class DestinationThrottle final
{
public:
    static constexpr qint64 SliceMs = 5 * 60 * 1000;
    static constexpr qint64 CoolDownMs = 5 * 60 * 1000;
    static constexpr int RestoreStepPct = 25;
    // Replies this close to the cut belong to the same event (a session's queued messages
    // all get its 421): the cool-down is extended, the level not halved again.
    static constexpr qint64 SameEventMs = 10 * 1000;

    struct Params
    {
        int cutToPct = 50; // the level a throttling reply leaves, in percent of the one before
        qint64 coolDownMs = CoolDownMs;
        int restoreStepPct = RestoreStepPct;
    };
    // What a throttling reply left, to be kept in the database (ThrottleMemory).
    struct State
    {
        int cutPct = 100;
        qint64 cutAtMs = 0;
        qint64 untilMs = 0;
        QString reply;
    };
    // An MX rule's constants (0 in a field: the default).
    void setParams(int cutToPct, int coolDownS, int restoreStepPct);
    State state() const { return {m_cutPct, m_cutAtMs, m_untilMs, m_reply}; }
    // Takes a state kept from before (another run, another process) when it is newer.
    bool adopt(const State &state);

    // 421, any 4.7.x, or a 4xx whose text says so ("try again later", "rate limit", ...).
    static bool isThrottling(const SmtpReply &reply);
    static QString describe(const SmtpReply &reply); // "421", "4.7.0" or "text"

    void noteThrottling(qint64 nowMs, const SmtpReply &reply);
    int levelPct(qint64 nowMs) const;
    qint64 throttledUntilMs() const { return m_untilMs; }
    QString lastReply() const { return m_reply; }

    int effectiveConnections(int allowed, qint64 nowMs) const;
    int effectiveRate(int perHour, qint64 nowMs) const; // 0 stays unlimited

    // Messages the current slice still allows at the (effective) hourly rate; -1: unlimited.
    int allowance(int perHour, qint64 nowMs) const;
    int sliceLimit(int perHour, qint64 nowMs) const;
    int sentInSlice(qint64 nowMs) const { return sliceOf(nowMs) == m_slice ? m_sent : 0; }
    void countSent(qint64 nowMs);
    static qint64 nextSliceAtMs(qint64 nowMs) { return (sliceOf(nowMs) + 1) * SliceMs; }

private:
    static qint64 sliceOf(qint64 nowMs) { return nowMs / SliceMs; }

    qint64 m_slice = -1;
    int m_sent = 0;
    int m_cutPct = 100;
    qint64 m_cutAtMs = 0;
    qint64 m_untilMs = 0;
    QString m_reply;
    Params m_params;
};
