#pragma once

#include <QChartView>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;
class ThroughputSeries;

// The dashboard's throughput line chart (messages per minute over time). It draws the points
// of a ThroughputSeries, which keeps the samples and the maths; redraw() is called on the
// dashboard's timer, never per event.
class ThroughputChart final : public QChartView
{
    Q_OBJECT

public:
    explicit ThroughputChart(QWidget *parent = nullptr);

    void redraw(const ThroughputSeries &series);
    void setTitles(const QString &title, const QString &valueAxis);
    int pointCount() const;

private:
    QLineSeries *m_line;
    QDateTimeAxis *m_time;
    QValueAxis *m_rate;
};
