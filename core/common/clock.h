#pragma once

#include <QDateTime>
#include <atomic>

// The source of "now" for everything that schedules: validity periods, retries, waves,
// contact dates. Tests inject a ManualClock so time-based rules run in milliseconds.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0; // milliseconds since the Unix epoch, UTC
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }

    // The process-wide system clock.
    static Clock &system();
};

class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
};

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 0)
        : m_now(startMs)
    {}
    qint64 nowMs() const override { return m_now.load(); }
    void setNowMs(qint64 ms) { m_now.store(ms); }
    void advanceMs(qint64 ms) { m_now.fetch_add(ms); }

private:
    std::atomic<qint64> m_now;
};
