#pragma once

#include "delivery_kpis.h"

#include <QList>
#include <optional>

// Progress and estimated finish of a running delivery, from KPI snapshots taken over time.
// A recipient counts as done once it has left Pending (handed to the MTA, failed or canceled);
// the estimate divides what is still pending by the rate measured over the last window. Retries
// follow their own schedule and are not part of the estimate.
class FinishEstimator final
{
public:
    explicit FinishEstimator(qint64 windowMs = 60000);

    void clear();
    void addSample(qint64 atMs, const DeliveryKpis &kpis);
    void addSample(qint64 atMs, qint64 done, qint64 total);

    qint64 done() const { return m_done; }
    qint64 total() const { return m_total; }
    qint64 remaining() const { return m_total - m_done; }
    double progress() const; // 0..1
    // Messages per minute over the window; 0 until two samples a second apart exist.
    double perMinute() const;
    // nullopt while no rate is known and work remains.
    std::optional<qint64> finishAtMs() const;

private:
    struct Sample
    {
        qint64 atMs = 0;
        qint64 done = 0;
    };

    qint64 m_windowMs;
    QList<Sample> m_samples;
    qint64 m_done = 0;
    qint64 m_total = 0;
};
