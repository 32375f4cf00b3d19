#include "finish_estimator.h"

#include <algorithm>
#include <cmath>

FinishEstimator::FinishEstimator(qint64 windowMs)
    : m_windowMs(std::max<qint64>(1000, windowMs))
{}

void FinishEstimator::clear()
{
    m_samples.clear();
    m_done = 0;
    m_total = 0;
}

void FinishEstimator::addSample(qint64 atMs, const DeliveryKpis &kpis)
{
    addSample(atMs, kpis.toDeliver - kpis.count(LogState::Pending), kpis.toDeliver);
}

void FinishEstimator::addSample(qint64 atMs, qint64 done, qint64 total)
{
    if (!m_samples.isEmpty() && (atMs <= m_samples.constLast().atMs || done < m_samples.constLast().done))
        m_samples.clear(); // time went back or another delivery: start again
    m_total = std::max<qint64>(0, total);
    m_done = std::clamp<qint64>(done, 0, m_total);
    m_samples.append({atMs, m_done});
    while (m_samples.size() > 2 && m_samples.at(1).atMs <= atMs - m_windowMs)
        m_samples.removeFirst();
}

double FinishEstimator::progress() const
{
    return m_total > 0 ? double(m_done) / double(m_total) : 0.0;
}

double FinishEstimator::perMinute() const
{
    if (m_samples.size() < 2)
        return 0;
    const Sample &first = m_samples.constFirst();
    const Sample &last = m_samples.constLast();
    const qint64 span = last.atMs - first.atMs;
    if (span < 1000)
        return 0;
    return double(last.done - first.done) * 60000.0 / double(span);
}

std::optional<qint64> FinishEstimator::finishAtMs() const
{
    if (m_samples.isEmpty())
        return std::nullopt;
    const qint64 now = m_samples.constLast().atMs;
    if (remaining() <= 0)
        return now;
    const double rate = perMinute();
    if (rate <= 0)
        return std::nullopt;
    return now + qint64(std::ceil(double(remaining()) * 60000.0 / rate));
}
