#include "inbound_rules_page.h"

#include "log_detail_pane.h"
#include "state_names.h"
#include "workspace/workspace.h"
#include "workspace_answer.h"

#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

enum Column {
    PositionColumn,
    SenderColumn,
    SubjectColumn,
    BodyColumn,
    KindColumn,
    TypeColumn,
    ReasonColumn,
    EnabledColumn,
    ColumnCount
};

} // namespace

InboundRulesPage::InboundRulesPage(Workspace &workspace, QWidget *parent)
    : RuleTablePage(workspace, parent)
{
    setObjectName(u"inboundRulesPage"_s);
    auto *intro =
        new QLabel(tr("Messages in the bounce mailbox that are no standard delivery report or complaint are matched "
                      "against these rules in order: text bounces of mail servers, vacation replies, unsubscribe "
                      "requests. The first enabled rule whose filled patterns all match (regular expressions, "
                      "case-insensitive, over the sender, the subject and the text of the message) says what it is. "
                      "For a bounce, a remote reply quoted in it is qualified by the bounce rules; the failure type "
                      "and reason here apply when it quotes none."),
                   this);
    intro->setWordWrap(true);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(u"inboundRulesTable"_s);
    m_table->setHorizontalHeaderLabels({tr("#"), tr("Sender pattern"), tr("Subject pattern"), tr("Body pattern"),
                                        tr("Kind"), tr("Failure type"), tr("Failure reason"), tr("Enabled")});
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false); // long patterns elide; the editor shows them whole
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(BodyColumn, QHeaderView::Stretch);

    auto *test = new QFormLayout; // filled below, so its widgets come after the buttons in tab order
    setUpPage(intro, m_table,
              {u"addInboundRuleButton"_s, u"removeInboundRuleButton"_s, u"moveInboundUpButton"_s,
               u"moveInboundDownButton"_s, u"restoreInboundDefaultsButton"_s, u"revertInboundButton"_s,
               u"saveInboundRulesButton"_s},
              u"inboundRulesStatus"_s, test);
    m_testMessage = new QPlainTextEdit(this);
    m_testMessage->setObjectName(u"testMessageEdit"_s);
    m_testMessage->setPlaceholderText(tr("Paste a whole message, headers and body, as it came back"));
    m_testMessage->setTabChangesFocus(true);
    m_testMessage->setMaximumHeight(fontMetrics().lineSpacing() * 7);
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(u"testMessageResult"_s);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    test->addRow(tr("&Test a message:"), m_testMessage);
    test->addRow(QString(), m_testResult);
    // A pasted message is classified once the typing stops, not at every key.
    m_testTimer.setSingleShot(true);
    m_testTimer.setInterval(250);
    connect(&m_testTimer, &QTimer::timeout, this, &InboundRulesPage::updateTest);
    connect(m_testMessage, &QPlainTextEdit::textChanged, &m_testTimer, qOverload<>(&QTimer::start));

    // Asked once the constructor has returned: an answer that is ready at once would otherwise
    // be shown (and signalled) before anyone could connect to the page.
    QMetaObject::invokeMethod(this, &InboundRulesPage::reload, Qt::QueuedConnection);
}

void InboundRulesPage::reload()
{
    setStatus(tr("Loading the rules…"), false);
    showAnswer<InboundRuleDraft>(m_workspace.inboundRules(),
                                 [this](const QList<InboundRuleDraft> &drafts) { showStored(drafts); });
}

