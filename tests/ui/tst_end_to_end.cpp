// The whole path a user takes, through the window's widgets only, against the real Postfix of
// tests/peers on loopback (it answers per address, which a bare smtp-sink cannot: 250 for
// discard.test, a relay to the peers' smtp-sink for sinknodsn.test, "550 5.1.1" at RCPT for
// fail.test):
//  - a fresh database with a relay route saved beforehand through the core's RouteStore;
//  - New delivery: the editor filled with key clicks, the saved route chosen, "Import CSV…"
//    (50 rows over three domains, one duplicate, one invalid address), OK;
//  - Analyze, a proof through the proof dialog, Confirm & send, until the dashboard says Finished;
//  - the dashboard's KPI tiles and every row of the recipient log model equal what
//    `sendscope-cli status --json` and `sendscope-cli logs --format csv` report;
//  - View > Language > 한국어 shows the Korean state names, then English again.

#include "csv_import_dialog.h"
#include "dashboard_view.h"
#include "delivery_actions.h"
#include "delivery_editor_dialog.h"
#include "delivery_list_model.h"
#include "kpi_tile.h"
#include "log/log_state.h"
#include "main_window.h"
#include "proof_dialog.h"
#include "recipient_log_model.h"
#include "recipients/csv_reader.h"
#include "routing/route_store.h"
#include "state_names.h"
#include "store/store.h"
#include "success_gauge.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QBuffer>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace {

const QString RouteName = u"Loopback Postfix"_s;
constexpr quint16 PostfixPort = 2587; // tests/peers: plain SMTP, STARTTLS offered, per-address answers
constexpr int ValidRows = 48;         // distinct valid addresses in the list
constexpr int FailRows = 3;           // of them on fail.test: 550 at RCPT

// One row of `sendscope-cli logs --format csv`, keyed by its CSV line.
struct CliRow
{
    QString email;
    QString state;
    QString failureType;
    QString failureReason;
    QString lastReply;
    QString attempts;
    QString messageId;
};

template <typename T> T *child(const QObject *parent, const QString &name)
{
    T *w = parent->findChild<T *>(name);
    if (!w)
        qFatal("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return w;
}

void showTab(QWidget *dialog, const QString &pageName)
{
    auto *tabs = child<QTabWidget>(dialog, u"editorTabs"_s);
    QWidget *page = child<QWidget>(dialog, pageName);
    while (page && tabs->indexOf(page) < 0)
        page = page->parentWidget();
    if (!page)
        qFatal("%s is on no tab", qPrintable(pageName));
    tabs->setCurrentWidget(page);
}

void typeInto(QWidget *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClicks(edit, text);
}

} // namespace

class TstEndToEnd final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createThroughTheEditor();
    void analyzeProofAndSend();
    void dashboardAndLogEqualTheCli();
    void koreanStateNames();
    void cleanupTestCase();

private:
    static bool listening(quint16 port);
    QByteArray cli(const QStringList &args);
    QMap<qint64, CliRow> cliLogs();
    // Every row of the log model once all its pages are loaded, keyed by line.
    bool logModelLoaded(int expectedRows) const;

    QTemporaryDir m_dir;
    QString m_dbPath;
    QString m_csvPath;
    std::unique_ptr<Workspace> m_workspace; // outlives the window
    std::unique_ptr<MainWindow> m_window;
    qint64 m_id = 0;
};

bool TstEndToEnd::listening(quint16 port)
{
    QTcpSocket s;
    s.connectToHost(u"127.0.0.1"_s, port);
    return s.waitForConnected(1000);
}

void TstEndToEnd::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (!listening(PostfixPort)) {
        if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
            QFAIL("the Postfix peer is not running (tests/peers/start-peers.sh)");
        QSKIP("the Postfix peer on 127.0.0.1:2587 is not running; start it with tests/peers/start-peers.sh");
    }
    QVERIFY(m_dir.isValid());
    m_dbPath = m_dir.filePath(u"end-to-end.db"_s);

    // The recipient list: 48 distinct addresses, then a duplicate and an invalid address.
    QByteArray csv = "email,first_name\n";
    int failing = 0;
    for (int i = 0; i < ValidRows; ++i) {
        const char *domain = i % 16 == 5 ? "fail.test" : i % 2 ? "sinknodsn.test" : "discard.test";
        failing += i % 16 == 5 ? 1 : 0;
        csv += "r" + QByteArray::number(i) + "@" + domain + ",Name" + QByteArray::number(i) + "\n";
    }
    QCOMPARE(failing, FailRows);
    csv += "r0@discard.test,Again\nnot-an-address,Nobody\n";
    m_csvPath = m_dir.filePath(u"recipients.csv"_s);
    QFile file(m_csvPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(csv), csv.size());
    file.close();

    // The route, saved as Settings > Routes would: with a route in the database the first run
    // creates no sample delivery, so the new delivery is the only one.
    QString error;
    std::unique_ptr<Store> store = Store::open(m_dbPath, &error);
    QVERIFY2(store, qPrintable(error));
    QStringList errors;
    const QJsonObject route{{u"name"_s, RouteName},        {u"type"_s, u"relay"_s}, {u"host"_s, u"127.0.0.1"_s},
                            {u"port"_s, int(PostfixPort)}, {u"tls"_s, u"none"_s},   {u"acceptance_means_sent"_s, true},
                            {u"max_connections"_s, 4}};
    QVERIFY2(RouteStore(store->db()).save(route, QString(), &errors), qPrintable(errors.join(u'\n')));
}

