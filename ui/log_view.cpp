#include "log_view.h"

#include "log_detail_pane.h"
#include "recipient_log_model.h"
#include "state_names.h"
#include "workspace/workspace.h"
#include "workspace_answer.h"

#include <QAction>
#include <QComboBox>
#include <QDataStream>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

// Typing in the search or domain field refilters once the user pauses this long.
constexpr int DebounceMs = 300;

// Marks saveState()'s layout (columns of RecipientLogModel, splitter); bump when they change.
constexpr quint32 StateMagic = 0x4c4f4701;

constexpr LogState AllStates[] = {LogState::Pending, LogState::TakenIntoAccount, LogState::Sent,
                                  LogState::Failed,  LogState::Ignored,          LogState::Canceled};

} // namespace

LogView::LogView(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new RecipientLogModel(this))
{
    auto *bar = new QWidget(this);
    buildFilterBar(bar);

    m_table = new QTableView(this);
    m_table->setObjectName(u"recipientTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    // Fixed row heights and column widths: measuring contents would read every page of the log.
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const std::pair<int, int> widths[] = {
        {RecipientLogModel::LineColumn, 60},     {RecipientLogModel::EmailColumn, 230},
        {RecipientLogModel::StateColumn, 200},   {RecipientLogModel::FailureTypeColumn, 90},
        {RecipientLogModel::ReasonColumn, 140},  {RecipientLogModel::LastReplyColumn, 240},
        {RecipientLogModel::AttemptsColumn, 70}, {RecipientLogModel::NextAttemptColumn, 130},
        {RecipientLogModel::WaitingColumn, 240},
    };
    for (const auto &[column, width] : widths)
        m_table->setColumnWidth(column, width);
    // Sorting is SQL on the worker: a header click only changes the model's filter.
    m_table->horizontalHeader()->setSortIndicator(RecipientLogModel::LineColumn, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);

    m_detail = new LogDetailPane(this);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(u"logSplitter"_s);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(bar);
    layout->addWidget(m_splitter, 1);

    connect(m_model, &RecipientLogModel::countChanged, this, &LogView::onCountChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LogView::updateDetail);
    // The selected row's page may arrive after the selection.
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        requestChoices();
        if (m_table->currentIndex().isValid() && m_detail->recipientId() == 0)
            updateDetail();
    });

    connectModel();
    retranslate();
}

LogView::~LogView()
{
    for (QFuture<void> &request : m_requests)
        request.cancel();
    if (m_exportCancel) {
        m_exportCancel->store(true);
        m_exportWatcher->waitForFinished(); // the file is removed before the view goes
    }
}

void LogView::buildFilterBar(QWidget *bar)
{
    m_stateLabel = new QLabel(bar);
    m_stateCombo = new QComboBox(bar);
    m_stateCombo->setObjectName(u"stateFilter"_s);
    // Combos may be narrower than their longest entry: the tab must fit beside the list.
    m_stateCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_stateCombo->setMinimumContentsLength(12);
    m_stateCombo->addItem(QString(), -1);
    for (LogState s : AllStates)
        m_stateCombo->addItem(QString(), int(s));
    m_stateLabel->setBuddy(m_stateCombo);

    m_reasonLabel = new QLabel(bar);
    m_reasonCombo = new QComboBox(bar);
    m_reasonCombo->setObjectName(u"reasonFilter"_s);
    m_reasonCombo->addItem(QString(), -1);
    m_reasonCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_reasonCombo->setMinimumContentsLength(12);
    m_reasonLabel->setBuddy(m_reasonCombo);

    m_domainLabel = new QLabel(bar);
    m_domainCombo = new QComboBox(bar);
    m_domainCombo->setObjectName(u"domainFilter"_s);
    m_domainCombo->setEditable(true);
    m_domainCombo->setInsertPolicy(QComboBox::NoInsert);
    m_domainCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_domainCombo->setMinimumContentsLength(12);
    m_domainCombo->addItem(QString());
    m_domainLabel->setBuddy(m_domainCombo);

    m_searchEdit = new QLineEdit(bar);
    m_searchEdit->setObjectName(u"searchEdit"_s);
    m_searchEdit->setClearButtonEnabled(true);

    m_countLabel = new QLabel(bar);
    m_countLabel->setObjectName(u"logCount"_s);

    m_exportAction = new QAction(this);
    m_exportAction->setObjectName(u"exportCsvAction"_s);
    m_exportAction->setEnabled(false);
    connect(m_exportAction, &QAction::triggered, this, [this] {
        if (m_exportCancel)
            m_exportCancel->store(true);
        else
            chooseExportFile();
    });
    m_exportButton = new QToolButton(bar);
    m_exportButton->setObjectName(u"exportButton"_s);
    m_exportButton->setDefaultAction(m_exportAction);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(DebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &LogView::applyFilter);
    connect(m_stateCombo, &QComboBox::currentIndexChanged, this, &LogView::applyFilter);
    connect(m_reasonCombo, &QComboBox::currentIndexChanged, this, &LogView::applyFilter);
    connect(m_domainCombo, &QComboBox::currentTextChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_searchEdit, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));

    // Filters on the first row; what they match and the export on the second.
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_stateLabel);
    filters->addWidget(m_stateCombo);
    filters->addWidget(m_reasonLabel);
    filters->addWidget(m_reasonCombo);
    filters->addWidget(m_domainLabel);
    filters->addWidget(m_domainCombo);
    filters->addWidget(m_searchEdit, 1);
    auto *status = new QHBoxLayout;
    status->addWidget(m_countLabel, 1);
    status->addWidget(m_exportButton);
    auto *layout = new QVBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addLayout(status);
}

