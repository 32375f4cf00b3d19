// The CSV import dialog driven through its widgets against a real database: the preview and
// what it detected, the import with its rejected rows, the errors, and a cancel that leaves
// the previous recipients in place while the window keeps running.

#include "../core/test_support.h"
#include "csv_import_dialog.h"
#include "delivery/delivery_service.h"
#include "store/store.h"
#include "workspace/workspace.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::writeFile;

class TstCsvImportDialog final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dbPath;
    std::unique_ptr<Store> m_store;
    qint64 m_id = 0;

    template <typename T> static T *child(QWidget *dialog, const QString &name)
    {
        T *w = dialog->findChild<T *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }
    // Types the path as a user would and presses Return.
    static void typePath(CsvImportDialog &dialog, const QString &path)
    {
        auto *edit = child<QLineEdit>(&dialog, u"pathEdit"_s);
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, path);
        QTest::keyClick(edit, Qt::Key_Return);
    }
    QStringList emails()
    {
        QSqlQuery q(m_store->db());
        QStringList out;
        if (!q.exec(u"SELECT email FROM recipients WHERE delivery_id = %1 ORDER BY id"_s.arg(m_id)))
            qFatal("query failed");
        while (q.next())
            out.append(q.value(0).toString());
        return out;
    }
    QVariant value(const QString &sql)
    {
        QSqlQuery q(m_store->db());
        if (!q.exec(sql) || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0);
    }