void TstEndToEnd::createThroughTheEditor()
{
    m_workspace = std::make_unique<Workspace>(m_dbPath);
    m_window = std::make_unique<MainWindow>(*m_workspace);
    m_window->show();
    QAction *newDelivery = child<QAction>(m_window.get(), u"newDeliveryAction"_s);
    QTRY_VERIFY_WITH_TIMEOUT(newDelivery->isEnabled(), 10000);
    QCOMPARE(m_window->deliveryListModel()->rowCount(), 0); // no sample: a route was saved first
    newDelivery->trigger();
    QPointer<DeliveryEditorDialog> editor = m_window->findChild<DeliveryEditorDialog *>(u"deliveryEditorDialog"_s);
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());

    showTab(editor, u"generalPage"_s);
    typeInto(child<QLineEdit>(editor, u"nameEdit"_s), u"Autumn letter"_s);
    typeInto(child<QLineEdit>(editor, u"fromNameEdit"_s), u"Acme"_s);
    typeInto(child<QLineEdit>(editor, u"fromAddressEdit"_s), u"news@acme.example"_s);
    typeInto(child<QLineEdit>(editor, u"subjectEdit"_s), u"Autumn news for {{first_name}}"_s);

    showTab(editor, u"contentPage"_s);
    typeInto(child<QPlainTextEdit>(editor, u"htmlEdit"_s),
             u"<p>Dear {{first_name|reader}},</p><p>Our autumn news.</p>"
             "<p><a href=\"https://acme.example/unsubscribe\">Unsubscribe</a></p>"_s);

    showTab(editor, u"headersPage"_s);
    typeInto(child<QLineEdit>(editor, u"unsubscribeUrlEdit"_s), u"https://acme.example/unsubscribe"_s);

    // The saved routes arrive from the editor's worker.
    showTab(editor, u"routePage"_s);
    auto *route = child<QComboBox>(editor, u"routeCombo"_s);
    QTRY_VERIFY(route->findData(QString(u"saved:"_s + RouteName)) >= 0);
    route->setFocus();
    QTest::keyClick(route, Qt::Key_End); // the saved routes come after None, Relay and Direct
    QCOMPARE(route->currentData().toString(), QString(u"saved:"_s + RouteName));
    QVERIFY2(!editor->hasErrors(), qPrintable(child<QLabel>(editor, u"editorStatus"_s)->text()));

    // "Import CSV…" saves the new delivery first, then opens the import dialog over the editor.
    showTab(editor, u"recipientsPage"_s);
    auto *importCsv = child<QPushButton>(editor, u"importCsvButton"_s);
    QVERIFY(importCsv->isEnabled());
    QTest::mouseClick(importCsv, Qt::LeftButton);
    CsvImportDialog *import = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (import = editor->findChild<CsvImportDialog *>(u"csvImportDialog"_s)) != nullptr && import->isVisible(), 10000);
    m_id = import->deliveryId();
    QVERIFY(m_id > 0);
    QCOMPARE(editor->deliveryId(), m_id);

    auto *path = child<QLineEdit>(import, u"pathEdit"_s);
    typeInto(path, m_csvPath);
    QTest::keyClick(path, Qt::Key_Return);
    auto *importButton = child<QPushButton>(import, u"importButton"_s);
    QTRY_VERIFY_WITH_TIMEOUT(importButton->isEnabled(), 10000);
    QCOMPARE(child<QComboBox>(import, u"emailColumnCombo"_s)->currentText(), u"email"_s);
    QTest::mouseClick(importButton, Qt::LeftButton);
    auto *result = child<QLabel>(import, u"resultLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(result->isVisible(), 10000);
    // Both odd rows are well-formed CSV: they are imported, and the analysis excludes them.
    QVERIFY2(result->text().contains(u"Imported 50 recipient"_s), qPrintable(result->text()));
    QPointer<CsvImportDialog> importGuard(import);
    QTest::mouseClick(child<QPushButton>(import, u"closeButton"_s), Qt::LeftButton);
    QTRY_VERIFY(importGuard.isNull()); // deleted on close

    // The editor shows the new list; OK saves and closes it.
    QTRY_COMPARE(child<QLabel>(editor, u"recipientsImported"_s)->text(), QLocale().toString(50));
    QCOMPARE(child<QLabel>(editor, u"recipientsFields"_s)->text(), u"email, first_name"_s);
    auto *ok = child<QPushButton>(editor, u"okButton"_s);
    QTRY_VERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(editor.isNull(), 10000);

    // The window lists and selects the new delivery.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->currentDeliveryId(), m_id, 10000);
    QCOMPARE(m_window->deliveryListModel()->rowCount(), 1);
}