void InboundRulesPage::setRow(int row, const InboundRuleDraft &d)
{
    auto *position = new QTableWidgetItem(QString::number(row + 1));
    position->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    position->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(row, PositionColumn, position);
    m_table->setItem(row, SenderColumn, new QTableWidgetItem(d.senderPattern));
    m_table->setItem(row, SubjectColumn, new QTableWidgetItem(d.subjectPattern));
    m_table->setItem(row, BodyColumn, new QTableWidgetItem(d.bodyPattern));
    QList<std::pair<QString, QString>> kinds;
    for (FeedbackMessage::Kind k : InboundRules::allowedKinds()) {
        const QString name = FeedbackMessage::kindName(k);
        kinds.append({name, LogDetailPane::reportKindText(name)});
    }
    QList<std::pair<QString, QString>> types;
    for (FailureType t : InboundRules::allowedTypes())
        types.append({t == FailureType::None ? QString() : LogStates::name(t),
                      t == FailureType::None ? tr("(from the quoted reply)") : StateNames::failureType(t)});
    QList<std::pair<QString, QString>> reasons;
    for (FailureReason r : InboundRules::allowedReasons())
        reasons.append({r == FailureReason::None ? QString() : LogStates::name(r),
                        r == FailureReason::None ? tr("(from the quoted reply)") : StateNames::failureReason(r)});
    const std::pair<int, QComboBox *> combos[] = {{KindColumn, nameCombo(kinds, d.kind, m_table)},
                                                  {TypeColumn, nameCombo(types, d.type, m_table)},
                                                  {ReasonColumn, nameCombo(reasons, d.reason, m_table)}};
    for (const auto &[column, combo] : combos) {
        // Eight columns share the page: a choice shows its first words, the list shows them all.
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(9);
        connect(combo, &QComboBox::currentIndexChanged, this, &InboundRulesPage::onChanged);
        m_table->setCellWidget(row, column, combo);
    }
    auto *enabled = new QTableWidgetItem;
    enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    enabled->setCheckState(d.enabled ? Qt::Checked : Qt::Unchecked);
    m_table->setItem(row, EnabledColumn, enabled);
}

void InboundRulesPage::fillTable(const QList<InboundRuleDraft> &drafts)
{
    m_filling = true;
    const int current = m_table->currentRow();
    m_table->setRowCount(0);
    m_table->setRowCount(int(drafts.size()));
    for (int row = 0; row < drafts.size(); ++row)
        setRow(row, drafts.at(row));
    // Patterns are long: they elide in fixed columns (the body's takes what is left), the
    // choices take what their words need.
    for (int column : {PositionColumn, KindColumn, TypeColumn, ReasonColumn, EnabledColumn})
        m_table->resizeColumnToContents(column);
    const int patternWidth = fontMetrics().horizontalAdvance(u'x') * 14;
    m_table->setColumnWidth(SenderColumn, patternWidth);
    m_table->setColumnWidth(SubjectColumn, patternWidth);
    m_table->horizontalHeader()->setSectionResizeMode(BodyColumn, QHeaderView::Stretch);
    if (current >= 0 && current < m_table->rowCount())
        m_table->selectRow(current);
    m_filling = false;
    onChanged();
}

QList<InboundRuleDraft> InboundRulesPage::drafts() const
{
    QList<InboundRuleDraft> drafts;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        auto text = [&](int column) {
            const QTableWidgetItem *item = m_table->item(row, column);
            return item ? item->text() : QString();
        };
        const QTableWidgetItem *enabled = m_table->item(row, EnabledColumn);
        drafts.append({text(SenderColumn), text(SubjectColumn), text(BodyColumn), comboValue(m_table, row, KindColumn),
                       comboValue(m_table, row, TypeColumn), comboValue(m_table, row, ReasonColumn),
                       enabled && enabled->checkState() == Qt::Checked});
    }
    return drafts;
}

bool InboundRulesPage::hasUnsavedChanges() const
{
    return drafts() != m_saved;
}

void InboundRulesPage::addRule()
{
    QList<InboundRuleDraft> all = drafts();
    const int at = m_table->currentRow() < 0 ? int(all.size()) : m_table->currentRow() + 1;
    // A new rule that matches nothing until the user fills it: a text that never occurs.
    all.insert(at, {{},
                    {},
                    u"new rule: edit this pattern"_s,
                    FeedbackMessage::kindName(FeedbackMessage::Kind::Bounce),
                    LogStates::name(FailureType::Hard),
                    LogStates::name(FailureReason::NotDefined),
                    true});
    fillTable(all);
    m_table->setCurrentCell(at, BodyColumn);
    m_table->editItem(m_table->item(at, BodyColumn));
}

void InboundRulesPage::removeDraft(int row)
{
    QList<InboundRuleDraft> all = drafts();
    all.removeAt(row);
    fillTable(all);
}

void InboundRulesPage::swapDrafts(int a, int b)
{
    QList<InboundRuleDraft> all = drafts();
    all.swapItemsAt(a, b);
    fillTable(all);
}

