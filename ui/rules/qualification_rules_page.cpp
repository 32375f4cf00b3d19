#include "qualification_rules_page.h"

#include "state_names.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

enum Column {
    PositionColumn,
    CodeColumn,
    PatternColumn,
    ClassColumn,
    TypeColumn,
    ReasonColumn,
    EnabledColumn,
    ColumnCount
};

} // namespace

QualificationRulesPage::QualificationRulesPage(Workspace &workspace, QWidget *parent)
    : RuleTablePage(workspace, parent)
{
    setObjectName(u"qualificationRulesPage"_s);
    auto *intro = new QLabel(tr("Every SMTP failure reply is matched against these rules in order; the first "
                                "enabled rule that matches gives the failure type and reason. A rule matches when "
                                "all its filled fields match: the enhanced code (5.1.1, or 5.7.* for a group), a "
                                "regular expression over the reply text (case-insensitive), and the reply class "
                                "(4, 5 or a full code such as 421)."),
                             this);
    intro->setWordWrap(true);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(u"rulesTable"_s);
    m_table->setHorizontalHeaderLabels({tr("#"), tr("Enhanced code"), tr("Text pattern"), tr("Reply class"),
                                        tr("Failure type"), tr("Failure reason"), tr("Enabled")});
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false); // long provider patterns elide; the editor shows them whole
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(PatternColumn, QHeaderView::Stretch);

    auto *test = new QFormLayout; // filled below, so its widgets come after the buttons in tab order
    setUpPage(intro, m_table,
              {u"addRuleButton"_s, u"removeRuleButton"_s, u"moveUpButton"_s, u"moveDownButton"_s,
               u"restoreDefaultsButton"_s, u"revertButton"_s, u"saveRulesButton"_s},
              u"rulesStatus"_s, test);
    m_testReply = new QLineEdit(this);
    m_testReply->setObjectName(u"testReplyEdit"_s);
    m_testReply->setPlaceholderText(tr("Paste a reply, e.g. 550 5.1.1 <x@example.com>: Recipient address rejected"));
    m_testReply->setClearButtonEnabled(true);
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(u"testReplyResult"_s);
    m_testResult->setWordWrap(true);
    test->addRow(tr("&Test a reply:"), m_testReply);
    test->addRow(QString(), m_testResult);
    connect(m_testReply, &QLineEdit::textChanged, this, &QualificationRulesPage::updateTest);

    // Asked once the constructor has returned: an answer that is ready at once would otherwise
    // be shown (and signalled) before anyone could connect to the page.
    QMetaObject::invokeMethod(this, &QualificationRulesPage::reload, Qt::QueuedConnection);
}

void QualificationRulesPage::reload()
{
    setStatus(tr("Loading the rules…"), false);
    showAnswer<QualificationRuleDraft>(m_workspace.replyRules(),
                                       [this](const QList<QualificationRuleDraft> &drafts) { showStored(drafts); });
}

void QualificationRulesPage::setRow(int row, const QualificationRuleDraft &d)
{
    auto *position = new QTableWidgetItem(QString::number(row + 1));
    position->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    position->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(row, PositionColumn, position);
    m_table->setItem(row, CodeColumn, new QTableWidgetItem(d.enhancedCode));
    m_table->setItem(row, PatternColumn, new QTableWidgetItem(d.textPattern));
    m_table->setItem(row, ClassColumn, new QTableWidgetItem(d.replyClass));
    QList<std::pair<QString, QString>> types;
    for (FailureType t : QualificationRules::allowedTypes())
        types.append({LogStates::name(t), StateNames::failureType(t)});
    QList<std::pair<QString, QString>> reasons;
    for (FailureReason r : QualificationRules::allowedReasons())
        reasons.append({LogStates::name(r), StateNames::failureReason(r)});
    QComboBox *type = nameCombo(types, d.type, m_table);
    QComboBox *reason = nameCombo(reasons, d.reason, m_table);
    connect(type, &QComboBox::currentIndexChanged, this, &QualificationRulesPage::onChanged);
    connect(reason, &QComboBox::currentIndexChanged, this, &QualificationRulesPage::onChanged);
    m_table->setCellWidget(row, TypeColumn, type);
    m_table->setCellWidget(row, ReasonColumn, reason);
    auto *enabled = new QTableWidgetItem;
    enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    enabled->setCheckState(d.enabled ? Qt::Checked : Qt::Unchecked);
    m_table->setItem(row, EnabledColumn, enabled);
}

void QualificationRulesPage::fillTable(const QList<QualificationRuleDraft> &drafts)
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

