// The editor's CSV import: the preview (delimiter, encoding, email column) and the replacing
// import with its rejects, its cancel and its refusal once a delivery is confirmed.
#include "delivery/delivery_service.h"
#include "recipients/csv_preview.h"
#include "recipients/csv_reader.h"
#include "recipients/recipient_list_import.h"
#include "store/store.h"
#include "test_support.h"

#include <QBuffer>
#include <QSqlQuery>
#include <QStringEncoder>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::writeFile;

namespace {

QByteArray encode(const char *encoding, const QString &text)
{
    QStringEncoder encoder(encoding);
    if (!encoder.isValid())
        qFatal("no encoder for %s", encoding);
    return encoder.encode(text);
}

} // namespace

class TstRecipientListImport final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_id = 0;

    qint64 count(const QString &sql)
    {
        QSqlQuery q(m_store->db());
        if (!q.exec(sql) || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0).toLongLong();
    }
    QString text(const QString &sql)
    {
        QSqlQuery q(m_store->db());
        if (!q.exec(sql) || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0).toString();
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
    // Puts the delivery in the analyzed state with a log row per recipient, as an analysis would.
    void markAnalyzed()
    {
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"UPDATE deliveries SET state = 'analyzed', analysis_report = '{}', analyzed_at = 1"_s));
        QVERIFY(q.exec(u"INSERT INTO recipient_log (recipient_id, delivery_id, state, message_id, updated_at) "
                       "SELECT id, delivery_id, 'pending', 'm' || id, 1 FROM recipients"_s));
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_store =
            Store::open(m_dir.filePath(u"%1.db"_s.arg(QString::fromLatin1(QTest::currentTestFunction()))), &error);
        QVERIFY2(m_store, qPrintable(error));
        writeFile(m_dir, u"list.csv"_s,
                  "email,first_name\nold1@example.com,A\nold2@example.com,B\nold3@example.com,C\n");
        const auto r = DeliveryService(*m_store).importDefinition(
            TestSupport::writeDefinition(m_dir, TestSupport::cleanDefinition()));
        QVERIFY2(r.ok, qPrintable(r.errors.join(u'\n')));
        m_id = r.deliveryId;
    }
    void cleanup() { m_store.reset(); }

    void previewDetection_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("delimiter");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<bool>("bom");
        QTest::addColumn<QString>("name"); // the first row's name column

        const QString korean = u"이메일;이름\r\nkim@example.com;김민준\r\nlee@example.com;이서연\r\n"_s;
        QTest::newRow("comma") << QByteArray("email,name\nann@example.com,Ann\n") << u","_s << u"UTF-8"_s << false
                               << u"Ann"_s;
        QTest::newRow("semicolon") << QByteArray("Name;E-Mail\nJosé;jose@example.com\n") << u";"_s << u"UTF-8"_s
                                   << false << u"José"_s;
        QTest::newRow("tab") << QByteArray("name\temail\tcity\nAnn\tann@example.com\tParis\n") << u"\t"_s << u"UTF-8"_s
                             << false << u"Ann"_s;
        QTest::newRow("utf8 bom") << QByteArray("\xEF\xBB\xBF"
                                                "email,name\nann@example.com,Ann\n")
                                  << u","_s << u"UTF-8"_s << true << u"Ann"_s;
        QTest::newRow("utf16le bom") << encode("UTF-16LE", u"\uFEFFemail;name\r\nann@example.com;Zoë\r\n"_s) << u";"_s
                                     << u"UTF-16LE"_s << true << u"Zoë"_s;
        QTest::newRow("utf16be bom") << encode("UTF-16BE", u"\uFEFFemail\tname\nann@example.com\tZoë\n"_s) << u"\t"_s
                                     << u"UTF-16BE"_s << true << u"Zoë"_s;
        QTest::newRow("utf16le no bom") << encode("UTF-16LE", u"email,name\nann@example.com,Ann\n"_s) << u","_s
                                        << u"UTF-16LE"_s << false << u"Ann"_s;
        if (CsvPreview::encodings().contains(u"windows-949"_s))
            QTest::newRow("korean cp949")
                << encode("windows-949", korean) << u";"_s << u"windows-949"_s << false << u"김민준"_s;
        QTest::newRow("latin") << QByteArray("email,name\njose@example.com,Jos\xE9 Mu\xF1oz\n") << u","_s
                               << (CsvPreview::encodings().contains(u"windows-1252"_s) ? u"windows-1252"_s
                                                                                       : u"ISO-8859-1"_s)
                               << false << u"José Muñoz"_s;
    }
    void previewDetection()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, delimiter);
        QFETCH(QString, encoding);
        QFETCH(bool, bom);
        QFETCH(QString, name);
        const QString path = writeFile(m_dir, u"preview.csv"_s, bytes);
        const CsvPreview p = CsvPreview::read(path);
        QVERIFY2(p.ok, qPrintable(p.error));
        QCOMPARE(p.delimiter, delimiter.at(0));
        QCOMPARE(p.detectedDelimiter, delimiter.at(0));
        QCOMPARE(p.encoding, encoding);
        QCOMPARE(p.bom, bom);
        QVERIFY(p.rows.size() >= 1);
        QVERIFY(p.emailColumn >= 0);
        QVERIFY2(p.rows.first().fields.at(p.emailColumn).endsWith(u"@example.com"_s), qPrintable(p.header.join(u'|')));
        const int nameColumn = p.emailColumn == 0 ? 1 : 0;
        QCOMPARE(p.rows.first().fields.at(nameColumn), name);
    }

    void previewRowsLinesAndErrors()
    {
        QByteArray csv = "email,name\n";
        for (int i = 1; i <= 30; ++i)
            csv += i == 3 ? QByteArray("broken@example.com\n") : "u" + QByteArray::number(i) + "@example.com,N\n";
        const CsvPreview p = CsvPreview::read(writeFile(m_dir, u"rows.csv"_s, csv), 20);
        QVERIFY2(p.ok, qPrintable(p.error));
        QCOMPARE(p.rows.size(), 20);
        QVERIFY(p.more);
        QCOMPARE(p.rows.at(0).line, 2);
        QCOMPARE(p.rows.at(2).line, 4);
        QCOMPARE(p.rows.at(2).error, u"the row has 1 fields, the header has 2"_s);
        QVERIFY(p.rows.at(3).error.isEmpty());
        QCOMPARE(p.header, (QStringList{u"email"_s, u"name"_s}));
    }

    void previewGuessesEmailColumnByContent()
    {
        const CsvPreview p = CsvPreview::read(
            writeFile(m_dir, u"c.csv"_s, "id,contact,note\n1,a@example.com,x\n2,b@example.com,y\n3,,z\n"));
        QVERIFY2(p.ok, qPrintable(p.error));
        QCOMPARE(p.emailColumn, 1);
        const CsvPreview none = CsvPreview::read(writeFile(m_dir, u"n.csv"_s, "id,name\n1,Ann\n2,Bob\n"));
        QVERIFY(none.ok);
        QCOMPARE(none.emailColumn, -1);
    }

    void previewOverrides()
    {
        const QString path = writeFile(m_dir, u"o.csv"_s, "email;name\nann@example.com;Ann,Lee\n");
        const CsvPreview p = CsvPreview::read(path, 20, QLatin1Char(','), u"ISO-8859-1"_s);
        QVERIFY2(p.ok, qPrintable(p.error));
        QCOMPARE(p.delimiter, QLatin1Char(','));
        QCOMPARE(p.detectedDelimiter, QLatin1Char(';'));
        QCOMPARE(p.encoding, u"ISO-8859-1"_s);
        QCOMPARE(p.detectedEncoding, u"UTF-8"_s);
        QCOMPARE(p.header, (QStringList{u"email;name"_s}));
        QCOMPARE(p.rows.first().error, u"the row has 2 fields, the header has 1"_s);
    }

    void previewErrorsNameTheFile()
    {
        const QString missing = m_dir.filePath(u"missing.csv"_s);
        CsvPreview p = CsvPreview::read(missing);
        QVERIFY(!p.ok);
        QVERIFY2(p.error.startsWith(missing + u": cannot read"_s), qPrintable(p.error));
        const QString binary = writeFile(m_dir, u"b.csv"_s, QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
        p = CsvPreview::read(binary);
        QVERIFY(!p.ok);
        QVERIFY2(p.error.contains(binary) && p.error.contains(u"not text"_s), qPrintable(p.error));
        p = CsvPreview::read(writeFile(m_dir, u"e.csv"_s, ""));
        QVERIFY(!p.ok);
        QVERIFY2(p.error.contains(u"empty"_s), qPrintable(p.error));
    }

    void legacyDecodeErrorRejectsOneRecord()
    {
        QByteArray csv = "email,name\na@example.com,\xB1\xE8\nb@example.com,\xFF\xFF\nc@example.com,ok\n";
        QBuffer buffer(&csv);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        CsvReader reader(&buffer);
        QVERIFY(reader.setEncoding(u"EUC-KR"_s));
        QVERIFY(!reader.setEncoding(u"no-such-encoding"_s));
        QCOMPARE(reader.encoding(), u"EUC-KR"_s);
        QStringList fields;
        QCOMPARE(reader.next(fields), CsvReader::Status::Record);
        QCOMPARE(reader.next(fields), CsvReader::Status::Record);
        QCOMPARE(fields.at(1), u"김"_s);
        QCOMPARE(reader.next(fields), CsvReader::Status::BadRecord);
        QCOMPARE(reader.line(), 3);
        QCOMPARE(reader.error(), u"invalid EUC-KR in field 2"_s);
        QCOMPARE(reader.next(fields), CsvReader::Status::Record);
        QCOMPARE(fields, (QStringList{u"c@example.com"_s, u"ok"_s}));
    }

    void importReplacesRecipientsAndStoresRejects()
    {
        markAnalyzed();
        QCOMPARE(count(u"SELECT count(*) FROM recipient_log"_s), 3);
        const QString path = writeFile(m_dir, u"new.csv"_s,
                                       encode("UTF-16LE", u"\uFEFF이름;메일\r\n김;kim@example.com\r\n"
                                                          "이;\"lee@example.com\r\n최;choi@example.com;x\r\n"_s));
        // Line 3 opens a quote that swallows the rest: one unterminated record, rejected.
        // Use a second file for the ordinary rejects.
        RecipientListImport::Result r = RecipientListImport::run(*m_store, {m_id, path, u"메일"_s, {}, u"UTF-16LE"_s});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.recipients.imported, 1);
        QCOMPARE(r.recipients.rejected, 1);
        QCOMPARE(r.recipients.firstRejects.first().line, 3);
        QCOMPARE(r.recipients.firstRejects.first().reason, u"unterminated quoted field"_s);

        const QString second = writeFile(m_dir, u"second.csv"_s,
                                         "Name;Mail;City\nAnn;ann@example.com;Paris\nBob;bob@example.com\n"
                                         "Cy;not-an-address;Rome\nDee;dee@example.com;Oslo;extra\n");
        r = RecipientListImport::run(*m_store, {m_id, second, u"mail"_s, QLatin1Char(';'), {}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.recipients.imported, 2);
        QCOMPARE(r.recipients.rejected, 2);
        QCOMPARE(emails(), (QStringList{u"ann@example.com"_s, u"not-an-address"_s}));
        QCOMPARE(count(u"SELECT count(*) FROM import_rejects WHERE delivery_id = %1"_s.arg(m_id)), 2);
        QCOMPARE(text(u"SELECT group_concat(line || ':' || reason, '|') FROM "
                      "(SELECT line, reason FROM import_rejects ORDER BY line)"_s),
                 u"3:the row has 2 fields, the header has 3|5:the row has 4 fields, the header has 3"_s);
        QCOMPARE(count(u"SELECT imported_rows FROM deliveries WHERE id = %1"_s.arg(m_id)), 2);
        QCOMPARE(count(u"SELECT rejected_rows FROM deliveries WHERE id = %1"_s.arg(m_id)), 2);
        QCOMPARE(text(u"SELECT state FROM deliveries"_s), u"being_edited"_s);
        QCOMPARE(count(u"SELECT analysis_report IS NULL AND analyzed_at IS NULL FROM deliveries"_s), 1);
        QCOMPARE(count(u"SELECT count(*) FROM recipient_log"_s), 0);
        QCOMPARE(text(u"SELECT fields FROM deliveries"_s), uR"(["Name","Mail","City"])"_s);
        QCOMPARE(text(u"SELECT email_column || '|' || source_file FROM deliveries"_s), u"mail|"_s + second);
        QCOMPARE(text(u"SELECT json_extract(definition, '$.recipients.csv') FROM deliveries"_s), second);
        QCOMPARE(text(u"SELECT address_error FROM recipients WHERE email = 'not-an-address'"_s).isEmpty(), false);

        // The delivery analyzes again with the new list: one log row per recipient.
        const auto analyzed = DeliveryService(*m_store).analyze(m_id);
        QVERIFY2(analyzed.ok, qPrintable(analyzed.error));
        QCOMPARE(count(u"SELECT count(*) FROM recipient_log"_s), 2);
        QCOMPARE(count(u"SELECT count(*) FROM recipient_log WHERE state = 'ignored'"_s), 1);
    }

    void cancelLeavesPreviousRecipients()
    {
        markAnalyzed();
        QByteArray csv = "email,n\n";
        for (int i = 0; i < 20000; ++i)
            csv += "user" + QByteArray::number(i) + "@example.com," + QByteArray::number(i) + "\n";
        const QString path = writeFile(m_dir, u"big.csv"_s, csv);
        std::atomic_bool cancel = false;
        qint64 calls = 0;
        qint64 lastDone = 0;
        const auto r = RecipientListImport::run(*m_store, {m_id, path, u"email"_s, {}, {}}, &cancel,
                                                [&](qint64 done, qint64 total) {
                                                    ++calls;
                                                    lastDone = done;
                                                    QCOMPARE(total, qint64(csv.size()));
                                                    if (done > 0)
                                                        cancel = true;
                                                });
        QVERIFY(!r.ok);
        QVERIFY(r.canceled);
        QVERIFY(lastDone > 0 && lastDone < csv.size());
        QCOMPARE(calls, 1); // the first chunk; the check before the next one cancels
        QCOMPARE(emails(), (QStringList{u"old1@example.com"_s, u"old2@example.com"_s, u"old3@example.com"_s}));
        QCOMPARE(count(u"SELECT count(*) FROM recipient_log"_s), 3);
        QCOMPARE(text(u"SELECT state FROM deliveries"_s), u"analyzed"_s);
        QCOMPARE(count(u"SELECT imported_rows FROM deliveries"_s), 3);
        // The connection is usable again: a real import still works.
        cancel = false;
        const auto again = RecipientListImport::run(*m_store, {m_id, path, u"email"_s, {}, {}}, &cancel);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(count(u"SELECT count(*) FROM recipients"_s), 20000);
    }

    void fatalErrorLeavesPreviousRecipients()
    {
        const QString path = writeFile(m_dir, u"nomail.csv"_s, "name,city\nAnn,Paris\n");
        const auto r = RecipientListImport::run(*m_store, {m_id, path, u"email"_s, {}, {}});
        QVERIFY(!r.ok);
        QVERIFY(!r.canceled);
        QVERIFY(r.badInput);
        QVERIFY2(r.error.startsWith(path + u": line 1: no column named 'email'"_s), qPrintable(r.error));
        QCOMPARE(emails().size(), 3);
        const auto missing =
            RecipientListImport::run(*m_store, {m_id, m_dir.filePath(u"gone.csv"_s), u"email"_s, {}, {}});
        QVERIFY(!missing.ok);
        QVERIFY2(missing.error.contains(u"gone.csv: cannot read"_s), qPrintable(missing.error));
        QCOMPARE(emails().size(), 3);
    }

    void refusedOnceConfirmed_data()
    {
        QTest::addColumn<QString>("state");
        QTest::newRow("pending") << u"pending"_s;
        QTest::newRow("in progress") << u"in_progress"_s;
        QTest::newRow("finished") << u"finished"_s;
    }
    void refusedOnceConfirmed()
    {
        QFETCH(QString, state);
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"UPDATE deliveries SET state = '%1'"_s.arg(state)));
        const QString path = writeFile(m_dir, u"ok.csv"_s, "email\nnew@example.com\n");
        const auto r = RecipientListImport::run(*m_store, {m_id, path, u"email"_s, {}, {}});
        QVERIFY(!r.ok);
        QVERIFY(r.badInput);
        QCOMPARE(
            r.error,
            u"delivery %1 is %2: the recipients of a confirmed delivery cannot be replaced"_s.arg(m_id).arg(state));
        QCOMPARE(emails().size(), 3);
        QCOMPARE(text(u"SELECT state FROM deliveries"_s), state);
        const auto unknown = RecipientListImport::run(*m_store, {m_id + 100, path, u"email"_s, {}, {}});
        QCOMPARE(unknown.error, u"no delivery with id %1"_s.arg(m_id + 100));
    }
};

QTEST_GUILESS_MAIN(TstRecipientListImport)
#include "tst_recipient_list_import.moc"
