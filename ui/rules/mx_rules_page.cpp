#include "mx_rules_page.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

enum Column {
    PositionColumn,
    PatternColumn,
    ConnectionsColumn,
    PerConnectionColumn,
    PerHourColumn,
    ConnectTimeoutColumn,
    CommandTimeoutColumn,
    DataTimeoutColumn,
    TlsColumn,
    CutToColumn,
    CoolDownColumn,
    RestoreStepColumn,
    ColumnCount
};

// The text columns, in the order of MxRuleDraft's number fields.
constexpr QString MxRuleDraft::*numberFields[] = {&MxRuleDraft::maxConnections,  &MxRuleDraft::maxMessagesPerConnection,
                                                  &MxRuleDraft::messagesPerHour, &MxRuleDraft::connectTimeoutS,
                                                  &MxRuleDraft::commandTimeoutS, &MxRuleDraft::dataTimeoutS};
// The adaptive throttle's columns, after TLS.
constexpr QString MxRuleDraft::*throttleFields[] = {&MxRuleDraft::throttleCutToPct, &MxRuleDraft::coolDownS,
                                                    &MxRuleDraft::restoreStepPct};

int columnOf(MxRules::Field field)
{
    return PatternColumn + int(field); // Field follows the columns' order
}

} // namespace

MxRulesPage::MxRulesPage(Workspace &workspace, QWidget *parent)
    : RuleTablePage(workspace, parent)
{
    setObjectName(u"mxRulesPage"_s);
    auto *intro = new QLabel(tr("The first rule whose pattern matches the host a message goes to (the MX host, or "
                                "the relay's) limits that destination, on top of the route's own limits: the "
                                "stricter wins, and 0 means the route's. Messages per hour are spread over "
                                "5-minute slices. A reply that signals throttling (421, 4.7.x, \"try again "
                                "later\") cuts a destination's rate and connections (to 50 %) for a cool-down "
                                "(300 s), then they come back by a step (25 points) every cool-down; a rule can "
                                "set its own, 0 meaning these. The cut is kept, so the next send starts there."),
                             this);
    intro->setWordWrap(true);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(u"mxRulesTable"_s);
    m_table->setHorizontalHeaderLabels(
        {tr("#"), tr("Host pattern"), tr("Max connections"), tr("Messages per connection"), tr("Messages per hour"),
         tr("Connect timeout (s)"), tr("Command timeout (s)"), tr("Data timeout (s)"), tr("TLS"),
         tr("Throttled: cut to (%)"), tr("Cool-down (s)"), tr("Restore step (%)")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);

    setUpPage(intro, m_table,
              {u"addMxRuleButton"_s, u"removeMxRuleButton"_s, u"moveMxRuleUpButton"_s, u"moveMxRuleDownButton"_s,
               u"restoreMxDefaultsButton"_s, u"revertMxRulesButton"_s, u"saveMxRulesButton"_s},
              u"mxRulesStatus"_s);

    // Asked once the constructor has returned: an answer that is ready at once would otherwise
    // be shown (and signalled) before anyone could connect to the page.
    QMetaObject::invokeMethod(this, &MxRulesPage::reload, Qt::QueuedConnection);
}

void MxRulesPage::reload()
{
    setStatus(tr("Loading the rules…"), false);
    showAnswer<MxRuleDraft>(m_workspace.mxRules(), [this](const QList<MxRuleDraft> &drafts) { showStored(drafts); });
}

void MxRulesPage::setRow(int row, const MxRuleDraft &d)
{
    auto *position = new QTableWidgetItem(QString::number(row + 1));
    position->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    position->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(row, PositionColumn, position);
    m_table->setItem(row, PatternColumn, new QTableWidgetItem(d.pattern));
    for (int i = 0; i < int(std::size(numberFields)); ++i) {
        auto *item = new QTableWidgetItem(d.*numberFields[i]);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, ConnectionsColumn + i, item);
    }
    for (int i = 0; i < int(std::size(throttleFields)); ++i) {
        auto *item = new QTableWidgetItem(d.*throttleFields[i]);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, CutToColumn + i, item);
    }
    auto *tls = new QComboBox(m_table);
    tls->setFrame(false);
    tls->addItem(tr("The route's"), QString());
    tls->addItem(tr("STARTTLS when offered"), u"starttls"_s);
    tls->addItem(tr("STARTTLS required"), u"starttls-required"_s);
    int index = tls->findData(d.tls);
    if (index < 0) { // a stored value the page does not know is kept, so the check names it
        tls->addItem(d.tls, d.tls);
        index = tls->count() - 1;
    }
    tls->setCurrentIndex(index);
    connect(tls, &QComboBox::currentIndexChanged, this, &MxRulesPage::onChanged);
    m_table->setCellWidget(row, TlsColumn, tls);
}

