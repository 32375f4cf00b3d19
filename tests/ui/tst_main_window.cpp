// The main window against a real database: the list, the analysis report and the recipient log
// it shows are what the core's queries return, and every read happens on the store worker's thread.

#include "analysis_view.h"
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "delivery_actions.h"
#include "delivery_list_model.h"
#include "kpi_tile.h"
#include "language.h"
#include "main_window.h"
#include "recipient_log_model.h"
#include "state_names.h"
#include "store/store.h"
#include "window_state.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TstMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsTheDeliveryAndItsReport();
    void recipientRowsAreTheLog();
    void noDatabaseConnectionOnTheGuiThread();
    void refreshKeepsTheSelection();
    void koreanStateNames();
    void firstSizeFitsTheScreen();
    void rememberedWindowState();
    void actionIconsAreDrawn();
    void unopenableDatabaseShowsAnError();

private:
    void writeFile(const QString &name, const QByteArray &content);
    // Waits until the window has listed and selected the test delivery. Callers check
    // QTest::currentTestFailed() afterwards, as QTRY_* can only return from this helper.
    void waitForDelivery(MainWindow &window);
    // Reads a row through the model, as a view would, until its page has arrived.
    void waitForRow(RecipientLogModel *model, int row);

    QTemporaryDir m_dir;
    QString m_dbPath;
    qint64 m_deliveryId = 0;
    qint64 m_draftId = 0; // imported, never analyzed
    AnalysisReport m_report;
    qint64 m_logCount = 0;
    QList<LogRow> m_logRows;
};

