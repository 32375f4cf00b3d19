#include "rule_table_page.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

RuleTablePage::RuleTablePage(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{}

RuleTablePage::~RuleTablePage()
{
    // Child widgets still signal while QWidget's destructor deletes them, when this page is no
    // longer one: cut them off first.
    for (QObject *child : findChildren<QObject *>())
        disconnect(child, nullptr, this, nullptr);
}

void RuleTablePage::setUpPage(QLabel *intro, QTableWidget *table, const ButtonNames &names, const QString &statusName,
                              QLayout *extra)
{
    m_table = table;
    auto button = [this](const QString &text, const QString &name) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        return b;
    };
    m_add = button(tr("&Add"), names.add);
    m_remove = button(tr("&Remove"), names.remove);
    m_up = button(tr("Move &up"), names.up);
    m_down = button(tr("Move do&wn"), names.down);
    m_defaults = button(tr("Restore &defaults…"), names.defaults);
    m_revert = button(tr("Re&vert"), names.revert);
    m_save = button(tr("&Save"), names.save);
    auto *buttons = new QVBoxLayout;
    for (QPushButton *b : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch(1);
    for (QPushButton *b : {m_defaults, m_revert, m_save})
        buttons->addWidget(b);
    auto *tableRow = new QHBoxLayout;
    tableRow->addWidget(m_table, 1);
    tableRow->addLayout(buttons);

    m_status = new QLabel(this);
    m_status->setObjectName(statusName);
    m_status->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(tableRow, 1);
    if (extra)
        layout->addLayout(extra);
    layout->addWidget(m_status);

    connect(m_add, &QPushButton::clicked, this, [this] { addRule(); });
    connect(m_remove, &QPushButton::clicked, this, &RuleTablePage::removeRule);
    connect(m_up, &QPushButton::clicked, this, [this] { moveRule(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveRule(1); });
    connect(m_defaults, &QPushButton::clicked, this, [this] { restoreDefaults(); });
    connect(m_revert, &QPushButton::clicked, this, [this] { reload(); });
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    connect(m_table, &QTableWidget::itemChanged, this, &RuleTablePage::onChanged);
    connect(m_table, &QTableWidget::currentCellChanged, this, &RuleTablePage::onChanged);
}

void RuleTablePage::setStatus(const QString &text, bool error)
{
    m_status->setStyleSheet(error ? u"color: #b00020;"_s : QString());
    m_status->setText(text);
}

void RuleTablePage::onChanged()
{
    if (m_filling)
        return;
    const int row = m_table->currentRow();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row < m_table->rowCount() - 1);
    const bool dirty = hasUnsavedChanges();
    m_save->setEnabled(dirty);
    m_revert->setEnabled(dirty);
    if (dirty)
        setStatus(tr("Unsaved changes."), false);
    else if (m_status->text() == tr("Unsaved changes.") || m_status->text() == tr("Loading the rules…"))
        setStatus(QString(), false);
    changed();
}

void RuleTablePage::removeRule()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    removeDraft(row);
    if (m_table->rowCount() > 0)
        m_table->selectRow(qMin(row, m_table->rowCount() - 1));
}

void RuleTablePage::moveRule(int delta)
{
    const int row = m_table->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_table->rowCount())
        return;
    swapDrafts(row, to);
    m_table->selectRow(to);
}

QComboBox *RuleTablePage::nameCombo(const QList<std::pair<QString, QString>> &choices, const QString &current,
                                    QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setFrame(false);
    for (const auto &[name, label] : choices)
        combo->addItem(label, name);
    int index = combo->findData(current);
    if (index < 0) {
        combo->addItem(current, current);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
    return combo;
}

QString RuleTablePage::comboValue(const QTableWidget *table, int row, int column)
{
    const auto *combo = qobject_cast<const QComboBox *>(table->cellWidget(row, column));
    return combo ? combo->currentData().toString() : QString();
}

void RuleTablePage::confirmRestore(const QString &title, const QString &question, const std::function<void()> &restore)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, question,
                                QMessageBox::RestoreDefaults | QMessageBox::Cancel, this);
    box->setObjectName(u"restoreDefaultsConfirmation"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [box, restore](int) {
        if (box->standardButton(box->clickedButton()) == QMessageBox::RestoreDefaults)
            restore();
    });
    box->open();
}
