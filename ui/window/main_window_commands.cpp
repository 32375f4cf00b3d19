// MainWindow's commands: creating, editing, duplicating and deleting deliveries, the settings,
// analysis, proofs, sending and its control, and what the engine reports back. The window's
// construction and layout are in main_window.cpp.

#include "csv_import_dialog.h"
#include "dashboard_view.h"
#include "delivery_actions.h"
#include "delivery_editor_dialog.h"
#include "delivery_list_model.h"
#include "delivery_prompts.h"
#include "desktop_notifier.h"
#include "dkim_keys_page.h"
#include "engine/delivery_engine.h"
#include "feedback_page.h"
#include "inbound_rules_page.h"
#include "main_window.h"
#include "mx_rules_page.h"
#include "password_vault.h"
#include "proof_dialog.h"
#include "qualification_rules_page.h"
#include "quarantine_page.h"
#include "report_view.h"
#include "routes_page.h"
#include "sandbox/sandbox_route.h"
#include "sandbox_dialog.h"
#include "settings_dialog.h"
#include "state_names.h"
#include "workspace/workspace.h"
#include "workspace_answer.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QStatusBar>
#include <QTabWidget>

using namespace Qt::StringLiterals;

DeliveryEditorDialog *MainWindow::openEditor(qint64 deliveryId)
{
    auto *editor = new DeliveryEditorDialog(*m_workspace, deliveryId, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &DeliveryEditorDialog::saved, this, [this](qint64 id) {
        m_selectAfterLoad = id;
        refresh();
    });
    connect(editor, &DeliveryEditorDialog::importCsvRequested, editor,
            [this, editor](qint64 id) { openCsvImport(id, editor); });
    editor->open();
    return editor;
}

QDialog *MainWindow::openCsvImport(qint64 deliveryId, QWidget *parent)
{
    auto *dialog = new CsvImportDialog(*m_workspace, deliveryId, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CsvImportDialog::imported, this, [this, parent](qint64 id, qint64 rows, qint64 rejected) {
        if (auto *editor = qobject_cast<DeliveryEditorDialog *>(parent))
            editor->reloadRecipients();
        statusBar()->showMessage(
            tr("%1 recipient(s) imported, %2 rejected.").arg(QLocale().toString(rows), QLocale().toString(rejected)),
            10000);
        m_selectAfterLoad = id;
        refresh();
    });
    dialog->open();
    return dialog;
}

QDialog *MainWindow::openFeedback()
{
    m_feedbackDialog->setWindowTitle(tr("Feedback: unmatched reports"));
    m_feedback->reload();
    m_feedbackDialog->show();
    m_feedbackDialog->raise();
    return m_feedbackDialog;
}

QDialog *MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->addPage(tr("Routes"), new RoutesPage(*m_workspace, m_vault));
    dialog->addPage(tr("DKIM keys"), new DkimKeysPage(*m_workspace, m_workspace->dkimKeysFolder()));
    dialog->addPage(tr("Bounce rules"), new QualificationRulesPage(*m_workspace));
    dialog->addPage(tr("Inbound-mail rules"), new InboundRulesPage(*m_workspace));
    dialog->addPage(tr("MX rules"), new MxRulesPage(*m_workspace));
    dialog->addPage(tr("Quarantine"), new QuarantinePage(*m_workspace));
    dialog->open();
    return dialog;
}