void TstMainWindow::writeFile(const QString &name, const QByteArray &content)
{
    QFile f(m_dir.filePath(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

void TstMainWindow::initTestCase()
{
    // Window state goes to a throw-away settings location, not the user's.
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Language::apply(u"en"_s));
    QVERIFY(m_dir.isValid());
    writeFile(u"list.csv"_s, "email,first_name\n"
                             "ana@example.com,Ana\n"
                             "bo@example.org,Bo\n"
                             "ana@Example.COM,Ana again\n"
                             "not an address,Nobody\n"
                             "chen@example.net,Chen\n");
    writeFile(u"delivery.json"_s, R"({
        "name": "UI test delivery",
        "from": {"name": "Acme", "address": "news@acme.example"},
        "subject": "Hello {{first_name|there}}",
        "html": "<p>Hello {{first_name}}</p><a href=\"https://acme.example/u\">Unsubscribe</a>",
        "text": "Hello {{first_name}}\nUnsubscribe: https://acme.example/u",
        "recipients": {"csv": "list.csv"},
        "route": {"type": "relay", "host": "127.0.0.1", "port": 2525, "tls": "none"}
    })");

    QFile definition(m_dir.filePath(u"delivery.json"_s));
    QVERIFY(definition.open(QIODevice::ReadOnly));
    writeFile(u"draft.json"_s, definition.readAll().replace("UI test delivery", "UI test draft"));

    // The test prepares its data on its own thread, then closes the Store before any window
    // exists, so the only connections left afterwards are the window's.
    m_dbPath = m_dir.filePath(u"ui.db"_s);
    QString error;
    std::unique_ptr<Store> store = Store::open(m_dbPath, &error);
    QVERIFY2(store, qPrintable(error));
    DeliveryService service(*store);
    const auto imported = service.importDefinition(m_dir.filePath(u"delivery.json"_s));
    QVERIFY2(imported.ok, qPrintable(imported.errors.join(u'\n')));
    m_deliveryId = imported.deliveryId;
    const auto analyzed = service.analyze(m_deliveryId);
    QVERIFY2(analyzed.ok, qPrintable(analyzed.error));
    const auto draft = service.importDefinition(m_dir.filePath(u"draft.json"_s));
    QVERIFY2(draft.ok, qPrintable(draft.errors.join(u'\n')));
    m_draftId = draft.deliveryId;

    {
        const DeliveryQueries queries(store->db());
        const auto report = queries.analysisReport(m_deliveryId);
        QVERIFY(report);
        m_report = *report;
        m_logCount = queries.logCount(m_deliveryId);
        m_logRows = queries.logPage(m_deliveryId, {}, 0, 1000);
    }
    store.reset();

    // The data the window must show: one duplicate and one invalid address excluded.
    QCOMPARE(m_report.targeted, 5);
    QCOMPARE(m_report.toDeliver, 3);
    QCOMPARE(m_report.toExclude, 2);
    QCOMPARE(m_logCount, 5);
    QCOMPARE(m_logRows.size(), 5);
    QVERIFY(QSqlDatabase::connectionNames().isEmpty());
}

void TstMainWindow::waitForDelivery(MainWindow &window)
{
    QTRY_COMPARE_WITH_TIMEOUT(window.deliveryListModel()->rowCount(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.currentDeliveryId(), m_deliveryId, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.analysisView()->deliveryId(), m_deliveryId, 10000);
}

void TstMainWindow::waitForRow(RecipientLogModel *model, int row)
{
    const QModelIndex index = model->index(row, RecipientLogModel::EmailColumn);
    QTRY_VERIFY_WITH_TIMEOUT(model->data(index, RecipientLogModel::LoadedRole).toBool(), 10000);
}

void TstMainWindow::showsTheDeliveryAndItsReport()
{
    Workspace windowWorkspace(m_dbPath);
    MainWindow window(windowWorkspace);
    QSignalSpy loaded(&window, &MainWindow::initialLoadFinished);
    window.show();
    waitForDelivery(window);
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE(loaded.count(), 1);

    const DeliveryListModel *list = window.deliveryListModel();
    QCOMPARE(list->data(list->index(0, DeliveryListModel::NameColumn)).toString(), u"UI test delivery"_s);
    QCOMPARE(list->data(list->index(1, DeliveryListModel::NameColumn)).toString(), u"UI test draft"_s);
    QCOMPARE(list->data(list->index(0, DeliveryListModel::StateColumn)).toString(),
             StateNames::deliveryState(DeliveryState::Analyzed));
    QCOMPARE(list->data(list->index(0, DeliveryListModel::ToDeliverColumn), DeliveryListModel::SortRole).toLongLong(),
             3);
    // Not sent yet: nothing processed, and no contact date (it goes on confirmation).
    QCOMPARE(list->data(list->index(0, DeliveryListModel::ProcessedColumn), DeliveryListModel::SortRole).toLongLong(),
             0);
    QCOMPARE(list->data(list->index(0, DeliveryListModel::ContactDateColumn)).toString(), u"On confirmation"_s);
    QCOMPARE(list->headerData(DeliveryListModel::ContactDateColumn, Qt::Horizontal).toString(), u"Contact date"_s);

    const AnalysisView *view = window.analysisView();
    const QLocale locale;
    QCOMPARE(view->findChild<KpiTile *>(u"targetedTile"_s)->value(), locale.toString(m_report.targeted));
    QCOMPARE(view->findChild<KpiTile *>(u"toDeliverTile"_s)->value(), locale.toString(m_report.toDeliver));
    QCOMPARE(view->findChild<KpiTile *>(u"toExcludeTile"_s)->value(), locale.toString(m_report.toExclude));

    // Exclusions by reason, translated, with their counts.
    const QTreeWidget *exclusions = view->findChild<QTreeWidget *>(u"exclusionsTree"_s);
    QCOMPARE(exclusions->topLevelItemCount(), int(m_report.exclusions.size()));
    QStringList reasons;
    for (int i = 0; i < exclusions->topLevelItemCount(); ++i)
        reasons.append(exclusions->topLevelItem(i)->text(0));
    QVERIFY2(reasons.contains(StateNames::failureReason(FailureReason::Duplicate)), qPrintable(reasons.join(u", ")));
    QVERIFY2(reasons.contains(StateNames::failureReason(FailureReason::InvalidAddress)),
             qPrintable(reasons.join(u", ")));

    // Every line of the report, with its level and an icon; the plan by domain.
    const QTreeWidget *lines = view->findChild<QTreeWidget *>(u"analysisLinesTree"_s);
    QCOMPARE(lines->topLevelItemCount(), int(m_report.lines.size()));
    for (int i = 0; i < lines->topLevelItemCount(); ++i) {
        QCOMPARE(lines->topLevelItem(i)->text(0), StateNames::level(m_report.lines.at(i).level));
        QCOMPARE(lines->topLevelItem(i)->text(2), m_report.lines.at(i).message);
        QVERIFY(!lines->topLevelItem(i)->icon(0).isNull());
    }
    const QTreeWidget *plan = view->findChild<QTreeWidget *>(u"planTree"_s);
    // One line per MX provider (the relay here), its domains under it.
    QCOMPARE(plan->topLevelItemCount(), int(m_report.plan.size()));
    QCOMPARE(plan->topLevelItem(0)->text(0), m_report.plan.first().group);
    QCOMPARE(plan->topLevelItem(0)->childCount(), int(m_report.plan.first().domains.size()));
    QCOMPARE(plan->topLevelItem(0)->child(0)->text(0), m_report.destinations.first().domain);
    QCOMPARE(plan->topLevelItem(0)->child(0)->toolTip(0), m_report.destinations.first().domain); // cut short on screen
}

void TstMainWindow::recipientRowsAreTheLog()
{
    Workspace windowWorkspace(m_dbPath);
    MainWindow window(windowWorkspace);
    window.show();
    waitForDelivery(window);
    if (QTest::currentTestFailed())
        return;
    RecipientLogModel *model = window.recipientLogModel();
    QSignalSpy pageRequests(model, &RecipientLogModel::pageRequested);
    QTRY_VERIFY(model->isCountKnown());
    QCOMPARE(model->rowCount(), int(m_logCount));

    window.tabs()->setCurrentIndex(1);
    for (int row = 0; row < model->rowCount(); ++row) {
        waitForRow(model, row);
        if (QTest::currentTestFailed())
            return;
        const LogRow &expected = m_logRows.at(row);
        QCOMPARE(model->data(model->index(row, RecipientLogModel::EmailColumn)).toString(), expected.email);
        QCOMPARE(model->data(model->index(row, RecipientLogModel::StateColumn)).toString(),
                 StateNames::logState(expected.state));
        QCOMPARE(model->data(model->index(row, RecipientLogModel::ReasonColumn)).toString(),
                 StateNames::failureReason(expected.failureReason));
        QCOMPARE(model->data(model->index(row, RecipientLogModel::MessageIdColumn)).toString(), expected.messageId);
    }
    // Five rows fit in one page, asked for once.
    QCOMPARE(pageRequests.count(), 1);
}

void TstMainWindow::noDatabaseConnectionOnTheGuiThread()
{
    Workspace windowWorkspace(m_dbPath);
    MainWindow window(windowWorkspace);
    window.show();
    waitForDelivery(window);
    if (QTest::currentTestFailed())
        return;
    window.tabs()->setCurrentIndex(1);
    waitForRow(window.recipientLogModel(), 0);
    if (QTest::currentTestFailed())
        return;

    // The window has read the list, the report and log rows. Every database connection in the
    // process must belong to another thread: QSqlDatabase refuses (with a warning) to hand a
    // connection to a thread that did not create it.
    // Two, both the Workspace's: its database thread and its log reader (the feedback thread
    // opens one at the first fetch, the engine at the first send).
    const QStringList names = QSqlDatabase::connectionNames();
    QCOMPARE(names.size(), 2);
    for (const QString &name : names) {
        QTest::ignoreMessage(
            QtWarningMsg, "QSqlDatabasePrivate::database: requested database does not belong to the calling thread.");
        QVERIFY2(!QSqlDatabase::database(name, false).isValid(), qPrintable(name));
    }
}

void TstMainWindow::refreshKeepsTheSelection()
{
    Workspace windowWorkspace(m_dbPath);
    MainWindow window(windowWorkspace);
    window.show();
    waitForDelivery(window);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(window.selectDelivery(m_draftId));
    QTRY_COMPARE(window.analysisView()->deliveryId(), m_draftId);
    QCOMPARE(window.analysisView()->findChild<QLabel *>(u"analysisVerdict"_s)->text(),
             AnalysisView::tr("Not analyzed yet"));
    RecipientLogModel *model = window.recipientLogModel();
    QTRY_VERIFY(model->isCountKnown());
    QCOMPARE(model->deliveryId(), m_draftId);
    QCOMPARE(model->rowCount(), 0); // no log before the analysis
    const quint64 generation = model->generation();

    QAction *refresh = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->shortcut() == QKeySequence(Qt::Key_F5))
            refresh = action;
    }
    QVERIFY(refresh);
    QVERIFY(refresh->isEnabled());
    QSignalSpy listReset(window.deliveryListModel(), &QAbstractItemModel::modelReset);
    refresh->trigger();
    QTRY_VERIFY(model->generation() > generation && model->isCountKnown());
    QCOMPARE(window.currentDeliveryId(), m_draftId);
    QCOMPARE(window.deliveryTable()->selectionModel()->selectedRows().size(), 1);
    // Same deliveries: updated in place, so the view keeps its selection and scroll position.
    QCOMPARE(listReset.count(), 0);
}

