#include "main_window.h"

#include "analysis_view.h"
#include "dashboard_view.h"
#include "delivery_actions.h"
#include "delivery_list_model.h"
#include "delivery_prompts.h"
#include "engine/delivery_engine.h"
#include "log_view.h"
#include "proof_dialog.h"
#include "recipient_log_model.h"
#include "state_names.h"
#include "store_worker.h"
#include "window_state.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>
#include <limits>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(const QString &databasePath, QWidget *parent)
    : QMainWindow(parent)
    , m_databasePath(QFileInfo(databasePath).absoluteFilePath())
    , m_listModel(new DeliveryListModel(this))
    , m_listProxy(new QSortFilterProxyModel(this))
    , m_engine(new DeliveryEngine(m_databasePath, Clock::system(), {}, this))
{
    m_listProxy->setSourceModel(m_listModel);
    m_listProxy->setSortRole(DeliveryListModel::SortRole);
    m_listProxy->setSortLocaleAware(true);

    createActions();
    createCentralWidget();
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

    retranslate();
    restoreWindowState();
    startWorker();
    updateActions();
}

MainWindow::~MainWindow()
{
    // The worker (and its Store) are destroyed on their own thread once its loop ends.
    m_storeThread.quit();
    m_storeThread.wait();
}

void MainWindow::createActions()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_quitAction = m_fileMenu->addAction(QString());
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_viewMenu = menuBar()->addMenu(QString());
    m_refreshAction = m_viewMenu->addAction(QString());
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_refreshAction->setEnabled(false); // until the database is open
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);

    m_actions = new DeliveryActions(this);
    m_deliveryMenu = menuBar()->addMenu(QString());
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(u"deliveryToolBar"_s);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_actions->addTo(m_deliveryMenu, m_toolBar);
    connect(m_actions->analyze, &QAction::triggered, this, &MainWindow::analyzeCurrent);
    connect(m_actions->proof, &QAction::triggered, this, &MainWindow::openProofDialog);
    connect(m_actions->confirm, &QAction::triggered, this, &MainWindow::confirmCurrent);
    connect(m_actions->pause, &QAction::triggered, this, &MainWindow::pauseCurrent);
    connect(m_actions->resume, &QAction::triggered, this, [this] { startSend(m_currentId); });
    connect(m_actions->stop, &QAction::triggered, this, &MainWindow::stopCurrent);
}

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
    m_deliveryTable->setColumnWidth(DeliveryListModel::StateColumn, 120);
    m_deliveryTable->setColumnWidth(DeliveryListModel::ToDeliverColumn, 75);
    m_deliveryTable->setColumnWidth(DeliveryListModel::SuccessColumn, 65);
    connect(m_deliveryTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onCurrentRowChanged);

    m_analysisView = new AnalysisView(this);

    // The recipient log tab: filters, paging table, attempt details and CSV export, with its
    // own reader thread (log_view.h).
    m_logView = new LogView(m_databasePath, this);
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

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->addWidget(m_deliveryTable);
    m_splitter->addWidget(m_tabs);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({460, 820});
    setCentralWidget(m_splitter);
}

void MainWindow::startWorker()
{
    m_worker = new StoreWorker(m_databasePath);
    m_worker->moveToThread(&m_storeThread);
    m_storeThread.setObjectName(u"sendscope-store-reader"_s);
    connect(&m_storeThread, &QThread::finished, m_worker, &QObject::deleteLater);

    // GUI -> worker: queued by thread affinity, so the calls run on the worker's thread.
    connect(this, &MainWindow::openRequested, m_worker, &StoreWorker::open);
    connect(this, &MainWindow::deliveriesRequested, m_worker, &StoreWorker::loadDeliveries);
    connect(this, &MainWindow::detailsRequested, m_worker, &StoreWorker::loadDetails);
    connect(m_dashboard, &DashboardView::statsRequested, m_worker, &StoreWorker::loadDashboard);
    connect(this, &MainWindow::analyzeRequested, m_worker, &StoreWorker::analyze);
    connect(this, &MainWindow::proofRequested, m_worker, &StoreWorker::sendProof);
    connect(this, &MainWindow::controlRequested, m_worker, &StoreWorker::control);

    // Worker -> GUI.
    connect(m_worker, &StoreWorker::opened, this, [this] {
        m_databaseOpen = true;
        m_refreshAction->setEnabled(true);
        updateActions();
        m_analysisView->showMessage(tr("Loading…"));
        Q_EMIT deliveriesRequested();
    });
    connect(m_worker, &StoreWorker::openFailed, this, &MainWindow::onOpenFailed);
    connect(m_worker, &StoreWorker::deliveriesLoaded, this, &MainWindow::onDeliveriesLoaded);
    connect(m_worker, &StoreWorker::detailsLoaded, this, &MainWindow::onDetailsLoaded);
    connect(m_worker, &StoreWorker::dashboardLoaded, m_dashboard, &DashboardView::addStats);
    connect(m_worker, &StoreWorker::analyzeFinished, this, &MainWindow::onAnalyzeFinished);
    connect(m_worker, &StoreWorker::proofFinished, this, &MainWindow::onProofFinished);
    connect(m_worker, &StoreWorker::controlFinished, this,
            [this](qint64, DeliveryState, bool ok, const QString &error) {
                if (!ok)
                    warn(u"controlErrorBox"_s, tr("Cannot change the delivery"), error);
                refresh();
            });
    connect(m_worker, &StoreWorker::queryFailed, this,
            [this](const QString &error) { statusBar()->showMessage(tr("Database error: %1").arg(error), 10000); });

    m_storeThread.start();
    Q_EMIT openRequested();
}

