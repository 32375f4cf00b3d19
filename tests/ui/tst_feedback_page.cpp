// The Feedback page (docs/product.md §4) against a real database: a report that named nobody
// is listed in Unmatched with its sender, subject and status, and its raw message opens; with no
// route having a bounce mailbox, "Fetch reports now" says so instead of failing quietly.

#include "feedback_page.h"
#include "password_vault.h"
#include "store/store.h"
#include "workspace/workspace.h"

#include <QDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TstFeedbackPage final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unmatchedReportIsListed();
};

void TstFeedbackPage::unmatchedReportIsListed()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"feedback.db"_s);
    {
        QString error;
        std::unique_ptr<Store> store = Store::open(path, &error);
        QVERIFY2(store, qPrintable(error));
        QSqlQuery q(store->db());
        q.prepare(u"INSERT INTO feedback_messages (sha256, source, mailbox, received_at, kind, sender, subject, size, "
                  "raw) VALUES ('u1', 'imap', 'bounce@127.0.0.1:1993/INBOX', 1764800000000, 'dsn', "
                  "'MAILER-DAEMON@other.test', 'Delivery Status Notification (Failure)', 60, ?)"_s);
        q.addBindValue(QByteArray("From: MAILER-DAEMON@other.test\r\nSubject: DSN\r\n\r\nnobody we know\r\n"));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        const qint64 message = q.lastInsertId().toLongLong();
        q.prepare(u"INSERT INTO feedback_events (feedback_message_id, address, kind, action, status, diagnostic, "
                  "applied, created_at) VALUES (?, 'stranger@other.test', 'dsn', 'failed', '5.1.1', "
                  "'550 5.1.1 no such user', 'none: unmatched', 1764800000000)"_s);
        q.addBindValue(message);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
    PasswordVault vault(PasswordVault::Mode::MemoryOnly);
    Workspace workspace(path);
    FeedbackPage page(workspace, &vault);
    page.resize(1100, 500);
    page.show();
    auto *list = page.findChild<QTreeWidget *>(u"unmatchedList"_s);
    QVERIFY(list);
    QTRY_COMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(page.unmatchedTotal(), 1);
    QTreeWidgetItem *row = list->topLevelItem(0);
    QCOMPARE(row->text(2), u"MAILER-DAEMON@other.test"_s);
    QCOMPARE(row->text(3), u"Delivery Status Notification (Failure)"_s);
    QCOMPARE(row->text(4), u"stranger@other.test"_s);
    QCOMPARE(row->text(5), u"5.1.1"_s);
    QVERIFY(page.findChild<QLabel *>(u"unmatchedCount"_s)->text().contains(u"1 unmatched report"_s));

    list->setCurrentItem(row);
    QTest::mouseClick(page.findChild<QPushButton *>(u"unmatchedShowMessage"_s), Qt::LeftButton);
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page.findChild<QDialog *>(u"unmatchedRawDialog"_s)));
    QVERIFY(dialog->findChild<QPlainTextEdit *>(u"unmatchedRawView"_s)->toPlainText().contains(u"nobody we know"_s));
    dialog->close();

    QSignalSpy finished(&page, &FeedbackPage::fetchFinished);
    QTest::mouseClick(page.findChild<QPushButton *>(u"fetchReportsNow"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QVERIFY2(page.findChild<QLabel *>(u"feedbackStatus"_s)->text().contains(u"No route has a bounce mailbox"_s),
             qPrintable(page.findChild<QLabel *>(u"feedbackStatus"_s)->text()));
}

QTEST_MAIN(TstFeedbackPage)
#include "tst_feedback_page.moc"