void MainWindow::openSandboxSettings()
{
    auto *dialog = new SandboxDialog(*m_workspace, SandboxRoute::defaultName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::resumeInterruptedRuns()
{
    // docs/product.md §6: a restart of the application resumes a running delivery.
    if (m_resumeChecked)
        return;
    m_resumeChecked = true;
    whenAnswered(
        m_workspace->interruptedDeliveries(), this,
        [this](const QList<qint64> &ids) {
            for (const qint64 id : ids) {
                m_autoResumed.insert(id);
                statusBar()->showMessage(tr("Resuming delivery #%1, interrupted when Sendscope last quit…").arg(id),
                                         10000);
                startSend(id);
            }
        },
        [this](const QString &error) { showDatabaseError(error); });
}

void MainWindow::duplicateCurrent()
{
    if (m_currentId > 0)
        requestDuplicate(m_currentId);
}

void MainWindow::deleteCurrent()
{
    const qint64 id = m_currentId;
    if (id <= 0)
        return;
    DeliveryPrompts::confirmDelete(this, currentName(), m_details.kpis.targeted, [this, id] { requestDelete(id); });
}

QString MainWindow::currentName() const
{
    const int row = m_listModel->rowOf(m_currentId);
    return row >= 0 ? m_listModel->summary(row).name : QString();
}

void MainWindow::updateActions()
{
    DeliveryActions::Context c;
    c.databaseOpen = m_databaseOpen;
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
    requestAnalysis(id);
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
    connect(dialog, &ProofDialog::sendRequested, this, &MainWindow::requestProof);
    connect(dialog, &QObject::destroyed, this, &MainWindow::updateActions, Qt::QueuedConnection);
    m_proofDialog = dialog;
    if (m_details.id == m_currentId)
        dialog->setHistory(m_details.proofs);
    updateActions();
    dialog->show();
}

void MainWindow::onProofFinished(qint64 deliveryId, int number, const QList<ProofSender::Result> &results,
                                 const QString &error)
{
    if (m_proofDialog && m_proofDialog->deliveryId() == deliveryId) {
        m_proofDialog->showResults(number, results, error);
        requestDetails(deliveryId); // the history, with this proof in it
    }
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
    if (deliveryId == m_currentId)
        m_tabs->setCurrentIndex(DashboardTab);
    statusBar()->showMessage(tr("Starting delivery #%1…").arg(deliveryId), 5000);
    updateActions();
    requestRouteCheck(deliveryId, int(RoutePurpose::Send));
}

void MainWindow::requestProof(qint64 deliveryId, const QStringList &addresses)
{
    m_proofAddresses.insert(deliveryId, addresses);
    requestRouteCheck(deliveryId, int(RoutePurpose::Proof));
}

void MainWindow::onRouteChecked(qint64 deliveryId, int purpose, QList<Workspace::RoutePassword> needs)
{
    const auto p = RoutePurpose(purpose);
    if (needs.isEmpty()) {
        proceed(deliveryId, p, QString(), QString());
        return;
    }
    // The vault answers from this run's memory, the keychain, or by asking once.
    const Workspace::RoutePassword first = needs.takeFirst();
    m_waitingForPassword[first.routeName].append({deliveryId, p, needs});
    m_vault->fetch(first.routeName, first.username, this);
}

void MainWindow::onPasswordReady(const QString &routeName, const QString &password)
{
    const QList<WaitingForPassword> waiting = m_waitingForPassword.take(routeName);
    for (const WaitingForPassword &w : waiting) {
        if (password.isEmpty()) {
            if (w.purpose == RoutePurpose::Send) {
                m_running.remove(w.deliveryId);
                showEngineActivity(nullptr);
                updateActions();
            }
            m_proofAddresses.remove(w.deliveryId);
            warn(u"passwordMissingBox"_s, tr("No password"),
                 tr("The route “%1” needs a password; nothing was sent.").arg(routeName));
            continue;
        }
        if (w.rest.isEmpty()) {
            proceed(w.deliveryId, w.purpose, routeName, password);
            continue;
        }
        // A pool member's password: to the engine now, then the next member's.
        m_engine->setRoutePassword(routeName, password);
        onRouteChecked(w.deliveryId, int(w.purpose), w.rest);
    }
}

void MainWindow::proceed(qint64 deliveryId, RoutePurpose purpose, const QString &routeName, const QString &password)
{
    if (purpose == RoutePurpose::Proof) {
        sendProof(deliveryId, m_proofAddresses.take(deliveryId), password);
        return;
    }
    // Both calls are queued to the engine thread, in this order.
    if (!routeName.isEmpty())
        m_engine->setRoutePassword(routeName, password);
    m_engine->send(deliveryId);
}

void MainWindow::pauseCurrent()
{
    // A run of this process is paused by its engine; one of another process through the database.
    if (m_running.contains(m_currentId))
        m_engine->pause(m_currentId);
    else
        requestControl(m_currentId, DeliveryState::Paused);
    statusBar()->showMessage(tr("Pausing: the messages in flight complete first…"), 5000);
}

void MainWindow::stopCurrent()
{
    const qint64 id = m_currentId;
    DeliveryPrompts::confirmStop(this, currentName(), [this, id] {
        if (m_running.contains(id))
            m_engine->stop(id);
        else
            requestControl(id, DeliveryState::Stopped);
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
    m_autoResumed.remove(deliveryId);
    m_held.remove(deliveryId);
    m_dashboard->setStorageFault(deliveryId, QString());
    if (end == DeliveryRun::End::DeliveryFailed)
        warn(u"engineErrorBox"_s, tr("The delivery failed"), message);
    statusBar()->showMessage(tr("Delivery #%1 ended: %2").arg(deliveryId).arg(message), 10000);
    showEngineActivity(nullptr);
    if (m_quitting) {
        if (m_running.isEmpty())
            close();
        return;
    }
    notifyEnd(deliveryId, end, message);
    m_dashboard->requestStats();
    if (deliveryId == m_report->deliveryId())
        m_report->refresh();
    refresh();
    updateActions();
}

void MainWindow::notifyEnd(qint64 deliveryId, DeliveryRun::End end, const QString &message)
{
    switch (end) {
    case DeliveryRun::End::Finished:
        m_notifier->notify(tr("Delivery #%1 finished").arg(deliveryId),
                           tr("Every recipient is final; the dashboard and the report show how it went."));
        break;
    case DeliveryRun::End::Paused:
        m_notifier->notify(tr("Delivery #%1 paused").arg(deliveryId),
                           tr("Nothing is in flight; resume it when you are ready."));
        break;
    case DeliveryRun::End::Stopped:
        m_notifier->notify(tr("Delivery #%1 stopped").arg(deliveryId), tr("What was not handed over is canceled."));
        break;
    case DeliveryRun::End::WaitingForReports:
        m_notifier->notify(tr("Delivery #%1 is waiting for delivery reports").arg(deliveryId), message);
        break;
    case DeliveryRun::End::DeliveryFailed:
        m_notifier->notify(tr("Delivery #%1 failed").arg(deliveryId), message, true);
        break;
    }
}

void MainWindow::onStorageFault(qint64 deliveryId, const QString &fault)
{
    m_dashboard->setStorageFault(deliveryId, fault);
    if (fault.isEmpty())
        m_held.remove(deliveryId);
    else
        m_held.insert(deliveryId);
    if (!fault.isEmpty())
        m_notifier->notify(tr("Delivery #%1 is held").arg(deliveryId), fault, true);
    statusBar()->showMessage(fault.isEmpty()
                                 ? tr("Delivery #%1 goes on: the database accepts writes again").arg(deliveryId)
                                 : tr("Delivery #%1 is held: the database refuses writes").arg(deliveryId),
                             10000);
}

void MainWindow::onFailedToStart(qint64 deliveryId, const QString &error)
{
    m_running.remove(deliveryId);
    if (m_autoResumed.remove(deliveryId)) {
        // Most likely another process is sending it: nothing to warn about.
        statusBar()->showMessage(tr("Delivery #%1 was not resumed here: %2").arg(deliveryId).arg(error), 10000);
        showEngineActivity(nullptr);
        updateActions();
        return;
    }
    if (m_quitting && m_running.isEmpty()) {
        close();
        return;
    }
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
