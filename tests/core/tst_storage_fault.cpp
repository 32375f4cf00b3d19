// Storage faults during a send (issue 11): the database refuses writes while messages are on the
// wire. The run is held, naming the file and SQLite's message; nothing new is sent; what waits for
// a commit stays in memory; once the database accepts writes again the send goes on by itself and
// ends with every recipient sent exactly once. The faults are real: another process holding the
// write lock (Python's sqlite3), a database on a filesystem that fills up (a tmpfs of a few MB),
// and a database on a read-only mount. The mounts need root; without it those two skip, saying so.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "engine/delivery_run.h"
#include "engine_test_support.h"
#include "smtp_sink.h"
#include "store/store.h"
#include "test_support.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <unistd.h>

using namespace Qt::StringLiterals;

class TstStorageFault final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ManualClock m_clock{1'795'000'000'000};
    int m_count = 0;

    static constexpr int Recipients = 600;

    static QByteArray list(int n)
    {
        QByteArray csv = "email,first_name\n";
        for (int i = 0; i < n; ++i)
            csv += "user" + QByteArray::number(i) + "@example.com,Name" + QByteArray::number(i) + "\n";
        return csv;
    }

    qint64 prepare(Store &store, quint16 port)
    {
        QJsonObject def = TestSupport::cleanDefinition();
        // One connection at a time, so the send lasts long enough to be caught in the middle.
        def[u"route"_s] =
            QJsonObject{{u"type"_s, u"relay"_s}, {u"host"_s, u"127.0.0.1"_s}, {u"port"_s, int(port)},
                        {u"tls"_s, u"none"_s},   {u"max_connections"_s, 1},   {u"acceptance_means_sent"_s, true},
                        {u"max_in_flight"_s, 20}};
        const QString name = u"d%1"_s.arg(++m_count);
        return EngineTest::importAnalyzed(store, m_clock, m_dir, def, list(Recipients), name);
    }

    static bool run(const QString &program, const QStringList &args, QString *output = nullptr)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(program, args);
        const bool ok = p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        if (output)
            *output = QString::fromLocal8Bit(p.readAll()).trimmed();
        return ok;
    }

    // A tmpfs of sizeKb mounted on a new folder; empty when this machine cannot (not root, or
    // no mount permission), with *why.
    QString mountTmpfs(const QString &name, int sizeKb, QString *why)
    {
        if (::geteuid() != 0) {
            *why = u"mounting a small filesystem needs root"_s;
            return {};
        }
        const QString at = m_dir.filePath(name);
        QDir().mkpath(at);
        if (!run(u"mount"_s, {u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=%1k"_s.arg(sizeKb), u"tmpfs"_s, at}, why))
            return {};
        return at;
    }

    // The sink's dumps: how many messages each recipient received.
    static QHash<QByteArray, int> received(const SmtpSink &sink)
    {
        QHash<QByteArray, int> by;
        for (const QByteArray &d : sink.dumps())
            ++by[SmtpSink::header(d, "X-Rcpt-Args")];
        return by;
    }

    // What the person does while the run is held.
    enum class Asked { Nothing, Pause, Stop };

    // Starts the run, calls fault() once some messages are sent, checks the run is held by a fault
    // whose text contains expected, told once, and that nothing is sent while it holds; asks for a
    // pause or stop if told to, calls cure(), and waits for the end: finished with every recipient
    // sent exactly once, or paused (the rest pending) or stopped (the rest canceled) with nobody
    // mailed twice and nobody mailed who is not recorded sent. The accounting invariant holds.
    void sendThroughFault(Store &store, const std::function<void()> &fault, const QString &expected,
                          const std::function<void()> &cure, Asked asked = Asked::Nothing)
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        const qint64 id = prepare(store, sink.port());
        DeliveryRun r(store, id, m_clock, EngineTest::fastOptions());
        QVERIFY2(r.prepare(), qPrintable(r.error()));
        QSignalSpy ended(&r, &DeliveryRun::ended);
        QSignalSpy faults(&r, &DeliveryRun::storageFaultChanged);
        std::optional<DeliveryKpis> last;
        connect(&r, &DeliveryRun::snapshot, this, [&last](const DeliveryKpis &k) { last = k; });
        r.start();
        QTRY_VERIFY_WITH_TIMEOUT(sink.dumps().size() >= 20, 20000);
        fault();
        QTRY_VERIFY_WITH_TIMEOUT(!faults.isEmpty(), 20000);
        const QString text = faults.first().at(0).toString();
        qInfo("held: %s", qPrintable(text));
        QVERIFY2(text.startsWith(store.path() + u": "_s), qPrintable(text));
        QVERIFY2(text.contains(expected, Qt::CaseInsensitive), qPrintable(text));
        QCOMPARE(r.storageFault(), faults.last().at(0).toString());
        QVERIFY(ended.isEmpty());
        // Held: once the dots already released are through, nothing more reaches the sink.
        QTest::qWait(300);
        const qsizetype heldAt = sink.dumps().size();
        QTest::qWait(700);
        QCOMPARE(sink.dumps().size(), heldAt);
        QVERIFY2(heldAt < Recipients, "the send ended before the fault: nothing was held");
        QVERIFY(!r.storageFault().isEmpty());
        // Retried every 0.1 to 2 s, but told once (twice at most, if SQLite's words changed).
        QVERIFY2(faults.size() <= 2, qPrintable(u"%1 fault signals"_s.arg(faults.size())));
        if (asked == Asked::Pause)
            r.pause();
        else if (asked == Asked::Stop)
            r.stop();
        QTest::qWait(300);
        QVERIFY(ended.isEmpty()); // what waits for a commit is still in memory: it cannot end yet

        cure();
        QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), 60000); // about 50 a second where each commit waits for the disk
        const DeliveryRun::End end = ended.first().at(0).value<DeliveryRun::End>();
        const QString problem = EngineTest::accountingProblem(store, id, last ? &*last : nullptr);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const DeliveryKpis k = DeliveryQueries(store.db()).kpis(id).value();
        const qint64 sent = k.count(LogState::Sent);
        if (asked == Asked::Nothing) {
            QCOMPARE(end, DeliveryRun::End::Finished);
            QVERIFY(faults.last().at(0).toString().isEmpty()); // told it goes on
            QVERIFY(r.storageFault().isEmpty());
            QCOMPARE(sent, Recipients);
        } else if (asked == Asked::Pause) {
            QCOMPARE(end, DeliveryRun::End::Paused);
            QCOMPARE(k.state, DeliveryState::Paused);
            QCOMPARE(sent + k.count(LogState::Pending), Recipients);
            QVERIFY(k.count(LogState::Pending) > 0);
        } else {
            QCOMPARE(end, DeliveryRun::End::Stopped);
            QCOMPARE(k.state, DeliveryState::Stopped);
            QCOMPARE(sent + k.count(LogState::Canceled), Recipients);
            QVERIFY(k.count(LogState::Canceled) > 0);
        }
        QTRY_COMPARE(sink.dumps().size(), sent);
        const QHash<QByteArray, int> by = received(sink);
        QCOMPARE(by.size(), sent);
        for (auto it = by.cbegin(); it != by.cend(); ++it)
            QVERIFY2(it.value() == 1, it.key().constData());
        QSqlQuery q(store.db());
        QVERIFY(
            q.exec(u"SELECT count(*) FROM recipient_log WHERE delivery_id = %1 AND possible_duplicate = 1"_s.arg(id)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!SmtpSink::available()) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL("smtp-sink is missing; tests/peers/install.sh installs it");
            QSKIP("smtp-sink is missing (apt-get install postfix)");
        }
    }

    // Another process takes the write lock and keeps it past the busy timeout, then lets go.
    void anotherProcessHoldsTheWriteLock() { lockAndRelease(Asked::Nothing); }

