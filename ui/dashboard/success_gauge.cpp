#include "success_gauge.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

SuccessGauge::SuccessGauge(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void SuccessGauge::setValue(double percent)
{
    const double v = std::clamp(percent, 0.0, 100.0);
    if (qFuzzyCompare(v + 1.0, m_value + 1.0))
        return;
    m_value = v;
    update();
}

void SuccessGauge::setCaption(const QString &caption)
{
    m_caption = caption;
    update();
}

QString SuccessGauge::text() const
{
    return tr("%1%").arg(QLocale().toString(m_value, 'f', 1));
}

QSize SuccessGauge::sizeHint() const
{
    return {150, 130};
}

QSize SuccessGauge::minimumSizeHint() const
{
    return {110, 100};
}

void SuccessGauge::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const int side = std::min(width(), height()) - 12;
    const int thickness = std::max(8, side / 9);
    const QRectF arc((width() - side) / 2.0 + thickness / 2.0, 6 + thickness / 2.0, side - thickness, side - thickness);

    // Qt angles: 1/16 degree, counter-clockwise from 3 o'clock. The gap is at the bottom.
    constexpr int start = 225 * 16;
    constexpr int span = -270 * 16;
    QPen track(palette().color(QPalette::Midlight), thickness, Qt::SolidLine, Qt::RoundCap);
    p.setPen(track);
    p.drawArc(arc, start, span);

    // Red below 80 %, amber below 95 %, green above: the usual reading of a delivery's success.
    const QColor fill = m_value >= 95.0   ? QColor(0x2e, 0x9d, 0x5b)
                        : m_value >= 80.0 ? QColor(0xe0, 0x9b, 0x21)
                                          : QColor(0xd6, 0x45, 0x45);
    if (m_value > 0) {
        QPen value(fill, thickness, Qt::SolidLine, Qt::RoundCap);
        p.setPen(value);
        p.drawArc(arc, start, int(span * m_value / 100.0));
    }

    QFont figure = font();
    figure.setBold(true);
    figure.setPointSizeF(std::max(9.0, side / 7.5));
    p.setFont(figure);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(arc, Qt::AlignCenter, text());

    QFont small = font();
    p.setFont(small);
    p.setPen(palette().color(QPalette::PlaceholderText));
    const QRectF captionRect(0, arc.bottom() - fontMetrics().height() / 2.0, width(), fontMetrics().height() * 1.5);
    p.drawText(captionRect, Qt::AlignHCenter | Qt::AlignTop, m_caption);
}
