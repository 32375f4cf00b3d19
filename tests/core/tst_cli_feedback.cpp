// sendscope-cli qualify and feedback classify as a user runs them (no database needed).
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TstCliFeedback final : public QObject
{
    Q_OBJECT

    struct Result
    {
        int code = -1;
        QByteArray out;
        QString err;
    };

    Result cli(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(SENDSCOPE_CLI_PATH), args);
        if (!p.waitForFinished(60000))
            qFatal("sendscope-cli did not finish");
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
                QString::fromUtf8(p.readAllStandardError())};
    }

    static QString fixture(const QString &name) { return QStringLiteral(SENDSCOPE_TEST_DATA) + u"/bounces/"_s + name; }

private Q_SLOTS:
    void qualifyJson()
    {
        Result r = cli({u"qualify"_s, u"--json"_s, u"550 5.1.1 <a@b.example>: Recipient address rejected"_s});
        QCOMPARE(r.code, 0);
        QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(u"type"_s).toString(), u"hard"_s);
        QCOMPARE(o.value(u"reason"_s).toString(), u"user_unknown"_s);
        QCOMPARE(o.value(u"rule"_s).toInt(), 1);

        r = cli({u"qualify"_s, u"--json"_s, u"452 4.2.2 Mailbox full"_s});
        o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(u"reason"_s).toString(), u"mailbox_full"_s);

        r = cli({u"qualify"_s, u"mailbox full please"_s});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"not an SMTP reply"_s), qPrintable(r.err));
        r = cli({u"qualify"_s, u"250 2.0.0 Ok"_s});
        QCOMPARE(r.code, 2);
    }

    void qualifyPlain()
    {
        const Result r = cli({u"qualify"_s, u"550 5.7.1 blocked by policy"_s});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("type: soft") && r.out.contains("reason: refused"), r.out.constData());
    }

    void classifyJsonInArgumentOrder()
    {
        QTemporaryDir dir;
        const QString autoReply = dir.filePath(u"away.eml"_s);
        QFile f(autoReply);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("From: ji@example.com\r\nAuto-Submitted: auto-replied\r\nSubject: away\r\n\r\nback soon\r\n");
        f.close();
        const QString missing = dir.filePath(u"missing.eml"_s);
        const Result r = cli({u"feedback"_s, u"classify"_s, u"--json"_s, fixture(u"postfix_user_unknown_1.eml"_s),
                              missing, autoReply, fixture(u"postfix_relayed_1.eml"_s)});
        QCOMPARE(r.code, 2); // one file could not be read
        QVERIFY2(r.err.contains(missing), qPrintable(r.err));
        const QJsonArray a = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(a.size(), 3);
        QCOMPARE(a.at(0)[u"file"_s].toString(), fixture(u"postfix_user_unknown_1.eml"_s));
        QCOMPARE(a.at(0)[u"kind"_s].toString(), u"dsn"_s);
        const QJsonObject rcpt = a.at(0)[u"recipients"_s].toArray().at(0).toObject();
        QCOMPARE(rcpt.value(u"address"_s).toString(), u"alice@sinkfail.test"_s);
        QCOMPARE(rcpt.value(u"action"_s).toString(), u"failed"_s);
        QCOMPARE(rcpt.value(u"status"_s).toString(), u"5.1.1"_s);
        QCOMPARE(rcpt.value(u"type"_s).toString(), u"hard"_s);
        QCOMPARE(rcpt.value(u"reason"_s).toString(), u"user_unknown"_s);
        QVERIFY(rcpt.value(u"diagnostic"_s).toString().startsWith(u"550 5.1.1"_s));
        QCOMPARE(a.at(1)[u"kind"_s].toString(), u"auto_reply"_s);
        QCOMPARE(a.at(2)[u"recipients"_s].toArray().at(0)[u"action"_s].toString(), u"relayed"_s);
    }

    void classifyTable()
    {
        const Result r = cli({u"feedback"_s, u"classify"_s, fixture(u"postfix_mailbox_full_1.eml"_s)});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("dsn") && r.out.contains("bob@sinkdefer.test") && r.out.contains("mailbox_full"),
                 r.out.constData());
        QCOMPARE(cli({u"feedback"_s, u"classify"_s}).code, 2);
        QCOMPARE(cli({u"feedback"_s, u"sort"_s}).code, 2);
    }
};

QTEST_GUILESS_MAIN(TstCliFeedback)
#include "tst_cli_feedback.moc"
