#include "kpi_tile.h"

#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

KpiTile::KpiTile(QWidget *parent)
    : QFrame(parent)
    , m_value(new QLabel(this))
    , m_caption(new QLabel(this))
    , m_detail(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);

    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.8);
    valueFont.setBold(true);
    m_value->setFont(valueFont);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    QFont detailFont = m_detail->font();
    detailFont.setPointSizeF(detailFont.pointSizeF() * 0.85);
    m_detail->setFont(detailFont);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    m_detail->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    layout->addWidget(m_value);
    layout->addWidget(m_caption);
    layout->addWidget(m_detail);
}

void KpiTile::setDetail(const QString &detail)
{
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
}

QString KpiTile::detail() const
{
    return m_detail->text();
}

void KpiTile::setCaption(const QString &caption)
{
    m_caption->setText(caption);
}

void KpiTile::setValue(const QString &value)
{
    m_value->setText(value);
}

QString KpiTile::caption() const
{
    return m_caption->text();
}

QString KpiTile::value() const
{
    return m_value->text();
}

void KpiTile::setWarning(bool warning)
{
    if (warning == m_warning)
        return;
    m_warning = warning;
    // Colour and bold text both, so the warning does not rest on colour alone.
    m_value->setStyleSheet(warning ? u"color: #b3261e"_s : QString());
    setStyleSheet(warning ? u"KpiTile { background: #fdecea; border: 1px solid #b3261e; }"_s : QString());
}
