// MainWindow's menus, toolbar and actions, and their texts in the current language. The
// window's construction and layout are in main_window.cpp, its commands in
// main_window_commands.cpp.

#include "analysis_view.h"
#include "dashboard_view.h"
#include "delivery_actions.h"
#include "delivery_list_model.h"
#include "feedback_page.h"
#include "language.h"
#include "main_window.h"
#include "recipient_log_model.h"
#include "report_view.h"

#include <QAction>
#include <QActionGroup>
#include <QDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>
#include <QToolBar>

using namespace Qt::StringLiterals;

void MainWindow::createActions()
{
    m_actions = new DeliveryActions(this);
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_actions->newDelivery);
    m_fileMenu->addSeparator();
    // The report of the selected delivery (the Report tab), exported.
    m_exportMenu = m_fileMenu->addMenu(QString());
    m_exportCsvAction = m_exportMenu->addAction(QString());
    m_exportCsvAction->setObjectName(u"exportCsvAction"_s);
    m_exportPngAction = m_exportMenu->addAction(QString());
    m_exportPngAction->setObjectName(u"exportPngAction"_s);
    m_exportPdfAction = m_exportMenu->addAction(QString());
    m_exportPdfAction->setObjectName(u"exportPdfAction"_s);
    const auto exportWith = [this](void (ReportView::*choose)()) {
        if (m_report->deliveryId() == m_currentId && m_report->hasReport()) {
            (m_report->*choose)();
            return;
        }
        // Not loaded yet: show the report, and ask for the file once it is there.
        m_tabs->setCurrentIndex(ReportTab);
        auto *once = new QObject(this);
        connect(m_report, &ReportView::loaded, once, [this, once, choose](qint64 id) {
            once->deleteLater();
            if (id == m_currentId)
                (m_report->*choose)();
        });
    };
    connect(m_exportCsvAction, &QAction::triggered, this, [=] { exportWith(&ReportView::chooseCsv); });
    connect(m_exportPngAction, &QAction::triggered, this, [=] { exportWith(&ReportView::choosePng); });
    connect(m_exportPdfAction, &QAction::triggered, this, [=] { exportWith(&ReportView::choosePdf); });
    m_fileMenu->addSeparator();
    // docs/product.md §4: the bounce mailboxes read on demand, and their Unmatched reports.
    m_fetchAction = m_fileMenu->addAction(QString());
    m_fetchAction->setObjectName(u"fetchReportsAction"_s);
    connect(m_fetchAction, &QAction::triggered, this, [this] { m_feedback->fetchNow(); });
    m_feedbackAction = m_fileMenu->addAction(QString());
    m_feedbackAction->setObjectName(u"feedbackAction"_s);
    connect(m_feedbackAction, &QAction::triggered, this, &MainWindow::openFeedback);
    m_fileMenu->addSeparator();
    m_settingsAction = m_fileMenu->addAction(QString());
    m_settingsAction->setObjectName(u"settingsAction"_s);
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::openSettings);
    m_sandboxAction = m_fileMenu->addAction(QString());
    m_sandboxAction->setObjectName(u"sandboxAction"_s);
    connect(m_sandboxAction, &QAction::triggered, this, &MainWindow::openSandboxSettings);
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString());
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_viewMenu = menuBar()->addMenu(QString());
    m_refreshAction = m_viewMenu->addAction(QString());
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_refreshAction->setEnabled(false); // until the database is open
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);

    // Switched at runtime: every view retranslates itself on the LanguageChange event.
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->setObjectName(u"languageMenu"_s);
    m_languageGroup = new QActionGroup(this);
    for (const QString &code : Language::supported()) {
        QAction *action = m_languageMenu->addAction(Language::nativeName(code));
        action->setObjectName(u"language_"_s + code);
        action->setData(code);
        action->setCheckable(true);
        action->setChecked(code == Language::current());
        m_languageGroup->addAction(action);
        connect(action, &QAction::triggered, this, [code] {
            if (Language::apply(code))
                Language::save(code);
        });
    }

    m_deliveryMenu = menuBar()->addMenu(QString());
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(u"deliveryToolBar"_s);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_actions->addTo(m_deliveryMenu, m_toolBar);
    connect(m_actions->newDelivery, &QAction::triggered, this, [this] { openEditor(0); });
    connect(m_actions->edit, &QAction::triggered, this, [this] { openEditor(m_currentId); });
    connect(m_actions->duplicate, &QAction::triggered, this, &MainWindow::duplicateCurrent);
    connect(m_actions->remove, &QAction::triggered, this, &MainWindow::deleteCurrent);
    connect(m_actions->analyze, &QAction::triggered, this, &MainWindow::analyzeCurrent);
    connect(m_actions->proof, &QAction::triggered, this, &MainWindow::openProofDialog);
    connect(m_actions->confirm, &QAction::triggered, this, &MainWindow::confirmCurrent);
    connect(m_actions->pause, &QAction::triggered, this, &MainWindow::pauseCurrent);
    connect(m_actions->resume, &QAction::triggered, this, [this] { startSend(m_currentId); });
    connect(m_actions->stop, &QAction::triggered, this, &MainWindow::stopCurrent);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("%1 – Sendscope").arg(QFileInfo(m_databasePath).fileName()));
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_refreshAction->setText(tr("&Refresh"));
    m_languageMenu->setTitle(tr("&Language"));
    for (QAction *action : m_languageGroup->actions())
        action->setChecked(action->data().toString() == Language::current());
    m_tabs->setTabText(0, tr("Analysis"));
    m_tabs->setTabText(1, tr("Recipients"));
    m_tabs->setTabText(2, tr("Dashboard"));
    m_tabs->setTabText(3, tr("Report"));
    m_exportMenu->setTitle(tr("&Export"));
    m_exportCsvAction->setText(tr("Report as &CSV…"));
    m_exportPngAction->setText(tr("Charts as &PNG…"));
    m_exportPdfAction->setText(tr("Report as P&DF…"));
    m_settingsAction->setText(tr("&Settings…"));
    m_fetchAction->setText(tr("&Fetch delivery reports now"));
    m_feedbackAction->setText(tr("Unmatched &reports…"));
    if (m_feedbackDialog)
        m_feedbackDialog->setWindowTitle(tr("Feedback: unmatched reports"));
    m_sandboxAction->setText(tr("Sand&box outcomes…"));
    m_deliveryMenu->setTitle(tr("&Delivery"));
    m_toolBar->setWindowTitle(tr("Delivery"));
    m_actions->retranslate();
    showEngineActivity(nullptr);
    m_pathLabel->setText(tr("Database: %1").arg(m_databasePath));
    m_listModel->retranslate();
}