void TstEndToEnd::analyzeProofAndSend()
{
    QVERIFY2(m_id > 0, "the delivery was not created");
    DeliveryActions *actions = m_window->deliveryActions();
    QTRY_VERIFY_WITH_TIMEOUT(actions->analyze->isEnabled(), 10000);
    QVERIFY(!actions->confirm->isEnabled());
    actions->analyze->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(actions->confirm->isEnabled(), 20000);
    QCOMPARE(m_window->tabs()->currentIndex(), int(MainWindow::AnalysisTab));

    // A proof to one address over the saved route.
    QTRY_VERIFY(actions->proof->isEnabled());
    actions->proof->trigger();
    QPointer<ProofDialog> proof = m_window->findChild<ProofDialog *>(u"proofDialog"_s);
    QVERIFY(proof);
    typeInto(child<QPlainTextEdit>(proof, u"proofAddresses"_s), u"proof@discard.test"_s);
    auto *send = child<QPushButton>(proof, u"proofSendButton"_s);
    QTRY_VERIFY(send->isEnabled());
    QTest::mouseClick(send, Qt::LeftButton);
    auto *results = child<QTreeWidget>(proof, u"proofResults"_s);
    QTRY_COMPARE_WITH_TIMEOUT(results->topLevelItemCount(), 1, 20000);
    QCOMPARE(results->topLevelItem(0)->text(0), u"proof@discard.test"_s);
    QCOMPARE(results->topLevelItem(0)->text(1), ProofDialog::tr("Accepted"));
    QVERIFY2(results->topLevelItem(0)->text(2).startsWith(u"250"_s), qPrintable(results->topLevelItem(0)->text(2)));
    QVERIFY2(child<QLabel>(proof, u"proofStatus"_s)->text().contains(u"1 of 1"_s),
             qPrintable(child<QLabel>(proof, u"proofStatus"_s)->text()));
    proof->close();
    QTRY_VERIFY(proof.isNull());

    // Confirm & send, the confirmation accepted as a user would.
    QTRY_VERIFY(actions->confirm->isEnabled());
    actions->confirm->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"confirmSendBox"_s)) != nullptr && box->isVisible());
    QVERIFY2(box->text().contains(u"Autumn letter"_s), qPrintable(box->text()));
    QTest::mouseClick(child<QPushButton>(box, u"confirmSendButton"_s), Qt::LeftButton);
    QCOMPARE(m_window->tabs()->currentIndex(), int(MainWindow::DashboardTab));

    DashboardView *dashboard = m_window->dashboardView();
    QTRY_COMPARE_WITH_TIMEOUT(dashboard->shownKpis().state, DeliveryState::Finished, 45000);
    QTRY_COMPARE(child<QLabel>(dashboard, u"dashboardState"_s)->text(),
                 StateNames::deliveryState(DeliveryState::Finished));
    QTRY_VERIFY(!actions->pause->isEnabled() && !actions->stop->isEnabled() && !actions->confirm->isEnabled());
}