void MainWindow::refresh()
{
    if (!m_databaseOpen)
        return;
    statusBar()->showMessage(tr("Refreshing…"), 2000);
    Q_EMIT deliveriesRequested();
    if (m_currentId > 0) {
        Q_EMIT detailsRequested(m_currentId);
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
    const qint64 previous = m_currentId;
    m_listModel->setDeliveries(deliveries);
    if (deliveries.isEmpty()) {
        m_currentId = 0;
        m_details = {};
        m_dashboard->clear();
        updateActions();
        m_logView->setDelivery(0);
        m_analysisView->showMessage(tr("This database holds no delivery yet.\n"
                                       "Create one with: sendscope-cli --db %1 delivery import DEFINITION.json")
                                        .arg(m_databasePath));
        finishInitialLoad();
        return;
    }
    // Keep the user's selection across a refresh; otherwise start with the first row shown.
    if (previous == 0 || !selectDelivery(previous)) {
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
    updateActions();
    if (m_analysisView->deliveryId() != id)
        m_analysisView->showMessage(tr("Loading…"));
    Q_EMIT detailsRequested(id);
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
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("%1 – Sendscope").arg(QFileInfo(m_databasePath).fileName()));
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_refreshAction->setText(tr("&Refresh"));
    m_tabs->setTabText(0, tr("Analysis"));
    m_tabs->setTabText(1, tr("Recipients"));
    m_tabs->setTabText(2, tr("Dashboard"));
    m_deliveryMenu->setTitle(tr("&Delivery"));
    m_toolBar->setWindowTitle(tr("Delivery"));
    m_actions->retranslate();
    showEngineActivity(nullptr);
    m_pathLabel->setText(tr("Database: %1").arg(m_databasePath));
    m_listModel->retranslate();
}

void MainWindow::restoreWindowState()
{
    const WindowState state;
    if (!restoreGeometry(state.geometry()))
        resize(1280, 800);
    m_splitter->restoreState(state.splitterState());
    m_logView->restoreState(state.recipientHeaderState());
}

void MainWindow::saveWindowState() const
{
    WindowState state;
    state.setGeometry(saveGeometry());
    state.setSplitterState(m_splitter->saveState());
    state.setRecipientHeaderState(m_logView->saveState());
}

QString MainWindow::currentName() const
{
    const int row = m_listModel->rowOf(m_currentId);
    return row >= 0 ? m_listModel->summary(row).name : QString();
}

void MainWindow::updateActions()
{
    DeliveryActions::Context c;
    c.selected = m_databaseOpen && m_currentId > 0 && m_details.id == m_currentId;
    c.kpis = m_details.kpis;
    c.analyzed = m_details.analyzed;
    c.blocked = m_details.analyzed && m_details.report.blocked();
    c.runningHere = m_running.contains(m_currentId);
    c.analyzing = m_analyzing.contains(m_currentId);
    c.proofOpen = !m_proofDialog.isNull();
    m_actions->update(c);
}

void MainWindow::warn(const QString &objectName, const QString &title, const QString &text)
{
    DeliveryPrompts::warn(this, objectName, title, text);
}

void MainWindow::analyzeCurrent()
{
    const qint64 id = m_currentId;
    m_analyzing.insert(id);
    updateActions();
    statusBar()->showMessage(tr("Analyzing “%1”…").arg(currentName()));
    Q_EMIT analyzeRequested(id);
}

void MainWindow::onAnalyzeFinished(qint64 deliveryId, bool ok, const QString &error, bool blocked)
{
    m_analyzing.remove(deliveryId);
    if (!ok)
        warn(u"analyzeErrorBox"_s, tr("The analysis failed"), error);
    statusBar()->showMessage(!ok       ? tr("The analysis of delivery #%1 failed.").arg(deliveryId)
                             : blocked ? tr("Delivery #%1 analyzed: an error blocks the send.").arg(deliveryId)
                                       : tr("Delivery #%1 analyzed.").arg(deliveryId),
                             10000);
    if (deliveryId == m_currentId)
        m_tabs->setCurrentIndex(AnalysisTab);
    refresh();
    updateActions();
}

void MainWindow::openProofDialog()
{
    auto *dialog = new ProofDialog(m_currentId, currentName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProofDialog::sendRequested, this, &MainWindow::proofRequested);
    connect(dialog, &QObject::destroyed, this, &MainWindow::updateActions, Qt::QueuedConnection);
    m_proofDialog = dialog;
    updateActions();
    dialog->show();
}

void MainWindow::onProofFinished(qint64 deliveryId, int number, const QList<ProofSender::Result> &results,
                                 const QString &error)
{
    if (m_proofDialog && m_proofDialog->deliveryId() == deliveryId)
        m_proofDialog->showResults(number, results, error);
    statusBar()->showMessage(error.isEmpty() ? tr("Proof #%1 of delivery #%2 sent.").arg(number).arg(deliveryId)
                                             : tr("The proof was not sent: %1").arg(error),
                             10000);
}

void MainWindow::confirmCurrent()
{
    const qint64 id = m_currentId;
    DeliveryPrompts::confirmSend(this, currentName(), m_details.kpis.toDeliver, [this, id] { startSend(id); });
}

void MainWindow::startSend(qint64 deliveryId)
{
    if (deliveryId <= 0 || m_running.contains(deliveryId))
        return;
    m_running.insert(deliveryId);
    m_engine->send(deliveryId);
    if (deliveryId == m_currentId)
        m_tabs->setCurrentIndex(DashboardTab);
    statusBar()->showMessage(tr("Starting delivery #%1…").arg(deliveryId), 5000);
    updateActions();
}

void MainWindow::pauseCurrent()
{
    // A run of this process is paused by its engine; one of another process through the database.
    if (m_running.contains(m_currentId))
        m_engine->pause(m_currentId);
    else
        Q_EMIT controlRequested(m_currentId, DeliveryState::Paused);
    statusBar()->showMessage(tr("Pausing: the messages in flight complete first…"), 5000);
}

void MainWindow::stopCurrent()
{
    const qint64 id = m_currentId;
    DeliveryPrompts::confirmStop(this, currentName(), [this, id] {
        if (m_running.contains(id))
            m_engine->stop(id);
        else
            Q_EMIT controlRequested(id, DeliveryState::Stopped);
    });
}

void MainWindow::onSnapshot(const DeliveryKpis &kpis)
{
    m_dashboard->addSnapshot(kpis);
    if (kpis.id == m_currentId && m_details.id == m_currentId && kpis.state != m_details.kpis.state) {
        m_details.kpis = kpis;
        updateActions();
    }
    showEngineActivity(&kpis);
}

void MainWindow::onEnded(qint64 deliveryId, DeliveryRun::End end, const QString &message)
{
    m_running.remove(deliveryId);
    if (end == DeliveryRun::End::Failed)
        warn(u"engineErrorBox"_s, tr("The delivery failed"), message);
    statusBar()->showMessage(tr("Delivery #%1 ended: %2").arg(deliveryId).arg(message), 10000);
    showEngineActivity(nullptr);
    m_dashboard->requestStats();
    refresh();
    updateActions();
}

void MainWindow::onFailedToStart(qint64 deliveryId, const QString &error)
{
    m_running.remove(deliveryId);
    warn(u"sendErrorBox"_s, tr("Cannot send the delivery"), error);
    showEngineActivity(nullptr);
    refresh();
    updateActions();
}

void MainWindow::showEngineActivity(const DeliveryKpis *kpis)
{
    if (m_running.isEmpty()) {
        m_engineLabel->setText(tr("Engine: idle"));
    } else if (kpis) {
        const QLocale locale;
        m_engineLabel->setText(tr("Engine: delivery #%1 %2 · %3 of %4 sent")
                                   .arg(QString::number(kpis->id), StateNames::deliveryState(kpis->state),
                                        locale.toString(kpis->count(LogState::Sent)),
                                        locale.toString(kpis->toDeliver)));
    } else {
        m_engineLabel->setText(tr("Engine: sending %Ln delivery(s)", nullptr, int(m_running.size())));
    }
}
