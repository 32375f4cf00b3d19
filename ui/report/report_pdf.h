#pragma once

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QRectF>
#include <QString>
#include <functional>

struct DeliveryReport;
class QPainter;

// Writes a delivery report as a PDF (QPdfWriter, A4): the summary, the charts and the two
// non-deliverables tables, paginated. The summary comes as already formatted label/value
// pairs, so the PDF says exactly what the view shows. Runs on the GUI thread (the charts are
// graphics items); the report it draws is already in memory.
class ReportPdf final
{
    Q_DECLARE_TR_FUNCTIONS(ReportPdf)

public:
    using Rows = QList<QPair<QString, QString>>;

    // False with *error set when the file cannot be written.
    static bool write(const QString &path, const DeliveryReport &report, const QString &title, const Rows &summary,
                      QString *error);

    // Paints the report page after page into pageRect (device coordinates); newPage() must
    // give the painter a fresh page. write() uses it on a QPdfWriter; it works on any device.
    static void paint(QPainter &painter, const QRectF &pageRect, const std::function<void()> &newPage,
                      const DeliveryReport &report, const QString &title, const Rows &summary);
};
