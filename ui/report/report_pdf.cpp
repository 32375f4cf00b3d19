#include "report_pdf.h"

#include "delivery/delivery_report.h"
#include "report_charts.h"
#include "state_names.h"

#include <QChart>
#include <QDir>
#include <QFile>
#include <QFontMetricsF>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

using namespace Qt::StringLiterals;

namespace {

// Draws text lines and simple tables top to bottom, starting a page when one is full.
class PageCursor final
{
public:
    PageCursor(QPainter &painter, const QRectF &page, const std::function<void()> &newPage)
        : m_painter(painter)
        , m_page(page)
        , m_newPage(newPage)
    {
        m_y = m_page.top();
    }

    qreal width() const { return m_page.width(); }

    void heading(const QString &text, int pointSize)
    {
        QFont font = m_painter.font();
        font.setPointSize(pointSize);
        font.setBold(true);
        row({text}, {1.0}, font, true);
        m_y += lineHeight(font) * 0.3;
    }

    void row(const QStringList &cells, const QList<qreal> &widths, const QFont &font, bool left = false)
    {
        const qreal h = lineHeight(font);
        ensure(h);
        m_painter.setFont(font);
        qreal x = m_page.left();
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const qreal w = widths.value(i) * m_page.width();
            const QRectF cell(x, m_y, w - 8, h);
            const bool number = !left && i > 0;
            const QString text = QFontMetricsF(font).elidedText(cells.at(i), Qt::ElideRight, cell.width());
            m_painter.drawText(cell, Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft), text);
            x += w;
        }
        m_y += h;
    }

    void rule() { m_painter.drawLine(QPointF(m_page.left(), m_y), QPointF(m_page.right(), m_y)); }

    void space(qreal h) { m_y += h; }

    QRectF take(qreal h)
    {
        ensure(h);
        const QRectF r(m_page.left(), m_y, m_page.width(), h);
        m_y += h;
        return r;
    }

    void newPage()
    {
        m_newPage();
        m_y = m_page.top();
    }

    qreal remaining() const { return m_page.bottom() - m_y; }

private:
    qreal lineHeight(const QFont &font) const { return QFontMetricsF(font, m_painter.device()).height() * 1.35; }

    void ensure(qreal h)
    {
        if (m_y + h > m_page.bottom() && m_y > m_page.top())
            newPage();
    }

    QPainter &m_painter;
    QRectF m_page;
    std::function<void()> m_newPage;
    qreal m_y = 0;
};

} // namespace

bool ReportPdf::write(const QString &path, const DeliveryReport &report, const QString &title, const Rows &summary,
                      QString *error)
{
    {
        // QPdfWriter says nothing when it cannot write: check first, to name the problem.
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly)) {
            if (error)
                *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), probe.errorString());
            return false;
        }
    }
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setResolution(96);
    writer.setTitle(title);
    writer.setCreator(u"Sendscope"_s);
    QPainter painter;
    if (!painter.begin(&writer)) {
        if (error)
            *error = tr("Cannot write %1.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    paint(
        painter, painter.viewport(), [&writer] { writer.newPage(); }, report, title, summary);
    if (!painter.end()) {
        if (error)
            *error = tr("Cannot write %1.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return true;
}

void ReportPdf::paint(QPainter &painter, const QRectF &pageRect, const std::function<void()> &newPage,
                      const DeliveryReport &report, const QString &title, const Rows &summary)
{
    painter.setRenderHint(QPainter::Antialiasing);
    PageCursor page(painter, pageRect, newPage);
    QFont body = painter.font();
    body.setPointSize(9);
    QFont bold = body;
    bold.setBold(true);
    const QLocale locale;

    page.heading(title, 15);
    for (const auto &[label, value] : summary)
        page.row({label, value}, {0.35, 0.65}, body, true);

    page.space(12);
    const QSizeF chartSize(760, 360); // logical size: the fonts scale with it
    const qreal chartHeight = page.width() * chartSize.height() / chartSize.width();
    for (int which = 0; which < 2; ++which) {
        QChart chart;
        if (which == 0)
            ReportCharts::fillThroughput(&chart, report);
        else
            ReportCharts::fillFailures(&chart, report);
        ReportCharts::render(&chart, painter, page.take(chartHeight), chartSize);
        page.space(8);
    }

    page.space(8);
    page.heading(tr("Non-deliverables by reason"), 12);
    const QList<qreal> reasonWidths{0.49, 0.17, 0.17, 0.17};
    page.row({tr("Reason"), tr("Hard"), tr("Soft"), tr("Total")}, reasonWidths, bold);
    page.rule();
    for (const auto &r : report.reasons)
        page.row({StateNames::failureReason(r.reason), locale.toString(r.hard), locale.toString(r.soft),
                  locale.toString(r.total())},
                 reasonWidths, body);
    if (report.reasons.isEmpty())
        page.row({tr("None")}, {1.0}, body, true);

    page.space(16);
    page.heading(tr("Non-deliverables by domain"), 12);
    const QList<qreal> domainWidths{0.40, 0.15, 0.15, 0.15, 0.15};
    page.row({tr("Domain"), tr("To deliver"), tr("Sent"), tr("Hard"), tr("Soft")}, domainWidths, bold);
    page.rule();
    for (const auto &d : report.domains)
        page.row({d.domain, locale.toString(d.toDeliver), locale.toString(d.sent), locale.toString(d.hard),
                  locale.toString(d.soft)},
                 domainWidths, body);
    if (report.domains.isEmpty())
        page.row({tr("None")}, {1.0}, body, true);
    if (report.moreDomains)
        page.row({tr("Only the %n domain(s) with the most failures are listed; the CSV export has them all.", nullptr,
                     int(report.domains.size()))},
                 {1.0}, body, true);
}
