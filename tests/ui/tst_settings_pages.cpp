// The settings pages driven through their widgets: a DKIM key generated (Ed25519), its
// TXT record shown and copied, weak imports refused or warned about, a key deleted; a rule
// edited, moved, saved and read back by a fresh page, a bad row named, the defaults restored,
// a pasted reply tried; inbound-mail rules tried on a pasted bounce, edited, saved, restored;
// quarantined addresses listed, filtered, paged, released and an address
// denylisted. Every answer comes from the pages' own worker threads, hence the QTRY_ checks.

#include "dkim_key_dialog.h"
#include "dkim_keys_page.h"
#include "feedback/quarantine_admin.h"
#include "inbound_rules_page.h"
#include "qualification_rules_page.h"
#include "quarantine_page.h"
#include "state_names.h"
#include "store/store.h"

#include "workspace/workspace.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;

namespace {

template <typename T> T *child(QObject *parent, const QString &name)
{
    T *widget = parent->findChild<T *>(name);
    if (!widget)
        qFatal("no child %s", qPrintable(name));
    return widget;
}

QByteArray rsaPem(int bits)
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits));
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, size);
    BIO_free(bio);
    EVP_PKEY_free(key);
    return pem;
}

// Accepts a modal-less dialog the page opened with open(), after fill() has typed into it.
template <typename Fill> void acceptDialog(QWidget *page, Fill fill)
{
    DkimKeyDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = page->findChild<DkimKeyDialog *>()) && dialog->isVisible());
    fill(dialog);
    QTest::mouseClick(child<QDialogButtonBox>(dialog, {})->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

void clickMessageBox(QWidget *page, const QString &name, QMessageBox::StandardButton button)
{
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = page->findChild<QMessageBox *>(name)) && box->isVisible());
    QTest::mouseClick(box->button(button), Qt::LeftButton);
}

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

} // namespace

