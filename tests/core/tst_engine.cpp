// The engine end to end against Postfix's smtp-sink on loopback: every recipient ends in the
// right log state, asserted in the database; retries, validity, waves, contact date, pause,
// stop and crash recovery run on an injected clock.
#include "common/boot_session.h"
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "engine/delivery_run.h"
#include "engine_test_support.h"
#include "log/log_table.h"
#include "message/dkim_key.h"
#include "message/dkim_signer.h"
#include "smtp_sink.h"
#include "store/store.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class TstEngine final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    ManualClock m_clock{1'795'000'000'000};
    int m_count = 0;

    static QByteArray list(int n)
    {
        QByteArray csv = "email,first_name\n";
        for (int i = 0; i < n; ++i)
            csv += "user" + QByteArray::number(i) + "@example.com,Name" + QByteArray::number(i) + "\n";
        return csv;
    }

    static QJsonObject relay(quint16 port, bool acceptanceMeansSent)
    {
        return QJsonObject{{u"type"_s, u"relay"_s},   {u"host"_s, u"127.0.0.1"_s},
                           {u"port"_s, int(port)},    {u"tls"_s, u"none"_s},
                           {u"max_connections"_s, 4}, {u"acceptance_means_sent"_s, QJsonValue(acceptanceMeansSent)}};
    }

    qint64 prepare(const QByteArray &csv, const QJsonObject &route, QJsonObject def = TestSupport::cleanDefinition())
    {
        def[u"route"_s] = route;
        const QString name = u"d%1"_s.arg(++m_count);
        return EngineTest::importAnalyzed(*m_store, m_clock, m_dir, def, csv, name);
    }

    DeliveryRun::End run(qint64 id, const std::function<void(DeliveryRun &)> &during = {})
    {
        return EngineTest::runToEnd(*m_store, id, m_clock, during);
    }

    DeliveryKpis kpis(qint64 id) { return DeliveryQueries(m_store->db()).kpis(id).value(); }

    QList<LogRow> rows(qint64 id)
    {
        QList<LogRow> out;
        DeliveryQueries(m_store->db()).forEachLogRow(id, {}, [&](const LogRow &r) {
            out.append(r);
            return true;
        });
        return out;
    }

    QString scalar(const QString &sql)
    {
        QSqlQuery q(m_store->db());
        if (!q.exec(sql) || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!SmtpSink::available()) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL("smtp-sink is missing; tests/peers/install.sh installs it");
            QSKIP("smtp-sink is missing (apt-get install postfix)");
        }
        m_store = Store::open(m_dir.filePath(u"engine.db"_s), nullptr);
        QVERIFY(m_store);
    }

    void relayAcceptanceMeansSent()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        // Values that try to add headers or end the DATA early reach the wire inert.
        QByteArray csv = list(40);
        csv += "evil@example.com,\"Bob\r\nBcc: victim@example.org\"\n";
        csv += "dots@example.com,\"x\r\n.\r\nMAIL FROM:<ceo@example.com>\"\n";
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"subject"_s] = u"Hello {{first_name|there}}, 안녕하세요"_s;
        const qint64 id = prepare(csv, relay(sink.port(), true), def);
        QCOMPARE(run(id), DeliveryRun::End::Finished);
        const DeliveryKpis k = kpis(id);
        QCOMPARE(k.state, DeliveryState::Finished);
        QCOMPARE(k.count(LogState::Sent), 42);
        QCOMPARE(k.successPct(), 100.0);
        // Exactly one message per recipient, each with the Message-ID the log holds.
        QTRY_COMPARE(sink.dumps().size(), 42);
        QSet<QByteArray> ids;
        for (const QByteArray &d : sink.dumps()) {
            ids.insert(SmtpSink::header(d, "Message-ID"));
            const QByteArray message = SmtpSink::message(d);
            const QByteArray head = message.left(message.indexOf("\n\n") + 1);
            QVERIFY2(!head.contains("\nBcc:") && !head.startsWith("Bcc:"), d.constData());
            QCOMPARE(head.count("\nSubject:") + (head.startsWith("Subject:") ? 1 : 0), 1);
            QVERIFY(!d.contains("X-Rcpt-Args: <victim@example.org>"));
            QVERIFY(!d.contains("X-Mail-Args: <ceo@example.com>"));
        }
        for (const LogRow &r : rows(id)) {
            QVERIFY2(ids.contains(r.messageId.toUtf8()), qPrintable(r.messageId));
            QCOMPARE(r.attempts, 1);
            QVERIFY(r.lastReply.startsWith(u"250"_s));
        }
        QCOMPARE(scalar(u"SELECT count(*) FROM attempts WHERE delivery_id = %1"_s.arg(id)), u"42"_s);
        QVERIFY(!scalar(u"SELECT transcript FROM attempts WHERE delivery_id = %1 LIMIT 1"_s.arg(id)).isEmpty());
    }

    // The invariant every run here is checked against (EngineTest::runToEnd) catches what it
    // is there for: a lost attempt, a recipient without a log state, a stale dashboard.
    void accountingInvariantCanFail()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        const qint64 id = prepare(list(5), relay(sink.port(), true));
        QCOMPARE(run(id), DeliveryRun::End::Finished);
        QCOMPARE(EngineTest::accountingProblem(*m_store, id, nullptr), QString());
        DeliveryKpis stale = kpis(id);
        stale.counts[std::size_t(LogState::Sent)] -= 1;
        stale.counts[std::size_t(LogState::Pending)] += 1;
        QVERIFY(EngineTest::accountingProblem(*m_store, id, &stale).contains(u"snapshot and the log disagree"_s));
        QSqlQuery q(m_store->db());
        QVERIFY(
            q.exec(u"DELETE FROM attempts WHERE id = (SELECT min(id) FROM attempts WHERE delivery_id = %1)"_s.arg(id)));
        QVERIFY(EngineTest::accountingProblem(*m_store, id, nullptr).contains(u"without an attempt"_s));
        QVERIFY(q.exec(u"DELETE FROM recipient_log WHERE recipient_id = "
                       "(SELECT min(recipient_id) FROM recipient_log WHERE delivery_id = %1)"_s.arg(id)));
        QVERIFY(EngineTest::accountingProblem(*m_store, id, nullptr).contains(u"log states"_s));
    }

    void relayAcceptanceIsTakenIntoAccount()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}));
        const qint64 id = prepare(list(10), relay(sink.port(), false));
        QCOMPARE(run(id), DeliveryRun::End::WaitingForReports);
        const DeliveryKpis k = kpis(id);
        QCOMPARE(k.count(LogState::TakenIntoAccount), 10);
        QCOMPARE(k.processed, 10);
        QCOMPARE(k.successPct(), 0.0); // Success rises only with Sent
        QCOMPARE(k.state, DeliveryState::InProgress);
    }

    void hardBounceFailsAndQuarantines()
    {
        SmtpSink sink;
        QVERIFY(
            sink.start({u"-f"_s, u"RCPT"_s, u"-B"_s, u"550 5.1.1 <x>: Recipient address rejected: User unknown"_s}));
        QByteArray csv = "email\ngone1@hard.example\ngone2@hard.example\n";
        const qint64 id = prepare(csv, relay(sink.port(), true));
        QCOMPARE(run(id), DeliveryRun::End::Finished);
        for (const LogRow &r : rows(id)) {
            QCOMPARE(r.state, LogState::Failed);
            QCOMPARE(r.failureType, FailureType::Hard);
            QCOMPARE(r.failureReason, FailureReason::UserUnknown);
            QVERIFY(r.lastReply.startsWith(u"550 5.1.1"_s));
        }
        QCOMPARE(scalar(u"SELECT status FROM quarantine WHERE address = 'gone1@hard.example'"_s), u"quarantine"_s);
        // The next analysis excludes them.
        const qint64 again = prepare(csv + "fresh@hard.example\n", relay(sink.port(), true));
        QCOMPARE(kpis(again).excluded, 2);
        QCOMPARE(DeliveryQueries(m_store->db()).analysisReport(again)->exclusions.value(u"quarantined"_s), 2);
    }

    void softBounceRetriesThenExpires()
    {
        SmtpSink sink;
        QVERIFY(sink.start({u"-r"_s, u"RCPT"_s, u"-b"_s, u"452 4.2.2 Mailbox full"_s}));
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"validity"_s] = u"1h"_s;
        def[u"retry"_s] = QJsonObject{{u"period"_s, u"10m"_s}, {u"max_period"_s, u"20m"_s}};
        const qint64 id = prepare("email\nfull1@soft.example\nfull2@soft.example\n", relay(sink.port(), true), def);
        const qint64 t0 = m_clock.nowMs();
        DeliveryRun::End end = run(id, [&](DeliveryRun &) {
            // First attempt: soft; state stays, reason set, retry in 10 minutes.
            QTRY_COMPARE(kpis(id).inRetry, 2);
            for (const LogRow &r : rows(id)) {
                QCOMPARE(r.state, LogState::Pending); // the relay never took it
                QCOMPARE(r.failureReason, FailureReason::MailboxFull);
                QCOMPARE(r.nextAttemptAtMs, t0 + 10 * 60'000);
            }
            m_clock.advanceMs(10 * 60'000);
            QTRY_COMPARE(rows(id).first().attempts, 2);
            QTRY_COMPARE(rows(id).first().nextAttemptAtMs, m_clock.nowMs() + 20 * 60'000); // doubled
            m_clock.advanceMs(20 * 60'000);
            QTRY_COMPARE(rows(id).first().attempts, 3);
            m_clock.advanceMs(40 * 60'000); // past the validity end
        });
        QCOMPARE(end, DeliveryRun::End::Finished);
        for (const LogRow &r : rows(id)) {
            QCOMPARE(r.state, LogState::Failed);
            QVERIFY(r.validityExpired);
            QCOMPARE(r.failureReason, FailureReason::MailboxFull);
            QCOMPARE(r.failureType, FailureType::Soft);
        }
        // A soft address error is counted, not quarantined at once.
        QCOMPARE(scalar(u"SELECT status FROM quarantine WHERE address = 'full1@soft.example'"_s), u"with_errors"_s);
    }

    void droppedConnectionAnd421AreSoft_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("dropped at RCPT") << QStringList{u"-q"_s, u"RCPT"_s};
        QTest::newRow("421 at MAIL") << QStringList{u"-Q"_s, u"MAIL"_s};
    }

    void droppedConnectionAnd421AreSoft()
    {
        QFETCH(QStringList, options);
        SmtpSink sink;
        QVERIFY(sink.start(options));
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"validity"_s] = u"1h"_s;
        const qint64 id = prepare(list(3), relay(sink.port(), true), def);
        run(id, [&](DeliveryRun &) {
            QTRY_COMPARE(kpis(id).inRetry, 3);
            for (const LogRow &r : rows(id)) {
                QCOMPARE(r.failureType, FailureType::Soft);
                QCOMPARE(r.state, LogState::Pending);
            }
            m_clock.advanceMs(2 * 3600'000);
        });
        QCOMPARE(kpis(id).count(LogState::Failed), 3);
    }

    void directRouteSentOnRemote250()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        const QJsonObject route{
            {u"type"_s, u"direct"_s},
            {u"tls"_s, u"starttls"_s},
            {u"mx_override"_s, QJsonObject{{u"example.com"_s, u"127.0.0.1:%1"_s.arg(sink.port())}}}};
        const qint64 id = prepare(list(12), route);
        QCOMPARE(run(id), DeliveryRun::End::Finished);
        QCOMPARE(kpis(id).count(LogState::Sent), 12);
        QTRY_COMPARE(sink.dumps().size(), 12);
    }

    void wavesAndContactDate()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"contact_date"_s] =
            QDateTime::fromMSecsSinceEpoch(m_clock.nowMs() + 3600'000, Qt::UTC).toString(Qt::ISODate);
        def[u"waves"_s] = QJsonObject{{u"mode"_s, u"same_size"_s}, {u"size"_s, u"50%"_s}, {u"interval"_s, u"2h"_s}};
        const qint64 id = prepare(list(10), relay(sink.port(), true), def);
        const DeliveryRun::End end = run(id, [&](DeliveryRun &) {
            QTRY_COMPARE(kpis(id).state, DeliveryState::Pending); // waiting for the contact date
            QTest::qWait(100);
            QCOMPARE(kpis(id).processed, 0);
            m_clock.advanceMs(3600'000);
            QTRY_COMPARE(kpis(id).count(LogState::Sent), 5); // the first wave only
            QTest::qWait(100);
            QCOMPARE(kpis(id).count(LogState::Pending), 5);
            QCOMPARE(kpis(id).state, DeliveryState::InProgress);
            m_clock.advanceMs(2 * 3600'000);
        });
        QCOMPARE(end, DeliveryRun::End::Finished);
        QCOMPARE(kpis(id).count(LogState::Sent), 10);
        QCOMPARE(sink.dumps().size(), 10);
    }

    void stopCancelsWhatWasNotHandedOver()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}));
        const qint64 id = prepare(list(30), relay(sink.port(), true));
        const DeliveryRun::End end = run(id, [&](DeliveryRun &r) { r.stop(); });
        QCOMPARE(end, DeliveryRun::End::Stopped);
        const DeliveryKpis k = kpis(id);
        QCOMPARE(k.state, DeliveryState::Stopped);
        QCOMPARE(k.count(LogState::Pending), 0);
        QCOMPARE(k.count(LogState::Canceled) + k.count(LogState::Sent), 30);
        QVERIFY(k.count(LogState::Canceled) > 0);
    }

    void pauseThenResume()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"waves"_s] = QJsonObject{{u"mode"_s, u"same_size"_s}, {u"size"_s, 10}, {u"interval"_s, u"1h"_s}};
        const qint64 id = prepare(list(20), relay(sink.port(), true), def);
        const DeliveryRun::End end = run(id, [&](DeliveryRun &r) {
            QTRY_COMPARE(kpis(id).count(LogState::Sent), 10);
            r.pause();
        });
        QCOMPARE(end, DeliveryRun::End::Paused);
        QCOMPARE(kpis(id).state, DeliveryState::Paused);
        m_clock.advanceMs(3600'000);
        QCOMPARE(run(id), DeliveryRun::End::Finished);
        QCOMPARE(kpis(id).count(LogState::Sent), 20);
        QCOMPARE(sink.dumps().size(), 20); // nobody twice
    }

    void recoversAttemptsLeftInFlight_data()
    {
        QTest::addColumn<bool>("reboot");
        QTest::newRow("same boot") << false;
        QTest::newRow("after a reboot") << true;
    }

    void recoversAttemptsLeftInFlight()
    {
        QFETCH(bool, reboot);
        if (!reboot && BootSession::id().isEmpty())
            QSKIP("this system does not say which boot it is in: every recovery counts as after a reboot");
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        const qint64 id = prepare(list(6), relay(sink.port(), true));
        // As if the process had died after recording two attempts in flight, the first of them
        // with its final dot due (docs/reliability.md C1/C2).
        QList<qint64> ids;
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(
            u"SELECT recipient_id FROM recipient_log WHERE delivery_id = %1 ORDER BY recipient_id LIMIT 2"_s.arg(id)));
        while (q.next())
            ids.append(q.value(0).toLongLong());
        DeliveryService service(*m_store, m_clock);
        LogEvent started;
        started.kind = LogEvent::Kind::AttemptStarted;
        bool ok = false;
        LogEvent endOfData;
        endOfData.kind = LogEvent::Kind::EndOfDataDue;
        service.applyEvents({{ids[0], started}, {ids[1], started}, {ids[0], endOfData}}, &ok);
        QVERIFY(ok);
        // The marks are committed without a sync: after a reboot they may have been lost, so
        // every attempt left in flight is flagged.
        QVERIFY(q.exec(
            u"UPDATE deliveries SET boot_id = '%1' WHERE id = %2"_s.arg(reboot ? u"another-boot"_s : BootSession::id())
                .arg(id)));
        DeliveryRun r(*m_store, id, m_clock, EngineTest::fastOptions());
        QVERIFY(r.prepare());
        QCOMPARE(r.possibleDuplicates(), reboot ? 2 : 1);
        QSignalSpy ended(&r, &DeliveryRun::ended);
        r.start();
        QVERIFY(ended.wait(20000));
        int flagged = 0;
        for (const LogRow &row : rows(id)) {
            QCOMPARE(row.state, LogState::Sent);
            flagged += row.possibleDuplicate ? 1 : 0;
            if (row.recipientId == ids[0]) {
                QVERIFY(row.possibleDuplicate);
                QCOMPARE(row.attempts, 2);
            } else if (row.recipientId == ids[1]) {
                // It never reached its final dot: nothing went out, unless the mark was lost.
                QCOMPARE(row.possibleDuplicate, reboot);
                QCOMPARE(row.attempts, reboot ? 2 : 1);
            }
        }
        QCOMPARE(flagged, reboot ? 2 : 1);
        QCOMPARE(sink.dumps().size(), 6);
    }

    // DKIM through the whole engine: what the sink captured verifies with dkimpy, both the
    // RSA and the Ed25519 signature, and a tampered copy does not.
    void capturedMessagesVerifyWithDkimpy()
    {
        const QString python = u"/usr/bin/python3"_s;
        const QString verifier = QStringLiteral(SENDSCOPE_TEST_DATA) + u"/../peers/verify_dkim.py"_s;
        if (QProcess::execute(python, {u"-c"_s, u"import dkim, nacl"_s}) != 0) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL("python3-dkim is missing; tests/peers/install.sh installs it");
            QSKIP("python3-dkim is missing (apt-get install python3-dkim)");
        }
        QString error;
        const DkimKey rsa = DkimKey::generateRsa(2048, &error);
        const DkimKey ed = DkimKey::generateEd25519(&error);
        QVERIFY2(!rsa.isNull() && !ed.isNull(), qPrintable(error));
        QVERIFY(rsa.writePrivatePem(m_dir.filePath(u"rsa.pem"_s), &error));
        QVERIFY(ed.writePrivatePem(m_dir.filePath(u"ed.pem"_s), &error));
        TestSupport::writeFile(m_dir, u"keys.txt"_s,
                               (u"s1._domainkey.acme.example "_s + rsa.dnsTxtValue() + u"\n"_s +
                                u"s1-ed._domainkey.acme.example "_s + ed.dnsTxtValue() + u"\n"_s)
                                   .toUtf8());
        QString openDkim = QStandardPaths::findExecutable(u"opendkim"_s, {u"/usr/sbin"_s, u"/usr/bin"_s});
        TestSupport::writeFile(m_dir, u"opendkim.conf"_s,
                               "Mode v\nSyslog no\nTestPublicKeys " + m_dir.filePath(u"keys.txt"_s).toUtf8() + "\n");
        SmtpSink sink;
        QVERIFY(sink.start({}, true));
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"subject"_s] = u"11월 뉴스레터: 안녕하세요 {{first_name|고객}}님"_s;
        def[u"text"_s] =
            QString(u".leading dot\n..two dots\n"_s + QString(3000, u'x') + u"\nUnsubscribe: https://acme.example/u"_s);
        def[u"dkim"_s] = QJsonObject{{u"domain"_s, u"acme.example"_s},
                                     {u"selector"_s, u"s1"_s},
                                     {u"key_file"_s, m_dir.filePath(u"rsa.pem"_s)},
                                     {u"ed25519_key_file"_s, m_dir.filePath(u"ed.pem"_s)},
                                     {u"ed25519_selector"_s, u"s1-ed"_s}};
        const qint64 id =
            prepare("email,first_name\nkim@example.com,김민지\nlee@example.com,\n", relay(sink.port(), true), def);
        QCOMPARE(run(id), DeliveryRun::End::Finished);
        QTRY_COMPARE(sink.dumps().size(), 2);
        for (const QByteArray &dump : sink.dumps()) {
            const QByteArray message = SmtpSink::message(dump);
            QVERIFY(message.contains("DKIM-Signature: v=1; a=rsa-sha256"));
            QVERIFY(message.contains("a=ed25519-sha256"));
            QProcess verify;
            verify.start(python, {verifier, u"--keys"_s, m_dir.filePath(u"keys.txt"_s), u"--expect"_s, u"2"_s, u"-"_s});
            verify.write(message);
            verify.closeWriteChannel();
            QVERIFY(verify.waitForFinished(30000));
            QVERIFY2(verify.exitCode() == 0, verify.readAll().constData());

            // And OpenDKIM: "opendkim -t" exits 0 whatever happens; its -vv output carries one
            // dkim= result per signature.
            if (!openDkim.isEmpty()) {
                const QString file = TestSupport::writeFile(m_dir, u"captured.eml"_s, message);
                QProcess od;
                od.setProcessChannelMode(QProcess::MergedChannels);
                od.start(openDkim, {u"-x"_s, m_dir.filePath(u"opendkim.conf"_s), u"-vv"_s, u"-t"_s, file});
                QVERIFY(od.waitForFinished(30000));
                const QString out = QString::fromUtf8(od.readAll());
                QCOMPARE(out.count(u"dkim=pass"_s), 2);
                QVERIFY2(!out.contains(u"dkim=fail"_s), qPrintable(out));
            } else if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS")) {
                QFAIL("opendkim is missing; tests/peers/install.sh installs it");
            }

            QByteArray tampered = message;
            tampered.replace("two dots", "two dotz");
            QProcess bad;
            bad.start(python, {verifier, u"--keys"_s, m_dir.filePath(u"keys.txt"_s), u"-"_s});
            bad.write(tampered);
            bad.closeWriteChannel();
            QVERIFY(bad.waitForFinished(30000));
            QVERIFY(bad.exitCode() != 0);
        }
    }

    void senderProblemsAreNotTheRecipients()
    {
        // A refused sender is the sender's problem: retried, never a hard bounce, no quarantine.
        SmtpSink sink;
        QVERIFY(sink.start({u"-f"_s, u"MAIL"_s, u"-B"_s,
                            u"550 5.1.0 <news@acme.example>: Sender address rejected: User unknown in local "
                            "recipient table"_s}));
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"validity"_s] = u"1h"_s;
        const qint64 id =
            prepare("email\nvictim1@sender.example\nvictim2@sender.example\n", relay(sink.port(), true), def);
        run(id, [&](DeliveryRun &) {
            QTRY_COMPARE(kpis(id).inRetry, 2);
            for (const LogRow &r : rows(id)) {
                QCOMPARE(r.failureType, FailureType::Soft);
                QCOMPARE(r.failureReason, FailureReason::Refused);
            }
            m_clock.advanceMs(2 * 3600'000);
        });
        QCOMPARE(scalar(u"SELECT count(*) FROM quarantine WHERE address LIKE '%@sender.example'"_s), u"0"_s);
    }

    void oneRunPerDelivery()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}));
        const qint64 id = prepare(list(3), relay(sink.port(), true));
        DeliveryRun first(*m_store, id, m_clock, EngineTest::fastOptions());
        QVERIFY(first.prepare());
        DeliveryRun second(*m_store, id, m_clock, EngineTest::fastOptions());
        QVERIFY(!second.prepare());
        QVERIFY2(second.error().contains(u"already being sent"_s), qPrintable(second.error()));
    }

    void stopCancelsSoftFailuresInFlight()
    {
        SmtpSink sink;
        // Accepted at RCPT, held a second at DATA, then refused softly after the final dot:
        // messages are surely in flight when the stop comes.
        QVERIFY(sink.start({u"-r"_s, u"."_s, u"-b"_s, u"452 4.2.2 Mailbox full"_s, u"-w"_s, u"1"_s}));
        const qint64 id = prepare(list(8), relay(sink.port(), true));
        QElapsedTimer timer;
        timer.start();
        const DeliveryRun::End end = run(id, [&](DeliveryRun &r) {
            QTRY_VERIFY(scalar(u"SELECT count(*) FROM recipient_log WHERE delivery_id = %1 AND in_flight = 1"_s.arg(id))
                            .toInt() > 0);
            r.stop();
        });
        QCOMPARE(end, DeliveryRun::End::Stopped);
        QVERIFY(timer.elapsed() < 15000); // not at the validity end
        const DeliveryKpis k = kpis(id);
        QCOMPARE(k.count(LogState::Canceled), 8);
        QCOMPARE(k.count(LogState::Pending), 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM recipient_log WHERE delivery_id = %1 AND in_flight = 1"_s.arg(id)),
                 u"0"_s);
    }

    void pauseHandsNothingNewOver()
    {
        SmtpSink sink;
        QVERIFY(sink.start({u"-w"_s, u"1"_s}, true)); // a slow DATA reply keeps messages waiting
        QJsonObject route = relay(sink.port(), true);
        route[u"max_connections"_s] = 1;
        route[u"max_in_flight"_s] = 12;
        const qint64 id = prepare(list(12), route);
        const DeliveryRun::End end = run(id, [&](DeliveryRun &r) {
            QTRY_VERIFY(scalar(u"SELECT count(*) FROM recipient_log WHERE delivery_id = %1 AND in_flight = 1"_s.arg(id))
                            .toInt() >= 6);
            r.pause();
        });
        QCOMPARE(end, DeliveryRun::End::Paused);
        const DeliveryKpis k = kpis(id);
        // Only what a connection had already taken went out; the rest were taken back.
        QVERIFY2(k.count(LogState::Sent) <= 4, qPrintable(QString::number(k.count(LogState::Sent))));
        QCOMPARE(k.count(LogState::Sent) + k.count(LogState::Pending), 12);
        QCOMPARE(scalar(u"SELECT count(*) FROM recipient_log WHERE delivery_id = %1 AND in_flight = 1"_s.arg(id)),
                 u"0"_s);
        QCOMPARE(scalar(u"SELECT count(*) FROM recipient_log WHERE delivery_id = %1 AND state = 'pending' "
                        "AND attempts > 0"_s.arg(id)),
                 u"0"_s);
        QTRY_COMPARE(sink.dumps().size(), int(k.count(LogState::Sent)));
    }

    void refusesToRunWhatCannotRun()
    {
        SmtpSink sink;
        QVERIFY(sink.start({}));
        TestSupport::writeFile(m_dir, u"blocked.csv"_s, "email\na@example.com\n");
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"recipients"_s] = QJsonObject{{u"csv"_s, u"blocked.csv"_s}};
        def[u"subject"_s] = u"{{broken"_s;
        DeliveryService service(*m_store, m_clock);
        const auto imported = service.importDefinition(TestSupport::writeDefinition(m_dir, def, u"blocked.json"_s));
        QVERIFY(service.analyze(imported.deliveryId).report.blocked());
        DeliveryRun r(*m_store, imported.deliveryId, m_clock, EngineTest::fastOptions());
        QVERIFY(!r.prepare());
        QVERIFY2(r.error().contains(u"analysis_failed"_s), qPrintable(r.error()));

        QJsonObject authRoute = relay(sink.port(), true);
        authRoute[u"username"_s] = u"news"_s;
        authRoute[u"password_env"_s] = u"SENDSCOPE_TEST_UNSET_PASSWORD"_s;
        const qint64 id = prepare(list(1), authRoute);
        DeliveryRun r2(*m_store, id, m_clock, EngineTest::fastOptions());
        QVERIFY(!r2.prepare());
        QVERIFY2(r2.error().contains(u"SENDSCOPE_TEST_UNSET_PASSWORD"_s), qPrintable(r2.error()));
    }
};

QTEST_GUILESS_MAIN(TstEngine)
#include "tst_engine.moc"
