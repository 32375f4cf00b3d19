// Importing a delivery: the definition's field errors, and the recipient list's edge cases
// as they reach the store (rows kept, rows rejected with their line, files refused whole).
#include "delivery/delivery_definition.h"
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "feedback/mailbox_config.h"
#include "routing/route_config.h"
#include "store/store.h"
#include "test_support.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::writeFile;

class TstDeliveryImport final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;

    DeliveryService::ImportResult importCsv(const QByteArray &csv,
                                            const QJsonObject &def = TestSupport::cleanDefinition())
    {
        writeFile(m_dir, u"list.csv"_s, csv);
        const QString path = TestSupport::writeDefinition(m_dir, def);
        DeliveryService service(*m_store);
        return service.importDefinition(path);
    }

    int count(const QString &sql)
    {
        QSqlQuery q(m_store->db());
        if (!q.exec(sql) || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0).toInt();
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_store = Store::open(m_dir.filePath(u"import-%1.db"_s.arg(QString::fromLatin1(QTest::currentTestFunction()))),
                              &error);
        QVERIFY2(m_store, qPrintable(error));
    }
    void cleanup() { m_store.reset(); }

    void importsRowsWithFields()
    {
        const auto r = importCsv("email,first_name,city\r\n"
                                 "alice@example.com,Alice,\"Seoul, KR\"\r\n"
                                 "\"bob@example.com\",\"Bob \"\"the builder\"\"\",\"Line one\nline two\"\r\n");
        QVERIFY2(r.ok, qPrintable(r.errors.join(u'\n')));
        QCOMPARE(r.recipients.imported, 2);
        DeliveryQueries queries(m_store->db());
        QCOMPARE(queries.fields(r.deliveryId), (QStringList{u"email"_s, u"first_name"_s, u"city"_s}));
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"SELECT line, fields FROM recipients ORDER BY id"_s));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 3);
        const QJsonArray fields = QJsonDocument::fromJson(q.value(1).toByteArray()).array();
        QCOMPARE(fields.at(1).toString(), u"Bob \"the builder\""_s);
        QCOMPARE(fields.at(2).toString(), u"Line one\nline two"_s);
    }

    // 3,001 rows: batches of 64, chunks of 1,024 and the single-row tail all store every row
    // once, in file order, each field read back as written (quotes, backslashes, control
    // characters and Korean through the JSON).
    void largeListStoresEveryRowOnce()
    {
        QByteArray csv = "email,name,note\n";
        constexpr int Rows = 3001;
        for (int i = 0; i < Rows; ++i) {
            csv += "u" + QByteArray::number(i) + "@Example.com,";
            csv += i % 7 == 0 ? QByteArray("\"\xEA\xB9\x80 \"\"q\"\" \\ \t\x01\"") : "n" + QByteArray::number(i);
            csv += i == 1500 ? ",\"two\nlines\"\n" : ",x\n";
        }
        csv += "bad row\n";
        const auto r = importCsv(csv);
        QVERIFY2(r.ok, qPrintable(r.errors.join(u'\n')));
        QCOMPARE(r.recipients.imported, Rows);
        QCOMPARE(r.recipients.rejected, 1);
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"SELECT line, email, email_norm, address_error, fields FROM recipients ORDER BY id"_s));
        int i = 0;
        qint64 line = 2;
        while (q.next()) {
            QCOMPARE(q.value(0).toLongLong(), line);
            QCOMPARE(q.value(1).toString(), u"u%1@Example.com"_s.arg(i));
            QCOMPARE(q.value(2).toString(), u"u%1@example.com"_s.arg(i));
            QVERIFY(q.value(3).isNull());
            const QJsonArray fields = QJsonDocument::fromJson(q.value(4).toByteArray()).array();
            QCOMPARE(fields.size(), 3);
            QCOMPARE(fields.at(1).toString(), i % 7 == 0 ? u"\uAE40 \"q\" \\ \t\x01"_s : u"n%1"_s.arg(i));
            QCOMPARE(fields.at(2).toString(), i == 1500 ? u"two\nlines"_s : u"x"_s);
            line += i == 1500 ? 2 : 1;
            ++i;
        }
        QCOMPARE(i, Rows);
        QCOMPARE(r.recipients.firstRejects.at(0).line, line);
    }

    // A write the database refuses half way (here a trigger; on a real machine a full disk)
    // ends the import with SQLite's message and the lines of the batch it was storing, and
    // nothing of it stays: no delivery, no rows.
    void storageErrorRollsTheImportBack()
    {
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"CREATE TRIGGER refuse BEFORE INSERT ON recipients WHEN NEW.line = 1500 "
                       "BEGIN SELECT RAISE(ABORT, 'no room for line 1500'); END"_s));
        QByteArray csv = "email\n";
        for (int i = 0; i < 3000; ++i)
            csv += "u" + QByteArray::number(i) + "@example.com\n";
        const auto r = importCsv(csv);
        QVERIFY(!r.ok);
        QVERIFY(!r.badInput);
        const QString error = r.errors.join(u'\n');
        QVERIFY2(error.contains(m_dir.filePath(u"list.csv"_s)), qPrintable(error));
        QVERIFY2(error.contains(u"lines 1474-1537: cannot store the row: no room for line 1500"_s), qPrintable(error));
        QCOMPARE(count(u"SELECT count(*) FROM deliveries"_s), 0);
        QCOMPARE(count(u"SELECT count(*) FROM recipients"_s), 0);
    }

    void bomAndSemicolons()
    {
        const auto r = importCsv("\xEF\xBB\xBF"
                                 "Email;Name\n"
                                 "a@example.com;A\n"
                                 "b@example.com;B\n");
        QVERIFY2(r.ok, qPrintable(r.errors.join(u'\n')));
        QCOMPARE(r.recipients.imported, 2);
        // The address column is found by name, case-insensitively, despite the BOM.
        QCOMPARE(count(u"SELECT count(*) FROM recipients WHERE email_norm = 'a@example.com'"_s), 1);
    }

    void tabDelimited()
    {
        const auto r = importCsv("name\temail\nA\ta@example.com\n");
        QVERIFY2(r.ok, qPrintable(r.errors.join(u'\n')));
        QCOMPARE(r.recipients.imported, 1);
    }

    void raggedRowsRejectedWithLines()
    {
        const auto r = importCsv("email,name\n"
                                 "a@example.com,A\n"
                                 "b@example.com\n"         // too few
                                 "c@example.com,C,extra\n" // too many
                                 "d@example.com,D,,\n"     // trailing empty cells are tolerated
                                 "e@example.com,E\n");
        QVERIFY2(r.ok, qPrintable(r.errors.join(u'\n')));
        QCOMPARE(r.recipients.imported, 3);
        QCOMPARE(r.recipients.rejected, 2);
        QCOMPARE(r.recipients.firstRejects.at(0).line, 3);
        QCOMPARE(r.recipients.firstRejects.at(1).line, 4);
        QVERIFY(r.recipients.firstRejects.at(0).reason.contains(u"1 fields"_s));
        DeliveryQueries queries(m_store->db());
        const auto stored = queries.importRejects(r.deliveryId, 10);
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored.at(1).line, 4);
    }

    void invalidUtf8RowRejected()
    {
        const auto r = importCsv("email,name\na@example.com,Caf\xE9\nb@example.com,B\n");
        QVERIFY2(r.ok, qPrintable(r.errors.join(u'\n')));
        QCOMPARE(r.recipients.imported, 1);
        QCOMPARE(r.recipients.rejected, 1);
        QCOMPARE(r.recipients.firstRejects.at(0).line, 2);
        QVERIFY2(r.recipients.firstRejects.at(0).reason.contains(u"UTF-8"_s),
                 qPrintable(r.recipients.firstRejects.at(0).reason));
    }

    void invalidAddressesAreKeptForTheAnalysis()
    {
        const auto r = importCsv("email\nnot an address\n\nok@example.com\n\"\"\n");
        QVERIFY2(r.ok, qPrintable(r.errors.join(u'\n')));
        QCOMPARE(r.recipients.imported, 3);
        QCOMPARE(count(u"SELECT count(*) FROM recipients WHERE address_error = 'missing'"_s), 1);
        QCOMPARE(
            count(u"SELECT count(*) FROM recipients WHERE address_error IS NOT NULL AND address_error <> 'missing'"_s),
            1);
    }

    void idnStoredAsALabel()
    {
        const auto r = importCsv("email\nuser@B\xC3\xBC"
                                 "cher.example\n");
        QVERIFY2(r.ok, qPrintable(r.errors.join(u'\n')));
        QCOMPARE(count(u"SELECT count(*) FROM recipients WHERE email_norm = 'user@xn--bcher-kva.example'"_s), 1);
    }

    void filesRefusedWhole_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << u"empty"_s;
        QTest::newRow("blank lines only") << QByteArray("\n\n\r\n") << u"empty"_s;
        QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", 16) << u"not text"_s;
        QTest::newRow("no address column") << QByteArray("name,phone\nA,1\n") << u"no column named 'email'"_s;
        QTest::newRow("duplicate column") << QByteArray("email,name,name\na@example.com,A,B\n") << u"twice"_s;
    }

    void filesRefusedWhole()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const auto r = importCsv(content);
        QVERIFY(!r.ok);
        QVERIFY(r.badInput);
        QCOMPARE(r.errors.size(), 1);
        QVERIFY2(r.errors.first().contains(u"list.csv"_s) && r.errors.first().contains(expected),
                 qPrintable(r.errors.first()));
        // Nothing changed: no delivery, no recipients, no rejects.
        QCOMPARE(count(u"SELECT count(*) FROM deliveries"_s), 0);
        QCOMPARE(count(u"SELECT count(*) FROM recipients"_s), 0);
        QCOMPARE(count(u"SELECT count(*) FROM import_rejects"_s), 0);
    }

    void missingCsvFile()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"recipients"_s] = QJsonObject{{u"csv"_s, u"nowhere.csv"_s}};
        const QString path = TestSupport::writeDefinition(m_dir, def);
        const auto r = DeliveryService(*m_store).importDefinition(path);
        QVERIFY(!r.ok);
        QVERIFY(r.errors.first().contains(u"nowhere.csv"_s));
        QCOMPARE(count(u"SELECT count(*) FROM deliveries"_s), 0);
    }

    void definitionErrorsNameTheField_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("field");
        QTest::newRow("name missing") << u"name"_s << QJsonValue() << u"'name'"_s;
        QTest::newRow("from wrong type") << u"from"_s << QJsonValue(u"x"_s) << u"'from'"_s;
        QTest::newRow("validity") << u"validity"_s << QJsonValue(u"five days"_s) << u"'validity'"_s;
        QTest::newRow("contact date") << u"contact_date"_s << QJsonValue(u"tomorrow"_s) << u"'contact_date'"_s;
        QTest::newRow("contact date without zone")
            << u"contact_date"_s << QJsonValue(u"2026-12-01T09:00:00"_s) << u"'contact_date'"_s;
        QTest::newRow("route type") << u"route"_s << QJsonValue(QJsonObject{{u"type"_s, u"pigeon"_s}})
                                    << u"'route.type'"_s;
        QTest::newRow("route password") << u"route"_s
                                        << QJsonValue(QJsonObject{{u"type"_s, u"relay"_s},
                                                                  {u"host"_s, u"127.0.0.1"_s},
                                                                  {u"password"_s, u"hunter2"_s}})
                                        << u"'route.password'"_s;
        QTest::newRow("header line break")
            << u"headers"_s << QJsonValue(QJsonObject{{u"X-A"_s, u"a\r\nBcc: x"_s}}) << u"'headers.X-A'"_s;
        QTest::newRow("waves") << u"waves"_s
                               << QJsonValue(QJsonObject{
                                      {u"mode"_s, u"same_size"_s}, {u"size"_s, u"250%"_s}, {u"interval"_s, u"1h"_s}})
                               << u"'waves.size'"_s;
        // Found by tests/fuzz/fuzz_delivery_definition: was accepted as 0 and stored as "0s", which is refused.
        QTest::newRow("empty wave interval")
            << u"waves"_s
            << QJsonValue(QJsonObject{{u"mode"_s, u"same_size"_s}, {u"size"_s, 1}, {u"interval"_s, u""_s}})
            << u"'waves.interval': required for same_size waves"_s;
        QTest::newRow("null wave interval")
            << u"waves"_s
            << QJsonValue(QJsonObject{{u"mode"_s, u"same_size"_s}, {u"size"_s, 1}, {u"interval"_s, QJsonValue()}})
            << u"'waves.interval': required for same_size waves"_s;
        QTest::newRow("calendar delays decrease")
            << u"waves"_s
            << QJsonValue(QJsonObject{{u"mode"_s, u"calendar"_s},
                                      {u"calendar"_s, QJsonArray{QJsonObject{{u"delay"_s, u"2h"_s}, {u"size"_s, 1}},
                                                                 QJsonObject{{u"delay"_s, u"0s"_s}, {u"size"_s, 1}}}}})
            << u"'waves.calendar[1].delay': must not be earlier than the wave before it"_s;
        QTest::newRow("unknown") << u"subjekt"_s << QJsonValue(u"typo"_s) << u"'subjekt'"_s;
        QTest::newRow("html file missing") << u"html_file"_s << QJsonValue(u"missing.html"_s) << u"'html_file'"_s;
    }

    void definitionErrorsNameTheField()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, field);
        QJsonObject def = TestSupport::cleanDefinition();
        if (key == u"html_file"_s)
            def.remove(u"html"_s);
        if (value.isNull())
            def.remove(key);
        else
            def[key] = value;
        const auto r = importCsv("email\na@example.com\n", def);
        QVERIFY(!r.ok);
        QVERIFY(r.badInput);
        QVERIFY2(r.errors.join(u'\n').contains(u"def.json: field "_s + field), qPrintable(r.errors.join(u'\n')));
        QCOMPARE(count(u"SELECT count(*) FROM deliveries"_s), 0);
    }

    void contentFilesAreReadRelativeToTheDefinition()
    {
        writeFile(m_dir, u"body.html"_s, "<p>From a file {{first_name|x}}</p>");
        QJsonObject def = TestSupport::cleanDefinition();
        def.remove(u"html"_s);
        def[u"html_file"_s] = u"body.html"_s;
        const auto r = importCsv("email\na@example.com\n", def);
        QVERIFY2(r.ok, qPrintable(r.errors.join(u'\n')));
        const QJsonObject stored = DeliveryQueries(m_store->db()).definition(r.deliveryId).value();
        QCOMPARE(stored.value(u"html"_s).toString(), u"<p>From a file {{first_name|x}}</p>"_s);
        QCOMPARE(stored.value(u"recipients"_s).toObject().value(u"csv"_s).toString(), m_dir.filePath(u"list.csv"_s));
    }

    // A CA named by a relative path is the definition's, never one in the current folder.
    void routeCaFilesAreResolvedAgainstTheDefinition()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"route"_s] = QJsonObject{{u"type"_s, u"relay"_s},
                                      {u"host"_s, u"127.0.0.1"_s},
                                      {u"tls"_s, u"starttls-required"_s},
                                      {u"ca_file"_s, u"certs/relay-ca.pem"_s},
                                      {u"bounce_mailbox"_s, QJsonObject{{u"host"_s, u"127.0.0.1"_s},
                                                                        {u"username"_s, u"bounce"_s},
                                                                        {u"password_env"_s, u"PW"_s},
                                                                        {u"ca_file"_s, u"imap-ca.pem"_s}}}};
        const auto r = importCsv("email\na@example.com\n", def);
        QVERIFY2(r.ok, qPrintable(r.errors.join(u'\n')));
        const QJsonObject route =
            DeliveryQueries(m_store->db()).definition(r.deliveryId).value()[u"route"_s].toObject();
        QCOMPARE(route.value(u"ca_file"_s).toString(), m_dir.filePath(u"certs/relay-ca.pem"_s));
        QCOMPARE(route.value(u"bounce_mailbox"_s).toObject().value(u"ca_file"_s).toString(),
                 m_dir.filePath(u"imap-ca.pem"_s));
        // A definition without a folder (stored, or from the editor) keeps the path as it is,
        // and the route refuses it: never the current folder.
        QList<DeliveryDefinition::Error> stored;
        QJsonObject relative = def;
        relative[u"route"_s] =
            QJsonObject{{u"type"_s, u"relay"_s}, {u"host"_s, u"127.0.0.1"_s}, {u"ca_file"_s, u"ca.pem"_s}};
        const DeliveryDefinition parsed = DeliveryDefinition::fromJson(relative, QString(), &stored);
        QVERIFY(
            std::any_of(stored.cbegin(), stored.cend(), [](const auto &e) { return e.field == u"route.ca_file"_s; }));
        QCOMPARE(parsed.route.value(u"ca_file"_s).toString(), u"ca.pem"_s);
        // A relative path that reaches a route any other way (a saved route, a stored
        // definition) is refused, naming the field.
        QStringList errors;
        RouteConfig::fromJson(
            QJsonObject{{u"type"_s, u"relay"_s}, {u"host"_s, u"127.0.0.1"_s}, {u"ca_file"_s, u"ca.pem"_s}}, &errors);
        QVERIFY2(errors.join(u'\n').contains(u"route.ca_file: must be an absolute path"_s),
                 qPrintable(errors.join(u'\n')));
        errors.clear();
        MailboxConfig::fromJson(
            QJsonObject{{u"host"_s, u"127.0.0.1"_s}, {u"username"_s, u"b"_s}, {u"ca_file"_s, u"ca.pem"_s}}, &errors);
        QVERIFY2(errors.join(u'\n').contains(u"bounce_mailbox.ca_file: must be an absolute path"_s),
                 qPrintable(errors.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TstDeliveryImport)
#include "tst_delivery_import.moc"