class TstSettingsPages final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void dkimGenerateShowCopyDelete()
    {
        const QString folder = m_dir.filePath(u"dkim"_s);
        Workspace workspace(m_dir.filePath(u"keys.db"_s));
        DkimKeysPage page(workspace, folder);
        page.show();
        auto *list = child<QTreeWidget>(&page, u"dkimKeyList"_s);
        auto *status = child<QLabel>(&page, u"dkimStatus"_s);
        QTRY_VERIFY(status->text().contains(u"No DKIM key yet"_s));

        // A bad domain is named in the dialog, which stays open.
        QTest::mouseClick(child<QPushButton>(&page, u"generateButton"_s), Qt::LeftButton);
        acceptDialog(&page, [](DkimKeyDialog *d) { typeInto(child<QLineEdit>(d, u"domainEdit"_s), u"localhost"_s); });
        auto *dialog = page.findChild<DkimKeyDialog *>();
        QVERIFY(dialog->isVisible());
        QVERIFY(child<QLabel>(dialog, u"dialogError"_s)->text().startsWith(u"Domain:"_s));
        typeInto(child<QLineEdit>(dialog, u"domainEdit"_s), u"acme.example"_s);
        typeInto(child<QLineEdit>(dialog, u"selectorEdit"_s), u"ed1"_s);
        child<QComboBox>(dialog, u"algorithmCombo"_s)->setCurrentIndex(2); // Ed25519
        QTest::mouseClick(child<QDialogButtonBox>(dialog, {})->button(QDialogButtonBox::Ok), Qt::LeftButton);

        QTRY_COMPARE(list->topLevelItemCount(), 1);
        QTRY_VERIFY(child<QPushButton>(&page, u"generateButton"_s)->isEnabled());
        QCOMPARE(list->topLevelItem(0)->text(0), u"acme.example"_s);
        QCOMPARE(list->topLevelItem(0)->text(1), u"ed1"_s);
        QCOMPARE(list->topLevelItem(0)->text(2), u"Ed25519"_s);
        QCOMPARE(child<QLineEdit>(&page, u"recordName"_s)->text(), u"ed1._domainkey.acme.example"_s);
        const QString value = child<QPlainTextEdit>(&page, u"recordValue"_s)->toPlainText();
        QVERIFY2(value.startsWith(u"\"v=DKIM1; k=ed25519; p="_s) && value.endsWith(u'"'), qPrintable(value));
        const QString path = folder + u"/ed1._domainkey.acme.example.pem"_s;
        QVERIFY(QFile::exists(path));
        QVERIFY(!(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        // The record shown is the key's own.
        QString error;
        const DkimKey key = DkimKey::fromPemFile(path, &error);
        QVERIFY(key.matchesRecord(value));

        QTest::mouseClick(child<QPushButton>(&page, u"copyButton"_s), Qt::LeftButton);
        QCOMPARE(page.selectedRecord(), u"ed1._domainkey.acme.example. IN TXT ( "_s + value + u" )"_s);
        QCOMPARE(QGuiApplication::clipboard()->text(), page.selectedRecord());

        // The same name again is refused by the core, with the reason on the page.
        QTest::mouseClick(child<QPushButton>(&page, u"generateButton"_s), Qt::LeftButton);
        acceptDialog(&page, [](DkimKeyDialog *d) {
            typeInto(child<QLineEdit>(d, u"domainEdit"_s), u"acme.example"_s);
            typeInto(child<QLineEdit>(d, u"selectorEdit"_s), u"ed1"_s);
            child<QComboBox>(d, u"algorithmCombo"_s)->setCurrentIndex(2);
        });
        QTRY_VERIFY(status->text().contains(u"exists already"_s));

        // Delete, confirmed.
        list->setCurrentItem(list->topLevelItem(0));
        QTest::mouseClick(child<QPushButton>(&page, u"deleteButton"_s), Qt::LeftButton);
        clickMessageBox(&page, u"deleteKeyConfirmation"_s, QMessageBox::Yes);
        QTRY_COMPARE(list->topLevelItemCount(), 0);
        QVERIFY(!QFile::exists(path));
        QVERIFY(child<QLineEdit>(&page, u"recordName"_s)->text().isEmpty());
    }

    void dkimImportPolicy()
    {
        const QString folder = m_dir.filePath(u"dkim-import"_s);
        Workspace workspace(m_dir.filePath(u"keys.db"_s));
        DkimKeysPage page(workspace, folder);
        page.show();
        auto *list = child<QTreeWidget>(&page, u"dkimKeyList"_s);
        auto *status = child<QLabel>(&page, u"dkimStatus"_s);
        auto import = [&](const QString &file, const QString &selector) {
            QTRY_VERIFY(child<QPushButton>(&page, u"importButton"_s)->isEnabled());
            QTest::mouseClick(child<QPushButton>(&page, u"importButton"_s), Qt::LeftButton);
            acceptDialog(&page, [&](DkimKeyDialog *d) {
                typeInto(child<QLineEdit>(d, u"pemFileEdit"_s), file);
                typeInto(child<QLineEdit>(d, u"domainEdit"_s), u"acme.example"_s);
                typeInto(child<QLineEdit>(d, u"selectorEdit"_s), selector);
            });
        };
        const QString weakest = m_dir.filePath(u"rsa512.pem"_s);
        QFile f(weakest);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(rsaPem(512)) > 0);
        f.close();
        import(weakest, u"old"_s);
        QTRY_VERIFY2(status->text().contains(u"512"_s) && status->text().contains(u"too weak"_s),
                     qPrintable(status->text()));
        QCOMPARE(list->topLevelItemCount(), 0);

        const QString weak = m_dir.filePath(u"rsa1024.pem"_s);
        QFile g(weak);
        QVERIFY(g.open(QIODevice::WriteOnly) && g.write(rsaPem(1024)) > 0);
        g.close();
        import(weak, u"old"_s);
        QTRY_COMPARE(list->topLevelItemCount(), 1);
        QVERIFY2(status->text().contains(u"warning"_s) && status->text().contains(u"2048"_s),
                 qPrintable(status->text()));
        QCOMPARE(list->topLevelItem(0)->text(3), u"1024"_s);
        QVERIFY(child<QPlainTextEdit>(&page, u"recordValue"_s)->toPlainText().startsWith(u"\"v=DKIM1; k=rsa; p="_s));
    }

    void rulesEditSaveReloadRestore()
    {
        const QString db = m_dir.filePath(u"rules.db"_s);
        Workspace workspace(db);
        const QList<QualificationRuleDraft> defaults = QualificationRules::toDrafts(ReplyQualifier::defaultRules());
        auto page = std::make_unique<QualificationRulesPage>(workspace);
        page->show();
        auto *table = child<QTableWidget>(page.get(), u"rulesTable"_s);
        auto *status = child<QLabel>(page.get(), u"rulesStatus"_s);
        QTRY_COMPARE(table->rowCount(), int(defaults.size()));
        QCOMPARE(page->drafts(), defaults);

        // Test a reply against the table.
        auto *reply = child<QLineEdit>(page.get(), u"testReplyEdit"_s);
        auto *result = child<QLabel>(page.get(), u"testReplyResult"_s);
        QTest::keyClicks(reply, u"550 5.1.1 <x@y>: Recipient address rejected"_s);
        QCOMPARE(result->text(),
                 u"Rule 1 matches: %1 — %2"_s.arg(StateNames::failureType(FailureType::Hard),
                                                  StateNames::failureReason(FailureReason::UserUnknown)));

        // Edit the first rule through its editor and combo: 5.1.1 now means a full mailbox.
        table->setCurrentCell(0, 1);
        table->editItem(table->item(0, 1));
        QLineEdit *editor = nullptr;
        QTRY_VERIFY((editor = table->viewport()->findChild<QLineEdit *>()) && editor->isVisible());
        typeInto(editor, u"5.1.*"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(table->item(0, 1)->text(), u"5.1.*"_s); // the delegate commits queued
        auto *reason = qobject_cast<QComboBox *>(table->cellWidget(0, 5));
        reason->setCurrentIndex(reason->findData(u"mailbox_full"_s));
        QVERIFY(page->hasUnsavedChanges());
        QVERIFY(result->text().startsWith(u"Rule 1 matches"_s));
        QVERIFY(result->text().contains(StateNames::failureReason(FailureReason::MailboxFull)));
        // Move the second rule (5.1.10) above it, and add one.
        table->selectRow(1);
        QTest::mouseClick(child<QPushButton>(page.get(), u"moveUpButton"_s), Qt::LeftButton);
        QCOMPARE(table->item(0, 1)->text(), u"5.1.10"_s);
        QCOMPARE(table->currentRow(), 0);
        QVERIFY(result->text().startsWith(u"Rule 2 matches"_s));
        table->selectRow(table->rowCount() - 1);
        QTest::mouseClick(child<QPushButton>(page.get(), u"addRuleButton"_s), Qt::LeftButton);
        QCOMPARE(table->rowCount(), int(defaults.size()) + 1);
        const QList<QualificationRuleDraft> edited = page->drafts();

        QTest::mouseClick(child<QPushButton>(page.get(), u"saveRulesButton"_s), Qt::LeftButton);
        QTRY_VERIFY2(status->text().startsWith(u"Saved"_s), qPrintable(status->text()));
        QTRY_VERIFY(page->isEnabled());
        QVERIFY(!page->hasUnsavedChanges());

        // A fresh page reads back what was saved.
        page = std::make_unique<QualificationRulesPage>(workspace);
        page->show();
        table = child<QTableWidget>(page.get(), u"rulesTable"_s);
        status = child<QLabel>(page.get(), u"rulesStatus"_s);
        QTRY_COMPARE(table->rowCount(), int(edited.size()));
        QCOMPARE(page->drafts(), edited);

        // A bad row is named by its position and selected; nothing is written.
        table->item(2, 3)->setText(u"2"_s); // reply class 2 is no failure
        QTest::mouseClick(child<QPushButton>(page.get(), u"saveRulesButton"_s), Qt::LeftButton);
        QVERIFY2(status->text().contains(u"Rule 3, reply class"_s), qPrintable(status->text()));
        QCOMPARE(table->currentRow(), 2);
        QTest::mouseClick(child<QPushButton>(page.get(), u"revertButton"_s), Qt::LeftButton);
        QTRY_COMPARE(page->drafts(), edited);

        // Remove one row, then restore the defaults (confirmed).
        table->selectRow(0);
        QTest::mouseClick(child<QPushButton>(page.get(), u"removeRuleButton"_s), Qt::LeftButton);
        QCOMPARE(table->rowCount(), int(edited.size()) - 1);
        QTest::mouseClick(child<QPushButton>(page.get(), u"restoreDefaultsButton"_s), Qt::LeftButton);
        clickMessageBox(page.get(), u"restoreDefaultsConfirmation"_s, QMessageBox::RestoreDefaults);
        QTRY_COMPARE(page->drafts(), defaults);
        QTRY_VERIFY(page->isEnabled());
        QVERIFY(!page->hasUnsavedChanges());
        auto store = Store::open(db, nullptr);
        QString error;
        QCOMPARE(QualificationRules::toDrafts(ReplyQualifier::load(store->db(), &error)), defaults);
    }

    void inboundRulesTestEditSaveRestore()
    {
        const QString db = m_dir.filePath(u"inbound.db"_s);
        Workspace workspace(db);
        const QList<InboundRuleDraft> defaults = InboundRules::toDrafts(InboundRules::defaults());
        auto page = std::make_unique<InboundRulesPage>(workspace);
        page->show();
        auto *table = child<QTableWidget>(page.get(), u"inboundRulesTable"_s);
        auto *status = child<QLabel>(page.get(), u"inboundRulesStatus"_s);
        QTRY_COMPARE(table->rowCount(), int(defaults.size()));
        QCOMPARE(page->drafts(), defaults);

        // A pasted qmail bounce: the rule that knows qmail's words, the recipient and its reason.
        auto *message = child<QPlainTextEdit>(page.get(), u"testMessageEdit"_s);
        auto *result = child<QLabel>(page.get(), u"testMessageResult"_s);
        message->setPlainText(u"From: MAILER-DAEMON@mail.example.de\nSubject: failure notice\n\n"
                              "Hi. This is the qmail-send program at mail.example.de.\n"
                              "I'm afraid I wasn't able to deliver your message to the following addresses.\n\n"
                              "<hana@example.de>:\nSorry, no mailbox here by that name. (#5.1.1)\n"_s);
        QTRY_VERIFY2(result->text().startsWith(u"Rule 2 matches: Bounce"_s), qPrintable(result->text()));
        QVERIFY2(result->text().contains(u"hana@example.de — failed"_s) &&
                     result->text().contains(StateNames::failureReason(FailureReason::UserUnknown)),
                 qPrintable(result->text()));

        // A rule of one's own first: a subject only one gateway writes makes such a message an
        // unsubscribe request; the tester follows the table before it is saved.
        table->selectRow(0);
        QTest::mouseClick(child<QPushButton>(page.get(), u"moveInboundUpButton"_s), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(page.get(), u"addInboundRuleButton"_s), Qt::LeftButton);
        QCOMPARE(table->rowCount(), int(defaults.size()) + 1);
        table->item(1, 3)->setText(QString());
        table->item(1, 2)->setText(u"^failure notice$"_s);
        auto *kind = qobject_cast<QComboBox *>(table->cellWidget(1, 4));
        kind->setCurrentIndex(kind->findData(u"unsubscribe"_s));
        table->selectRow(1);
        QTest::mouseClick(child<QPushButton>(page.get(), u"moveInboundUpButton"_s), Qt::LeftButton);
        QTRY_VERIFY2(result->text().startsWith(u"Rule 1 matches: Unsubscribe request"_s), qPrintable(result->text()));
        const QList<InboundRuleDraft> edited = page->drafts();
        QTest::mouseClick(child<QPushButton>(page.get(), u"saveInboundRulesButton"_s), Qt::LeftButton);
        QTRY_VERIFY2(status->text().startsWith(u"Saved"_s), qPrintable(status->text()));
        QTRY_VERIFY(page->isEnabled());

        // Read back by a fresh page; a bad pattern is named by its row, and nothing is written.
        page = std::make_unique<InboundRulesPage>(workspace);
        page->show();
        table = child<QTableWidget>(page.get(), u"inboundRulesTable"_s);
        status = child<QLabel>(page.get(), u"inboundRulesStatus"_s);
        QTRY_COMPARE(page->drafts(), edited);
        table->item(3, 1)->setText(u"(unclosed"_s);
        QTest::mouseClick(child<QPushButton>(page.get(), u"saveInboundRulesButton"_s), Qt::LeftButton);
        QVERIFY2(status->text().contains(u"Rule 4, sender pattern"_s), qPrintable(status->text()));
        QCOMPARE(table->currentRow(), 3);

        // Restore the defaults (confirmed): the table and the database hold them again.
        QTest::mouseClick(child<QPushButton>(page.get(), u"restoreInboundDefaultsButton"_s), Qt::LeftButton);
        clickMessageBox(page.get(), u"restoreDefaultsConfirmation"_s, QMessageBox::RestoreDefaults);
        QTRY_COMPARE(page->drafts(), defaults);
        QTRY_VERIFY(page->isEnabled());
        auto store = Store::open(db, nullptr);
        QString error;
        QCOMPARE(InboundRules::toDrafts(InboundRules::load(store->db(), &error)), defaults);
    }

    void quarantineListFilterReleaseDenylist()
    {
        const QString db = m_dir.filePath(u"quarantine.db"_s);
        {
            auto store = Store::open(db, nullptr);
            QVERIFY(store);
            QString error;
            QVERIFY(store->begin());
            for (int i = 0; i < 230; ++i)
                QVERIFY(Quarantine::record(store->db(), u"user%1@full.example"_s.arg(i, 3, 10, QChar(u'0')),
                                           FailureReason::MailboxFull, 1000, &error));
            QVERIFY(Quarantine::record(store->db(), u"gone@a.example"_s, FailureReason::UserUnknown, 2000, &error));
            QVERIFY(Quarantine::record(store->db(), u"lost@a.example"_s, FailureReason::UserUnknown, 2000, &error));
            QVERIFY(store->commit());
        }
        Workspace workspace(db);
        QuarantinePage page(workspace);
        page.show();
        auto *list = child<QTreeWidget>(&page, u"quarantineList"_s);
        auto *range = child<QLabel>(&page, u"quarantineRange"_s);
        QTRY_COMPARE(page.totalCount(), 232);
        QCOMPARE(list->topLevelItemCount(), QuarantinePage::PageSize);
        QVERIFY(range->text().contains(u"232"_s));
        QCOMPARE(list->topLevelItem(0)->text(0), u"gone@a.example"_s);
        QVERIFY(!child<QPushButton>(&page, u"previousPageButton"_s)->isEnabled());
        QTest::mouseClick(child<QPushButton>(&page, u"nextPageButton"_s), Qt::LeftButton);
        QTRY_COMPARE(list->topLevelItemCount(), 32);
        QVERIFY(!child<QPushButton>(&page, u"nextPageButton"_s)->isEnabled());

        // Filter by status, then search within it.
        auto *filter = child<QComboBox>(&page, u"quarantineStatusFilter"_s);
        filter->setCurrentIndex(filter->findData(u"quarantine"_s));
        QTRY_COMPARE(page.totalCount(), 2);
        QCOMPARE(list->topLevelItem(0)->text(1), u"Quarantine"_s);
        QCOMPARE(list->topLevelItem(0)->text(2), u"1"_s);
        QCOMPARE(list->topLevelItem(0)->text(3), StateNames::failureReason(FailureReason::UserUnknown));
        QVERIFY(!list->topLevelItem(0)->text(4).isEmpty());
        QTest::keyClicks(child<QLineEdit>(&page, u"quarantineSearch"_s), u"GONE"_s);
        QTRY_COMPARE(page.totalCount(), 1);

        // Release it: it leaves the quarantine filter and is Valid with no errors.
        list->topLevelItem(0)->setSelected(true);
        QTest::mouseClick(child<QPushButton>(&page, u"releaseButton"_s), Qt::LeftButton);
        QTRY_COMPARE(page.totalCount(), 0);
        filter->setCurrentIndex(filter->findData(u"valid"_s));
        QTRY_COMPARE(page.totalCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(0), u"gone@a.example"_s);
        QCOMPARE(list->topLevelItem(0)->text(2), u"0"_s);

        // Denylist: a bad address is named, a good one is normalized and listed.
        filter->setCurrentIndex(filter->findData(u"denylisted"_s));
        typeInto(child<QLineEdit>(&page, u"quarantineSearch"_s), QString());
        QTRY_COMPARE(page.totalCount(), 0);
        auto *deny = child<QLineEdit>(&page, u"denylistEdit"_s);
        auto *status = child<QLabel>(&page, u"quarantineStatus"_s);
        QTest::keyClicks(deny, u"not an address"_s);
        QTest::mouseClick(child<QPushButton>(&page, u"denylistButton"_s), Qt::LeftButton);
        QTRY_VERIFY2(status->text().startsWith(u"Address 'not an address'"_s), qPrintable(status->text()));
        typeInto(deny, u"Trap@Spam.EXAMPLE"_s);
        QTest::keyClick(deny, Qt::Key_Return);
        QTRY_COMPARE(page.totalCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(0), u"Trap@spam.example"_s);
        QVERIFY(deny->text().isEmpty());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TstSettingsPages)
#include "tst_settings_pages.moc"
