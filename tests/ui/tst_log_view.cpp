// The log view against a real database built through the core (tests/core/log_fixture.h):
// filters through its widgets change the row count it shows, a header click sorts (in SQL, on
// its worker), a selected row shows its attempts and transcript, and Export CSV writes the
// filtered rows with formula cells neutralized. measureMillionRows times a large log when
// SENDSCOPE_LOG_BENCH_DB names one (tests/bench/bench_log_view.sh).

#include "../core/log_fixture.h"
#include "log_detail_pane.h"
#include "log_view.h"
#include "recipient_log_model.h"
#include "workspace/workspace.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TstLogView final : public QObject
{
    Q_OBJECT

    static constexpr int N = 3000; // + 1 ignored line

    QTemporaryDir m_dir;
    QString m_dbPath;
    qint64 m_id = 0;

    static int expected(const std::function<bool(int)> &pred)
    {
        int n = 0;
        for (int i = 0; i < N; ++i)
            n += pred(i) ? 1 : 0;
        return n;
    }

    // Reads a row as the view would, until its page has arrived.
    static const LogRow *waitForRow(RecipientLogModel *model, int row)
    {
        model->data(model->index(row, 0));
        for (int i = 0; i < 500 && !model->loadedRow(row); ++i)
            QTest::qWait(10);
        return model->loadedRow(row);
    }

    static bool waitForCount(LogView &view, int count)
    {
        return QTest::qWaitFor([&] { return view.model()->isCountKnown() && view.model()->rowCount() == count; },
                               10000);
    }

    static QString countText(const LogView &view) { return view.findChild<QLabel *>(u"logCount"_s)->text(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_dbPath = m_dir.filePath(u"log.db"_s);
        QString error;
        std::unique_ptr<Store> store = Store::open(m_dbPath, &error);
        QVERIFY2(store, qPrintable(error));
        m_id = LogFixture::build(*store, m_dir, N, &error);
        QVERIFY2(m_id > 0, qPrintable(error));
    }

    void filtersChangeTheRowCount()
    {
        Workspace workspace(m_dbPath);
        LogView view(workspace);
        view.resize(1100, 700);
        view.show();
        view.setDelivery(m_id);
        QVERIFY(waitForCount(view, N + 1));
        QCOMPARE(countText(view), LogView::tr("%Ln recipient(s) in the log", nullptr, N + 1));

        auto *state = view.findChild<QComboBox *>(u"stateFilter"_s);
        state->setCurrentIndex(state->findData(int(LogState::Sent)));
        const int sent = expected([](int i) { return i % 5 == 1; });
        QVERIFY(waitForCount(view, sent));
        QCOMPARE(countText(view), LogView::tr("%Ln recipient(s) match", nullptr, sent));
        QCOMPARE(waitForRow(view.model(), sent - 1)->state, LogState::Sent);

        auto *domain = view.findChild<QComboBox *>(u"domainFilter"_s);
        QTest::keyClicks(domain->lineEdit(), u"d1.example"_s);
        const int sentD1 = expected([](int i) { return i % 5 == 1 && i % 3 == 1; });
        QVERIFY(waitForCount(view, sentD1));
        QVERIFY(waitForRow(view.model(), 0)->email.endsWith(u"@d1.example"_s));

        // The search only queries once the typing pauses: one count for the whole word.
        state->setCurrentIndex(0);
        domain->lineEdit()->clear();
        QVERIFY(waitForCount(view, N + 1));
        QSignalSpy counts(view.model(), &RecipientLogModel::countRequested);
        QTest::keyClicks(view.findChild<QLineEdit *>(u"searchEdit"_s), u"user12"_s);
        QVERIFY(waitForCount(view, 1 + 10 + 100)); // user12, user120-129, user1200-1299
        QCOMPARE(counts.count(), 1);

        // The reasons offered are the log's; choosing one filters by it.
        view.findChild<QLineEdit *>(u"searchEdit"_s)->clear();
        auto *reason = view.findChild<QComboBox *>(u"reasonFilter"_s);
        QTRY_COMPARE(reason->count(), 4); // all + 3 reasons
        reason->setCurrentIndex(reason->findData(int(FailureReason::MailboxFull)));
        QVERIFY(waitForCount(view, expected([](int i) { return i % 5 == 3; })));
        QCOMPARE(waitForRow(view.model(), 0)->failureReason, FailureReason::MailboxFull);
        QCOMPARE(view.model()->data(view.model()->index(0, RecipientLogModel::WaitingColumn)).toString(),
                 RecipientLogModel::tr("The delivery is not confirmed yet"));
    }

    void headerClickSorts()
    {
        Workspace workspace(m_dbPath);
        LogView view(workspace);
        view.resize(1100, 700);
        view.show();
        view.setDelivery(m_id);
        QVERIFY(waitForCount(view, N + 1));
        QCOMPARE(waitForRow(view.model(), 0)->email, LogFixture::emailOf(0));

        QStringList emails{u"not an address"_s};
        for (int i = 0; i < N; ++i)
            emails.append(LogFixture::emailOf(i));
        std::sort(emails.begin(), emails.end(),
                  [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });

        QHeaderView *header = view.table()->horizontalHeader();
        const auto clickHeader = [header](int section) {
            const QPoint at(header->sectionViewportPosition(section) + header->sectionSize(section) / 2,
                            header->height() / 2);
            QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        };
        clickHeader(RecipientLogModel::EmailColumn);
        QTRY_COMPARE(view.model()->filter().sort, LogSort::Email);
        QVERIFY(waitForCount(view, N + 1));
        const bool descending = view.model()->filter().descending;
        QCOMPARE(waitForRow(view.model(), 0)->email, descending ? emails.last() : emails.first());
        QCOMPARE(waitForRow(view.model(), N)->email, descending ? emails.first() : emails.last());
        QCOMPARE(waitForRow(view.model(), 1500)->email, descending ? emails.at(N - 1500) : emails.at(1500));

        clickHeader(RecipientLogModel::EmailColumn); // the other direction
        QTRY_COMPARE(view.model()->filter().descending, !descending);
        QVERIFY(waitForCount(view, N + 1));
        QCOMPARE(waitForRow(view.model(), 0)->email, !descending ? emails.last() : emails.first());
    }

    void selectedRowShowsAttemptsAndTranscript()
    {
        Workspace workspace(m_dbPath);
        LogView view(workspace);
        view.resize(1100, 700);
        view.show();
        view.setDelivery(m_id);
        QVERIFY(waitForCount(view, N + 1));
        QVERIFY(waitForRow(view.model(), 3));
        QTableView *table = view.table();
        const QRect rect = table->visualRect(view.model()->index(3, RecipientLogModel::EmailColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());

        LogDetailPane *detail = view.detailPane();
        QTRY_VERIFY(detail->attemptsShown());
        auto *tree = detail->findChild<QTreeWidget *>(u"attemptsTree"_s);
        QCOMPARE(tree->topLevelItemCount(), 2);
        QCOMPARE(tree->topLevelItem(0)->text(2), u"421"_s);
        QCOMPARE(tree->topLevelItem(1)->text(3), LogFixture::formulaReply());
        auto *transcript = detail->findChild<QPlainTextEdit *>(u"transcriptView"_s);
        QVERIFY(transcript->toPlainText().contains(u"RCPT TO:<user3@d0.example>"_s));
        QVERIFY(transcript->toPlainText().contains(LogFixture::formulaReply()));
        QVERIFY(QFontInfo(transcript->font()).fixedPitch());
        // Another attempt, its own transcript.
        const QRect first = tree->visualItemRect(tree->topLevelItem(0));
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, first.center());
        QVERIFY(transcript->toPlainText().contains(u"421 4.7.0 try later"_s));
        QVERIFY(detail->findChild<QLabel *>(u"logDetailTitle"_s)->text().contains(u"user3@d0.example"_s));

        // A recipient never attempted has an empty history.
        QTest::keyClick(table, Qt::Key_Home, Qt::ControlModifier);
        QTRY_COMPARE(detail->recipientId(), view.model()->loadedRow(0)->recipientId);
        QTRY_VERIFY(detail->attemptsShown());
        QCOMPARE(tree->topLevelItemCount(), 0);
        QVERIFY(transcript->toPlainText().isEmpty());
    }

    // docs/product.md §4, §7: the timeline puts the attempts' replies and the reports read later
    // in time order, and "Show message" opens the stored raw report, saying when it was cut.
    void timelineShowsAttemptsAndReport()
    {
        Workspace workspace(m_dbPath);
        LogView view(workspace);
        view.resize(1100, 700);
        view.show();
        view.setDelivery(m_id);
        QVERIFY(waitForCount(view, N + 1));
        const LogRow *row = waitForRow(view.model(), 3);
        QVERIFY(row);
        const qint64 recipientId = row->recipientId;
        {
            // The test's own connection writes a report as FeedbackApplier stores one: a DSN
            // whose raw message was kept only up to the cap.
            QString error;
            std::unique_ptr<Store> store = Store::open(m_dbPath, &error);
            QVERIFY2(store, qPrintable(error));
            QSqlQuery q(store->db());
            q.prepare(u"INSERT INTO feedback_messages (sha256, source, mailbox, received_at, kind, sender, subject, "
                      "size, raw) VALUES ('x1', 'imap', 'bounces@127.0.0.1:1143/INBOX', ?, 'dsn', "
                      "'MAILER-DAEMON@relay.test', 'Undelivered Mail Returned to Sender', 400000, ?)"_s);
            const qint64 at = QDateTime::currentMSecsSinceEpoch() + 3'600'000; // after every attempt
            q.addBindValue(at);
            const QByteArray raw =
                QByteArray("From: MAILER-DAEMON@relay.test\r\nSubject: Undelivered\r\n\r\n") + QByteArray(1000, 'x');
            q.addBindValue(raw);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            const qint64 messageId = q.lastInsertId().toLongLong();
            q.prepare(u"INSERT INTO feedback_events (feedback_message_id, delivery_id, recipient_id, address, kind, "
                      "action, status, diagnostic, remote_mta, failure_type, failure_reason, rule, correlation, "
                      "applied, created_at) VALUES (?, ?, ?, 'user3@d0.example', 'dsn', 'failed', '5.1.1', "
                      "'smtp; 550 5.1.1 <user3@d0.example>: User unknown', 'mx.d0.example', 'hard', "
                      "'user_unknown', 'reply:1', 'verp', 'failed', ?)"_s);
            q.addBindValue(messageId);
            q.addBindValue(m_id);
            q.addBindValue(recipientId);
            q.addBindValue(at);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        QTableView *table = view.table();
        const QRect rect = table->visualRect(view.model()->index(3, RecipientLogModel::EmailColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());

        LogDetailPane *detail = view.detailPane();
        QTRY_VERIFY(detail->timelineShown());
        auto *timeline = detail->findChild<QTreeWidget *>(u"feedbackTimeline"_s);
        QVERIFY(timeline);
        QCOMPARE(timeline->topLevelItemCount(), 3); // two attempts, then the report
        QCOMPARE(timeline->topLevelItem(0)->text(1), LogDetailPane::tr("Reply"));
        QCOMPARE(timeline->topLevelItem(1)->text(1), LogDetailPane::tr("Reply"));
        QTreeWidgetItem *report = timeline->topLevelItem(2);
        QCOMPARE(report->text(1), LogDetailPane::tr("Report"));
        QVERIFY2(report->text(2).contains(LogDetailPane::tr("Delivery report")) &&
                     report->text(2).contains(u"failed"_s),
                 qPrintable(report->text(2)));
        QCOMPARE(report->text(3), u"5.1.1"_s);
        QVERIFY(report->text(4).contains(u"User unknown"_s));
        QCOMPARE(report->text(5), u"reply:1"_s);
        QCOMPARE(report->text(6), u"failed"_s);
        QCOMPARE(report->text(7), u"verp"_s);

        // The report is current (the latest entry): its message opens, cut at the stored size.
        auto *show = detail->findChild<QPushButton *>(u"showFeedbackMessage"_s);
        QVERIFY(show->isEnabled());
        timeline->setCurrentItem(timeline->topLevelItem(0));
        QVERIFY(!show->isEnabled()); // an attempt has no stored message
        timeline->setCurrentItem(report);
        QVERIFY(show->isEnabled());
        QTest::mouseClick(show, Qt::LeftButton);
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = detail->findChild<QDialog *>(u"rawMessageDialog"_s)));
        auto *raw = dialog->findChild<QPlainTextEdit *>(u"rawMessageView"_s);
        QVERIFY(raw->toPlainText().startsWith(u"From: MAILER-DAEMON@relay.test"_s));
        const QString note = dialog->findChild<QLabel *>(u"rawMessageNote"_s)->text();
        QVERIFY2(note.contains(QLocale().toString(400000)), qPrintable(note));
        dialog->close();
    }

    void exportWritesTheFilteredRows()
    {
        Workspace workspace(m_dbPath);
        LogView view(workspace);
        view.show();
        view.setDelivery(m_id);
        QVERIFY(waitForCount(view, N + 1));
        QVERIFY(view.exportAction()->isEnabled());
        auto *state = view.findChild<QComboBox *>(u"stateFilter"_s);
        state->setCurrentIndex(state->findData(int(LogState::Pending)));
        const int pending = expected([](int i) { return i % 5 == 0 || i % 5 == 3; });
        QVERIFY(waitForCount(view, pending));

        const QString path = m_dir.filePath(u"export.csv"_s);
        QSignalSpy finished(&view, &LogView::exportFinished);
        view.exportTo(path);
        QVERIFY(view.isExporting());
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(0).toString(), path);
        QCOMPARE(finished.first().at(1).toLongLong(), qint64(pending));
        QCOMPARE(finished.first().at(2).toString(), QString());
        QTRY_VERIFY(!view.isExporting());

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), pending + 2); // header, rows, nothing after the last CRLF
        QVERIFY(lines.first().startsWith("line,email,state,"));
        int formulas = 0;
        for (int i = 1; i <= pending; ++i) {
            QVERIFY(lines[i].contains(",pending,"));
            QVERIFY2(!lines[i].contains(",="), lines[i].constData());
            if (lines[i].contains(",user3@d0.example,")) {
                QVERIFY2(lines[i].contains(",'=cmd|' /C calc'!A0,"), lines[i].constData());
                ++formulas;
            }
        }
        QCOMPARE(formulas, 1);

        // An unwritable target is reported, not a crash.
        QSignalSpy failed(&view, &LogView::exportFinished);
        view.exportTo(m_dir.filePath(u"no/such/folder/x.csv"_s));
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().at(1).toLongLong(), qint64(-1));
        QVERIFY(!failed.first().at(2).toString().isEmpty());
    }

    void measureMillionRows()
    {
        const QString path = qEnvironmentVariable("SENDSCOPE_LOG_BENCH_DB");
        if (path.isEmpty())
            QSKIP("set SENDSCOPE_LOG_BENCH_DB to a large database (tests/bench/bench_log_view.sh)");
        Workspace workspace(path);
        LogView view(workspace);
        view.resize(1280, 800);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QElapsedTimer t;
        t.start();
        view.setDelivery(1);
        QVERIFY(QTest::qWaitFor([&] { return view.model()->isCountKnown(); }, 30000));
        const qint64 count = t.elapsed();
        const int rows = view.model()->rowCount();
        QVERIFY(waitForRow(view.model(), 0));
        const qint64 open = t.elapsed();
        t.restart();
        view.table()->scrollToBottom();
        QVERIFY(waitForRow(view.model(), rows - 1));
        const qint64 end = t.elapsed();
        t.restart();
        view.table()->verticalScrollBar()->setValue(view.table()->verticalScrollBar()->maximum() / 2);
        QVERIFY(waitForRow(view.model(), rows / 2));
        const qint64 middle = t.elapsed();
        qInfo("rows %d: count %lld ms, open (count + first page) %lld ms, jump to the end %lld ms, middle %lld ms",
              rows, count, open, end, middle);

        t.restart();
        view.model()->sort(RecipientLogModel::EmailColumn, Qt::DescendingOrder);
        QVERIFY(QTest::qWaitFor([&] { return view.model()->isCountKnown(); }, 60000));
        QVERIFY(waitForRow(view.model(), 0));
        const qint64 sorted = t.elapsed();
        t.restart();
        view.table()->scrollToBottom();
        QVERIFY(waitForRow(view.model(), rows - 1));
        const qint64 sortedEnd = t.elapsed();
        t.restart();
        QTest::keyClicks(view.findChild<QLineEdit *>(u"searchEdit"_s), u"user99"_s);
        QVERIFY(QTest::qWaitFor(
            [&] { return view.model()->isCountKnown() && view.model()->filter().search.size() == 6; }, 60000));
        const qint64 search = t.elapsed();
        qInfo("sort by email %lld ms (then the end %lld ms); search 'user99' -> %d rows in %lld ms (300 ms debounce "
              "included)",
              sorted, sortedEnd, view.model()->rowCount(), search);

        // The whole log as CSV, on the export thread, while the view stays usable.
        view.findChild<QLineEdit *>(u"searchEdit"_s)->clear();
        QVERIFY(
            QTest::qWaitFor([&] { return view.model()->isCountKnown() && view.model()->rowCount() == rows; }, 60000));
        const QString target = m_dir.filePath(u"million.csv"_s);
        QSignalSpy finished(&view, &LogView::exportFinished);
        t.restart();
        view.exportTo(target);
        view.table()->scrollToTop();
        QVERIFY(waitForRow(view.model(), 0));
        const qint64 browse = t.elapsed();
        QVERIFY(finished.wait(600000));
        QCOMPARE(finished.first().at(2).toString(), QString());
        qInfo("export of %lld rows (sorted by e-mail) %lld ms, %lld MB; a page during the export %lld ms",
              finished.first().at(1).toLongLong(), t.elapsed(), QFileInfo(target).size() >> 20, browse);
    }
};

QTEST_MAIN(TstLogView)
#include "tst_log_view.moc"
