#include "sandbox_banner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

using namespace Qt::StringLiterals;

SandboxBanner::SandboxBanner(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
{
    setObjectName(u"sandboxBanner"_s);
    setFrameShape(QFrame::StyledPanel);
    // Striking in light and dark themes alike: dark text on amber.
    setStyleSheet(u"#sandboxBanner { background: #ffd54f; border: 1px solid #c79a00; border-radius: 4px; }"
                  "#sandboxBanner QLabel { color: #3e2c00; }"_s);
    m_title->setObjectName(u"sandboxBannerTitle"_s);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text->setObjectName(u"sandboxBannerText"_s);
    m_text->setWordWrap(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    retranslate();
}

QString SandboxBanner::text() const
{
    return m_title->text() + u' ' + m_text->text();
}

QString SandboxBanner::tag()
{
    return tr("[Sandbox]");
}

QString SandboxBanner::tagged(const QString &name)
{
    return tr("[Sandbox] %1").arg(name);
}

void SandboxBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

void SandboxBanner::retranslate()
{
    m_title->setText(tag());
    m_text->setText(tr("Sandbox route: messages go to a local test sink on this computer and never reach anyone."));
    setToolTip(tr("The sandbox answers each recipient domain with the outcome chosen in Sandbox settings "
                  "(accept, hard bounce, soft bounce or throttle). Nothing is delivered."));
}