QByteArray TstEndToEnd::cli(const QStringList &args)
{
    QProcess process;
    process.setProgram(QString::fromLocal8Bit(SENDSCOPE_CLI_PATH));
    process.setArguments(QStringList{u"--db"_s, m_dbPath} + args);
    process.start();
    if (!process.waitForFinished(20000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        qWarning("sendscope-cli %s: %s", qPrintable(args.join(u' ')), process.readAllStandardError().constData());
    return process.exitCode() == 0 ? process.readAllStandardOutput() : QByteArray();
}

QMap<qint64, CliRow> TstEndToEnd::cliLogs()
{
    QByteArray csv = cli({u"logs"_s, QString::number(m_id), u"--format"_s, u"csv"_s});
    QBuffer buffer(&csv);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    reader.setDelimiter(u',');
    QStringList fields;
    QMap<qint64, CliRow> rows;
    if (reader.next(fields) != CsvReader::Status::Record)
        return rows;
    const QStringList header = fields;
    while (reader.next(fields) == CsvReader::Status::Record) {
        const auto field = [&](const char *name) { return fields.value(header.indexOf(QLatin1String(name))); };
        rows.insert(field("line").toLongLong(),
                    CliRow{field("email"), field("state"), field("failure_type"), field("failure_reason"),
                           field("last_reply"), field("attempts"), field("message_id")});
    }
    return rows;
}

bool TstEndToEnd::logModelLoaded(int expectedRows) const
{
    const RecipientLogModel *model = m_window->recipientLogModel();
    if (model->deliveryId() != m_id || !model->isCountKnown() || model->rowCount() != expectedRows)
        return false;
    bool all = true;
    for (int row = 0; row < model->rowCount(); ++row) // asking for a row loads its page
        all = model->index(row, 0).data(RecipientLogModel::LoadedRole).toBool() && all;
    return all;
}

void TstEndToEnd::dashboardAndLogEqualTheCli()
{
    QVERIFY2(m_id > 0, "the delivery was not created");
    const QJsonObject status = QJsonDocument::fromJson(cli({u"status"_s, QString::number(m_id), u"--json"_s})).object();
    QCOMPARE(status.value(u"state"_s).toString(), u"finished"_s);
    const QJsonObject counts = status.value(u"counts"_s).toObject();
    // What the list and the Postfix peer make of it.
    QCOMPARE(status.value(u"targeted"_s).toInt(), ValidRows + 2);
    QCOMPARE(status.value(u"to_deliver"_s).toInt(), ValidRows);
    QCOMPARE(counts.value(u"sent"_s).toInt(), ValidRows - FailRows);
    QCOMPARE(counts.value(u"failed"_s).toInt(), FailRows);
    QCOMPARE(counts.value(u"ignored"_s).toInt(), 2);

    // The dashboard's tiles show the CLI's figures.
    DashboardView *dashboard = m_window->dashboardView();
    QCOMPARE(dashboard->deliveryId(), m_id);
    const QLocale locale;
    const std::pair<const char16_t *, int> tiles[] = {
        {u"dashToDeliverTile", status.value(u"to_deliver"_s).toInt()},
        {u"dashProcessedTile", status.value(u"processed"_s).toInt()},
        {u"dashTakenTile", counts.value(u"taken_into_account"_s).toInt()},
        {u"dashSentTile", counts.value(u"sent"_s).toInt()},
        {u"dashInRetryTile", status.value(u"in_retry"_s).toInt()},
        {u"dashFailedTile", counts.value(u"failed"_s).toInt()},
        {u"dashCanceledTile", counts.value(u"canceled"_s).toInt()},
    };
    for (const auto &[name, value] : tiles)
        QTRY_COMPARE(child<KpiTile>(dashboard, QString::fromUtf16(name))->value(), locale.toString(value));
    QCOMPARE(child<SuccessGauge>(dashboard, u"successGauge"_s)->value(), status.value(u"success_pct"_s).toDouble());

    // Every row of the recipient log model is the CLI's row, shown in words.
    const QMap<qint64, CliRow> rows = cliLogs();
    QCOMPARE(rows.size(), ValidRows + 2);
    QTRY_VERIFY_WITH_TIMEOUT(logModelLoaded(int(rows.size())), 10000);
    const RecipientLogModel *model = m_window->recipientLogModel();
    QMap<QString, int> states;
    for (int row = 0; row < model->rowCount(); ++row) {
        const auto text = [&](int column) { return model->index(row, column).data().toString(); };
        bool ok = false;
        const qint64 line = locale.toLongLong(text(RecipientLogModel::LineColumn), &ok);
        QVERIFY2(ok && rows.contains(line), qPrintable(text(RecipientLogModel::LineColumn)));
        const CliRow &cliRow = rows.value(line);
        const std::optional<LogState> state = LogStates::fromName(cliRow.state);
        QVERIFY2(state, qPrintable(cliRow.state));
        states[cliRow.state] += 1;
        QCOMPARE(text(RecipientLogModel::EmailColumn), cliRow.email);
        QCOMPARE(text(RecipientLogModel::StateColumn), StateNames::logState(*state));
        QCOMPARE(text(RecipientLogModel::ReasonColumn), StateNames::failureReason(cliRow.failureReason));
        QCOMPARE(text(RecipientLogModel::LastReplyColumn), cliRow.lastReply);
        QCOMPARE(text(RecipientLogModel::AttemptsColumn), locale.toString(cliRow.attempts.toInt()));
        QCOMPARE(text(RecipientLogModel::MessageIdColumn), cliRow.messageId);
        // What each address was designed to get.
        if (cliRow.email.endsWith(u"@fail.test"_s)) {
            QCOMPARE(cliRow.state, u"failed"_s);
            QCOMPARE(cliRow.failureReason, u"user_unknown"_s);
            QVERIFY2(cliRow.lastReply.startsWith(u"550"_s), qPrintable(cliRow.lastReply));
        } else if (cliRow.email == u"not-an-address"_s) {
            QCOMPARE(cliRow.failureReason, u"invalid_address"_s);
        } else if (cliRow.state == u"ignored"_s) {
            QCOMPARE(cliRow.email, u"r0@discard.test"_s);
            QCOMPARE(cliRow.failureReason, u"duplicate"_s);
        } else {
            QCOMPARE(cliRow.state, u"sent"_s);
        }
    }
    QCOMPARE(states.value(u"sent"_s), counts.value(u"sent"_s).toInt());
    QCOMPARE(states.value(u"failed"_s), counts.value(u"failed"_s).toInt());
    QCOMPARE(states.value(u"ignored"_s), counts.value(u"ignored"_s).toInt());
}

void TstEndToEnd::koreanStateNames()
{
    QVERIFY2(m_id > 0, "the delivery was not created");
    const QMap<qint64, CliRow> rows = cliLogs();
    QAction *korean = child<QAction>(m_window.get(), u"language_ko"_s);
    QAction *english = child<QAction>(m_window.get(), u"language_en"_s);
    korean->trigger();
    QVERIFY(korean->isChecked());

    // The translations of translations/sendscope_ko.ts, not the code's own names.
    const QHash<QString, QString> koreanNames{
        {u"sent"_s, u"전송됨"_s}, {u"failed"_s, u"실패"_s}, {u"ignored"_s, u"무시됨"_s}};
    DashboardView *dashboard = m_window->dashboardView();
    QTRY_COMPARE(child<QLabel>(dashboard, u"dashboardState"_s)->text(), u"완료됨"_s);
    const DeliveryListModel *list = m_window->deliveryListModel();
    QCOMPARE(list->index(0, DeliveryListModel::StateColumn).data().toString(), u"완료됨"_s);
    const RecipientLogModel *model = m_window->recipientLogModel();
    QCOMPARE(model->headerData(RecipientLogModel::StateColumn, Qt::Horizontal).toString(),
             RecipientLogModel::tr("State"));
    QVERIFY(model->headerData(RecipientLogModel::StateColumn, Qt::Horizontal).toString() != u"State"_s);
    QTRY_VERIFY_WITH_TIMEOUT(logModelLoaded(int(rows.size())), 10000);
    for (int row = 0; row < model->rowCount(); ++row) {
        const qint64 line = QLocale().toLongLong(model->index(row, RecipientLogModel::LineColumn).data().toString());
        const QString state = rows.value(line).state;
        QVERIFY2(koreanNames.contains(state), qPrintable(state));
        QCOMPARE(model->index(row, RecipientLogModel::StateColumn).data().toString(), koreanNames.value(state));
    }
    QCOMPARE(child<KpiTile>(dashboard, u"dashSentTile"_s)->value(), QLocale().toString(ValidRows - FailRows));

    english->trigger();
    QVERIFY(english->isChecked());
    QTRY_COMPARE(child<QLabel>(dashboard, u"dashboardState"_s)->text(), u"Finished"_s);
    QCOMPARE(list->index(0, DeliveryListModel::StateColumn).data().toString(), u"Finished"_s);
    QTRY_VERIFY_WITH_TIMEOUT(logModelLoaded(int(rows.size())), 10000);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString state = model->index(row, RecipientLogModel::StateColumn).data().toString();
        QVERIFY2(state == u"Sent"_s || state == u"Failed"_s || state == u"Ignored"_s, qPrintable(state));
    }
}

void TstEndToEnd::cleanupTestCase()
{
    m_window.reset();
    m_workspace.reset();
}

QTEST_MAIN(TstEndToEnd)
#include "tst_end_to_end.moc"