void MxRulesPage::fillTable(const QList<MxRuleDraft> &drafts)
{
    m_filling = true;
    const int current = m_table->currentRow();
    m_table->setRowCount(0);
    m_table->setRowCount(int(drafts.size()));
    for (int row = 0; row < drafts.size(); ++row)
        setRow(row, drafts.at(row));
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(PatternColumn, QHeaderView::Stretch);
    if (current >= 0 && current < m_table->rowCount())
        m_table->selectRow(current);
    m_filling = false;
    onChanged();
}

QList<MxRuleDraft> MxRulesPage::drafts() const
{
    QList<MxRuleDraft> all;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        auto text = [&](int column) {
            const QTableWidgetItem *item = m_table->item(row, column);
            return item ? item->text() : QString();
        };
        MxRuleDraft d;
        d.pattern = text(PatternColumn);
        for (int i = 0; i < int(std::size(numberFields)); ++i)
            d.*numberFields[i] = text(ConnectionsColumn + i);
        for (int i = 0; i < int(std::size(throttleFields)); ++i)
            d.*throttleFields[i] = text(CutToColumn + i);
        const auto *tls = qobject_cast<const QComboBox *>(m_table->cellWidget(row, TlsColumn));
        d.tls = tls ? tls->currentData().toString() : QString();
        all.append(d);
    }
    return all;
}

bool MxRulesPage::hasUnsavedChanges() const
{
    return drafts() != m_saved;
}

void MxRulesPage::addRule()
{
    QList<MxRuleDraft> all = drafts();
    const int at = m_table->currentRow() < 0 ? 0 : m_table->currentRow();
    // Above the selection: a new, more specific rule usually goes before "*".
    MxRuleDraft fresh{u"*.example.com"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s,
                      QString(),          u"0"_s, u"0"_s, u"0"_s};
    all.insert(at, fresh);
    fillTable(all);
    m_table->setCurrentCell(at, PatternColumn);
    m_table->editItem(m_table->item(at, PatternColumn));
}

void MxRulesPage::removeDraft(int row)
{
    QList<MxRuleDraft> all = drafts();
    all.removeAt(row);
    fillTable(all);
}

void MxRulesPage::swapDrafts(int a, int b)
{
    QList<MxRuleDraft> all = drafts();
    all.swapItemsAt(a, b);
    fillTable(all);
}

QString MxRulesPage::problemText(const MxRules::Problem &p) const
{
    const QTableWidgetItem *header = m_table->horizontalHeaderItem(columnOf(p.field));
    const QString field = header ? header->text() : MxRules::fieldName(p.field);
    QString message;
    switch (p.issue) {
    case MxRules::Issue::Empty:
        message = tr("a host pattern is required (\"*\" matches every host)");
        break;
    case MxRules::Issue::BadPattern:
        message = tr("'%1' is not a host name pattern (letters, digits, '.', '-', '*' and '?')").arg(p.value);
        break;
    case MxRules::Issue::NotANumber:
        message = tr("'%1' is not a whole number").arg(p.value);
        break;
    case MxRules::Issue::OutOfRange:
        message = tr("'%1' is not from %2 to %3").arg(p.value).arg(p.minimum).arg(p.maximum);
        break;
    case MxRules::Issue::BadTls:
        message = tr("'%1' is not a TLS choice").arg(p.value);
        break;
    }
    return tr("Rule %1, %2: %3").arg(p.row).arg(field, message);
}

void MxRulesPage::save()
{
    MxRules::Problem problem;
    const QList<MxRuleDraft> all = drafts();
    if (!MxRules::parse(all, &problem)) {
        m_table->setCurrentCell(problem.row - 1, columnOf(problem.field)); // before the message
        setStatus(tr("Not saved. %1").arg(problemText(problem)), true);
        return;
    }
    setEnabled(false); // until the saved table is read back
    setStatus(tr("Saving…"), false);
    showAnswer<MxRuleDraft>(
        m_workspace.saveMxRules(all), [this](const QList<MxRuleDraft> &drafts) { showStored(drafts); },
        [this] { onSaved(); });
}

void MxRulesPage::restoreDefaults()
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Restore the default MX rules"),
                                tr("Replace every MX rule with the built-in defaults? Your own rules are lost."),
                                QMessageBox::RestoreDefaults | QMessageBox::Cancel, this);
    box->setObjectName(u"restoreMxDefaultsConfirmation"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box](int) {
        if (box->standardButton(box->clickedButton()) != QMessageBox::RestoreDefaults)
            return;
        setEnabled(false);
        setStatus(tr("Restoring the defaults…"), false);
        showAnswer<MxRuleDraft>(
            m_workspace.restoreMxRules(), [this](const QList<MxRuleDraft> &drafts) { showStored(drafts); },
            [this] { onSaved(); });
    });
    box->open();
}

void MxRulesPage::showStored(const QList<MxRuleDraft> &drafts)
{
    m_saved = drafts;
    fillTable(drafts);
}

void MxRulesPage::onSaved()
{
    setStatus(tr("Saved. Deliveries started from now on use these rules."), false);
    Q_EMIT saved();
}
