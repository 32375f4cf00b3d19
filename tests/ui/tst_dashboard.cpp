// The delivery actions and the live dashboard against smtp-sink: a delivery imported in a
// temporary database is analyzed through the Analyze action, confirmed through the Confirm
// action (its confirmation accepted like a user would), sent to the end, and the dashboard's
// tiles must then equal what the core's KPI query reports; while it runs the dashboard
// repaints at most about once a second.

#include "../core/smtp_sink.h"
#include "dashboard_view.h"
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "delivery_actions.h"
#include "desktop_notifier.h"
#include "kpi_tile.h"
#include "main_window.h"
#include "proof_dialog.h"
#include "state_names.h"
#include "store/store.h"
#include "success_gauge.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TstDashboard final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void analyzeConfirmAndFollowTheRun();
    void proofThroughTheDialog();
    void quitWhileSendingPausesFirst();
    void restartResumesInterruptedRun();

private:
    qint64 importDelivery(quint16 port, int recipients);

    QTemporaryDir m_dir;
    QString m_dbPath;
};

void TstDashboard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (!SmtpSink::available()) {
        if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
            QFAIL("smtp-sink is missing; tests/peers/install.sh installs it");
        QSKIP("smtp-sink is missing (apt-get install postfix); the dashboard test needs it");
    }
    QVERIFY(m_dir.isValid());
    m_dbPath = m_dir.filePath(u"dashboard.db"_s);
}

qint64 TstDashboard::importDelivery(quint16 port, int recipients)
{
    // Three destination domains, and two rows the analysis excludes.
    QByteArray csv = "email,first_name\n";
    static const char *domains[] = {"alpha.example", "beta.example", "gamma.example"};
    for (int i = 0; i < recipients; ++i)
        csv += "r" + QByteArray::number(i) + "@" + domains[i % 3] + ",N" + QByteArray::number(i) + "\n";
    csv += "r0@alpha.example,Duplicate\nnot an address,Nobody\n";
    QFile list(m_dir.filePath(u"list.csv"_s));
    if (!list.open(QIODevice::WriteOnly) || list.write(csv) != csv.size())
        return 0;
    list.close();

    const QJsonObject def{
        {u"name"_s, u"Dashboard test"_s},
        {u"from"_s, QJsonObject{{u"name"_s, u"Acme"_s}, {u"address"_s, u"news@acme.example"_s}}},
        {u"subject"_s, u"Hello {{first_name|there}}"_s},
        {u"html"_s, u"<p>Hi {{first_name|there}}</p><a href=\"https://acme.example/u\">Unsubscribe</a>"_s},
        {u"text"_s, u"Hi {{first_name|there}}. Unsubscribe: https://acme.example/u"_s},
        {u"headers"_s, QJsonObject{{u"List-Unsubscribe"_s, u"<https://acme.example/u>"_s},
                                   {u"List-Unsubscribe-Post"_s, u"List-Unsubscribe=One-Click"_s}}},
        {u"recipients"_s, QJsonObject{{u"csv"_s, u"list.csv"_s}}},
        {u"route"_s, QJsonObject{{u"type"_s, u"relay"_s},
                                 {u"host"_s, u"127.0.0.1"_s},
                                 {u"port"_s, int(port)},
                                 {u"tls"_s, u"none"_s},
                                 {u"acceptance_means_sent"_s, true},
                                 {u"max_connections"_s, 40},
                                 {u"max_connections_per_domain"_s, 40}}},
    };
    QFile json(m_dir.filePath(u"delivery.json"_s));
    if (!json.open(QIODevice::WriteOnly))
        return 0;
    json.write(QJsonDocument(def).toJson());
    json.close();

    QString error;
    std::unique_ptr<Store> store = Store::open(m_dbPath, &error);
    if (!store)
        qFatal("%s", qPrintable(error));
    DeliveryService service(*store);
    const auto imported = service.importDefinition(json.fileName());
    if (!imported.ok)
        qFatal("%s", qPrintable(imported.errors.join(u'\n')));
    return imported.deliveryId; // analyzed by the window's Analyze action
}

