#include "sandbox_dialog.h"

#include "sandbox_banner.h"
#include "workspace/workspace.h"
#include "workspace_answer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

QString outcomeText(SandboxConfig::Outcome outcome)
{
    switch (outcome) {
    case SandboxConfig::Outcome::Accept:
        return SandboxDialog::tr("Accept (250)");
    case SandboxConfig::Outcome::HardBounce:
        return SandboxDialog::tr("Hard bounce (550 5.1.1 user unknown)");
    case SandboxConfig::Outcome::SoftBounce:
        return SandboxDialog::tr("Soft bounce (452 4.2.2 mailbox full)");
    case SandboxConfig::Outcome::Throttle:
        return SandboxDialog::tr("Throttle (421 4.7.0 try again later, connection closed)");
    }
    return {};
}

void fillOutcomes(QComboBox *combo, SandboxConfig::Outcome selected)
{
    for (SandboxConfig::Outcome o : SandboxConfig::allOutcomes()) {
        combo->addItem(outcomeText(o), int(o));
        if (o == selected)
            combo->setCurrentIndex(combo->count() - 1);
    }
}

SandboxConfig::Outcome outcomeOf(const QComboBox *combo)
{
    return SandboxConfig::Outcome(combo->currentData().toInt());
}

} // namespace

SandboxDialog::SandboxDialog(Workspace &workspace, const QString &routeName, QWidget *parent)
    : QDialog(parent)
    , m_routeName(routeName)
    , m_workspace(workspace)
    , m_status(new QLabel(this))
    , m_table(new QTableWidget(0, 2, this))
    , m_add(new QPushButton(tr("&Add domain"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_default(new QComboBox(this))
    , m_latency(new QSpinBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"sandboxDialog"_s);
    setWindowTitle(tr("Sandbox settings: %1").arg(routeName));
    auto *help = new QLabel(tr("The sandbox answers each recipient with the outcome of its domain (or of its "
                               "closest listed parent domain). The sample delivery uses example.com, "
                               "bounce.example, mailbox-full.example and throttled.example."),
                            this);
    help->setWordWrap(true);
    m_table->setObjectName(u"outcomeTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Recipient domain"), tr("Outcome")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_add->setObjectName(u"addDomain"_s);
    m_remove->setObjectName(u"removeDomain"_s);
    m_default->setObjectName(u"defaultOutcome"_s);
    fillOutcomes(m_default, SandboxConfig::Outcome::Accept);
    m_latency->setObjectName(u"latency"_s);
    m_latency->setRange(0, SandboxConfig::MaxLatencyMs);
    m_latency->setSingleStep(10);
    m_latency->setSuffix(tr(" ms"));
    m_status->setObjectName(u"status"_s);
    m_status->setWordWrap(true);

    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(m_add);
    rowButtons->addWidget(m_remove);
    rowButtons->addStretch();
    auto *form = new QFormLayout;
    form->addRow(tr("Every other domain:"), m_default);
    form->addRow(tr("Latency per message:"), m_latency);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new SandboxBanner(this));
    layout->addWidget(help);
    layout->addWidget(m_table, 1);
    layout->addLayout(rowButtons);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(620, 460);

    connect(m_add, &QPushButton::clicked, this, [this] {
        addRow({}, SandboxConfig::Outcome::Accept);
        if (auto *edit = qobject_cast<QLineEdit *>(m_table->cellWidget(m_table->rowCount() - 1, 0)))
            edit->setFocus();
    });
    connect(m_remove, &QPushButton::clicked, this, &SandboxDialog::removeSelectedRows);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SandboxDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    setBusy(true);
    m_status->setText(tr("Reading the sandbox route…"));
    auto show = [this](const SandboxConfig &config, const QString &error) {
        setConfig(config);
        setBusy(false);
        if (!error.isEmpty())
            showError(tr("The sandbox route could not be read (%1); the default table is shown.").arg(error));
        Q_EMIT loaded();
    };
    // Asked once the constructor has returned: an answer that is ready at once would otherwise
    // emit loaded() before anyone could connect to the dialog.
    QMetaObject::invokeMethod(
        this,
        [this, show] {
            whenAnswered(
                m_workspace.sandboxRoute(m_routeName), this,
                [show](const WorkspaceResult<SandboxConfig> &r) {
                    show(r.value.value_or(SandboxConfig::defaults()), r.ok() ? QString() : r.error);
                },
                [show](const QString &error) { show(SandboxConfig::defaults(), error); });
        },
        Qt::QueuedConnection);
}

int SandboxDialog::rowCount() const
{
    return m_table->rowCount();
}

void SandboxDialog::addRow(const QString &domain, SandboxConfig::Outcome outcome)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *edit = new QLineEdit(domain, m_table);
    edit->setObjectName(u"domainEdit"_s);
    edit->setPlaceholderText(tr("e.g. bounce.example"));
    auto *combo = new QComboBox(m_table);
    combo->setObjectName(u"outcomeCombo"_s);
    fillOutcomes(combo, outcome);
    m_table->setCellWidget(row, 0, edit);
    m_table->setCellWidget(row, 1, combo);
}

