#include "throughput_chart.h"

#include "log/throughput_series.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

ThroughputChart::ThroughputChart(QWidget *parent)
    // The chart goes in through the constructor: setChart() would release (not delete) the
    // default chart QChartView makes for itself, and leak it.
    : QChartView(new QChart, parent)
    , m_line(new QLineSeries)
    , m_time(new QDateTimeAxis)
    , m_rate(new QValueAxis)
{
    QChart *chart = this->chart();
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->addSeries(m_line);
    m_time->setFormat(u"HH:mm:ss"_s);
    m_time->setTickCount(3); // more labels overlap in a half-width chart
    m_rate->setLabelFormat(u"%.0f"_s);
    m_rate->setMin(0);
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_rate, Qt::AlignLeft);
    m_line->attachAxis(m_time);
    m_line->attachAxis(m_rate);
    QPen pen(QColor(0x2f, 0x6f, 0xd0));
    pen.setWidthF(2);
    m_line->setPen(pen);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(160);
    redraw(ThroughputSeries());
}

void ThroughputChart::setTitles(const QString &title, const QString &valueAxis)
{
    chart()->setTitle(title);
    m_rate->setTitleText(valueAxis);
}

int ThroughputChart::pointCount() const
{
    return int(m_line->count());
}

void ThroughputChart::redraw(const ThroughputSeries &series)
{
    QList<QPointF> points;
    points.reserve(series.points().size());
    for (const ThroughputSeries::Point &p : series.points())
        points.append(QPointF(double(p.atMs), p.perMinute));
    m_line->replace(points);

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 first = series.isEmpty() ? now - 60000 : series.points().constFirst().atMs;
    const qint64 last = series.isEmpty() ? now : series.points().constLast().atMs;
    // At least a minute wide, so that the first seconds do not stretch over the whole chart, and
    // grown a whole minute at a time: a new range lays the axis out again, which costs a frame.
    const qint64 minutes = std::max<qint64>(1, (last - first + 59'999) / 60'000);
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(first);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(first + minutes * 60'000);
    if (m_time->min() != from || m_time->max() != to)
        m_time->setRange(from, to);
    // A round number a little above the peak (1, 2 or 5 times a power of ten), set only when it
    // changes: each new range lays the chart out again.
    const double wanted = std::max(10.0, series.peakPerMinute() * 1.1);
    const double power = std::pow(10.0, std::floor(std::log10(wanted)));
    const double step = wanted <= power ? 1 : wanted <= 2 * power ? 2 : wanted <= 5 * power ? 5 : 10;
    const double top = step * power;
    if (m_rate->min() != 0 || m_rate->max() != top) {
        m_rate->setRange(0, top);
        m_rate->setTickCount(step == 5 ? 6 : 5); // ticks on round numbers: 0, 1000, ..., 5000
    }
}