void TstDashboard::analyzeConfirmAndFollowTheRun()
{
    // Each DATA answered after a second: a few hundred recipients take several seconds.
    SmtpSink sink;
    QVERIFY(sink.start({u"-w"_s, u"1"_s}));
    constexpr int Recipients = 300;
    const qint64 id = importDelivery(sink.port(), Recipients);
    QVERIFY(id > 0);

    Workspace windowWorkspace(m_dbPath);

    MainWindow window(windowWorkspace);
    window.show();
    QTRY_COMPARE_WITH_TIMEOUT(window.currentDeliveryId(), id, 10000);
    DeliveryActions *actions = window.deliveryActions();
    DashboardView *dashboard = window.dashboardView();
    QTRY_COMPARE_WITH_TIMEOUT(dashboard->deliveryId(), id, 10000);

    // Not analyzed: nothing to confirm yet.
    QTRY_VERIFY(actions->analyze->isEnabled());
    QVERIFY(!actions->confirm->isEnabled());
    QVERIFY(!actions->pause->isEnabled());
    actions->analyze->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(actions->confirm->isEnabled(), 20000);
    QTRY_COMPARE(dashboard->shownKpis().toDeliver, Recipients);

    // Every repaint of the figures while the delivery runs.
    QElapsedTimer clock;
    clock.start();
    QList<qint64> updates;
    connect(dashboard, &DashboardView::updated, this, [&] { updates.append(clock.elapsed()); });

    actions->confirm->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(u"confirmSendBox"_s)) != nullptr && box->isVisible());
    QVERIFY2(box->text().contains(u"Dashboard test"_s), qPrintable(box->text()));
    auto *send = box->findChild<QPushButton *>(u"confirmSendButton"_s);
    QVERIFY(send);
    send->click();
    QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::DashboardTab));

    QTRY_VERIFY_WITH_TIMEOUT(actions->pause->isEnabled(), 10000);
    QVERIFY(!actions->confirm->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(dashboard->shownKpis().state, DeliveryState::Finished, 120000);
    const qint64 runMs = clock.elapsed();

    // The dashboard shows what the log says, read on this thread once the window is done.
    QString error;
    std::unique_ptr<Store> store = Store::open(m_dbPath, &error);
    QVERIFY2(store, qPrintable(error));
    const auto kpis = DeliveryQueries(store->db()).kpis(id);
    QVERIFY(kpis);
    QCOMPARE(kpis->state, DeliveryState::Finished);
    QCOMPARE(kpis->count(LogState::Sent), Recipients);
    const QLocale locale;
    const std::pair<const char16_t *, qint64> tiles[] = {
        {u"dashToDeliverTile", kpis->toDeliver},
        {u"dashProcessedTile", kpis->processed},
        {u"dashTakenTile", kpis->count(LogState::TakenIntoAccount)},
        {u"dashSentTile", kpis->count(LogState::Sent)},
        {u"dashInRetryTile", kpis->inRetry},
        {u"dashFailedTile", kpis->count(LogState::Failed)},
        {u"dashCanceledTile", kpis->count(LogState::Canceled)},
    };
    for (const auto &[name, value] : tiles) {
        auto *tile = dashboard->findChild<KpiTile *>(QString::fromUtf16(name));
        QVERIFY2(tile, qPrintable(QString::fromUtf16(name)));
        QTRY_COMPARE(tile->value(), locale.toString(value));
    }
    QCOMPARE(dashboard->findChild<SuccessGauge *>(u"successGauge"_s)->value(), kpis->successPct());
    QTRY_COMPARE(dashboard->findChild<QLabel *>(u"dashboardState"_s)->text(),
                 StateNames::deliveryState(DeliveryState::Finished));
    QTRY_VERIFY(!actions->pause->isEnabled() && !actions->stop->isEnabled() && !actions->confirm->isEnabled());
    // The person is told, once, wherever they are looking (a tray message, or the taskbar).
    QTRY_COMPARE(window.notifier()->history().size(), 1);
    QCOMPARE(window.notifier()->history().first().title, u"Delivery #%1 finished"_s.arg(id));
    QVERIFY(!window.notifier()->history().first().warning);

    // The per-domain table (DeliveryStats, read on the worker's thread): 100 sent per domain.
    auto *domainTable = dashboard->findChild<QTreeWidget *>(u"domainTable"_s);
    QVERIFY(domainTable);
    QTRY_COMPARE(domainTable->topLevelItemCount(), 3);
    // The table may still show the figures read before the end: the ones asked at the end follow.
    for (int i = 0; i < 3; ++i) {
        QTRY_COMPARE(domainTable->topLevelItem(i)->text(1), locale.toString(Recipients / 3));
        QTRY_COMPARE(domainTable->topLevelItem(i)->text(2), locale.toString(Recipients / 3));
        QTRY_COMPARE(domainTable->topLevelItem(i)->text(4), locale.toString(0));
    }

    // Throttled: a few seconds of sending, shown as the snapshots come but never two repaints
    // closer than MinUpdateGapMs (a few ms of timer slack allowed).
    QVERIFY2(runMs > 3000, qPrintable(u"the run took only %1 ms"_s.arg(runMs)));
    QVERIFY2(updates.size() >= 2, qPrintable(u"%1 updates"_s.arg(updates.size())));
    QVERIFY2(updates.size() <= runMs / DashboardView::MinUpdateGapMs + 3,
             qPrintable(u"%1 updates in %2 ms"_s.arg(updates.size()).arg(runMs)));
    for (qsizetype i = 1; i < updates.size(); ++i)
        QVERIFY2(updates.at(i) - updates.at(i - 1) >= DashboardView::MinUpdateGapMs - 5,
                 qPrintable(u"2 updates within %1 ms"_s.arg(updates.at(i) - updates.at(i - 1))));

    // Opened again after the run, the dashboard draws the run's throughput from its attempts.
    Workspace laterWorkspace(m_dbPath);
    MainWindow later(laterWorkspace);
    later.show();
    QTRY_VERIFY_WITH_TIMEOUT(later.selectDelivery(id), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(later.dashboardView()->deliveryId(), id, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(later.dashboardView()->throughputSeries().peakPerMinute() > 0, 10000);
}

void TstDashboard::proofThroughTheDialog()
{
    SmtpSink sink;
    QVERIFY(sink.start({}, true));
    m_dbPath = m_dir.filePath(u"proof.db"_s);
    const qint64 id = importDelivery(sink.port(), 3);
    QVERIFY(id > 0);

    Workspace windowWorkspace(m_dbPath);

    MainWindow window(windowWorkspace);
    window.show();
    QTRY_COMPARE_WITH_TIMEOUT(window.currentDeliveryId(), id, 10000);
    QAction *proof = window.deliveryActions()->proof;
    QTRY_VERIFY_WITH_TIMEOUT(proof->isEnabled(), 10000);
    proof->trigger();
    auto *dialog = window.findChild<ProofDialog *>(u"proofDialog"_s);
    QVERIFY(dialog);
    QVERIFY(!proof->isEnabled()); // one proof dialog at a time
    dialog->setAddresses({u"a@proof.example"_s, u"b@proof.example"_s});
    auto *sendButton = dialog->findChild<QPushButton *>(u"proofSendButton"_s);
    QVERIFY(sendButton && sendButton->isEnabled());
    sendButton->click();
    auto *results = dialog->findChild<QTreeWidget *>(u"proofResults"_s);
    QTRY_COMPARE_WITH_TIMEOUT(results->topLevelItemCount(), 2, 20000);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(results->topLevelItem(i)->text(1), ProofDialog::tr("Accepted"));
    QTRY_COMPARE(sink.dumps().size(), 2);
    QVERIFY(SmtpSink::header(sink.dumps().first(), "Subject").startsWith("[Proof #1]"));
    // The history, from the database: proof #1's two rows.
    auto *history = dialog->findChild<QTreeWidget *>(u"proofHistory"_s);
    QVERIFY(history);
    QTRY_COMPARE_WITH_TIMEOUT(history->topLevelItemCount(), 2, 10000);
    QCOMPARE(history->topLevelItem(0)->text(0), u"#1"_s);
    QCOMPARE(history->topLevelItem(0)->text(2), u"a@proof.example"_s);
    QCOMPARE(history->topLevelItem(0)->text(3), ProofDialog::tr("Accepted"));
    QVERIFY(history->topLevelItem(0)->text(4).startsWith(u"250"_s));
    // Reopened later, it still shows them.
    dialog->close();
    QTRY_VERIFY(proof->isEnabled());
    proof->trigger();
    QTRY_VERIFY((dialog = window.findChild<ProofDialog *>(u"proofDialog"_s)) != nullptr);
    history = dialog->findChild<QTreeWidget *>(u"proofHistory"_s);
    QCOMPARE(history->topLevelItemCount(), 2);
    sendButton = dialog->findChild<QPushButton *>(u"proofSendButton"_s);

    // A bad address is the core's to refuse; the dialog shows why.
    dialog->setAddresses({u"bad@@address"_s});
    sendButton->click();
    auto *status = dialog->findChild<QLabel *>(u"proofStatus"_s);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"bad@@address"_s), 10000);
    dialog->close();
    QTRY_VERIFY(proof->isEnabled());
}

