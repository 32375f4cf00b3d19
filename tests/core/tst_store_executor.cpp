// The database's own thread (core/workspace/store_executor.h) and Store::Transaction: jobs run
// in order on one thread with one connection, a canceled job does not run, progress reaches the
// future, an unopenable file is named with SQLite's reason, shutdown cancels what is queued and
// waits for what runs; a transaction rolls back when its scope ends without a commit and says
// why it could not start.
#include "store/store.h"
#include "workspace/store_executor.h"

#include <QFile>
#include <QFutureWatcher>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;

class TstStoreExecutor final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    static int count(Store &store)
    {
        QSqlQuery q(store.db());
        return q.exec(u"SELECT count(*) FROM routes"_s) && q.next() ? q.value(0).toInt() : -1;
    }

    static bool insertRoute(Store &store, const QString &name)
    {
        QSqlQuery q(store.db());
        q.prepare(u"INSERT INTO routes (name, type, config) VALUES (?, 'relay', '{}')"_s);
        q.addBindValue(name);
        return q.exec();
    }

private Q_SLOTS:
    void jobsRunInOrderOnOneThreadWithOneConnection()
    {
        StoreExecutor executor(path(u"order.db"_s));
        QList<QFuture<QString>> futures;
        QList<Qt::HANDLE> threads;
        std::mutex mutex;
        for (int i = 0; i < 50; ++i) {
            futures.append(executor.run([i, &threads, &mutex](Store &store) -> QString {
                std::lock_guard lock(mutex);
                threads.append(QThread::currentThreadId());
                insertRoute(store, u"r%1"_s.arg(i));
                return store.db().connectionName() + u"#"_s + QString::number(count(store));
            }));
        }
        QString connection;
        for (int i = 0; i < 50; ++i) {
            const QString r = futures[i].result();
            // The count each job saw is its place in the queue: nobody ran out of turn.
            QCOMPARE(r.section(u'#', 1).toInt(), i + 1);
            if (i == 0)
                connection = r.section(u'#', 0, 0);
            QCOMPARE(r.section(u'#', 0, 0), connection);
        }
        QCOMPARE(threads.size(), 50);
        QVERIFY(!threads.contains(QThread::currentThreadId()));
        QCOMPARE(threads.count(threads.first()), 50);
    }

    void aCanceledJobDoesNotRun()
    {
        StoreExecutor executor(path(u"cancel.db"_s));
        QSemaphore release;
        std::atomic<int> ran = 0;
        // The first job holds the thread, so the second is still queued when it is canceled.
        QFuture<void> blocker = executor.run([&](Store &) { release.acquire(); });
        QFuture<int> canceled = executor.run([&](Store &) { return ++ran; });
        QFuture<int> after = executor.run([&](Store &) { return ++ran; });
        canceled.cancel();
        release.release();
        QCOMPARE(after.result(), 1);
        canceled.waitForFinished();
        QVERIFY(canceled.isCanceled());
        QCOMPARE(ran.load(), 1);
        blocker.waitForFinished();
    }

    void progressAndCancelReachALongJob()
    {
        StoreExecutor executor(path(u"progress.db"_s));
        QSemaphore started;
        QFuture<int> future = executor.runWithPromise<int>([&](Store &, QPromise<int> &promise) {
            promise.setProgressRange(0, 1000);
            int done = 0;
            for (; done < 1000 && !promise.isCanceled(); ++done) {
                promise.setProgressValue(done);
                if (done == 10)
                    started.release();
                QThread::msleep(2);
            }
            promise.addResult(done);
        });
        QFutureWatcher<int> watcher;
        QSignalSpy progress(&watcher, &QFutureWatcher<int>::progressValueChanged);
        watcher.setFuture(future);
        QVERIFY(started.tryAcquire(1, 10'000));
        QTRY_VERIFY(!progress.isEmpty());
        future.cancel();
        future.waitForFinished();
        QVERIFY(future.isCanceled());
        QVERIFY(future.progressValue() < 999);
    }

    void anUnopenableFileIsNamedWithTheReason()
    {
        // A folder where the file should be: SQLite cannot open it.
        const QString where = path(u"not-a-file.db"_s);
        QVERIFY(QDir().mkpath(where));
        StoreExecutor executor(where);
        QFuture<int> f = executor.run([](Store &store) { return count(store); });
        try {
            f.waitForFinished();
            QFAIL("the job ran without a database");
        } catch (const StoreUnavailable &e) {
            QVERIFY2(e.message().contains(where), qPrintable(e.message()));
        }
        // An exception a job throws reaches its future too, and the executor goes on.
        StoreExecutor good(path(u"throws.db"_s));
        QFuture<int> thrown = good.run([](Store &) -> int { throw StoreUnavailable(u"job's own"_s); });
        try {
            thrown.waitForFinished();
            QFAIL("the exception was lost");
        } catch (const StoreUnavailable &e) {
            QCOMPARE(e.message(), u"job's own"_s);
        }
        QCOMPARE(good.run([](Store &store) { return count(store); }).result(), 0);
    }

    void shutdownCancelsTheQueueAndWaitsForTheRunningJob()
    {
        auto executor = std::make_unique<StoreExecutor>(path(u"shutdown.db"_s));
        QSemaphore inside;
        std::atomic<bool> finished = false;
        QFuture<void> running = executor->run([&](Store &store) {
            inside.release();
            QThread::msleep(300);
            insertRoute(store, u"last"_s);
            finished = true;
        });
        QList<QFuture<int>> queued;
        for (int i = 0; i < 5; ++i)
            queued.append(executor->run([](Store &) { return 1; }));
        QVERIFY(inside.tryAcquire(1, 10'000));
        executor->shutdown();
        QVERIFY(finished.load()); // shutdown waited for it
        QVERIFY(running.isFinished());
        for (QFuture<int> &f : queued) {
            QVERIFY(f.isFinished());
            QVERIFY_THROWS_EXCEPTION(StoreUnavailable, f.waitForFinished());
        }
        // After shutdown a job fails at once, naming the file.
        QFuture<int> late = executor->run([](Store &) { return 1; });
        QVERIFY(late.isFinished());
        QVERIFY_THROWS_EXCEPTION(StoreUnavailable, late.waitForFinished());
        executor.reset();
        // What the running job wrote was committed (autocommit) and the file was closed cleanly.
        auto store = Store::open(path(u"shutdown.db"_s), nullptr);
        QVERIFY(store);
        QCOMPARE(count(*store), 1);
    }

    // beforeClose runs on the executor's thread, before the connection closes, and only when
    // a job opened it: an executor nobody asked never creates the file.
    void beforeCloseRunsOnTheThreadOfAnOpenedStore()
    {
        QThread *closedOn = nullptr;
        {
            StoreExecutor idle(path(u"never.db"_s), u"idle"_s, [&closedOn] { closedOn = QThread::currentThread(); });
        }
        QVERIFY(!closedOn);
        QVERIFY(!QFile::exists(path(u"never.db"_s)));

        bool openAtClose = false;
        QString connection; // the executor's own connection, learned from its first job
        StoreExecutor executor(path(u"close.db"_s), u"closing"_s, [&] {
            closedOn = QThread::currentThread();
            openAtClose = QSqlDatabase::database(connection, false).isOpen();
        });
        const QThread *ranOn = executor
                                   .run([&connection](Store &store) {
                                       connection = store.db().connectionName();
                                       return QThread::currentThread();
                                   })
                                   .result();
        QCOMPARE(ranOn->objectName(), u"closing"_s);
        QVERIFY(!connection.isEmpty());
        executor.shutdown();
        QCOMPARE(closedOn, ranOn);
        QVERIFY(openAtClose);
    }

    void aTransactionRollsBackUnlessCommitted()
    {
        auto store = Store::open(path(u"tx.db"_s), nullptr);
        QVERIFY(store);
        {
            Store::Transaction tx(*store);
            QVERIFY(tx.ok());
            QVERIFY(insertRoute(*store, u"dropped"_s));
        } // no commit: rolled back
        QCOMPARE(count(*store), 0);
        {
            Store::Transaction tx(*store);
            QVERIFY(insertRoute(*store, u"kept"_s));
            QVERIFY2(tx.commit(), qPrintable(tx.error()));
            QVERIFY(!tx.ok());
        }
        QCOMPARE(count(*store), 1);
        // The connection is usable after both: no transaction was left open.
        Store::Transaction again(*store);
        QVERIFY2(again.ok(), qPrintable(again.error()));
    }

    void aLockedDatabaseIsNamedWithSqlitesMessage()
    {
        const QString file = path(u"locked.db"_s);
        auto holder = Store::open(file, nullptr);
        auto other = Store::open(file, nullptr);
        QVERIFY(holder && other);
        QSqlQuery(other->db()).exec(u"PRAGMA busy_timeout = 50"_s);
        Store::Transaction held(*holder);
        QVERIFY(held.ok());
        Store::Transaction tx(*other);
        QVERIFY(!tx.ok());
        QVERIFY2(tx.error().contains(file), qPrintable(tx.error()));
        QVERIFY2(tx.error().contains(u"locked"_s), qPrintable(tx.error()));
        QVERIFY(!tx.commit());
    }
};

QTEST_GUILESS_MAIN(TstStoreExecutor)
#include "tst_store_executor.moc"