void TstMainWindow::koreanStateNames()
{
    Workspace windowWorkspace(m_dbPath);
    MainWindow window(windowWorkspace);
    window.show();
    waitForDelivery(window);
    if (QTest::currentTestFailed())
        return;
    RecipientLogModel *model = window.recipientLogModel();
    QTRY_VERIFY(model->isCountKnown());
    waitForRow(model, 0);
    if (QTest::currentTestFailed())
        return;

    // Through the View > Language menu, at runtime.
    QCOMPARE(Language::current(), u"en"_s);
    auto *korean = window.findChild<QAction *>(u"language_ko"_s);
    QVERIFY(korean);
    korean->trigger();
    QCOMPARE(Language::current(), u"ko"_s);
    QVERIFY(korean->isChecked());
    // The models translate at display time; the widgets on the LanguageChange event.
    QCOMPARE(StateNames::logState(LogState::Pending), u"보류 중"_s);
    QCOMPARE(StateNames::logState(LogState::TakenIntoAccount), u"서비스 공급자가 고려함"_s);
    QCOMPARE(StateNames::logState(LogState::Sent), u"전송됨"_s);
    QCOMPARE(StateNames::logState(LogState::Failed), u"실패"_s);
    QCOMPARE(StateNames::logState(LogState::Ignored), u"무시됨"_s);
    QCOMPARE(StateNames::logState(LogState::Canceled), u"취소됨"_s);
    int ignoredRow = -1;
    for (int row = 0; row < m_logRows.size(); ++row) {
        if (m_logRows.at(row).state == LogState::Ignored)
            ignoredRow = row;
    }
    QVERIFY(ignoredRow >= 0);
    QCOMPARE(model->data(model->index(ignoredRow, RecipientLogModel::StateColumn)).toString(), u"무시됨"_s);
    QTRY_COMPARE(window.tabs()->tabText(0), u"분석"_s);
    QCOMPARE(window.analysisView()->findChild<KpiTile *>(u"targetedTile"_s)->caption(), u"타겟팅됨"_s);
    // The analysis report's lines too, made by the core in English and shown in Korean.
    const QTreeWidget *lines = window.analysisView()->findChild<QTreeWidget *>(u"analysisLinesTree"_s);
    QString summary;
    for (int i = 0; i < lines->topLevelItemCount(); ++i) {
        if (lines->topLevelItem(i)->text(1) == u"result"_s)
            summary = lines->topLevelItem(i)->text(2);
    }
    QVERIFY2(summary.startsWith(u"분석 완료"_s), qPrintable(summary));
    QVERIFY2(summary.contains(QString::number(m_report.toDeliver)), qPrintable(summary));

    // The choice is remembered for the next start.
    QCOMPARE(Language::initial(), u"ko"_s);
    window.findChild<QAction *>(u"language_en"_s)->trigger();
    QCOMPARE(Language::initial(), u"en"_s);
    QTRY_COMPARE(window.tabs()->tabText(0), u"Analysis"_s);
}