void TstDashboard::quitWhileSendingPausesFirst()
{
    SmtpSink sink;
    QVERIFY(sink.start({u"-w"_s, u"1"_s}));
    constexpr int Recipients = 300;
    const qint64 id = importDelivery(sink.port(), Recipients);
    QVERIFY(id > 0);
    {
        QString error;
        std::unique_ptr<Store> store = Store::open(m_dbPath, &error);
        QVERIFY2(store, qPrintable(error));
        QVERIFY(DeliveryService(*store).analyze(id).ok);
    }

    Workspace windowWorkspace(m_dbPath);

    MainWindow window(windowWorkspace);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.selectDelivery(id), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.currentDeliveryId(), id, 10000);
    DeliveryActions *actions = window.deliveryActions();
    QTRY_VERIFY_WITH_TIMEOUT(actions->confirm->isEnabled(), 10000);
    actions->confirm->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(u"confirmSendBox"_s)) != nullptr && box->isVisible());
    box->findChild<QPushButton *>(u"confirmSendButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(actions->pause->isEnabled(), 10000);

    // Closing asks first; cancelling keeps the window and the run.
    window.close();
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(u"confirmQuitBox"_s)) != nullptr && box->isVisible());
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(200);
    QVERIFY(window.isVisible());
    QVERIFY(actions->pause->isEnabled());

    // Confirming pauses the run, waits for it to end, then closes.
    window.close();
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(u"confirmQuitBox"_s)) != nullptr && box->isVisible());
    box->findChild<QPushButton *>(u"confirmQuitButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 30000);

    QString error;
    std::unique_ptr<Store> store = Store::open(m_dbPath, &error);
    QVERIFY2(store, qPrintable(error));
    const auto kpis = DeliveryQueries(store->db()).kpis(id);
    QVERIFY(kpis);
    QCOMPARE(kpis->state, DeliveryState::Paused);
    QVERIFY2(kpis->count(LogState::Pending) > 0, "the run should have been paused before its end");
    QSqlQuery inFlight(store->db());
    QVERIFY(inFlight.exec(u"SELECT count(*) FROM recipient_log WHERE delivery_id = %1 AND in_flight = 1"_s.arg(id)));
    QVERIFY(inFlight.next());
    QCOMPARE(inFlight.value(0).toInt(), 0);
}

