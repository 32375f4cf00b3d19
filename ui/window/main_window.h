#pragma once

#include "delivery/delivery_queries.h"
#include "engine/delivery_run.h"
#include "engine/proof_sender.h"
#include "workspace/dashboard_stats.h"
#include "workspace/delivery_details.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QSet>

class AnalysisView;
class DeliveryEditorDialog;
class PasswordVault;
class DesktopNotifier;
class ReportView;
class SandboxBanner;
class DashboardView;
class DeliveryActions;
class DeliveryEngine;
class ProofDialog;
class DeliveryListModel;
class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QSortFilterProxyModel;
class QSplitter;
class QToolBar;
class FeedbackPage;
class QTimer;
class QTabWidget;
class Workspace;
class QTableView;
class LogView;
class RecipientLogModel;

// The first window of Sendscope: the delivery list on the left; on the right the selected
// delivery's analysis report, its per-recipient log and its live dashboard. It composes views
// and models and wires them to the Workspace (reads, analysis, commands; answered later, off
// the GUI thread) and to the DeliveryEngine (sending, proofs); it holds no SQL and no business
// rule.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    // The workspace (the open database) outlives the window: the application makes it first.
    explicit MainWindow(Workspace &workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    QString databasePath() const { return m_databasePath; }
    qint64 currentDeliveryId() const { return m_currentId; }
    // Selects a delivery of the list; false when it is not (yet) in it.
    bool selectDelivery(qint64 deliveryId);
    void refresh();

    DeliveryListModel *deliveryListModel() const { return m_listModel; }
    RecipientLogModel *recipientLogModel() const { return m_logModel; }
    LogView *logView() const { return m_logView; }
    QTableView *deliveryTable() const { return m_deliveryTable; }
    QTableView *recipientTable() const { return m_recipientTable; }
    AnalysisView *analysisView() const { return m_analysisView; }
    DashboardView *dashboardView() const { return m_dashboard; }
    DeliveryActions *deliveryActions() const { return m_actions; }
    QTabWidget *tabs() const { return m_tabs; }
    ReportView *reportView() const { return m_report; }
    PasswordVault *passwordVault() const { return m_vault; }
    DesktopNotifier *notifier() const { return m_notifier; }
    enum Tab { AnalysisTab, RecipientsTab, DashboardTab, ReportTab };

    // The dialogs, opened as the menu commands do; each returns the dialog it opened.
    DeliveryEditorDialog *openEditor(qint64 deliveryId);
    QDialog *openCsvImport(qint64 deliveryId, QWidget *parent);
    QDialog *openSettings();
    QDialog *openFeedback();
    FeedbackPage *feedbackPage() const { return m_feedback; }
    void openSandboxSettings();
    void openProofDialog(); // for the current delivery, with its proof history

Q_SIGNALS:
    // Once, when the first data is on screen (or the database failed to open): the moment
    // for a screenshot.
    void initialLoadFinished();
    void databaseFailed(const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createCentralWidget();
    // The questions to the Workspace (main_window_requests.cpp); each answer goes to the
    // handler named after it.
    void openDatabase();
    void requestDeliveries();
    void requestDetails(qint64 deliveryId);
    void requestDashboard(qint64 deliveryId);
    void requestAnalysis(qint64 deliveryId);
    void requestRouteCheck(qint64 deliveryId, int purpose);
    void requestControl(qint64 deliveryId, DeliveryState state);
    void requestDuplicate(qint64 deliveryId);
    void requestDelete(qint64 deliveryId);
    void sendProof(qint64 deliveryId, const QStringList &addresses, const QString &password);
    void showDatabaseError(const QString &error);
    void retranslate();
    void restoreWindowState();
    void saveWindowState() const;

    void onOpenFailed(const QString &path, const QString &error);
    void onDeliveriesLoaded(const QList<DeliverySummary> &deliveries);
    void onDetailsLoaded(const DeliveryDetails &details);
    void onCurrentRowChanged(const QModelIndex &current);
    void finishInitialLoad();
    // Once, after the first list: the Workspace names the runs the last quit interrupted.
    void resumeInterruptedRuns();

    // Delivery commands (delivery actions, the dashboard's buttons).
    void updateActions();
    void analyzeCurrent();
    void confirmCurrent();
    void startSend(qint64 deliveryId);
    void pauseCurrent();
    void stopCurrent();
    void duplicateCurrent();
    void deleteCurrent();
    void showReportIfVisible();
    void updateExportActions();
    // Sending and proofs ask the Workspace whether the route needs a password the vault keeps.
    enum class RoutePurpose { Send, Proof };
    // Asks the vault for each password in turn (a pool's members); proceeds with the last.
    void onRouteChecked(qint64 deliveryId, int purpose, QList<Workspace::RoutePassword> needs);
    void onPasswordReady(const QString &routeName, const QString &password);
    void proceed(qint64 deliveryId, RoutePurpose purpose, const QString &routeName, const QString &password);
    void requestProof(qint64 deliveryId, const QStringList &addresses);
    void onAnalyzeFinished(qint64 deliveryId, bool ok, const QString &error, bool blocked);
    void onProofFinished(qint64 deliveryId, int number, const QList<ProofSender::Result> &results,
                         const QString &error);
    void onSnapshot(const DeliveryKpis &kpis);
    void onEnded(qint64 deliveryId, DeliveryRun::End end, const QString &message);
    void onStorageFault(qint64 deliveryId, const QString &fault);
    void notifyEnd(qint64 deliveryId, DeliveryRun::End end, const QString &message);
    void onFailedToStart(qint64 deliveryId, const QString &error);
    void showEngineActivity(const DeliveryKpis *kpis);
    void warn(const QString &objectName, const QString &title, const QString &text);
    QString currentName() const;

    const QString m_databasePath;
    // The pages' one door to the database (docs/architecture.md).
    Workspace *m_workspace;

    DeliveryListModel *m_listModel;
    QSortFilterProxyModel *m_listProxy;
    RecipientLogModel *m_logModel = nullptr; // m_logView's
    LogView *m_logView = nullptr;

    QSplitter *m_splitter = nullptr;
    QTableView *m_deliveryTable = nullptr;
    QTabWidget *m_tabs = nullptr;
    AnalysisView *m_analysisView = nullptr;
    QTableView *m_recipientTable = nullptr;
    QLabel *m_pathLabel = nullptr;
    QLabel *m_engineLabel = nullptr;
    DashboardView *m_dashboard = nullptr;
    DeliveryActions *m_actions = nullptr;
    QToolBar *m_toolBar = nullptr;
    QMenu *m_deliveryMenu = nullptr;
    QPointer<ProofDialog> m_proofDialog;
    DeliveryEngine *m_engine = nullptr; // the Workspace's

    ReportView *m_report = nullptr;
    SandboxBanner *m_sandboxBanner = nullptr;
    PasswordVault *m_vault = nullptr;
    DesktopNotifier *m_notifier = nullptr; // a delivery that ends, or is held, while you look elsewhere
    QSet<qint64> m_held;                   // runs held by a storage fault

    QMenu *m_fileMenu = nullptr;
    QMenu *m_exportMenu = nullptr;
    QAction *m_exportCsvAction = nullptr;
    QAction *m_exportPngAction = nullptr;
    QAction *m_exportPdfAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_sandboxAction = nullptr;
    QMenu *m_viewMenu = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QMenu *m_languageMenu = nullptr;
    QActionGroup *m_languageGroup = nullptr;

    qint64 m_currentId = 0;
    DeliveryDetails m_details;          // the selected delivery's, as last read or reported by the engine
    FeedbackPage *m_feedback = nullptr; // in its own window, opened from the Delivery menu
    QDialog *m_feedbackDialog = nullptr;
    QAction *m_feedbackAction = nullptr;
    QAction *m_fetchAction = nullptr;
    QTimer *m_fetchTimer = nullptr;
    bool m_anyInProgress = false;
    QSet<qint64> m_running; // deliveries this process' engine runs
    QSet<qint64> m_analyzing;
    bool m_databaseOpen = false;
    bool m_initialLoadDone = false;
    qint64 m_selectAfterLoad = 0;                // a delivery just created or duplicated, selected once listed
    QHash<qint64, QStringList> m_proofAddresses; // proofs waiting for their route's password
    struct WaitingForPassword
    {
        qint64 deliveryId;
        RoutePurpose purpose;
        QList<Workspace::RoutePassword> rest; // asked for once this one is in
    };
    QHash<QString, QList<WaitingForPassword>> m_waitingForPassword; // by route name
    bool m_quitting = false;
    bool m_resumeChecked = false; // runs interrupted by a crash are resumed once, at start
    QSet<qint64> m_autoResumed;   // the user chose to quit: pausing the runs, then closing
};
