#include "report_charts.h"

#include "delivery/delivery_report.h"
#include "state_names.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QHorizontalStackedBarSeries>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

void clearChart(QChart *chart)
{
    chart->removeAllSeries();
    const auto axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
    chart->legend()->setVisible(false);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(6, 6, 6, 6));
}

// Dashboard colours: failed red, soft amber.
const QColor HardColor(0xc0, 0x39, 0x2b);
const QColor SoftColor(0xe6, 0x9a, 0x1c);
const QColor LineColor(0x2f, 0x6f, 0xd0);

} // namespace

void ReportCharts::fillThroughput(QChart *chart, const DeliveryReport &report)
{
    clearChart(chart);
    const ThroughputSeries series = report.throughputSeries();
    chart->setTitle(series.isEmpty() ? tr("Throughput: no message handed over yet")
                                     : tr("Throughput (messages per minute, %n-minute steps)", nullptr,
                                          int(report.bucketMs / 60000)));

    auto *line = new QLineSeries;
    // Each point is a bucket's rate at the bucket's end. The series' first point (its start,
    // with no rate yet) is left out: it would draw a ramp up from zero that never happened.
    QList<QPointF> points;
    for (qsizetype i = 1; i < series.points().size(); ++i)
        points.append(QPointF(double(series.points().at(i).atMs), series.points().at(i).perMinute));
    line->append(points);
    line->setPointsVisible(points.size() < 60);
    QPen pen(LineColor);
    pen.setWidthF(2);
    line->setPen(pen);
    chart->addSeries(line);

    auto *time = new QDateTimeAxis;
    const qint64 now = report.generatedAtMs > 0 ? report.generatedAtMs : QDateTime::currentMSecsSinceEpoch();
    const qint64 first = series.isEmpty() ? now - 3600'000 : series.points().constFirst().atMs;
    const qint64 last = series.isEmpty() ? now : series.points().constLast().atMs;
    const qint64 end = std::max(last, first + 60'000);
    time->setFormat(end - first > 24 * 3600'000LL ? u"MM-dd HH:mm"_s : u"HH:mm"_s);
    time->setTickCount(6);
    time->setRange(QDateTime::fromMSecsSinceEpoch(first), QDateTime::fromMSecsSinceEpoch(end));
    auto *rate = new QValueAxis;
    rate->setLabelFormat(u"%.0f"_s);
    rate->setRange(0, std::max(10.0, series.peakPerMinute() * 1.1));
    rate->applyNiceNumbers();
    rate->setTitleText(tr("per minute"));
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(rate, Qt::AlignLeft);
    line->attachAxis(time);
    line->attachAxis(rate);
}

void ReportCharts::fillFailures(QChart *chart, const DeliveryReport &report)
{
    clearChart(chart);
    chart->setTitle(report.reasons.isEmpty() ? tr("Non-deliverables by reason: none")
                                             : tr("Non-deliverables by reason"));
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignBottom);

    auto *hard = new QBarSet(tr("Hard"));
    auto *soft = new QBarSet(tr("Soft"));
    hard->setColor(HardColor);
    soft->setColor(SoftColor);
    QStringList categories;
    qint64 peak = 0;
    // Bars are drawn bottom-up: the most frequent reason goes last, so it shows on top.
    for (auto it = report.reasons.crbegin(); it != report.reasons.crend(); ++it) {
        categories.append(StateNames::failureReason(it->reason));
        hard->append(double(it->hard));
        soft->append(double(it->soft));
        peak = std::max(peak, it->total());
    }
    if (categories.isEmpty()) {
        categories.append(QString());
        hard->append(0);
        soft->append(0);
    }
    auto *bars = new QHorizontalStackedBarSeries;
    bars->append(hard);
    bars->append(soft);
    chart->addSeries(bars);
    auto *reasons = new QBarCategoryAxis;
    reasons->setCategories(categories);
    reasons->setTruncateLabels(false);
    auto *count = new QValueAxis;
    count->setLabelFormat(u"%.0f"_s);
    count->setRange(0, std::max<double>(4, double(peak) * 1.1));
    count->applyNiceNumbers();
    chart->addAxis(reasons, Qt::AlignLeft);
    chart->addAxis(count, Qt::AlignBottom);
    bars->attachAxis(reasons);
    bars->attachAxis(count);
}

void ReportCharts::render(QChart *chart, QPainter &painter, const QRectF &target, const QSizeF &logicalSize)
{
    // A scene of its own, so the chart's size on screen (or its absence) does not matter. The
    // chart goes back to where it was afterwards.
    QGraphicsScene *previous = chart->scene();
    const QRectF previousGeometry = chart->geometry();
    if (previous)
        previous->removeItem(chart);
    QGraphicsScene scene;
    scene.addItem(chart);
    const QRectF source(QPointF(0, 0), logicalSize);
    chart->setGeometry(source);
    if (chart->layout())
        chart->layout()->activate();
    scene.setSceneRect(source);
    scene.render(&painter, target, source, Qt::IgnoreAspectRatio);
    scene.removeItem(chart);
    chart->setGeometry(previousGeometry);
    if (previous)
        previous->addItem(chart);
}

void ReportCharts::paint(const DeliveryReport &report, QPainter &painter, const QRectF &target,
                         const QSizeF &chartLogicalSize)
{
    QChart throughput;
    fillThroughput(&throughput, report);
    QChart failures;
    fillFailures(&failures, report);
    const qreal half = target.height() / 2;
    render(&throughput, painter, QRectF(target.left(), target.top(), target.width(), half), chartLogicalSize);
    render(&failures, painter, QRectF(target.left(), target.top() + half, target.width(), half), chartLogicalSize);
}

QImage ReportCharts::image(const DeliveryReport &report, const QSize &chartSize)
{
    QImage image(chartSize.width(), chartSize.height() * 2, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    paint(report, painter, QRectF(image.rect()), QSizeF(chartSize));
    painter.end();
    return image;
}
