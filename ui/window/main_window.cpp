#include "main_window.h"

#include "analysis_view.h"
#include "dashboard_view.h"
#include "delivery_actions.h"
#include "delivery_list_model.h"
#include "delivery_prompts.h"
#include "desktop_notifier.h"
#include "engine/delivery_engine.h"
#include "feedback_page.h"
#include "log_view.h"
#include "password_vault.h"
#include "proof_dialog.h"
#include "recipient_log_model.h"
#include "report_view.h"
#include "sandbox_banner.h"
#include "state_names.h"
#include "window_state.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(Workspace &workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_databasePath(QFileInfo(workspace.databasePath()).absoluteFilePath())
    , m_workspace(&workspace)
    , m_listModel(new DeliveryListModel(this))
    , m_listProxy(new QSortFilterProxyModel(this))
    , m_engine(&workspace.engine())
    , m_vault(new PasswordVault(PasswordVault::Mode::Keychain, this))
{
    connect(m_vault, &PasswordVault::passwordReady, this, &MainWindow::onPasswordReady);
    m_notifier = new DesktopNotifier(this);
    m_listProxy->setSourceModel(m_listModel);
    m_listProxy->setSortRole(DeliveryListModel::SortRole);
    m_listProxy->setSortLocaleAware(true);

    // Reports are read on the feedback page's worker; the page lives as long as the window so a
    // periodic pass has somewhere to run.
    m_feedback = new FeedbackPage(*m_workspace, m_vault);
    createActions();
    createCentralWidget();
    m_feedbackDialog = new QDialog(this);
    m_feedbackDialog->setObjectName(u"feedbackDialog"_s);
    auto *feedbackLayout = new QVBoxLayout(m_feedbackDialog);
    feedbackLayout->addWidget(m_feedback);
    m_feedbackDialog->resize(1100, 600);
    connect(m_feedback, &FeedbackPage::fetchFinished, this, [this](bool ok, bool changed) {
        statusBar()->showMessage(ok ? tr("Delivery reports read.") : tr("Some bounce mailboxes could not be read."),
                                 5000);
        if (changed)
            refresh();
    });
    // While a delivery is in progress, its relay's reports are read every minute, so a delivery
    // waiting for them finishes when they arrive (docs/product.md §4, "Deliveries that finish").
    m_fetchTimer = new QTimer(this);
    m_fetchTimer->setInterval(60'000);
    connect(m_fetchTimer, &QTimer::timeout, this, [this] {
        if ((m_anyInProgress || !m_running.isEmpty()) && !m_feedback->isFetching())
            m_feedback->fetchNow();
    });
    m_fetchTimer->start();
    m_pathLabel = new QLabel(this);
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_engineLabel = new QLabel(this);
    m_engineLabel->setObjectName(u"engineActivity"_s);
    statusBar()->addWidget(m_engineLabel);
    statusBar()->addPermanentWidget(m_pathLabel);

    // The engine's runs report from the engine thread; queued here by thread affinity.
    connect(m_engine, &DeliveryEngine::snapshot, this, &MainWindow::onSnapshot);
    connect(m_engine, &DeliveryEngine::ended, this, &MainWindow::onEnded);
    connect(m_engine, &DeliveryEngine::failedToStart, this, &MainWindow::onFailedToStart);
    connect(m_engine, &DeliveryEngine::storageFault, this, &MainWindow::onStorageFault);

    retranslate();
    restoreWindowState();
    connect(m_dashboard, &DashboardView::statsRequested, this, &MainWindow::requestDashboard);
    updateActions();
    // Asked from the event loop, once the window is made.
    QMetaObject::invokeMethod(this, &MainWindow::openDatabase, Qt::QueuedConnection);
}

MainWindow::~MainWindow() = default;

void MainWindow::createCentralWidget()
{
    m_deliveryTable = new QTableView(this);
    m_deliveryTable->setObjectName(u"deliveryTable"_s);
    m_deliveryTable->setModel(m_listProxy);
    m_deliveryTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_deliveryTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_deliveryTable->setSortingEnabled(true);
    m_deliveryTable->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // creation order until a click
    m_deliveryTable->sortByColumn(-1, Qt::AscendingOrder);
    m_deliveryTable->verticalHeader()->hide();
    m_deliveryTable->setAlternatingRowColors(true);
    m_deliveryTable->setWordWrap(false);
    m_deliveryTable->horizontalHeader()->setSectionResizeMode(DeliveryListModel::NameColumn, QHeaderView::Stretch);
    m_deliveryTable->setColumnWidth(DeliveryListModel::StateColumn, 95);
    m_deliveryTable->setColumnWidth(DeliveryListModel::ContactDateColumn, 105);
    m_deliveryTable->setColumnWidth(DeliveryListModel::ToDeliverColumn, 70);
    m_deliveryTable->setColumnWidth(DeliveryListModel::ProcessedColumn, 70);
    m_deliveryTable->setColumnWidth(DeliveryListModel::SuccessColumn, 60);
    connect(m_deliveryTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onCurrentRowChanged);
    connect(m_deliveryTable, &QAbstractItemView::activated, this, [this] { // double-click, Return
        if (m_actions->edit->isEnabled())
            openEditor(m_currentId);
    });

    m_analysisView = new AnalysisView(this);

    // The recipient log tab: filters, paging table, attempt details and CSV export, with its
    // own reader thread (log_view.h).
    m_logView = new LogView(*m_workspace, this);
    m_logModel = m_logView->model();
    m_recipientTable = m_logView->table();

    m_dashboard = new DashboardView(this);
    m_dashboard->setControlActions(m_actions->pause, m_actions->resume, m_actions->stop);
    // The list follows the dashboard's figures, at its pace.
    connect(m_dashboard, &DashboardView::updated, this, [this] {
        if (m_dashboard->deliveryId() > 0)
            m_listModel->updateKpis(m_dashboard->shownKpis());
    });

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_analysisView, QString());
    m_tabs->addTab(m_logView, QString());
    // Scrolls rather than forcing its minimum size (charts, tiles) on the whole window.
    auto *dashboardScroll = new QScrollArea(this);
    dashboardScroll->setWidget(m_dashboard);
    dashboardScroll->setWidgetResizable(true);
    dashboardScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(dashboardScroll, QString());

    m_report = new ReportView(*m_workspace, this);
    auto *reportScroll = new QScrollArea(this);
    reportScroll->setWidget(m_report);
    reportScroll->setWidgetResizable(true);
    reportScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(reportScroll, QString());
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::showReportIfVisible);
    connect(m_report, &ReportView::loaded, this, &MainWindow::updateExportActions);

    // The sandbox is labelled wherever a delivery using it is shown.
    m_sandboxBanner = new SandboxBanner(this);
    m_sandboxBanner->hide();
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_sandboxBanner);
    rightLayout->addWidget(m_tabs, 1);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->addWidget(m_deliveryTable);
    m_splitter->addWidget(right);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({600, 840});
    setCentralWidget(m_splitter);
}

