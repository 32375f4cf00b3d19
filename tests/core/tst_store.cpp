// The store: migrations from an empty file, pragmas, file mode, refusals, and reopening a
// database after the process that wrote it was killed in the middle of a transaction.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "store/store.h"
#include "test_support.h"

#include <QProcess>
#include <QSqlQuery>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

class TstStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void migratesAnEmptyFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"sub/folder/new.db"_s);
        QString error;
        auto store = Store::open(path, &error);
        QVERIFY2(store, qPrintable(error));
        QCOMPARE(store->schemaVersion(), Store::latestSchemaVersion());
        QSqlQuery q(store->db());
        QStringList tables;
        QVERIFY(q.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s));
        while (q.next())
            tables.append(q.value(0).toString());
        for (const QString &t : {u"deliveries"_s, u"recipients"_s, u"recipient_log"_s, u"attempts"_s, u"quarantine"_s,
                                 u"routes"_s, u"qualification_rules"_s, u"import_rejects"_s})
            QVERIFY2(tables.contains(t), qPrintable(t));
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
        QVERIFY(q.exec(u"PRAGMA foreign_keys"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void createdPrivate()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"private.db"_s);
        const mode_t old = ::umask(0); // even with a permissive umask
        auto store = Store::open(path, nullptr);
        ::umask(old);
        QVERIFY(store);
        struct stat st
        {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
    }

    void anExistingFileIsNarrowed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"shared.db"_s);
        QVERIFY(Store::open(path, nullptr));
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0); // copied, or made by another tool
        QVERIFY(Store::open(path, nullptr));
        struct stat st
        {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
    }

    // A second writer holding the lock: begin() fails after the busy timeout with SQLite's own
    // words, and what the person sees names the file as well.
    void aLockedDatabaseSaysSo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"locked.db"_s);
        auto holder = Store::open(path, nullptr);
        auto other = Store::open(path, nullptr);
        QVERIFY(holder && other);
        QSqlQuery(other->db()).exec(u"PRAGMA busy_timeout = 200"_s); // not the 10 s the app waits
        QVERIFY(holder->begin());
        QVERIFY(!other->begin());
        QVERIFY2(other->lastError().contains(u"locked"_s), qPrintable(other->lastError()));
        TestSupport::writeFile(dir, u"list.csv"_s, "email\na@example.com\n");
        const auto imported =
            DeliveryService(*other).importDefinition(TestSupport::writeDefinition(dir, TestSupport::cleanDefinition()));
        QVERIFY(!imported.ok);
        const QString shown = imported.errors.join(u'\n');
        QVERIFY2(shown.contains(path) && shown.contains(u"locked"_s), qPrintable(shown));
        // Once the lock is gone, the same connection works, and the error is cleared.
        holder->rollback();
        QVERIFY2(other->begin(), qPrintable(other->lastError()));
        QVERIFY(other->lastError().isEmpty());
        QVERIFY(other->commit());
    }

    void reopenKeepsVersionAndData()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"re.db"_s);
        {
            auto store = Store::open(path, nullptr);
            QVERIFY(store);
            QSqlQuery q(store->db());
            QVERIFY(q.exec(
                u"INSERT INTO quarantine (address, status, updated_at) VALUES ('a@b.example', 'quarantine', 1)"_s));
        }
        auto store = Store::open(path, nullptr);
        QVERIFY(store);
        QSqlQuery q(store->db());
        QVERIFY(q.exec(u"SELECT count(*) FROM quarantine"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void foreignKeysEnforced()
    {
        QTemporaryDir dir;
        auto store = Store::open(dir.filePath(u"fk.db"_s), nullptr);
        QSqlQuery q(store->db());
        QVERIFY(!q.exec(
            u"INSERT INTO recipients (delivery_id, line, email, fields) VALUES (42, 2, 'a@b.example', '[]')"_s));
    }

    void refusesNewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"newer.db"_s);
        {
            auto store = Store::open(path, nullptr);
            QSqlQuery q(store->db());
            QVERIFY(q.exec(u"PRAGMA user_version = 999"_s));
        }
        QString error;
        QVERIFY(!Store::open(path, &error));
        QVERIFY2(error.contains(path) && error.contains(u"newer"_s), qPrintable(error));
    }

    void refusesANonDatabaseFile()
    {
        QTemporaryDir dir;
        const QString path =
            TestSupport::writeFile(dir, u"notes.db"_s, QByteArray("this is a text file, not SQLite\n").repeated(100));
        QString error;
        QVERIFY(!Store::open(path, &error));
        QVERIFY2(error.startsWith(path), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith("this is a text file")); // untouched
    }

    void refusesAFolder()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!Store::open(dir.path(), &error));
        QVERIFY(error.contains(u"folder"_s));
    }

    // sendscope-cli is killed with SIGKILL in the middle of a large import: the database opens
    // again, passes integrity_check, and holds no half-imported delivery.
    void reopenAfterKillDuringImport()
    {
        QTemporaryDir dir;
        QByteArray csv = "email,first_name\n";
        for (int i = 0; i < 400000; ++i)
            csv += "user" + QByteArray::number(i) + "@example.com,Name " + QByteArray::number(i) + "\n";
        TestSupport::writeFile(dir, u"list.csv"_s, csv);
        const QString def = TestSupport::writeDefinition(dir, TestSupport::cleanDefinition());
        const QString db = dir.filePath(u"killed.db"_s);

        // One complete delivery first, so there is committed data to keep.
        TestSupport::writeFile(dir, u"small.csv"_s, "email\nkeep@example.com\n");
        QJsonObject smallDef = TestSupport::cleanDefinition();
        smallDef[u"recipients"_s] = QJsonObject{{u"csv"_s, u"small.csv"_s}};
        const QString small = TestSupport::writeDefinition(dir, smallDef, u"small.json"_s);
        QCOMPARE(
            QProcess::execute(QStringLiteral(SENDSCOPE_CLI_PATH), {u"--db"_s, db, u"delivery"_s, u"import"_s, small}),
            0);

        QProcess cli;
        cli.start(QStringLiteral(SENDSCOPE_CLI_PATH), {u"--db"_s, db, u"delivery"_s, u"import"_s, def});
        QVERIFY(cli.waitForStarted());
        // Wait until the import transaction has written to the WAL, then kill it.
        const QString wal = db + u"-wal"_s;
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(wal).size() > 2 * 1024 * 1024 || cli.state() == QProcess::NotRunning, 20000);
        if (cli.state() == QProcess::NotRunning)
            QSKIP("the import finished before it could be killed; machine too fast for this size");
        cli.kill();
        QVERIFY(cli.waitForFinished());
        QCOMPARE(cli.exitStatus(), QProcess::CrashExit);

        QString error;
        auto store = Store::open(db, &error);
        QVERIFY2(store, qPrintable(error));
        QSqlQuery q(store->db());
        QVERIFY(q.exec(u"PRAGMA integrity_check"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"ok"_s);
        QVERIFY(q.exec(u"SELECT count(*) FROM deliveries"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec(u"SELECT count(*) FROM recipients"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        // And the database is writable again: the same import now completes.
        store.reset();
        QCOMPARE(
            QProcess::execute(QStringLiteral(SENDSCOPE_CLI_PATH), {u"--db"_s, db, u"delivery"_s, u"import"_s, def}), 0);
    }
};

QTEST_GUILESS_MAIN(TstStore)
#include "tst_store.moc"