private Q_SLOTS:
    void init()
    {
        m_dbPath = m_dir.filePath(u"%1.db"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
        QString error;
        m_store = Store::open(m_dbPath, &error);
        QVERIFY2(m_store, qPrintable(error));
        writeFile(m_dir, u"list.csv"_s, "email,first_name\nold1@example.com,A\nold2@example.com,B\n");
        const auto r = DeliveryService(*m_store).importDefinition(
            TestSupport::writeDefinition(m_dir, TestSupport::cleanDefinition()));
        QVERIFY2(r.ok, qPrintable(r.errors.join(u'\n')));
        m_id = r.deliveryId;
    }
    void cleanup() { m_store.reset(); }

    void previewThenImportWithRejects()
    {
        const QString path = writeFile(m_dir, u"people.csv"_s,
                                       "Name;Mail;City\nAnn;ann@example.com;Paris\nBob;bob@example.com\n"
                                       "Cy;cy@example.com;Rome\n\"Dee;dee@example.com;Oslo\n");
        Workspace workspace(m_dbPath);
        CsvImportDialog dialog(workspace, m_id);
        dialog.show();
        QSignalSpy imported(&dialog, &CsvImportDialog::imported);
        auto *importButton = child<QPushButton>(&dialog, u"importButton"_s);
        QVERIFY(!importButton->isEnabled());
        typePath(dialog, path);

        auto *preview = child<QTableView>(&dialog, u"previewTable"_s);
        QTRY_COMPARE(preview->model()->rowCount(), 4);
        QCOMPARE(preview->model()->columnCount(), 5); // Line, the three columns, Problem
        QCOMPARE(preview->model()->headerData(2, Qt::Horizontal).toString(), u"Mail"_s);
        QCOMPARE(preview->model()->index(0, 1).data().toString(), u"Ann"_s);
        QCOMPARE(preview->model()->index(1, 0).data().toInt(), 3);
        QCOMPARE(preview->model()->index(1, 4).data().toString(), u"the row has 2 fields, the header has 3"_s);
        QCOMPARE(child<QComboBox>(&dialog, u"delimiterCombo"_s)->currentData().value<QChar>(), QLatin1Char(';'));
        QCOMPARE(child<QComboBox>(&dialog, u"encodingCombo"_s)->currentData().toString(), u"UTF-8"_s);
        QCOMPARE(child<QComboBox>(&dialog, u"emailColumnCombo"_s)->currentText(), u"Mail"_s);
        QVERIFY(child<QLabel>(&dialog, u"detectedLabel"_s)->text().contains(u"Semicolon"_s));
        QVERIFY(child<QLabel>(&dialog, u"errorLabel"_s)->isHidden());
        QVERIFY(importButton->isEnabled());
        // Return in the path field, with the preview shown, previews again: it starts no import.
        QTest::keyClick(child<QLineEdit>(&dialog, u"pathEdit"_s), Qt::Key_Return);
        QVERIFY(!dialog.isImporting());
        QTest::keyClick(&dialog, Qt::Key_Enter);
        QVERIFY(!dialog.isImporting());

        QTest::mouseClick(importButton, Qt::LeftButton);
        QTRY_COMPARE(imported.count(), 1);
        QCOMPARE(imported.first().at(0).toLongLong(), m_id);
        QCOMPARE(imported.first().at(1).toLongLong(), 2);
        QCOMPARE(imported.first().at(2).toLongLong(), 2);
        auto *result = child<QLabel>(&dialog, u"resultLabel"_s);
        QVERIFY(result->isVisible());
        QVERIFY2(result->text().contains(u"Imported 2 recipient"_s), qPrintable(result->text()));
        QVERIFY2(result->text().contains(u"2 row"_s), qPrintable(result->text()));
        auto *rejects = child<QTableView>(&dialog, u"rejectsTable"_s)->model();
        QCOMPARE(rejects->rowCount(), 2);
        QCOMPARE(rejects->index(0, 0).data().toInt(), 3);
        QCOMPARE(rejects->index(0, 1).data().toString(), u"the row has 2 fields, the header has 3"_s);
        QCOMPARE(rejects->index(1, 0).data().toInt(), 5);
        QCOMPARE(rejects->index(1, 1).data().toString(), u"unterminated quoted field"_s);

        QCOMPARE(emails(), (QStringList{u"ann@example.com"_s, u"cy@example.com"_s}));
        QCOMPARE(value(u"SELECT rejected_rows FROM deliveries"_s).toInt(), 2);
        QCOMPARE(value(u"SELECT count(*) FROM import_rejects"_s).toInt(), 2);
    }

    void overridesThroughTheCombos()
    {
        // A Latin-1 file whose first line has more commas than semicolons.
        const QString path = writeFile(m_dir, u"latin.csv"_s,
                                       "courriel;nom,pr\xE9nom\nzoe@example.com;M\xFCller,Zo\xEB\n"
                                       "max@example.com;Dupont,Max\n");
        Workspace workspace(m_dbPath);
        CsvImportDialog dialog(workspace, m_id);
        dialog.show();
        typePath(dialog, path);
        auto *preview = child<QTableView>(&dialog, u"previewTable"_s);
        auto *delimiter = child<QComboBox>(&dialog, u"delimiterCombo"_s);
        auto *email = child<QComboBox>(&dialog, u"emailColumnCombo"_s);
        QTRY_COMPARE(preview->model()->rowCount(), 2);
        QCOMPARE(delimiter->currentData().value<QChar>(), QLatin1Char(','));
        QCOMPARE(email->currentIndex(), -1); // "courriel;nom" is no address column
        auto *error = child<QLabel>(&dialog, u"errorLabel"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"latin.csv: no column looks like email addresses"_s),
                 qPrintable(error->text()));
        QVERIFY(!child<QPushButton>(&dialog, u"importButton"_s)->isEnabled());

        // Comma is first in the list, semicolon second: one Down selects it.
        delimiter->setFocus();
        QTest::keyClick(delimiter, Qt::Key_Down);
        QTRY_COMPARE(email->currentText(), u"courriel"_s);
        QCOMPARE(delimiter->currentData().value<QChar>(), QLatin1Char(';'));
        QCOMPARE(preview->model()->columnCount(), 4);
        QCOMPARE(preview->model()->index(0, 2).data().toString(), u"Müller,Zoë"_s);
        QVERIFY(error->isHidden());
        QVERIFY(child<QPushButton>(&dialog, u"importButton"_s)->isEnabled());

        QSignalSpy imported(&dialog, &CsvImportDialog::imported);
        QTest::mouseClick(child<QPushButton>(&dialog, u"importButton"_s), Qt::LeftButton);
        QTRY_COMPARE(imported.count(), 1);
        QCOMPARE(imported.first().at(1).toLongLong(), 2);
        QCOMPARE(value(u"SELECT fields FROM recipients ORDER BY id LIMIT 1"_s).toString(),
                 uR"(["zoe@example.com","Müller,Zoë"])"_s);
    }

    void errorsNameTheFile()
    {
        Workspace workspace(m_dbPath);
        CsvImportDialog dialog(workspace, m_id);
        dialog.show();
        auto *error = child<QLabel>(&dialog, u"errorLabel"_s);
        const QString missing = m_dir.filePath(u"nowhere.csv"_s);
        typePath(dialog, missing);
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(missing + u": cannot read the recipient list"_s), qPrintable(error->text()));
        QVERIFY(!child<QPushButton>(&dialog, u"importButton"_s)->isEnabled());

        const QString binary = writeFile(m_dir, u"image.csv"_s, QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
        typePath(dialog, binary);
        QTRY_VERIFY2(error->text().contains(u"not text"_s), qPrintable(error->text()));
        QVERIFY(error->text().contains(binary));
        QCOMPARE(child<QTableView>(&dialog, u"previewTable"_s)->model()->rowCount(), 0);

        const QString twice = writeFile(m_dir, u"twice.csv"_s, "email,name,email\na@example.com,A,b@example.com\n");
        typePath(dialog, twice);
        QTRY_VERIFY2(error->text().contains(u"line 1: the column name 'email' appears twice"_s),
                     qPrintable(error->text()));
        QVERIFY(!child<QPushButton>(&dialog, u"importButton"_s)->isEnabled());
        QCOMPARE(emails().size(), 2);
    }

    void refusedOnceConfirmed()
    {
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"UPDATE deliveries SET state = 'pending'"_s));
        Workspace workspace(m_dbPath);
        CsvImportDialog dialog(workspace, m_id);
        dialog.show();
        QSignalSpy imported(&dialog, &CsvImportDialog::imported);
        typePath(dialog, writeFile(m_dir, u"ok.csv"_s, "email\nnew@example.com\n"));
        auto *importButton = child<QPushButton>(&dialog, u"importButton"_s);
        QTRY_VERIFY(importButton->isEnabled());
        QTest::mouseClick(importButton, Qt::LeftButton);
        auto *error = child<QLabel>(&dialog, u"errorLabel"_s);
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"the recipients of a confirmed delivery cannot be replaced"_s),
                 qPrintable(error->text()));
        QVERIFY(!dialog.isImporting());
        QCOMPARE(imported.count(), 0);
        QCOMPARE(emails().size(), 2);
    }

    void cancelLargeFileKeepsPreviousRecipients()
    {
        QByteArray csv;
        csv.reserve(12 << 20);
        csv += "email,first_name,city\n";
        for (int i = 0; i < 300000; ++i)
            csv += "user" + QByteArray::number(i) + "@example.com,Name" + QByteArray::number(i) + ",Seoul\n";
        const QString path = writeFile(m_dir, u"big.csv"_s, csv);

        Workspace workspace(m_dbPath);
        CsvImportDialog dialog(workspace, m_id);
        dialog.show();
        QSignalSpy imported(&dialog, &CsvImportDialog::imported);
        typePath(dialog, path);
        auto *preview = child<QTableView>(&dialog, u"previewTable"_s);
        QTRY_COMPARE(preview->model()->rowCount(), 20);
        QVERIFY(child<QLabel>(&dialog, u"detectedLabel"_s)->text().contains(u"first 20 rows"_s));

        auto *progress = child<QProgressBar>(&dialog, u"progressBar"_s);
        auto *cancel = child<QPushButton>(&dialog, u"cancelImportButton"_s);
        QVERIFY(!cancel->isVisible());
        QTest::mouseClick(child<QPushButton>(&dialog, u"importButton"_s), Qt::LeftButton);
        QVERIFY(dialog.isImporting());
        QVERIFY(cancel->isVisible());
        QVERIFY(!child<QLineEdit>(&dialog, u"pathEdit"_s)->isEnabled());
        // The GUI thread keeps running: progress arrives while the import goes on.
        QTRY_VERIFY(progress->value() > 0);
        QVERIFY(progress->value() < progress->maximum());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY(!dialog.isImporting());
        QVERIFY2(child<QLabel>(&dialog, u"statusLabel"_s)->text().contains(u"canceled"_s),
                 qPrintable(child<QLabel>(&dialog, u"statusLabel"_s)->text()));
        QCOMPARE(imported.count(), 0);
        QCOMPARE(emails(), (QStringList{u"old1@example.com"_s, u"old2@example.com"_s}));
        QCOMPARE(value(u"SELECT imported_rows FROM deliveries"_s).toInt(), 2);
        QVERIFY(child<QPushButton>(&dialog, u"importButton"_s)->isEnabled());
        QVERIFY(!cancel->isVisible());
    }
};

QTEST_MAIN(TstCsvImportDialog)
#include "tst_csv_import_dialog.moc"