void LogView::connectModel()
{
    // A new generation (another delivery, filter or sort, or a reload) makes the requests not
    // yet answered stale: canceled, those not started never run.
    connect(m_model, &RecipientLogModel::countRequested, this,
            [this](qint64 deliveryId, quint64 generation, const LogFilter &filter) {
                for (QFuture<void> &request : m_requests)
                    request.cancel();
                m_requests.clear();
                QFuture<WorkspaceResult<qint64>> count = m_workspace.logCount(deliveryId, filter);
                track(QFuture<void>(count));
                whenAnswered(
                    count, this,
                    [this, deliveryId, generation](const WorkspaceResult<qint64> &r) {
                        if (!r.ok())
                            showDatabaseError(r.error);
                        m_model->setCount(deliveryId, generation, r.value.value_or(0));
                    },
                    [this](const QString &error) { showDatabaseError(error); });
            });
    connect(m_model, &RecipientLogModel::pageRequested, this,
            [this](qint64 deliveryId, quint64 generation, const LogFilter &filter, qint64 offset, int limit) {
                QFuture<WorkspaceResult<QList<LogRow>>> page = m_workspace.logPage(deliveryId, filter, offset, limit);
                track(QFuture<void>(page));
                whenAnswered(
                    page, this,
                    [this, deliveryId, generation, offset](const WorkspaceResult<QList<LogRow>> &r) {
                        if (r.ok())
                            m_model->addPage(deliveryId, generation, offset, *r.value);
                        else
                            showDatabaseError(r.error);
                    },
                    [this](const QString &error) { showDatabaseError(error); });
            });
    connect(m_detail, &LogDetailPane::rawMessageRequested, this, [this](qint64 messageId) {
        whenAnswered(
            m_workspace.rawFeedbackMessage(messageId), this,
            [this, messageId](const WorkspaceResult<Workspace::RawMessage> &r) {
                const QString error = r.ok() || !r.error.isEmpty() ? r.error : tr("the message is no longer stored");
                const Workspace::RawMessage message = r.value.value_or(Workspace::RawMessage());
                m_detail->showRawMessage(messageId, message.raw, message.fullSize, error);
            },
            [this, messageId](const QString &error) { m_detail->showRawMessage(messageId, {}, 0, error); });
    });
}

void LogView::track(const QFuture<void> &request)
{
    m_requests.erase(
        std::remove_if(m_requests.begin(), m_requests.end(), [](const QFuture<void> &f) { return f.isFinished(); }),
        m_requests.end());
    m_requests.append(request);
}

void LogView::showDatabaseError(const QString &error)
{
    m_countLabel->setText(tr("Database error: %1").arg(error));
}

void LogView::setDelivery(qint64 deliveryId)
{
    m_debounce->stop();
    for (QObject *w : std::initializer_list<QObject *>{m_stateCombo, m_reasonCombo, m_domainCombo, m_searchEdit})
        w->blockSignals(true);
    m_stateCombo->setCurrentIndex(0);
    while (m_reasonCombo->count() > 1)
        m_reasonCombo->removeItem(1);
    m_reasonCombo->setCurrentIndex(0);
    while (m_domainCombo->count() > 1)
        m_domainCombo->removeItem(1);
    m_domainCombo->setCurrentIndex(0);
    m_domainCombo->setEditText(QString());
    m_searchEdit->clear();
    for (QObject *w : std::initializer_list<QObject *>{m_stateCombo, m_reasonCombo, m_domainCombo, m_searchEdit})
        w->blockSignals(false);

    LogFilter filter;
    filter.sort = m_model->filter().sort;
    filter.descending = m_model->filter().descending;
    m_detail->showRecipient(nullptr);
    m_model->setDelivery(deliveryId, filter);
    m_exportAction->setEnabled(deliveryId > 0 || isExporting());
    m_choicesPending = deliveryId > 0;
}