// Nothing remembered for this screen: the window opens no larger than the space the screen
// leaves free (the offscreen screen is 800 x 600, smaller than the 1440 x 880 the window likes),
// unless its content cannot shrink that far; what is remembered is filed under the screen.
void TstMainWindow::firstSizeFitsTheScreen()
{
    QSettings().remove(u"windowState"_s);
    Workspace windowWorkspace(m_dbPath);
    MainWindow window(windowWorkspace);
    window.show();
    QScreen *screen = window.screen();
    QVERIFY(screen);
    const QSize free = screen->availableGeometry().size();
    const QSize expected = QSize(1440, 880).boundedTo(free - QSize(16, 48)).expandedTo(window.minimumSizeHint());
    QCOMPARE(window.size(), expected);
    QVERIFY2(expected.width() < 1440 && expected.height() < 880, "the test screen is not smaller than the default");
    window.close();
    const QStringList keys = QSettings().allKeys().filter(u"windowState/geometry/"_s);
    QCOMPARE(keys.size(), 1);
    QVERIFY2(keys.first().contains(WindowState::screenKey(screen)), qPrintable(keys.first()));
}

void TstMainWindow::rememberedWindowState()
{
    {
        Workspace windowWorkspace(m_dbPath);
        MainWindow window(windowWorkspace);
        window.show();
        waitForDelivery(window);
        if (QTest::currentTestFailed())
            return;
        window.resize(1000, 640);
        window.findChild<QSplitter *>(u"mainSplitter"_s)->setSizes({300, 700});
        window.deliveryTable()->setColumnWidth(DeliveryListModel::ContactDateColumn, 211);
        window.close();
    }
    Workspace windowWorkspace(m_dbPath);
    MainWindow window(windowWorkspace);
    window.show();
    QCOMPARE(window.size(), QSize(1000, 640));
    QCOMPARE(window.findChild<QSplitter *>(u"mainSplitter"_s)->sizes().first(), 300);
    QCOMPARE(window.deliveryTable()->columnWidth(DeliveryListModel::ContactDateColumn), 211);
}