void MainWindow::refresh()
{
    if (!m_databaseOpen)
        return;
    statusBar()->showMessage(tr("Refreshing…"), 2000);
    requestDeliveries();
    if (m_currentId > 0) {
        requestDetails(m_currentId);
        m_logView->reload();
    }
}

bool MainWindow::selectDelivery(qint64 deliveryId)
{
    const int row = m_listModel->rowOf(deliveryId);
    if (row < 0)
        return false;
    const QModelIndex index = m_listProxy->mapFromSource(m_listModel->index(row, 0));
    m_deliveryTable->selectionModel()->setCurrentIndex(index,
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_deliveryTable->scrollTo(index);
    return true;
}

void MainWindow::onOpenFailed(const QString &path, const QString &error)
{
    m_analysisView->showMessage(tr("The database %1 could not be opened.").arg(path) + u"\n\n"_s + error);
    statusBar()->showMessage(error);
    // Window-modal and non-blocking: the event loop (and a screenshot or a test) keeps running.
    auto *box = new QMessageBox(QMessageBox::Critical, tr("Cannot open the database"),
                                tr("Sendscope could not open the database %1.").arg(path), QMessageBox::Ok, this);
    box->setObjectName(u"openErrorBox"_s);
    box->setInformativeText(error);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT databaseFailed(error);
    finishInitialLoad();
}

void MainWindow::onDeliveriesLoaded(const QList<DeliverySummary> &deliveries)
{
    m_anyInProgress = std::any_of(deliveries.cbegin(), deliveries.cend(),
                                  [](const DeliverySummary &d) { return d.kpis.state == DeliveryState::InProgress; });
    const qint64 previous = m_currentId;
    m_listModel->setDeliveries(deliveries);
    resumeInterruptedRuns();
    if (deliveries.isEmpty()) {
        m_currentId = 0;
        m_details = {};
        m_dashboard->clear();
        updateActions();
        m_logView->setDelivery(0);
        m_sandboxBanner->hide();
        m_analysisView->showMessage(
            tr("This database holds no delivery yet.\n"
               "Create one with File > New delivery (%1), or with:\n"
               "sendscope-cli --db %2 delivery import DEFINITION.json")
                .arg(m_actions->newDelivery->shortcut().toString(QKeySequence::NativeText), m_databasePath));
        finishInitialLoad();
        return;
    }
    // A delivery just created or copied is selected; otherwise the user's selection is kept
    // across a refresh, or the first row shown is.
    if (m_selectAfterLoad > 0 && selectDelivery(m_selectAfterLoad)) {
        m_selectAfterLoad = 0;
    } else if (previous == 0 || !selectDelivery(previous)) {
        m_currentId = 0;
        m_deliveryTable->selectionModel()->setCurrentIndex(
            m_listProxy->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
}

void MainWindow::onCurrentRowChanged(const QModelIndex &current)
{
    // A model reset clears the current index for a moment; the list handler selects again.
    if (!current.isValid())
        return;
    const qint64 id = m_listProxy->data(current, DeliveryListModel::IdRole).toLongLong();
    if (id == m_currentId)
        return;
    m_currentId = id;
    m_details = {};
    m_sandboxBanner->setVisible(m_listProxy->data(current, DeliveryListModel::SandboxRole).toBool());
    updateActions();
    showReportIfVisible();
    if (m_analysisView->deliveryId() != id)
        m_analysisView->showMessage(tr("Loading…"));
    requestDetails(id);
    m_logView->setDelivery(id);
}

void MainWindow::onDetailsLoaded(const DeliveryDetails &details)
{
    // An answer for a delivery the user has already left is stale.
    if (details.id != m_currentId)
        return;
    const int row = m_listModel->rowOf(details.id);
    const QString name = row >= 0 ? m_listModel->summary(row).name : QString();
    m_analysisView->showDetails(name, details);
    m_details = details;
    if (m_proofDialog && m_proofDialog->deliveryId() == details.id)
        m_proofDialog->setHistory(details.proofs);
    m_dashboard->setDelivery(details.id, name, details.kpis);
    updateActions();
    finishInitialLoad();
}

void MainWindow::finishInitialLoad()
{
    if (m_initialLoadDone)
        return;
    m_initialLoadDone = true;
    Q_EMIT initialLoadFinished();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Quitting in the middle of a send pauses it cleanly first: the engine finishes what is in
    // flight and commits every outcome, then the window closes (onEnded).
    // A run held by a storage fault cannot record its pause until the database takes writes
    // again: closing once more while quitting quits anyway, and what is in flight is recovered
    // at the next start like after a crash (docs/architecture.md, durability rule).
    if (!m_running.isEmpty() && !(m_quitting && !m_held.isEmpty())) {
        event->ignore();
        if (m_quitting)
            return;
        DeliveryPrompts::confirmQuit(this, int(m_running.size()), [this] {
            m_quitting = true;
            statusBar()->showMessage(
                m_held.isEmpty()
                    ? tr("Pausing the deliveries before quitting…")
                    : tr("Pausing the deliveries before quitting… The database refuses writes: close the window "
                         "again to quit anyway."));
            for (qint64 id : std::as_const(m_running))
                m_engine->pause(id);
        });
        return;
    }
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::restoreWindowState()
{
    const WindowState state;
    QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen || !restoreGeometry(state.geometry(screen))) {
        // The first start on this screen: as large as the dashboard likes (1440 x 880), but never
        // more than the screen leaves free (less the frame the window manager adds), centred.
        const QRect free = screen ? screen->availableGeometry() : QRect(0, 0, 1440, 880);
        const QSize size = QSize(1440, 880).boundedTo(free.size() - QSize(16, 48)).expandedTo(minimumSizeHint());
        resize(size);
        // Centred, but never with the title bar above or left of the free area.
        move(std::max(free.left(), free.center().x() - size.width() / 2),
             std::max(free.top(), free.center().y() - size.height() / 2));
    }
    m_splitter->restoreState(state.splitterState());
    m_deliveryTable->horizontalHeader()->restoreState(state.deliveryHeaderState());
    m_logView->restoreState(state.recipientHeaderState());
}

void MainWindow::saveWindowState() const
{
    WindowState state;
    state.setGeometry(screen(), saveGeometry());
    state.setSplitterState(m_splitter->saveState());
    state.setDeliveryHeaderState(m_deliveryTable->horizontalHeader()->saveState());
    state.setRecipientHeaderState(m_logView->saveState());
}

void MainWindow::showReportIfVisible()
{
    // The report is read only when its tab is looked at.
    if (m_tabs->currentIndex() == ReportTab && m_report->deliveryId() != m_currentId)
        m_report->setDelivery(m_currentId);
    updateExportActions();
}

void MainWindow::updateExportActions()
{
    for (QAction *action : {m_exportCsvAction, m_exportPngAction, m_exportPdfAction})
        action->setEnabled(m_databaseOpen && m_currentId > 0);
}
