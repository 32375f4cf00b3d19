#pragma once

#include <QCoreApplication>
#include <QImage>
#include <QRectF>
#include <QSize>

struct DeliveryReport;
class QChart;
class QPainter;

// The report's two charts, kept apart from the view so the screen, the PNG and the PDF draw
// them the same way: throughput over time (messages per minute, the report's buckets) and
// the non-deliverables by reason (hard and soft stacked).
class ReportCharts final
{
    Q_DECLARE_TR_FUNCTIONS(ReportCharts)

public:
    // Replaces the chart's series and axes with the report's.
    static void fillThroughput(QChart *chart, const DeliveryReport &report);
    static void fillFailures(QChart *chart, const DeliveryReport &report);

    // Lays the chart out at logicalSize and draws it scaled into target: vector on a PDF,
    // pixels on an image, whether or not any view shows it.
    static void render(QChart *chart, QPainter &painter, const QRectF &target, const QSizeF &logicalSize);

    // Both charts of the report, one above the other, on white.
    static QImage image(const DeliveryReport &report, const QSize &chartSize = QSize(1200, 520));
    // Paints both charts, one above the other, into target.
    static void paint(const DeliveryReport &report, QPainter &painter, const QRectF &target,
                      const QSizeF &chartLogicalSize);
};