void TstMainWindow::unopenableDatabaseShowsAnError()
{
    // A folder where the database file should be.
    const QString path = m_dir.filePath(u"a-folder"_s);
    QVERIFY(QDir().mkpath(path));
    Workspace windowWorkspace(path);
    MainWindow window(windowWorkspace);
    QSignalSpy failed(&window, &MainWindow::databaseFailed);
    QSignalSpy loaded(&window, &MainWindow::initialLoadFinished);
    window.show();
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(loaded.count(), 1);
    auto *box = window.findChild<QMessageBox *>(u"openErrorBox"_s);
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->text().contains(path), qPrintable(box->text()));
    QVERIFY2(box->informativeText().contains(path), qPrintable(box->informativeText()));
    QCOMPARE(window.deliveryListModel()->rowCount(), 0);
}

void TstMainWindow::actionIconsAreDrawn()
{
    // The SVG icons of resources/ (embedded, drawn by the svg image plugin) at two scales.
    Workspace windowWorkspace(m_dbPath);
    MainWindow window(windowWorkspace);
    DeliveryActions *a = window.deliveryActions();
    for (QAction *action : {a->newDelivery, a->edit, a->duplicate, a->remove, a->analyze, a->proof, a->confirm,
                            a->pause, a->resume, a->stop}) {
        QVERIFY2(!action->icon().isNull(), qPrintable(action->objectName()));
        for (int size : {16, 48}) {
            const QImage image = action->icon().pixmap(size, size).toImage();
            QCOMPARE(image.width(), size);
            int opaque = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    opaque += qAlpha(image.pixel(x, y)) > 128 ? 1 : 0;
            QVERIFY2(opaque > size * size / 10, qPrintable(action->objectName()));
        }
    }
}

QTEST_MAIN(TstMainWindow)
#include "tst_main_window.moc"
