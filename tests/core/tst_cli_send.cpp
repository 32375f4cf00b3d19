// sendscope-cli's sending commands against smtp-sink: proof, send, Ctrl-C pausing cleanly,
// resume, pause and stop from another process, and their exit codes.
#include "smtp_sink.h"
#include "store/store.h"
#include "test_support.h"

#include <QJsonArray>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

class TstCliSend final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_count = 0;

    struct Result
    {
        int code = -1;
        QByteArray out;
        QString err;
    };

    Result cli(const QString &db, const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(SENDSCOPE_CLI_PATH), QStringList{u"--db"_s, db} + args);
        if (!p.waitForFinished(120000))
            qFatal("sendscope-cli did not finish");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                QString::fromUtf8(p.readAllStandardError())};
    }

    // A new database with one imported delivery of n recipients routed to port.
    QString setUp(int n, quint16 port, QJsonObject def = TestSupport::cleanDefinition())
    {
        const QString name = u"c%1"_s.arg(++m_count);
        QByteArray csv = "email,first_name\n";
        for (int i = 0; i < n; ++i)
            csv += "p" + QByteArray::number(i) + "@cli.example,N" + QByteArray::number(i) + "\n";
        TestSupport::writeFile(m_dir, name + u".csv"_s, csv);
        def[u"recipients"_s] = QJsonObject{{u"csv"_s, QString(name + u".csv"_s)}};
        def[u"route"_s] =
            QJsonObject{{u"type"_s, u"relay"_s}, {u"host"_s, u"127.0.0.1"_s},        {u"port"_s, int(port)},
                        {u"tls"_s, u"none"_s},   {u"acceptance_means_sent"_s, true}, {u"max_in_flight"_s, 12}};
        QString db = m_dir.filePath(name + u".db"_s);
        const Result r =
            cli(db, {u"delivery"_s, u"import"_s, TestSupport::writeDefinition(m_dir, def, name + u".json"_s)});
        if (r.code != 0)
            qFatal("import failed: %s", qPrintable(r.err));
        return db;
    }

    QJsonObject status(const QString &db)
    {
        return QJsonDocument::fromJson(cli(db, {u"status"_s, u"1"_s, u"--json"_s}).out).object();
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

    void proofs()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        const QString db = setUp(3, sink.port());
        Result r = cli(db, {u"proof"_s, u"1"_s, u"--to"_s, u"a@proof.example,b@proof.example"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("a@proof.example\taccepted\t250"));
        QTRY_COMPARE(sink.dumps().size(), 2);
        for (const QByteArray &d : sink.dumps())
            QVERIFY2(SmtpSink::header(d, "Subject").startsWith("[Proof #1] Hello N"), d.constData());
        r = cli(db, {u"proof"_s, u"1"_s, u"--to"_s, u"c@proof.example"_s});
        QCOMPARE(r.code, 0);
        QTRY_COMPARE(sink.dumps().size(), 3);
        int second = 0;
        for (const QByteArray &d : sink.dumps())
            second += SmtpSink::header(d, "Subject").startsWith("[Proof #2]") ? 1 : 0;
        QCOMPARE(second, 1);
        // Proofs are not the delivery: nobody in the target was mailed, nothing changed state.
        QCOMPARE(status(db).value(u"processed"_s).toInt(), 0);

        r = cli(db, {u"proof"_s, u"1"_s, u"--to"_s, u"not an address"_s});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(u"not an address"_s));
        QStringList many;
        for (int i = 0; i < 101; ++i)
            many.append(u"p%1@proof.example"_s.arg(i));
        r = cli(db, {u"proof"_s, u"1"_s, u"--to"_s, many.join(u',')});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(u"100"_s));
    }

    void proofsBeyondMaxMessagesPerConnection()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        const QString db = setUp(3, sink.port());
        // The route takes one message per connection; the proof's session must take all three.
        {
            QString error;
            auto store = Store::open(db, &error);
            QVERIFY2(store, qPrintable(error));
            QSqlQuery q(store->db());
            QVERIFY(q.exec(u"SELECT definition FROM deliveries WHERE id = 1"_s) && q.next());
            QJsonObject stored = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
            QJsonObject route = stored.value(u"route"_s).toObject();
            route[u"max_messages_per_connection"_s] = 1;
            stored[u"route"_s] = route;
            q.finish();
            q.prepare(u"UPDATE deliveries SET definition = ? WHERE id = 1"_s);
            q.addBindValue(QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        const Result r = cli(db, {u"proof"_s, u"1"_s, u"--to"_s, u"a@proof.example,b@proof.example,c@proof.example"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err + QString::fromUtf8(r.out)));
        for (const char *a : {"a@proof.example", "b@proof.example", "c@proof.example"})
            QVERIFY2(r.out.contains(QByteArray(QByteArray(a) + "\taccepted\t250")), r.out.constData());
        QVERIFY2(r.err.contains(u"3 of 3 accepted"_s), qPrintable(r.err));
        QTRY_COMPARE(sink.dumps().size(), 3);

        QString error;
        auto store = Store::open(db, &error);
        QVERIFY2(store, qPrintable(error));
        QSqlQuery q(store->db());
        QVERIFY(q.exec(u"SELECT number, address, outcome FROM proofs ORDER BY id"_s));
        QStringList rows;
        while (q.next())
            rows.append(u"%1 %2 %3"_s.arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString()));
        QCOMPARE(rows, (QStringList{u"1 a@proof.example accepted"_s, u"1 b@proof.example accepted"_s,
                                    u"1 c@proof.example accepted"_s}));
    }

    void sendAnalyzesThenRunsToTheEnd()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        const QString db = setUp(50, sink.port());
        const Result r = cli(db, {u"send"_s, u"1"_s});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(u"finished"_s), qPrintable(r.err));
        const QJsonObject s = status(db);
        QCOMPARE(s.value(u"state"_s).toString(), u"finished"_s);
        QCOMPARE(s.value(u"counts"_s).toObject().value(u"sent"_s).toInt(), 50);
        QCOMPARE(s.value(u"success_pct"_s).toDouble(), 100.0);
        QTRY_COMPARE(sink.dumps().size(), 50);
        // Nothing is sent twice: a finished delivery cannot be sent again.
        const Result again = cli(db, {u"send"_s, u"1"_s});
        QCOMPARE(again.code, 1);
        QVERIFY(again.err.contains(u"cannot be sent again"_s));
        QCOMPARE(sink.dumps().size(), 50);
    }

    void sendBlockedByTheAnalysis()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"subject"_s] = u"{{unbalanced"_s;
        const QString db = setUp(3, sink.port(), def);
        const Result r = cli(db, {u"send"_s, u"1"_s});
        QCOMPARE(r.code, 3);
        QVERIFY(r.out.contains("BLOCKED"));
        QTest::qWait(200);
        QCOMPARE(sink.dumps().size(), 0);
    }

    void ctrlCPausesCleanlyThenResume()
    {
        SmtpSink sink;
        QVERIFY(sink.start({u"-w"_s, u"1"_s}, true)); // one second before each DATA reply
        const QString db = setUp(120, sink.port());
        QProcess p;
        p.start(QStringLiteral(SENDSCOPE_CLI_PATH), {u"--db"_s, db, u"send"_s, u"1"_s});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(status(db).value(u"processed"_s).toInt() > 0, 20000);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(u"paused"_s), qPrintable(err));
        QJsonObject s = status(db);
        QCOMPARE(s.value(u"state"_s).toString(), u"paused"_s);
        const int sentAtPause = s.value(u"counts"_s).toObject().value(u"sent"_s).toInt();
        QVERIFY2(sentAtPause > 0 && sentAtPause < 120, qPrintable(QString::number(sentAtPause) + err));
        // Nothing left in flight: every message that went out has its outcome recorded.
        QCOMPARE(sink.dumps().size(), sentAtPause);

        sink.stop();
        SmtpSink fast;
        QVERIFY(fast.start({}, true));
        // The same delivery, resumed towards the fast sink (the route points at the old port,
        // so rewrite it the way a user would: a new route would mean a new delivery; here the
        // test only swaps the port in the stored definition).
        {
            QProcess sql;
            sql.start(u"sqlite3"_s,
                      {db, u"UPDATE deliveries SET definition = replace(definition, '\"port\":%1', '\"port\":%2')"_s
                               .arg(sink.port())
                               .arg(fast.port())});
            QVERIFY(sql.waitForFinished());
            if (sql.exitCode() != 0)
                QSKIP("sqlite3 shell missing");
        }
        const Result r = cli(db, {u"resume"_s, u"1"_s});
        QCOMPARE(r.code, 0);
        s = status(db);
        QCOMPARE(s.value(u"state"_s).toString(), u"finished"_s);
        QCOMPARE(s.value(u"counts"_s).toObject().value(u"sent"_s).toInt(), 120);
        QCOMPARE(fast.dumps().size(), 120 - sentAtPause); // nobody mailed twice
    }

    void stopFromOutside()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        const QString db = setUp(10, sink.port());
        QCOMPARE(cli(db, {u"analyze"_s, u"1"_s}).code, 0);
        Result r = cli(db, {u"pause"_s, u"1"_s});
        QCOMPARE(r.code, 2); // an analyzed delivery is not running: nothing to pause
        r = cli(db, {u"stop"_s, u"1"_s});
        QCOMPARE(r.code, 0);
        const QJsonObject s = status(db);
        QCOMPARE(s.value(u"state"_s).toString(), u"stopped"_s);
        QCOMPARE(s.value(u"counts"_s).toObject().value(u"canceled"_s).toInt(), 10);
        QCOMPARE(cli(db, {u"send"_s, u"1"_s}).code, 1);
        QCOMPARE(sink.dumps().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TstCliSend)
#include "tst_cli_send.moc"
