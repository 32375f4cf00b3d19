// MainWindow's questions to the Workspace and the engine, each answered later on the GUI
// thread (whenAnswered), and handed to the handler named after it.

#include "analysis_view.h"
#include "dashboard_view.h"
#include "engine/delivery_engine.h"
#include "main_window.h"
#include "workspace/workspace.h"
#include "workspace_answer.h"

#include <QStatusBar>

using namespace Qt::StringLiterals;

void MainWindow::openDatabase()
{
    whenAnswered(
        m_workspace->openDatabase(), this,
        [this](const WorkspaceResult<bool> &r) {
            if (!r.error.isEmpty())
                showDatabaseError(r.error); // the sample delivery could not be made
            m_databaseOpen = true;
            m_refreshAction->setEnabled(true);
            updateActions();
            updateExportActions();
            m_analysisView->showMessage(tr("Loading…"));
            requestDeliveries();
        },
        [this](const QString &error) { onOpenFailed(m_databasePath, error); });
}

void MainWindow::showDatabaseError(const QString &error)
{
    statusBar()->showMessage(tr("Database error: %1").arg(error), 10000);
}

void MainWindow::requestDeliveries()
{
    whenAnswered(
        m_workspace->deliveries(), this,
        [this](const QList<DeliverySummary> &deliveries) { onDeliveriesLoaded(deliveries); },
        [this](const QString &error) { showDatabaseError(error); });
}

void MainWindow::requestDetails(qint64 deliveryId)
{
    whenAnswered(
        m_workspace->deliveryDetails(deliveryId), this,
        [this](const WorkspaceResult<DeliveryDetails> &r) {
            if (r.ok())
                onDetailsLoaded(*r.value);
            else if (!r.error.isEmpty())
                showDatabaseError(r.error);
        },
        [this](const QString &error) { showDatabaseError(error); });
}

void MainWindow::requestDashboard(qint64 deliveryId)
{
    whenAnswered(
        m_workspace->dashboardStats(deliveryId), this,
        [this](const WorkspaceResult<DashboardStats> &r) {
            if (r.ok())
                m_dashboard->addStats(*r.value);
        },
        [this](const QString &error) { showDatabaseError(error); });
}

void MainWindow::requestAnalysis(qint64 deliveryId)
{
    whenAnswered(
        m_workspace->analyze(deliveryId), this,
        [this, deliveryId](const WorkspaceResult<bool> &r) {
            onAnalyzeFinished(deliveryId, r.ok(), r.error, r.value.value_or(false));
        },
        [this, deliveryId](const QString &error) { onAnalyzeFinished(deliveryId, false, error, false); });
}

void MainWindow::requestRouteCheck(qint64 deliveryId, int purpose)
{
    whenAnswered(
        m_workspace->routePasswordsNeeded(deliveryId, RoutePurpose(purpose) == RoutePurpose::Proof), this,
        [this, deliveryId, purpose](const QList<Workspace::RoutePassword> &needs) {
            onRouteChecked(deliveryId, purpose, needs);
        },
        // Whatever cannot be read here is reported by the send or the proof itself.
        [this, deliveryId, purpose](const QString &) { onRouteChecked(deliveryId, purpose, {}); });
}

void MainWindow::requestControl(qint64 deliveryId, DeliveryState state)
{
    const auto done = [this](const QString &error) {
        if (!error.isEmpty())
            warn(u"controlErrorBox"_s, tr("Cannot change the delivery"), error);
        refresh();
    };
    whenAnswered(
        m_workspace->setDeliveryState(deliveryId, state), this,
        [done](const WorkspaceResult<bool> &r) { done(r.error); }, done);
}

void MainWindow::requestDuplicate(qint64 deliveryId)
{
    const auto failed = [this](const QString &error) {
        warn(u"duplicateErrorBox"_s, tr("Cannot duplicate the delivery"), error);
    };
    whenAnswered(
        m_workspace->duplicateDelivery(deliveryId), this,
        [this, failed](const WorkspaceResult<qint64> &r) {
            if (!r.ok())
                return failed(r.error);
            m_selectAfterLoad = *r.value;
            refresh();
        },
        failed);
}

void MainWindow::requestDelete(qint64 deliveryId)
{
    const auto failed = [this](const QString &error) {
        warn(u"deleteErrorBox"_s, tr("Cannot delete the delivery"), error);
    };
    whenAnswered(
        m_workspace->deleteDelivery(deliveryId), this,
        [this, deliveryId, failed](const WorkspaceResult<bool> &r) {
            if (!r.ok())
                return failed(r.error);
            statusBar()->showMessage(tr("Delivery #%1 deleted.").arg(deliveryId), 10000);
            if (deliveryId == m_currentId)
                m_currentId = 0;
            refresh();
        },
        failed);
}

void MainWindow::sendProof(qint64 deliveryId, const QStringList &addresses, const QString &password)
{
    whenAnswered(
        m_engine->sendProof(deliveryId, addresses, password), this,
        [this, deliveryId](const ProofOutcome &outcome) {
            onProofFinished(deliveryId, outcome.number, outcome.results, outcome.error);
        },
        [](const QString &) {});
}