QList<QualificationRuleDraft> QualificationRulesPage::drafts() const
{
    QList<QualificationRuleDraft> drafts;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        auto text = [&](int column) {
            const QTableWidgetItem *item = m_table->item(row, column);
            return item ? item->text() : QString();
        };
        const QTableWidgetItem *enabled = m_table->item(row, EnabledColumn);
        drafts.append({text(CodeColumn), text(PatternColumn), text(ClassColumn), comboValue(m_table, row, TypeColumn),
                       comboValue(m_table, row, ReasonColumn), enabled && enabled->checkState() == Qt::Checked});
    }
    return drafts;
}

bool QualificationRulesPage::hasUnsavedChanges() const
{
    return drafts() != m_saved;
}

void QualificationRulesPage::addRule()
{
    QList<QualificationRuleDraft> all = drafts();
    const int at = m_table->currentRow() < 0 ? int(all.size()) : m_table->currentRow() + 1;
    // A new rule that matches nothing until the user fills it: a text that never occurs.
    all.insert(at, {{},
                    u"new rule: edit this pattern"_s,
                    u"5"_s,
                    LogStates::name(FailureType::Hard),
                    LogStates::name(FailureReason::NotDefined),
                    true});
    fillTable(all);
    m_table->setCurrentCell(at, PatternColumn);
    m_table->editItem(m_table->item(at, PatternColumn));
}

void QualificationRulesPage::removeDraft(int row)
{
    QList<QualificationRuleDraft> all = drafts();
    all.removeAt(row);
    fillTable(all);
}

void QualificationRulesPage::swapDrafts(int a, int b)
{
    QList<QualificationRuleDraft> all = drafts();
    all.swapItemsAt(a, b);
    fillTable(all);
}

void QualificationRulesPage::save()
{
    QualificationRules::Problem problem;
    const QList<QualificationRuleDraft> all = drafts();
    if (!QualificationRules::parse(all, &problem)) {
        m_table->selectRow(problem.position - 1); // before the message: a move shows "Unsaved changes"
        setStatus(tr("Not saved. %1").arg(problem.toString()), true);
        return;
    }
    setEnabled(false); // until the saved table is read back
    setStatus(tr("Saving…"), false);
    showAnswer<QualificationRuleDraft>(
        m_workspace.saveReplyRules(all), [this](const QList<QualificationRuleDraft> &drafts) { showStored(drafts); },
        [this] { onSaved(); });
}

void QualificationRulesPage::restoreDefaults()
{
    confirmRestore(tr("Restore the default rules"),
                   tr("Replace every rule with the built-in defaults? Your own rules are lost."), [this] {
                       setEnabled(false);
                       setStatus(tr("Restoring the defaults…"), false);
                       showAnswer<QualificationRuleDraft>(
                           m_workspace.restoreReplyRules(),
                           [this](const QList<QualificationRuleDraft> &drafts) { showStored(drafts); },
                           [this] { onSaved(); });
                   });
}

void QualificationRulesPage::updateTest()
{
    // The highlight of the matching rule is no edit: keep itemChanged quiet while it changes.
    const QSignalBlocker quiet(m_table);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (QTableWidgetItem *item = m_table->item(row, PositionColumn))
            item->setData(Qt::BackgroundRole, QVariant());
    }
    const QString reply = m_testReply->text();
    if (reply.trimmed().isEmpty()) {
        m_testResult->clear();
        return;
    }
    QualificationRules::Problem problem;
    const auto rules = QualificationRules::parse(drafts(), &problem);
    if (!rules) {
        m_testResult->setText(tr("Fix the table first: %1").arg(problem.toString()));
        return;
    }
    const QualificationRules::TestResult r = QualificationRules::test(*rules, reply);
    if (!r.ok()) {
        m_testResult->setText(r.error);
        return;
    }
    const QString outcome = tr("%1 — %2").arg(StateNames::failureType(r.qualification.type),
                                              StateNames::failureReason(r.qualification.reason));
    if (r.qualification.ruleIndex < 0) {
        m_testResult->setText(tr("No rule matches; by its class the reply is: %1").arg(outcome));
        return;
    }
    const int row = r.qualification.ruleIndex;
    if (QTableWidgetItem *item = m_table->item(row, PositionColumn))
        item->setBackground(palette().highlight().color().lighter(160));
    m_testResult->setText(tr("Rule %1 matches: %2").arg(row + 1).arg(outcome));
}

void QualificationRulesPage::showStored(const QList<QualificationRuleDraft> &drafts)
{
    m_saved = drafts;
    fillTable(drafts);
}

void QualificationRulesPage::onSaved()
{
    setStatus(tr("Saved. Deliveries started from now on qualify replies with these rules."), false);
    Q_EMIT saved();
}