void InboundRulesPage::save()
{
    InboundRules::Problem problem;
    const QList<InboundRuleDraft> all = drafts();
    if (!InboundRules::parse(all, &problem)) {
        m_table->selectRow(problem.position - 1); // before the message: a move shows "Unsaved changes"
        setStatus(tr("Not saved. %1").arg(problem.toString()), true);
        return;
    }
    setEnabled(false); // until the saved table is read back
    setStatus(tr("Saving…"), false);
    showAnswer<InboundRuleDraft>(
        m_workspace.saveInboundRules(all), [this](const QList<InboundRuleDraft> &drafts) { showStored(drafts); },
        [this] { onSaved(); });
}

void InboundRulesPage::restoreDefaults()
{
    confirmRestore(tr("Restore the default inbound-mail rules"),
                   tr("Replace every inbound-mail rule with the built-in defaults? Your own rules are lost."), [this] {
                       setEnabled(false);
                       setStatus(tr("Restoring the defaults…"), false);
                       showAnswer<InboundRuleDraft>(
                           m_workspace.restoreInboundRules(),
                           [this](const QList<InboundRuleDraft> &drafts) { showStored(drafts); },
                           [this] { onSaved(); });
                   });
}

void InboundRulesPage::updateTest()
{
    // The highlight of the matching rule is no edit: keep itemChanged quiet while it changes.
    const QSignalBlocker quiet(m_table);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (QTableWidgetItem *item = m_table->item(row, PositionColumn))
            item->setData(Qt::BackgroundRole, QVariant());
    }
    const QString pasted = m_testMessage->toPlainText();
    if (pasted.trimmed().isEmpty()) {
        ++m_testGeneration;
        m_testResult->clear();
        return;
    }
    InboundRules::Problem problem;
    const auto rules = InboundRules::parse(drafts(), &problem);
    if (!rules) {
        ++m_testGeneration;
        m_testResult->setText(tr("Fix the table first: %1").arg(problem.toString()));
        return;
    }
    // The classifier (and a pattern that backtracks badly) runs on the pool, never on the GUI
    // thread; an answer to an older table or message is dropped. A pasted message has lost its
    // CRLFs: the classifier reads LF alone as well.
    const quint64 generation = ++m_testGeneration;
    const QByteArray raw = pasted.toUtf8();
    const bool cut = raw.size() > MaxTestBytes;
    whenAnswered(
        Workspace::testInboundRules(*rules, raw.left(MaxTestBytes)), this,
        [this, generation, cut](const InboundRules::TestResult &r) {
            if (generation == m_testGeneration)
                showTest(r, cut);
        },
        [](const QString &) {});
}

void InboundRulesPage::showTest(const InboundRules::TestResult &r, bool cut)
{
    const QSignalBlocker quiet(m_table);
    if (!r.ok()) {
        m_testResult->setText(r.error);
        return;
    }
    QStringList lines;
    const QString kind = LogDetailPane::reportKindText(FeedbackMessage::kindName(r.message.kind));
    if (r.rule > 0) {
        if (QTableWidgetItem *item = m_table->item(r.rule - 1, PositionColumn))
            item->setBackground(palette().highlight().color().lighter(160));
        lines.append(tr("Rule %1 matches: %2").arg(r.rule).arg(kind));
    } else {
        lines.append(tr("No rule matches; read as: %1").arg(kind));
    }
    for (const FeedbackRecipient &recipient : r.message.recipients) {
        QString line = recipient.address;
        if (!recipient.action.isEmpty())
            line += u" — "_s + recipient.action;
        if (recipient.type != FailureType::None)
            line += u" — "_s + StateNames::failureType(recipient.type);
        if (recipient.reason != FailureReason::None)
            line += u", "_s + StateNames::failureReason(recipient.reason);
        lines.append(line);
    }
    if (cut)
        lines.append(tr("Only the first %1 KiB were tested.").arg(MaxTestBytes / 1024));
    m_testResult->setText(lines.join(u'\n'));
}

void InboundRulesPage::showStored(const QList<InboundRuleDraft> &drafts)
{
    m_saved = drafts;
    fillTable(drafts);
}

void InboundRulesPage::onSaved()
{
    setStatus(tr("Saved. Reports read from now on are classified with these rules."), false);
    Q_EMIT saved();
}