void SandboxDialog::removeSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(index.row());
    if (rows.isEmpty() && m_table->currentRow() >= 0)
        rows.append(m_table->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : std::as_const(rows))
        m_table->removeRow(row);
}

void SandboxDialog::setConfig(const SandboxConfig &config)
{
    m_table->setRowCount(0);
    for (auto it = config.outcomes.begin(); it != config.outcomes.end(); ++it)
        addRow(it.key(), it.value());
    m_default->setCurrentIndex(m_default->findData(int(config.defaultOutcome)));
    m_latency->setValue(config.latencyMs);
    m_keepLast = config.keepLast;
}

bool SandboxDialog::readConfig(SandboxConfig *config, QString *error) const
{
    SandboxConfig c;
    QSet<QString> seen;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto *edit = qobject_cast<QLineEdit *>(m_table->cellWidget(row, 0));
        const auto *combo = qobject_cast<QComboBox *>(m_table->cellWidget(row, 1));
        const QString domain = edit->text().trimmed().toLower();
        if (domain.isEmpty()) {
            *error = tr("Row %1: enter a domain, or remove the row.").arg(row + 1);
            return false;
        }
        QStringList errors;
        SandboxConfig::fromJson(QJsonObject{{u"outcomes"_s, QJsonObject{{domain, u"accept"_s}}}}, &errors);
        if (!errors.isEmpty()) {
            *error = tr("Row %1: “%2” is not a domain name.").arg(row + 1).arg(edit->text());
            return false;
        }
        if (seen.contains(domain)) {
            *error = tr("Row %1: %2 is listed twice.").arg(row + 1).arg(domain);
            return false;
        }
        seen.insert(domain);
        c.outcomes.insert(domain, outcomeOf(combo));
    }
    c.defaultOutcome = outcomeOf(m_default);
    c.latencyMs = m_latency->value();
    c.keepLast = m_keepLast;
    *config = c;
    return true;
}

void SandboxDialog::save()
{
    SandboxConfig config;
    QString error;
    if (!readConfig(&config, &error)) {
        showError(error);
        return;
    }
    setBusy(true);
    m_status->setText(tr("Saving…"));
    auto done = [this](bool ok, const QString &error) {
        setBusy(false);
        if (!ok) {
            showError(tr("Not saved: %1").arg(error));
            return;
        }
        Q_EMIT saved(m_routeName);
        accept();
    };
    whenAnswered(
        m_workspace.saveSandboxRoute(m_routeName, config), this,
        [done](const WorkspaceResult<bool> &r) { done(r.ok(), r.error); },
        [done](const QString &error) { done(false, error); });
}

void SandboxDialog::setBusy(bool busy)
{
    m_table->setEnabled(!busy);
    m_add->setEnabled(!busy);
    m_remove->setEnabled(!busy);
    m_default->setEnabled(!busy);
    m_latency->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!busy);
    if (!busy)
        m_status->clear();
}

void SandboxDialog::showError(const QString &message)
{
    m_status->setStyleSheet(u"color: #b00020"_s);
    m_status->setText(message);
}