void LogView::requestChoices()
{
    // Asked once the first rows are in: the first page is what the user waits for.
    if (!m_choicesPending || !m_model->isCountKnown())
        return;
    m_choicesPending = false;
    const qint64 deliveryId = m_model->deliveryId();
    whenAnswered(
        m_workspace.logChoices(deliveryId), this,
        [this, deliveryId](const Workspace::LogChoices &c) { onChoicesLoaded(deliveryId, c.reasons, c.domains); },
        [this](const QString &error) { showDatabaseError(error); });
}

qint64 LogView::deliveryId() const
{
    return m_model->deliveryId();
}

void LogView::reload()
{
    m_model->reload();
    m_detail->showRecipient(nullptr);
    m_choicesPending = m_model->deliveryId() > 0;
}

void LogView::applyFilter()
{
    m_debounce->stop();
    LogFilter f = m_model->filter();
    const int state = m_stateCombo->currentData().toInt();
    f.state = state < 0 ? std::nullopt : std::optional<LogState>(LogState(state));
    const int reason = m_reasonCombo->currentData().isValid() ? m_reasonCombo->currentData().toInt() : -1;
    f.reason = reason < 0 ? std::nullopt : std::optional<FailureReason>(FailureReason(reason));
    f.domain = m_domainCombo->currentText().trimmed();
    f.search = m_searchEdit->text().trimmed();
    if (f == m_model->filter())
        return;
    m_detail->showRecipient(nullptr);
    m_model->setFilter(f);
}

void LogView::onCountChanged(qint64 count)
{
    if (m_model->isCountKnown() && count == 0)
        requestChoices(); // no page will come
    if (m_model->deliveryId() <= 0) {
        m_countLabel->clear();
    } else if (!m_model->isCountKnown()) {
        m_countLabel->setText(tr("Counting…"));
    } else {
        const LogFilter &f = m_model->filter();
        const bool filtered = f.state || f.reason || !f.domain.isEmpty() || !f.search.isEmpty();
        const int n = int(qMin<qint64>(count, std::numeric_limits<int>::max()));
        m_countLabel->setText(filtered ? tr("%Ln recipient(s) match", nullptr, n)
                                       : tr("%Ln recipient(s) in the log", nullptr, n));
    }
    if (!m_exportStatus.isEmpty())
        m_countLabel->setText(m_countLabel->text() + u" · "_s + m_exportStatus);
    Q_EMIT countChanged(count);
}

void LogView::onChoicesLoaded(qint64 deliveryId, const QList<FailureReason> &reasons, const QStringList &domains)
{
    if (deliveryId != m_model->deliveryId())
        return;
    // Refilled in place; the current choice stays selected when it is still offered.
    const QVariant currentReason = m_reasonCombo->currentData();
    m_reasonCombo->blockSignals(true);
    while (m_reasonCombo->count() > 1)
        m_reasonCombo->removeItem(1);
    for (FailureReason r : reasons)
        m_reasonCombo->addItem(StateNames::failureReason(r), int(r));
    const int again = m_reasonCombo->findData(currentReason);
    m_reasonCombo->setCurrentIndex(again < 0 ? 0 : again);
    m_reasonCombo->blockSignals(false);
    if (again < 0 && currentReason.toInt() >= 0)
        applyFilter();

    const QString typed = m_domainCombo->currentText();
    m_domainCombo->blockSignals(true);
    while (m_domainCombo->count() > 1)
        m_domainCombo->removeItem(1);
    m_domainCombo->addItems(domains);
    m_domainCombo->setEditText(typed);
    m_domainCombo->blockSignals(false);
}

void LogView::updateDetail()
{
    const QModelIndex current = m_table->currentIndex();
    const LogRow *row = current.isValid() ? m_model->loadedRow(current.row()) : nullptr;
    if (!row) {
        if (m_detail->recipientId() != 0)
            m_detail->showRecipient(nullptr);
        return;
    }
    if (row->recipientId == m_detail->recipientId())
        return;
    m_detail->showRecipient(row);
    const qint64 recipientId = row->recipientId;
    whenAnswered(
        m_workspace.recipientHistory(recipientId), this,
        [this, recipientId](const Workspace::RecipientHistory &h) {
            m_detail->showAttempts(recipientId, h.attempts);
            if (!h.error.isEmpty())
                showDatabaseError(h.error);
            m_detail->showTimeline(recipientId, h.timeline);
        },
        [this](const QString &error) { showDatabaseError(error); });
}

