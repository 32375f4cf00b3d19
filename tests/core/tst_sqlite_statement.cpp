// SqliteStatement: SQLite's own statements on a Store's connection. Texts round-trip in UTF-8,
// a null text is stored as an empty one (as through Qt's driver), it joins the connection's
// transaction, and a statement that outlives its Store is finalized when the Store closes, so
// the file is really closed and later calls fail with a message instead of crashing.

#include "store/sqlite_statement.h"
#include "store/store.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TstSqliteStatement final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<Store> open(const QString &name)
    {
        QString error;
        auto store = Store::open(m_dir.filePath(name), &error);
        if (!store)
            qFatal("cannot open the store: %s", qPrintable(error));
        QSqlQuery q(store->db());
        if (!q.exec(u"CREATE TABLE t (a INTEGER, b TEXT)"_s))
            qFatal("cannot create the table");
        return store;
    }

private Q_SLOTS:
    void bindsAndReadsBack()
    {
        auto store = open(u"round-trip.db"_s);
        SqliteStatement insert;
        QVERIFY2(insert.prepare(store->db(), "INSERT INTO t (a, b) VALUES (?, ?)"), qPrintable(insert.error()));
        insert.bind(1, qint64(1) << 40);
        insert.bind(2, u"\uD55C\uAE00 \"x\""_s);
        QVERIFY(insert.exec());
        insert.bind(1, 2);
        insert.bind(2, QString()); // null: an empty text, not NULL
        QVERIFY(insert.exec());
        insert.bind(1, 3);
        insert.bindNull(2);
        QVERIFY(insert.exec());
        QCOMPARE(insert.changes(), 1);

        SqliteStatement select;
        QVERIFY(select.prepare(store->db(), "SELECT a, b FROM t ORDER BY rowid"));
        QCOMPARE(select.step(), SqliteStatement::Step::Row);
        QCOMPARE(select.columnInt64(0), qint64(1) << 40);
        QCOMPARE(select.columnText(1), u"\uD55C\uAE00 \"x\""_s);
        QCOMPARE(select.step(), SqliteStatement::Step::Row);
        QVERIFY(!select.columnIsNull(1));
        QCOMPARE(select.columnText(1), QString());
        QCOMPARE(select.step(), SqliteStatement::Step::Row);
        QVERIFY(select.columnIsNull(1));
        QCOMPARE(select.step(), SqliteStatement::Step::Done);
        select.reset();
    }

    void joinsTheConnectionsTransaction()
    {
        auto store = open(u"transaction.db"_s);
        SqliteStatement insert;
        QVERIFY(insert.prepare(store->db(), "INSERT INTO t (a) VALUES (?)"));
        QVERIFY(store->begin());
        insert.bind(1, 7);
        QVERIFY(insert.exec());
        store->rollback();
        QSqlQuery q(store->db());
        QVERIFY(q.exec(u"SELECT count(*) FROM t"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void errorsCarrySqlitesMessage()
    {
        auto store = open(u"errors.db"_s);
        SqliteStatement bad;
        QVERIFY(!bad.prepare(store->db(), "INSERT INTO missing VALUES (1)"));
        QVERIFY2(bad.error().contains(u"no such table: missing"_s), qPrintable(bad.error()));
        QCOMPARE(bad.step(), SqliteStatement::Step::Error);

        SqliteStatement notSqlite;
        QVERIFY(!notSqlite.prepare(QSqlDatabase(), "SELECT 1"));
        QVERIFY(!notSqlite.error().isEmpty());
    }

    void outlivingItsStoreIsFinalized()
    {
        auto store = open(u"outlive.db"_s);
        const QString path = store->path();
        SqliteStatement insert;
        QVERIFY(insert.prepare(store->db(), "INSERT INTO t (a) VALUES (1)"));
        store.reset(); // closes the connection: SQLite would refuse with a statement left
        QCOMPARE(insert.step(), SqliteStatement::Step::Error);
        QCOMPARE(insert.error(), u"the database was closed"_s);
        // Closed for real: the write-ahead log was checkpointed and removed with the connection.
        QVERIFY(!QFile::exists(path + u"-wal"_s));
    }
};

QTEST_GUILESS_MAIN(TstSqliteStatement)
#include "tst_sqlite_statement.moc"