private:
    void lockAndRelease(Asked asked)
    {
        auto store = Store::open(m_dir.filePath(u"locked%1.db"_s.arg(int(asked))), nullptr);
        QVERIFY(store);
        QSqlQuery busy(store->db());
        QVERIFY(busy.exec(u"PRAGMA busy_timeout=100"_s)); // 10 s in the application
        QProcess holder;
        holder.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const auto fault = [&] {
            holder.start(u"/usr/bin/python3"_s, {u"-c"_s,
                                                 u"import sqlite3, sys\n"
                                                 "c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)\n"
                                                 "c.execute('BEGIN IMMEDIATE')\n"
                                                 "print('locked', flush=True)\n"
                                                 "sys.stdin.readline()\n"
                                                 "c.execute('COMMIT')\n"_s,
                                                 store->path()});
            QVERIFY(holder.waitForReadyRead(10000));
            QCOMPARE(holder.readLine().trimmed(), QByteArray("locked"));
        };
        const auto cure = [&] {
            holder.write("\n");
            QVERIFY(holder.waitForFinished(10000));
            QCOMPARE(holder.exitCode(), 0);
        };
        sendThroughFault(*store, fault, u"database is locked"_s, cure, asked);
    }

private Q_SLOTS:

    // Pause, then stop, asked while held: recorded once the database takes writes again.
    void pauseWhileHeld() { lockAndRelease(Asked::Pause); }
    void stopWhileHeld() { lockAndRelease(Asked::Stop); }

    // The filesystem under the database fills up (SQLITE_FULL), then space is freed.
    void theDiskFillsUp()
    {
        QString why;
        const QString fs = mountTmpfs(u"full"_s, 65536, &why);
        if (fs.isEmpty())
            QSKIP(qPrintable(u"no small filesystem: "_s + why));
        const auto unmount = qScopeGuard([fs] { run(u"umount"_s, {u"-l"_s, fs}); });
        {
            auto store = Store::open(fs + u"/full.db"_s, nullptr);
            QVERIFY(store);
            // The WAL only grows, so every commit after the filler needs new space: a checkpoint
            // would let SQLite reuse the WAL's old pages and write on for a while.
            QSqlQuery noCheckpoint(store->db());
            QVERIFY(noCheckpoint.exec(u"PRAGMA wal_autocheckpoint=0"_s));
            const QString filler = fs + u"/filler"_s;
            const auto fault = [&] {
                QFile f(filler);
                QVERIFY(f.open(QIODevice::WriteOnly));
                const QByteArray block(64 * 1024, 'x');
                while (f.write(block) == block.size() && f.flush()) {
                }
            };
            const auto cure = [&] { QVERIFY(QFile::remove(filler)); };
            sendThroughFault(*store, fault, u"full"_s, cure);
        }
    }

    // The database is on a read-only mount when the send starts: a clear error naming the file,
    // nothing changed; once the mount is writable again the same delivery is sent.
    void theDatabaseIsReadOnly()
    {
        QString why;
        const QString fs = mountTmpfs(u"ro"_s, 8192, &why);
        if (fs.isEmpty())
            QSKIP(qPrintable(u"no small filesystem: "_s + why));
        const auto unmount = qScopeGuard([fs] { run(u"umount"_s, {u"-l"_s, fs}); });
        const QString path = fs + u"/ro.db"_s;
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        qint64 id = 0;
        {
            auto store = Store::open(path, nullptr);
            QVERIFY(store);
            id = prepare(*store, sink.port());
        }
        QString output;
        QVERIFY2(run(u"mount"_s, {u"-o"_s, u"remount,ro"_s, fs}, &output), qPrintable(output));
        {
            QString error;
            auto store = Store::open(path, &error);
            QString runError;
            if (store) {
                DeliveryRun r(*store, id, m_clock, EngineTest::fastOptions());
                QVERIFY(!r.prepare());
                runError = r.error();
            } else {
                runError = error;
            }
            qInfo("refused: %s", qPrintable(runError));
            QVERIFY2(runError.contains(path), qPrintable(runError));
            QVERIFY2(runError.contains(u"read-only"_s), qPrintable(runError));
            QVERIFY2(!runError.contains(u"not a Sendscope database"_s), qPrintable(runError));
        }
        QVERIFY(sink.dumps().isEmpty());
        QVERIFY2(run(u"mount"_s, {u"-o"_s, u"remount,rw"_s, fs}, &output), qPrintable(output));
        auto store = Store::open(path, nullptr);
        QVERIFY(store);
        QCOMPARE(DeliveryQueries(store->db()).kpis(id).value().count(LogState::Pending), Recipients);
        QCOMPARE(EngineTest::runToEnd(*store, id, m_clock), DeliveryRun::End::Finished);
        QCOMPARE(DeliveryQueries(store->db()).kpis(id).value().count(LogState::Sent), Recipients);
        QTRY_COMPARE(sink.dumps().size(), Recipients);
    }
};

QTEST_GUILESS_MAIN(TstStorageFault)
#include "tst_storage_fault.moc"
