// sendscope-cli as a user runs it: the contract of docs/architecture.md (commands, output shapes,
// exit codes 0/1/2/3, error messages naming the file, field or line).
#include "test_support.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

class TstCli final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

    struct Result
    {
        int code = -1;
        QByteArray out;
        QString err;
    };

    Result cli(const QStringList &args, const QString &db = {})
    {
        QProcess p;
        p.start(QStringLiteral(SENDSCOPE_CLI_PATH), QStringList{u"--db"_s, db.isEmpty() ? m_db : db} + args);
        if (!p.waitForFinished(60000))
            qFatal("sendscope-cli did not finish");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                QString::fromUtf8(p.readAllStandardError())};
    }

    QString importList(const QByteArray &csv, const QJsonObject &def = TestSupport::cleanDefinition())
    {
        TestSupport::writeFile(m_dir, u"list.csv"_s, csv);
        const Result r = cli({u"delivery"_s, u"import"_s, TestSupport::writeDefinition(m_dir, def)});
        if (r.code != 0)
            qFatal("import failed: %s", qPrintable(r.err));
        return QString::fromUtf8(r.out).trimmed();
    }

private Q_SLOTS:
    void initTestCase() { m_db = m_dir.filePath(u"cli.db"_s); }

    void importAnalyzeStatusLogs()
    {
        TestSupport::writeFile(m_dir, u"list.csv"_s,
                               "email,first_name\n"
                               "minji@example.com,민지\n"
                               "=cmd@example.com,Formula\n"
                               "bad address,X\n"
                               "minji@example.com,again\n"
                               "too,many,fields\n");
        Result r =
            cli({u"delivery"_s, u"import"_s, TestSupport::writeDefinition(m_dir, TestSupport::cleanDefinition())});
        QCOMPARE(r.code, 0);
        bool isNumber = false;
        const QString id = QString::fromUtf8(r.out).trimmed();
        id.toLongLong(&isNumber);
        QVERIFY2(isNumber, r.out.constData());
        QVERIFY2(r.err.contains(m_dir.filePath(u"list.csv"_s) + u":6: "_s), qPrintable(r.err));

        r = cli({u"analyze"_s, id});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("To deliver: 2"));

        r = cli({u"analyze"_s, id, u"--json"_s});
        QCOMPARE(r.code, 0);
        const QJsonObject report = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(report.value(u"to_deliver"_s).toInt(), 2);
        QCOMPARE(report.value(u"to_exclude"_s).toInt(), 2);
        QCOMPARE(report.value(u"blocked"_s).toBool(), false);

        r = cli({u"status"_s, id, u"--json"_s});
        QCOMPARE(r.code, 0);
        const QJsonObject status = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(status.value(u"id"_s).toInteger(), id.toLongLong());
        QCOMPARE(status.value(u"state"_s).toString(), u"analyzed"_s);
        QCOMPARE(status.value(u"targeted"_s).toInt(), 4);
        QCOMPARE(status.value(u"to_deliver"_s).toInt(), 2);
        QCOMPARE(status.value(u"excluded"_s).toInt(), 2);
        const QJsonObject counts = status.value(u"counts"_s).toObject();
        for (const QString &k :
             {u"pending"_s, u"taken_into_account"_s, u"sent"_s, u"failed"_s, u"ignored"_s, u"canceled"_s})
            QVERIFY2(counts.contains(k), qPrintable(k));
        QCOMPARE(counts.value(u"pending"_s).toInt(), 2);
        QCOMPARE(counts.value(u"ignored"_s).toInt(), 2);
        QVERIFY(status.contains(u"in_retry"_s));
        QCOMPARE(status.value(u"success_pct"_s).toDouble(), 0.0);

        r = cli({u"logs"_s, id, u"--format"_s, u"csv"_s});
        QCOMPARE(r.code, 0);
        const QList<QByteArray> lines = r.out.split('\n');
        QVERIFY(lines.first().startsWith(
            "email,state,failure_type,failure_reason,last_reply,attempts,message_id,updated_at"));
        QCOMPARE(r.out.count("\r\n"), 5); // header + one row per recipient
        QVERIFY(r.out.contains("minji@example.com,pending,"));
        QVERIFY(r.out.contains("'=cmd@example.com,pending")); // neutralized for spreadsheets
        QVERIFY(r.out.contains(",ignored,ignored,duplicate,"));

        r = cli({u"logs"_s, id, u"--format"_s, u"json"_s, u"--state"_s, u"ignored"_s});
        QCOMPARE(r.code, 0);
        const QJsonArray rows = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).toObject().value(u"failure_reason"_s).toString(), u"invalid_address"_s);
        QCOMPARE(rows.at(1).toObject().value(u"state"_s).toString(), u"ignored"_s);

        r = cli({u"logs"_s, id, u"--format"_s, u"json"_s, u"--state"_s, u"sent"_s});
        QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 0);

        r = cli({u"delivery"_s, u"list"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("Test delivery"));
    }

    void analysisBlockedExits3()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"subject"_s] = u"Hi {{first_name"_s;
        const QString id = importList("email,first_name\na@example.com,A\n", def);
        const Result r = cli({u"analyze"_s, id});
        QCOMPARE(r.code, 3);
        QVERIFY(r.out.contains("BLOCKED"));
        QVERIFY(r.out.contains("unbalanced"));
        const Result s = cli({u"status"_s, id, u"--json"_s});
        QCOMPARE(QJsonDocument::fromJson(s.out).object().value(u"state"_s).toString(), u"analysis_failed"_s);
    }

    void badInputExits2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList{} << u"no command"_s;
        QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << u"unknown command 'frobnicate'"_s;
        QTest::newRow("bad id") << QStringList{u"status"_s, u"abc"_s} << u"'abc' is not a delivery id"_s;
        QTest::newRow("missing delivery")
            << QStringList{u"status"_s, u"4242"_s, u"--json"_s} << u"no delivery with id 4242"_s;
        QTest::newRow("logs bad state") << QStringList{u"logs"_s, u"1"_s, u"--state"_s, u"delivered"_s} << u"--state"_s;
        QTest::newRow("logs bad format") << QStringList{u"logs"_s, u"1"_s, u"--format"_s, u"xml"_s} << u"--format"_s;
        QTest::newRow("missing definition")
            << QStringList{u"delivery"_s, u"import"_s, u"/nonexistent/def.json"_s} << u"/nonexistent/def.json"_s;
    }

    void badInputExits2()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void badDefinitionNamesFieldAndFile()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"validity"_s] = u"forever"_s;
        def.remove(u"name"_s);
        TestSupport::writeFile(m_dir, u"list.csv"_s, "email\na@example.com\n");
        const QString path = TestSupport::writeDefinition(m_dir, def, u"broken.json"_s);
        const Result r = cli({u"delivery"_s, u"import"_s, path});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(path + u": field 'validity'"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(path + u": field 'name': required"_s), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());

        TestSupport::writeFile(m_dir, u"syntax.json"_s, "{\"name\": \"x\",,}");
        const Result s = cli({u"delivery"_s, u"import"_s, m_dir.filePath(u"syntax.json"_s)});
        QCOMPARE(s.code, 2);
        QVERIFY2(s.err.contains(u"syntax.json: not valid JSON at offset"_s), qPrintable(s.err));
    }

    void binaryListRefused()
    {
        TestSupport::writeFile(m_dir, u"list.csv"_s,
                               QByteArray("\x7f"
                                          "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                          16));
        const Result r =
            cli({u"delivery"_s, u"import"_s, TestSupport::writeDefinition(m_dir, TestSupport::cleanDefinition())});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"list.csv"_s) && r.err.contains(u"nothing was imported"_s), qPrintable(r.err));
    }

    void dkimKeygenAndCheck()
    {
        const QString key = m_dir.filePath(u"dkim-rsa.pem"_s);
        Result r =
            cli({u"dkim"_s, u"keygen"_s, u"--out"_s, key, u"--domain"_s, u"acme.example"_s, u"--selector"_s, u"s1"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(QFile::permissions(key) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        QVERIFY(r.out.contains("s1._domainkey.acme.example. IN TXT ( \"v=DKIM1; k=rsa; p="));
        // Every quoted string fits a DNS character-string.
        static const QRegularExpression part(u"\"([^\"]*)\""_s);
        QString txt;
        for (const auto &m : part.globalMatch(QString::fromUtf8(r.out))) {
            QVERIFY(m.captured(1).size() <= 255);
            txt += m.captured(1);
        }
        QCOMPARE(cli({u"dkim"_s, u"check"_s, key, u"--txt"_s, txt}).code, 0);
        const QString other = m_dir.filePath(u"dkim-ed.pem"_s);
        QCOMPARE(cli({u"dkim"_s, u"keygen"_s, u"--out"_s, other, u"--type"_s, u"ed25519"_s}).code, 0);
        r = cli({u"dkim"_s, u"check"_s, other, u"--txt"_s, txt});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.contains("mismatch"));
        QCOMPARE(cli({u"dkim"_s, u"keygen"_s, u"--out"_s, key}).code, 2); // never overwrites a key
        QCOMPARE(cli({u"dkim"_s, u"keygen"_s, u"--out"_s, m_dir.filePath(u"x.pem"_s), u"--bits"_s, u"1024"_s}).code, 2);
    }

    void unusableDatabaseExits1()
    {
        const QString notADb = TestSupport::writeFile(m_dir, u"text.db"_s, QByteArray(4096, 'x'));
        const Result r = cli({u"status"_s, u"1"_s}, notADb);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(notADb), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
