#include "throughput_series.h"

#include <algorithm>

ThroughputSeries::ThroughputSeries(int maxPoints, qint64 windowMs)
    : m_maxPoints(std::max(4, maxPoints))
    , m_windowMs(std::max<qint64>(1, windowMs))
{}

void ThroughputSeries::clear()
{
    m_window.clear();
    m_points.clear();
    m_peak = 0;
}

void ThroughputSeries::addSample(qint64 atMs, qint64 count)
{
    if (!m_window.isEmpty()) {
        if (atMs <= m_window.constLast().atMs)
            return;
        if (count < m_window.constLast().count)
            clear();
    }
    m_window.append({atMs, count});
    // Keep one sample at or before the window's start, so the rate spans the whole window.
    while (m_window.size() > 2 && m_window.at(1).atMs <= atMs - m_windowMs)
        m_window.removeFirst();

    double perMinute = 0;
    const Sample &first = m_window.constFirst();
    if (m_window.size() >= 2 && atMs > first.atMs)
        perMinute = double(count - first.count) * 60000.0 / double(atMs - first.atMs);
    m_points.append({atMs, perMinute});
    m_peak = std::max(m_peak, perMinute);

    if (m_points.size() > m_maxPoints) {
        QList<Point> halved;
        halved.reserve(m_points.size() / 2 + 1);
        for (qsizetype i = 0; i < m_points.size(); i += 2)
            halved.append(m_points.at(i));
        if (halved.constLast().atMs != m_points.constLast().atMs)
            halved.append(m_points.constLast()); // the newest point is always shown
        m_points = std::move(halved);
    }
}
