#pragma once

#include <QList>

// Messages per minute over time, from a cumulative count sampled now and then (the dashboard
// feeds it the Processed KPI once a second). The rate at each sample is measured over a short
// sliding window so that one bursty commit does not draw a spike. Memory stays bounded: past
// maxPoints the history is halved by dropping every other point, so a long run keeps its whole
// shape at a coarser step.
class ThroughputSeries final
{
public:
    struct Point
    {
        qint64 atMs = 0;
        double perMinute = 0;
    };

    explicit ThroughputSeries(int maxPoints = 600, qint64 windowMs = 10000);

    void clear();
    // count: the cumulative number of messages at atMs. Samples older than the last are
    // ignored; a count that goes down (another delivery, a reset) starts a new series.
    void addSample(qint64 atMs, qint64 count);

    const QList<Point> &points() const { return m_points; }
    double currentPerMinute() const { return m_points.isEmpty() ? 0.0 : m_points.constLast().perMinute; }
    double peakPerMinute() const { return m_peak; }
    bool isEmpty() const { return m_points.isEmpty(); }

private:
    struct Sample
    {
        qint64 atMs = 0;
        qint64 count = 0;
    };

    int m_maxPoints;
    qint64 m_windowMs;
    QList<Sample> m_window; // the raw samples of the last window, oldest first
    QList<Point> m_points;
    double m_peak = 0;
};
