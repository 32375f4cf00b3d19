#include "settings_dialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Settings"));
    setObjectName(u"settingsDialog"_s);
    m_pages = new QListWidget;
    m_pages->setObjectName(u"settingsPages"_s);
    m_pages->setMaximumWidth(200);
    m_stack = new QStackedWidget;
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_pages, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    auto *body = new QHBoxLayout;
    body->addWidget(m_pages);
    body->addWidget(m_stack, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(buttons);
    resize(1180, 700); // the rule tables have up to nine columns
}

int SettingsDialog::addPage(const QString &title, QWidget *page)
{
    const int index = m_stack->addWidget(page);
    m_pages->addItem(title);
    if (index == 0)
        m_pages->setCurrentRow(0);
    return index;
}

bool SettingsDialog::showPage(const QString &title)
{
    for (int i = 0; i < m_pages->count(); ++i) {
        if (m_pages->item(i)->text() == title) {
            m_pages->setCurrentRow(i);
            return true;
        }
    }
    return false;
}

int SettingsDialog::pageCount() const
{
    return m_stack->count();
}

QWidget *SettingsDialog::page(int index) const
{
    return m_stack->widget(index);
}