void LogView::chooseExportFile()
{
    const QString suggested = QDir::home().filePath(u"delivery-%1-log.csv"_s.arg(m_model->deliveryId()));
    // Window-modal and non-blocking, like the window's other prompts.
    auto *dialog = new QFileDialog(this, tr("Export the log as CSV"), suggested, tr("CSV files (*.csv)"));
    dialog->setObjectName(u"exportDialog"_s);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &LogView::exportTo);
    dialog->open();
}

void LogView::exportTo(const QString &path)
{
    if (isExporting() || m_model->deliveryId() <= 0) {
        Q_EMIT exportFinished(path, -1,
                              isExporting() ? tr("An export is already running.") : tr("No delivery is selected."));
        return;
    }
    m_exportCancel = std::make_shared<std::atomic_bool>(false);
    m_exportWatcher = new QFutureWatcher<WorkspaceResult<qint64>>(this);
    connect(m_exportWatcher, &QFutureWatcherBase::progressValueChanged, this, [this](int rows) {
        m_exportStatus = tr("exporting: %1 rows").arg(QLocale().toString(rows));
        onCountChanged(m_model->rowCount());
    });
    connect(m_exportWatcher, &QFutureWatcherBase::finished, this, [this, path] { onExportDone(path); });
    m_exportWatcher->setFuture(
        m_workspace.exportLogCsv(m_model->deliveryId(), m_model->filter(), path, m_exportCancel));
    m_exportStatus = tr("exporting…");
    retranslate();
}

void LogView::onExportDone(const QString &path)
{
    const WorkspaceResult<qint64> r = m_exportWatcher->result();
    const bool canceled = m_exportCancel->load();
    m_exportWatcher->deleteLater();
    m_exportWatcher = nullptr;
    m_exportCancel.reset();
    const qint64 rows = r.value.value_or(-1);
    const QString error = r.ok() ? QString() : canceled ? tr("The export was canceled.") : r.error;
    m_exportStatus = error.isEmpty() ? tr("%Ln row(s) exported", nullptr, int(qMin<qint64>(rows, INT_MAX)))
                                     : tr("export failed: %1").arg(error);
    retranslate();
    Q_EMIT exportFinished(path, rows, error);
}

QByteArray LogView::saveState() const
{
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream << StateMagic << m_table->horizontalHeader()->saveState() << m_splitter->saveState();
    return out;
}

void LogView::restoreState(const QByteArray &state)
{
    // A state saved by an older layout (other columns) is ignored rather than misapplied.
    QDataStream stream(state);
    quint32 magic = 0;
    QByteArray header, splitter;
    stream >> magic >> header >> splitter;
    if (stream.status() != QDataStream::Ok || magic != StateMagic)
        return;
    m_table->horizontalHeader()->restoreState(header);
    m_splitter->restoreState(splitter);
}

void LogView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LogView::retranslate()
{
    m_stateLabel->setText(tr("&State:"));
    m_reasonLabel->setText(tr("&Reason:"));
    m_domainLabel->setText(tr("&Domain:"));
    m_stateCombo->setItemText(0, tr("All states"));
    for (int i = 1; i < m_stateCombo->count(); ++i)
        m_stateCombo->setItemText(i, StateNames::logState(LogState(m_stateCombo->itemData(i).toInt())));
    m_reasonCombo->setItemText(0, tr("All reasons"));
    for (int i = 1; i < m_reasonCombo->count(); ++i)
        m_reasonCombo->setItemText(i, StateNames::failureReason(FailureReason(m_reasonCombo->itemData(i).toInt())));
    m_domainCombo->lineEdit()->setPlaceholderText(tr("All domains"));
    m_searchEdit->setPlaceholderText(tr("Search addresses…"));
    const bool exporting = isExporting();
    m_exportAction->setText(exporting ? tr("Cancel export") : tr("Export CSV…"));
    m_exportAction->setToolTip(exporting ? tr("Stop writing the CSV file")
                                         : tr("Write the recipients the filter matches, in this order, as CSV"));
    m_exportAction->setEnabled(m_model->deliveryId() > 0 || exporting);
    m_model->retranslate();
    onCountChanged(m_model->rowCount());
}
