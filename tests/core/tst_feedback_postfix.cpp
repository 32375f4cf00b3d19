// The feedback loop end to end with real mail software (tests/peers): sendscope-cli sends a
// relay delivery through Postfix with a VERP envelope sender and DSN parameters; Postfix relays
// to smtp-sinks that accept (without DSN support, so Postfix itself reports "relayed"), refuse
// with 550 5.1.1 or defer with 452; Postfix writes its own RFC 3464 reports to the bounce
// mailbox; sendscope-cli reads them from Dovecot over IMAP STARTTLS (verified with the test CA)
// while the delivery waits, and the delivery finishes. Everything is checked through the CLI's
// machine output, as a script would.
#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

class TstFeedbackPostfix final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_ca;
    QString m_db;

    static bool listening(quint16 port)
    {
        QTcpSocket s;
        s.connectToHost(u"127.0.0.1"_s, port);
        return s.waitForConnected(1000);
    }

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };

    Run cli(const QStringList &args, int timeoutMs = 60000)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"SENDSCOPE_TEST_IMAP_PASSWORD"_s, qEnvironmentVariable("SENDSCOPE_PEERS_PASSWORD", u"secret"_s));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SENDSCOPE_CLI_PATH), QStringList{u"--db"_s, m_db} + args);
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
            qWarning("sendscope-cli %s timed out; stderr: %s", qPrintable(args.join(u' ')),
                     p.readAllStandardError().constData());
            return {};
        }
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QJsonObject route()
    {
        return QJsonObject{
            {u"type"_s, u"relay"_s},
            {u"host"_s, u"127.0.0.1"_s},
            {u"port"_s, 2587},
            {u"tls"_s, u"starttls-required"_s},
            {u"ca_file"_s, m_ca},
            {u"dsn"_s, true},
            {u"verp"_s, true},
            {u"bounce_address"_s, u"bounce@sendscope.test"_s},
            {u"bounce_mailbox"_s,
             QJsonObject{{u"host"_s, u"127.0.0.1"_s},
                         {u"port"_s, 1143},
                         {u"tls"_s, u"starttls"_s},
                         {u"username"_s, qEnvironmentVariable("SENDSCOPE_PEERS_USER", u"bounce"_s)},
                         {u"password_env"_s, u"SENDSCOPE_TEST_IMAP_PASSWORD"_s},
                         {u"ca_file"_s, m_ca},
                         {u"peer_name"_s, u"mx.sendscope.test"_s},
                         {u"poll_s"_s, 1}}},
        };
    }

    qint64 importDelivery(const QString &name, const QByteArray &csv, const QString &validity)
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"from"_s] = QJsonObject{{u"name"_s, u"Sendscope test"_s}, {u"address"_s, u"news@sendscope.test"_s}};
        def[u"route"_s] = route();
        def[u"validity"_s] = validity;
        def[u"recipients"_s] = QJsonObject{{u"csv"_s, QString(name + u".csv"_s)}};
        TestSupport::writeFile(m_dir, name + u".csv"_s, csv);
        const Run r = cli({u"delivery"_s, u"import"_s, TestSupport::writeDefinition(m_dir, def, name + u".json"_s)});
        if (r.code != 0)
            qFatal("import: %s", r.err.constData());
        return r.out.trimmed().toLongLong();
    }

    QJsonObject status(qint64 id)
    {
        const Run r = cli({u"status"_s, QString::number(id), u"--json"_s});
        return QJsonDocument::fromJson(r.out).object();
    }

    QMap<QString, QJsonObject> logs(qint64 id)
    {
        QMap<QString, QJsonObject> out;
        const Run r = cli({u"logs"_s, QString::number(id), u"--format"_s, u"json"_s});
        for (const QJsonValue v : QJsonDocument::fromJson(r.out).array())
            out.insert(v[u"email"_s].toString(), v.toObject());
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString dir = qEnvironmentVariable("SENDSCOPE_PEERS_DIR", u"/var/tmp/sendscope-peers"_s);
        m_ca = dir + u"/tls/ca.pem"_s;
        if (!QFile::exists(m_ca) || !listening(2587) || !listening(1143) || !listening(2526) || !listening(2531)) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL("the Postfix and Dovecot peers are not running (tests/peers/start-peers.sh)");
            QSKIP("the Postfix and Dovecot peers are not running; start them with tests/peers/start-peers.sh");
        }
        m_db = m_dir.filePath(u"feedback-e2e.db"_s);
    }

    void aRelayDeliveryFinishesFromPostfixReports()
    {
        // 100 recipients: 90 Postfix relays to a sink without DSN ("relayed" reports), 10 the
        // sink refuses with 550 5.1.1 (failure reports). Nothing is known at hand-off.
        QByteArray csv = "email\n";
        for (int i = 0; i < 90; ++i)
            csv += "ok" + QByteArray::number(i) + "@sinknodsn.test\n";
        for (int i = 0; i < 10; ++i)
            csv += "unknown" + QByteArray::number(i) + "@sinkfail.test\n";
        const qint64 id = importDelivery(u"hundred"_s, csv, u"2m"_s);
        const Run sent = cli({u"send"_s, QString::number(id)}, 120000);
        QVERIFY2(sent.code == 0, sent.err.constData());

        const QJsonObject s = status(id);
        QCOMPARE(s[u"state"_s].toString(), u"finished"_s);
        QCOMPARE(s[u"counts"_s][u"sent"_s].toInt(), 90);
        QCOMPARE(s[u"counts"_s][u"failed"_s].toInt(), 10);
        QCOMPARE(s[u"counts"_s][u"taken_into_account"_s].toInt(), 0);
        QCOMPARE(s[u"success_pct"_s].toDouble(), 90.0);
        QCOMPARE(s[u"no_report"_s].toInt(), 0);
        QCOMPARE(s[u"failed_hard"_s].toInt(), 10);
        QCOMPARE(s[u"hard_bounce_rate_pct"_s].toDouble(), 10.0);

        const auto rows = logs(id);
        for (int i = 0; i < 10; ++i) {
            const QJsonObject r = rows.value(u"unknown%1@sinkfail.test"_s.arg(i));
            QCOMPARE(r[u"state"_s].toString(), u"failed"_s);
            QCOMPARE(r[u"failure_type"_s].toString(), u"hard"_s);
            QCOMPARE(r[u"failure_reason"_s].toString(), u"user_unknown"_s);
            QVERIFY2(r[u"last_reply"_s].toString().contains(u"5.1.1"_s), qPrintable(r[u"last_reply"_s].toString()));
        }
        QCOMPARE(rows.value(u"ok0@sinknodsn.test"_s)[u"state"_s].toString(), u"sent"_s);

        // The timeline shows both: the relay's 250 at hand-off, then the report and its rule.
        const Run t =
            cli({u"feedback"_s, u"timeline"_s, QString::number(id), u"unknown3@sinkfail.test"_s, u"--json"_s});
        QCOMPARE(t.code, 0);
        const QJsonArray timeline = QJsonDocument::fromJson(t.out).array();
        QVERIFY2(timeline.size() >= 2, t.out.constData());
        QCOMPARE(timeline.first()[u"source"_s].toString(), u"attempt"_s);
        const QJsonObject report = timeline.last().toObject();
        QCOMPARE(report[u"source"_s].toString(), u"report"_s);
        QCOMPARE(report[u"kind"_s].toString(), u"dsn"_s);
        QCOMPARE(report[u"action"_s].toString(), u"failed"_s);
        QCOMPARE(report[u"applied"_s].toString(), u"failed"_s);
        QVERIFY2(report[u"correlation"_s].toString() == u"verp"_s || report[u"correlation"_s].toString() == u"envid"_s,
                 t.out.constData());
        QVERIFY2(report[u"rule"_s].toString().startsWith(u"reply:"_s), qPrintable(report[u"rule"_s].toString()));

        // A second fetch finds nothing new: every report was applied once.
        const Run again = cli({u"feedback"_s, u"fetch"_s});
        QVERIFY2(again.code == 0, again.err.constData());
        QCOMPARE(status(id)[u"counts"_s][u"sent"_s].toInt(), 90);
    }

    void deferredByTheSinkFailsAfterPostfixGivesUp()
    {
        // The sink defers (452 4.2.2): Postfix sends a delay report (reason updated, still
        // taken into account), then gives up after its 6 s queue lifetime (a failure report).
        const qint64 id = importDelivery(u"deferred"_s, "email\nfull1@sinkdefer.test\nok@sinknodsn.test\n", u"2m"_s);
        const Run sent = cli({u"send"_s, QString::number(id)}, 120000);
        QVERIFY2(sent.code == 0, sent.err.constData());
        const auto rows = logs(id);
        QCOMPARE(rows.value(u"full1@sinkdefer.test"_s)[u"state"_s].toString(), u"failed"_s);
        QCOMPARE(rows.value(u"full1@sinkdefer.test"_s)[u"failure_reason"_s].toString(), u"mailbox_full"_s);
        QCOMPARE(rows.value(u"ok@sinknodsn.test"_s)[u"state"_s].toString(), u"sent"_s);
        const Run t = cli({u"feedback"_s, u"timeline"_s, QString::number(id), u"full1@sinkdefer.test"_s, u"--json"_s});
        bool sawDelay = false;
        for (const QJsonValue v : QJsonDocument::fromJson(t.out).array())
            sawDelay = sawDelay || v[u"action"_s].toString() == u"delayed"_s;
        QVERIFY2(sawDelay, t.out.constData());
    }

    void aForgedBounceFailsNobody()
    {
        // A DSN for a recipient of the first delivery, with a made-up ENVID and no VERP address:
        // imported, kept as unmatched, and nobody's state changes.
        const QJsonObject before = status(1);
        const QByteArray forged =
            "From: MAILER-DAEMON@evil.example\r\nTo: news@sendscope.test\r\nSubject: Undelivered Mail\r\n"
            "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
            "--b\r\nContent-Type: text/plain\r\n\r\nforged\r\n"
            "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; evil.example\r\n"
            "Original-Envelope-Id: d1r5-0123456789abcdef\r\n\r\n"
            "Final-Recipient: rfc822; ok5@sinknodsn.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n--b--\r\n";
        const QString file = TestSupport::writeFile(m_dir, u"forged.eml"_s, forged);
        const Run r = cli({u"feedback"_s, u"import"_s, file});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("0 matched, 1 unmatched"), r.out.constData());
        QCOMPARE(status(1), before);
        const Run u = cli({u"feedback"_s, u"unmatched"_s, u"--json"_s});
        bool listed = false;
        for (const QJsonValue v : QJsonDocument::fromJson(u.out).array())
            listed = listed || v[u"address"_s].toString() == u"ok5@sinknodsn.test"_s;
        QVERIFY2(listed, u.out.constData());
    }
};

QTEST_GUILESS_MAIN(TstFeedbackPostfix)
#include "tst_feedback_postfix.moc"