void TstDashboard::restartResumesInterruptedRun()
{
    // A real crash: sendscope-cli sends, and is killed with SIGKILL in the middle.
    SmtpSink sink;
    QVERIFY(sink.start({u"-w"_s, u"1"_s}));
    constexpr int Recipients = 120;
    const qint64 id = importDelivery(sink.port(), Recipients);
    QVERIFY(id > 0);
    QProcess cli;
    cli.start(QStringLiteral(SENDSCOPE_CLI_PATH), {u"--db"_s, m_dbPath, u"send"_s, QString::number(id)});
    QVERIFY(cli.waitForStarted());
    const auto processed = [&] {
        QString error;
        std::unique_ptr<Store> store = Store::open(m_dbPath, &error);
        const auto kpis = store ? DeliveryQueries(store->db()).kpis(id) : std::nullopt;
        return kpis ? kpis->processed : qint64(-1);
    };
    QTRY_VERIFY_WITH_TIMEOUT(processed() > 0, 20000);
    cli.kill();
    QVERIFY(cli.waitForFinished());
    {
        QString error;
        std::unique_ptr<Store> store = Store::open(m_dbPath, &error);
        QVERIFY2(store, qPrintable(error));
        const auto kpis = DeliveryQueries(store->db()).kpis(id);
        QVERIFY(kpis);
        QCOMPARE(kpis->state, DeliveryState::InProgress);
        QVERIFY2(kpis->processed < Recipients, "killed too late to test a resume");
    }

    // The application, started again, resumes it on its own and runs it to the end.
    Workspace windowWorkspace(m_dbPath);
    MainWindow window(windowWorkspace);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.selectDelivery(id), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.dashboardView()->shownKpis().state, DeliveryState::Finished, 120000);
    QString error;
    std::unique_ptr<Store> store = Store::open(m_dbPath, &error);
    QVERIFY2(store, qPrintable(error));
    const auto kpis = DeliveryQueries(store->db()).kpis(id);
    QVERIFY(kpis);
    QCOMPARE(kpis->state, DeliveryState::Finished);
    QCOMPARE(kpis->count(LogState::Sent), Recipients);
}

QTEST_MAIN(TstDashboard)
#include "tst_dashboard.moc"
