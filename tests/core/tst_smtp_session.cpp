#include "smtp_session_harness.h"

// The SMTP session against Postfix's smtp-sink on loopback: acceptance, rejections, drops,
// exactly what arrives, pipelining, limits, and the session's own contract (abort, reentrancy,
// threads). TLS and AUTH are in tst_smtp_session_tls.cpp, hostile servers in
// tst_smtp_session_hostile.cpp.
class TestSmtpSession final : public SmtpSessionTestBase
{
    Q_OBJECT

private slots:
    void initTestCase() { initPki(); }
    void loopbackDecision();
    void tlsPolicyNames();
    void sinkDeliversExactBytes();
    void sinkPipelinesMailRcptData();
    void sinkMessageLimitPerConnection();
    void sinkRejectsRecipient();
    void sinkMailboxFull();
    void sinkDropsAtRcpt();
    void sinkClosesWith421();
    void rsetAfterFailedTransaction();
    void pipelinedDataAcceptedAfterFailedRcpt();
    void sizeRefusedLocally();
    void smtpUtf8();
    void envelopeInjectionNeverWritten();
    void heloFallback();
    void idleConnectionClosedByServer();
    void abortMidSession();
    void holdsTheFinalDotUntilReleased();
    void reentrantCallsFromSignals();
    void runsOnItsOwnThread();
};

void TestSmtpSession::loopbackDecision()
{
    for (const QString &host : {u"127.0.0.1"_s, u"127.8.9.10"_s, u"::1"_s, u"[::1]"_s, u"[IPv6:::1]"_s, u"localhost"_s,
                                u"LOCALHOST."_s, u"[127.0.0.1]"_s})
        QVERIFY2(SmtpSecurity::isLoopback(host), qPrintable(host));
    for (const QString &host : {u"mail.example.com"_s, u"10.0.0.1"_s, u"192.168.1.10"_s, u"::ffff:10.0.0.1"_s,
                                u"localhost.evil.example"_s, u"127.0.0.1.evil.example"_s, QString(), u"0.0.0.0"_s})
        QVERIFY2(!SmtpSecurity::isLoopback(host), qPrintable(host));

    // AUTH over plaintext to a remote host is never allowed, whatever the configuration.
    QVERIFY(!SmtpSecurity::mayAuthenticate(false, false));
    QVERIFY(SmtpSecurity::mayAuthenticate(false, true));
    QVERIFY(SmtpSecurity::mayAuthenticate(true, false));
    QVERIFY(SmtpSecurity::mayAuthenticate(true, true));

    QCOMPARE(SmtpSecurity::addressLiteral(QHostAddress(u"192.0.2.1"_s)), u"[192.0.2.1]"_s);
    QCOMPARE(SmtpSecurity::addressLiteral(QHostAddress(u"2001:db8::1"_s)), u"[IPv6:2001:db8::1]"_s);
    QCOMPARE(SmtpSecurity::addressLiteral(QHostAddress(u"::ffff:192.0.2.1"_s)), u"[192.0.2.1]"_s);
    QVERIFY(SmtpSecurity::isValidHeloName(u"client.example.test"_s));
    QVERIFY(SmtpSecurity::isValidHeloName(u"[192.0.2.1]"_s));
    for (const QString &bad : {QString(), u"a b"_s, u"a\r\nMAIL FROM:<x>"_s, u"caf\u00e9.test"_s})
        QVERIFY(!SmtpSecurity::isValidHeloName(bad));

    // Verification is on and cannot be configured away; the extra CA is added, not swapped in.
    SmtpEndpoint endpoint;
    endpoint.extraCaCertificates = {m_ca};
    const QSslConfiguration config = SmtpSecurity::sslConfiguration(endpoint);
    QCOMPARE(config.peerVerifyMode(), QSslSocket::VerifyPeer);
    QVERIFY(config.caCertificates().contains(m_ca));
}

void TestSmtpSession::tlsPolicyNames()
{
    for (TlsPolicy p : {TlsPolicy::None, TlsPolicy::Opportunistic, TlsPolicy::Required, TlsPolicy::Implicit}) {
        TlsPolicy parsed = TlsPolicy::None;
        QVERIFY(SmtpEndpoint::tlsPolicyFromName(SmtpEndpoint::tlsPolicyName(p), &parsed));
        QCOMPARE(parsed, p);
    }
    TlsPolicy parsed = TlsPolicy::None;
    QVERIFY(SmtpEndpoint::tlsPolicyFromName(u"starttls-required"_s, &parsed));
    QCOMPARE(parsed, TlsPolicy::Required);
    QVERIFY(!SmtpEndpoint::tlsPolicyFromName(u"ignore-errors"_s, &parsed));
}

void TestSmtpSession::sinkDeliversExactBytes()
{
    REQUIRE_SINK();
    SmtpSink sink;
    QVERIFY(sink.start({}, true));

    // Dot-stuffing material (B4): a lone dot, two dots, a leading-dot word, a dot right
    // after a quoted-printable soft break, and a body whose first line is a dot.
    QList<SmtpEnvelope> envelopes{
        makeEnvelope(1, "line one\r\n.\r\n..\r\n.foo\r\nsoft=\r\n.break\r\nend\r\n"),
        makeEnvelope(2, ".first line is a dot\r\n"),
        makeEnvelope(3, "no final line break"),
    };
    envelopes[0].ret = u"HDRS"_s;
    envelopes[0].envid = u"d1+r1"_s;
    envelopes[0].notify = u"SUCCESS,FAILURE,DELAY"_s;
    envelopes[0].orcpt = u"user1@example.test"_s;
    envelopes[2].data.prepend(".");
    SmtpSession session(sinkEndpoint(sink.port()));
    Recorder rec;
    QVERIFY(run(session, envelopes, rec));
    QVERIFY(rec.failedPhases.isEmpty());
    QCOMPARE(rec.idle, 1);
    for (const SmtpOutcome &o : rec.outcomes) {
        QCOMPARE(o.kind, Kind::Accepted);
        QCOMPARE(o.phase, u"end-of-data"_s);
        QCOMPARE(o.reply.code, 250);
        QCOMPARE(o.reply.enhancedCode, u"2.0.0"_s);
        QVERIFY(!o.possibleDuplicate);
        QVERIFY(o.transactionStarted);
        QVERIFY(o.transcript.contains(u"C: EHLO client.test"_s)); // set-up is part of each transcript
        QVERIFY(o.transcript.contains(u"bytes>"_s));
        QVERIFY(!o.transcript.contains(u"line one"_s)); // the body is summarized, never copied
    }

    // Exactly one stored message per envelope, whose un-stuffed bytes are the input.
    QList<QByteArray> dumps;
    QDeadlineTimer deadline(3000);
    while ((dumps = sink.dumps()).size() < envelopes.size() && !deadline.hasExpired())
        QTest::qWait(10);
    QCOMPARE(dumps.size(), envelopes.size());
    QList<QByteArray> expected, actual;
    for (const SmtpEnvelope &e : envelopes) {
        QByteArray data = e.data;
        if (!data.endsWith("\r\n"))
            data += "\r\n";
        expected.append(data.replace("\r\n", "\n"));
    }
    for (const QByteArray &dump : dumps)
        actual.append(sinkMessage(dump));
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    QCOMPARE(actual, expected);

    // DSN parameters went out, because smtp-sink offers DSN.
    for (const QByteArray &dump : dumps) {
        if (!dump.contains("X-Tag: 1\n"))
            continue;
        QCOMPARE(sinkHeader(dump, "X-Mail-Args"), QByteArray("<bounce@sender.test> RET=HDRS ENVID=d1+2Br1"));
        QCOMPARE(sinkHeader(dump, "X-Rcpt-Args"),
                 QByteArray("<user1@example.test> NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=rfc822;user1@example.test"));
    }
}

void TestSmtpSession::sinkPipelinesMailRcptData()
{
    REQUIRE_SINK();
    SmtpSink sink;
    QVERIFY(sink.start({}));
    SmtpSession session(sinkEndpoint(sink.port()));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.outcomes[0].kind, Kind::Accepted);
    QVERIFY(session.capabilities().has(u"PIPELINING"_s));
    // MAIL, RCPT and DATA all went out before the first of their replies came back.
    const QString t = rec.outcomes[0].transcript;
    const qsizetype data = t.indexOf(u"C: DATA"_s);
    QVERIFY(t.indexOf(u"C: MAIL FROM:<bounce@sender.test>"_s) < t.indexOf(u"C: RCPT TO:"_s));
    QVERIFY(data > 0);
    QVERIFY(data < t.indexOf(u"S: 250 2.1.0"_s));
}

void TestSmtpSession::sinkMessageLimitPerConnection()
{
    REQUIRE_SINK();
    SmtpSink sink;
    QVERIFY(sink.start({}));
    SmtpEndpoint endpoint = sinkEndpoint(sink.port());
    endpoint.maxMessagesPerConnection = 2;
    SmtpSession session(endpoint);
    Recorder rec;
    bool refusedThird = false;
    QVERIFY(run(session, {makeEnvelope(1), makeEnvelope(2)}, rec, 5000,
                [&] { refusedThird = !session.canAccept() && !session.submit(makeEnvelope(3)); }));
    QVERIFY(refusedThird);
    QCOMPARE(rec.idle, 0); // the limit closes the connection; there is nothing to be idle for
    for (const SmtpOutcome &o : rec.outcomes)
        QCOMPARE(o.kind, Kind::Accepted);
}

void TestSmtpSession::sinkRejectsRecipient()
{
    REQUIRE_SINK();
    SmtpSink sink;
    QVERIFY(sink.start({u"-f"_s, u"RCPT"_s, u"-B"_s, u"550 5.1.1 <x>: Recipient address rejected: User unknown"_s}));
    SmtpSession session(sinkEndpoint(sink.port()));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1), makeEnvelope(2)}, rec));
    for (const SmtpOutcome &o : rec.outcomes) {
        QCOMPARE(o.kind, Kind::PermanentFailure);
        QCOMPARE(o.phase, u"rcpt"_s);
        QCOMPARE(o.reply.code, 550);
        QCOMPARE(o.reply.enhancedCode, u"5.1.1"_s);
        QVERIFY(o.reply.text().contains(u"User unknown"_s));
        QVERIFY(!o.reply.local);
        QVERIFY(!o.transcript.contains(u"C: DATA"_s));
    }
    // The second transaction followed a RSET on the same connection.
    QVERIFY(rec.outcomes[1].transcript.contains(u"C: MAIL FROM:"_s));
}

void TestSmtpSession::sinkMailboxFull()
{
    REQUIRE_SINK();
    SmtpSink sink;
    QVERIFY(sink.start({u"-r"_s, u"RCPT"_s, u"-b"_s, u"452 4.2.2 Mailbox full"_s}));
    SmtpSession session(sinkEndpoint(sink.port()));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    const SmtpOutcome &o = rec.outcomes[0];
    QCOMPARE(o.kind, Kind::TemporaryFailure);
    QCOMPARE(o.phase, u"rcpt"_s);
    QCOMPARE(o.reply.code, 452);
    QCOMPARE(o.reply.enhancedCode, u"4.2.2"_s);
    QCOMPARE(o.reply.text(), u"Mailbox full"_s);
}

void TestSmtpSession::sinkDropsAtRcpt()
{
    REQUIRE_SINK();
    SmtpSink sink;
    QVERIFY(sink.start({u"-q"_s, u"RCPT"_s}));
    SmtpSession session(sinkEndpoint(sink.port()));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1), makeEnvelope(2)}, rec));
    const SmtpOutcome *first = rec.byTag(1);
    QCOMPARE(first->kind, Kind::TemporaryFailure);
    QCOMPARE(first->phase, u"rcpt"_s);
    QVERIFY(first->reply.local);
    QVERIFY(first->reply.isTransientFailure());
    QVERIFY(!first->possibleDuplicate);
    QVERIFY(first->transactionStarted);
    const SmtpOutcome *second = rec.byTag(2);
    QCOMPARE(second->kind, Kind::TemporaryFailure);
    QVERIFY(!second->transactionStarted); // never reached the wire: free to requeue
}

void TestSmtpSession::sinkClosesWith421()
{
    REQUIRE_SINK();
    SmtpSink sink;
    QVERIFY(sink.start({u"-Q"_s, u"MAIL"_s}));
    SmtpSession session(sinkEndpoint(sink.port()));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    const SmtpOutcome &o = rec.outcomes[0];
    QCOMPARE(o.kind, Kind::TemporaryFailure);
    QCOMPARE(o.phase, u"mail"_s);
    QCOMPARE(o.reply.code, 421);
    QVERIFY(!o.reply.local);
}

void TestSmtpSession::rsetAfterFailedTransaction()
{
    for (bool pipelining : {false, true}) {
        FakeSmtpServer server;
        server.ehloPlain = pipelining ? QList<QByteArray>{"PIPELINING"} : QList<QByteArray>{"8BITMIME"};
        SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
        SmtpEnvelope bad = makeEnvelope(1);
        bad.rcptTo = u"unknown@example.test"_s;
        Recorder rec;
        QVERIFY(run(session, {bad, makeEnvelope(2)}, rec));
        QCOMPARE(rec.byTag(1)->kind, Kind::PermanentFailure);
        QCOMPARE(rec.byTag(1)->phase, u"rcpt"_s);
        QCOMPARE(rec.byTag(1)->reply.enhancedCode, u"5.1.1"_s);
        QCOMPARE(rec.byTag(2)->kind, Kind::Accepted);
        QList<QByteArray> verbs;
        for (const QByteArray &c : server.commands)
            verbs.append(c.left(4));
        const QList<QByteArray> expected =
            pipelining ? QList<QByteArray>{"EHLO", "MAIL", "RCPT", "DATA", "RSET", "MAIL", "RCPT", "DATA", "QUIT"}
                       : QList<QByteArray>{"EHLO", "MAIL", "RCPT", "RSET", "MAIL", "RCPT", "DATA", "QUIT"};
        QCOMPARE(verbs, expected);
        QCOMPARE(server.messages.size(), 1);
        if (pipelining)
            QCOMPARE(server.commandBatches[1].size(), 3); // MAIL, RCPT, DATA in one read
    }
}

void TestSmtpSession::pipelinedDataAcceptedAfterFailedRcpt()
{
    // RFC 2920 §3.1: a server may answer 354 to DATA although no recipient was accepted;
    // the client then sends a lone dot, not the message.
    FakeSmtpServer server;
    server.ehloPlain = {"PIPELINING"};
    server.onCommand = [](FakeSmtpServer::Connection &c, const QByteArray &line) {
        if (!line.startsWith("DATA"))
            return false;
        c.inData = true;
        c.socket->write("354 go ahead\r\n");
        return true;
    };
    server.onEndOfData = [](FakeSmtpServer::Connection &c) {
        c.socket->write("554 5.5.1 no valid recipients\r\n");
        return true;
    };
    SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
    SmtpEnvelope bad = makeEnvelope(1);
    bad.rcptTo = u"unknown@example.test"_s;
    Recorder rec;
    QVERIFY(run(session, {bad}, rec));
    QCOMPARE(rec.outcomes[0].kind, Kind::PermanentFailure);
    QCOMPARE(rec.outcomes[0].phase, u"rcpt"_s);
    QCOMPARE(rec.outcomes[0].reply.code, 550);
    QCOMPARE(server.messages, QList<QByteArray>{QByteArray()});
}

void TestSmtpSession::sizeRefusedLocally()
{
    FakeSmtpServer server;
    server.ehloPlain = {"PIPELINING", "SIZE 1000"};
    SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1, QByteArray(2000, 'x') + "\r\n"), makeEnvelope(2)}, rec));
    const SmtpOutcome *big = rec.byTag(1);
    QCOMPARE(big->kind, Kind::PermanentFailure);
    QCOMPARE(big->phase, u"mail"_s);
    QCOMPARE(big->reply.code, 552);
    QVERIFY(big->reply.local);
    QVERIFY(!big->transactionStarted);
    QCOMPARE(rec.byTag(2)->kind, Kind::Accepted);
    QCOMPARE(server.messages.size(), 1);
    QCOMPARE(
        server.commands.count(u"MAIL FROM:<bounce@sender.test> SIZE=%1"_s.arg(makeEnvelope(2).data.size()).toLatin1()),
        1);
}

void TestSmtpSession::smtpUtf8()
{
    SmtpEnvelope utf8 = makeEnvelope(1);
    utf8.rcptTo = u"사용자@example.test"_s;
    {
        FakeSmtpServer server;
        server.ehloPlain = {"PIPELINING", "8BITMIME"};
        SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
        Recorder rec;
        QVERIFY(run(session, {utf8}, rec));
        QCOMPARE(rec.outcomes[0].kind, Kind::PermanentFailure);
        QVERIFY(rec.outcomes[0].reply.text().contains(u"needs SMTPUTF8"_s));
        QVERIFY(!server.sawCommand("MAIL"));
    }
    {
        FakeSmtpServer server;
        server.ehloPlain = {"PIPELINING", "8BITMIME", "SMTPUTF8"};
        SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
        Recorder rec;
        QVERIFY(run(session, {utf8, makeEnvelope(2)}, rec));
        QCOMPARE(rec.byTag(1)->kind, Kind::Accepted);
        QCOMPARE(rec.byTag(2)->kind, Kind::Accepted);
        QVERIFY(server.commands.contains("MAIL FROM:<bounce@sender.test> SMTPUTF8"));
        QVERIFY(server.commands.contains(u"RCPT TO:<사용자@example.test>"_s.toUtf8()));
        QVERIFY(server.commands.contains("MAIL FROM:<bounce@sender.test>")); // only when needed
    }
}

void TestSmtpSession::envelopeInjectionNeverWritten()
{
    FakeSmtpServer server;
    SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
    SmtpEnvelope evil = makeEnvelope(1);
    evil.rcptTo = u"a@b.test>\r\nRCPT TO:<evil@x.test>"_s;
    SmtpEnvelope smuggler = makeEnvelope(2, "hi\n.\r\nMAIL FROM:<ceo@victim.test>\r\n");
    Recorder rec;
    QVERIFY(run(session, {evil, smuggler, makeEnvelope(3)}, rec));
    QCOMPARE(rec.byTag(1)->kind, Kind::PermanentFailure);
    QCOMPARE(rec.byTag(1)->phase, u"rcpt"_s);
    QCOMPARE(rec.byTag(2)->kind, Kind::PermanentFailure);
    QCOMPARE(rec.byTag(2)->phase, u"data"_s);
    QCOMPARE(rec.byTag(3)->kind, Kind::Accepted);
    for (const QByteArray &c : server.commands) {
        QVERIFY(!c.contains("evil"));
        QVERIFY(!c.contains("ceo@"));
    }
    QCOMPARE(server.messages.size(), 1);
    QCOMPARE(server.commands.count("MAIL FROM:<bounce@sender.test>"), 1);

    // A HELO name with a line break never reaches the wire either.
    SmtpEndpoint endpoint = fakeEndpoint(server, TlsPolicy::None);
    endpoint.heloName = u"client.test\r\nMAIL FROM:<x@y>"_s;
    SmtpSession badHelo(endpoint);
    Recorder rec2;
    QVERIFY(run(badHelo, {makeEnvelope(4)}, rec2));
    QCOMPARE(rec2.failedPhases, QStringList{u"ehlo"_s});
    QCOMPARE(server.commands.count("MAIL FROM:<bounce@sender.test>"), 1);
    QVERIFY(!server.sawCommand("MAIL FROM:<x@y>"));
}

void TestSmtpSession::heloFallback()
{
    FakeSmtpServer server;
    server.onCommand = [](FakeSmtpServer::Connection &c, const QByteArray &line) {
        if (!line.startsWith("EHLO"))
            return false;
        c.socket->write("502 5.5.2 Error: command not recognized\r\n");
        return true;
    };
    SmtpSession session(fakeEndpoint(server, TlsPolicy::Opportunistic));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.outcomes[0].kind, Kind::Accepted);
    QCOMPARE(server.commands.first(3),
             (QList<QByteArray>{"EHLO client.test", "HELO client.test", "MAIL FROM:<bounce@sender.test>"}));
    QVERIFY(session.capabilities().isEmpty());
}

void TestSmtpSession::idleConnectionClosedByServer()
{
    FakeSmtpServer server;
    SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
    QSignalSpy idle(&session, &SmtpSession::idle);
    QSignalSpy closed(&session, &SmtpSession::closed);
    QSignalSpy failed(&session, &SmtpSession::sessionFailed);
    QSignalSpy finished(&session, &SmtpSession::messageFinished);
    QVERIFY(session.submit(makeEnvelope(1)));
    session.start();
    QTRY_COMPARE(idle.size(), 1);
    QCOMPARE(finished.size(), 1);
    // The server times us out while we wait for more work: a 421, then the close.
    for (QTcpSocket *s : server.findChildren<QTcpSocket *>()) {
        s->write("421 4.4.2 fake.test Error: timeout exceeded\r\n");
        s->disconnectFromHost();
    }
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!session.submit(makeEnvelope(2)));
}

void TestSmtpSession::abortMidSession()
{
    FakeSmtpServer server;
    server.onEndOfData = [](FakeSmtpServer::Connection &) { return true; }; // hold the reply
    SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
    QList<SmtpOutcome> outcomes;
    connect(&session, &SmtpSession::messageFinished, this, [&](const SmtpOutcome &o) { outcomes.append(o); });
    QSignalSpy closed(&session, &SmtpSession::closed);
    QVERIFY(session.submit(makeEnvelope(1)));
    QVERIFY(session.submit(makeEnvelope(2)));
    session.start();
    QTRY_COMPARE(server.messages.size(), 1);
    session.abort();
    QCOMPARE(closed.size(), 1);
    QCOMPARE(outcomes.size(), 2);
    QVERIFY(outcomes[0].possibleDuplicate); // the dot went out; the reply never came
    QCOMPARE(outcomes[0].phase, u"end-of-data"_s);
    QVERIFY(!outcomes[1].transactionStarted);
    session.abort(); // a second abort changes nothing
    QCOMPARE(closed.size(), 1);
}

void TestSmtpSession::holdsTheFinalDotUntilReleased()
{
    // docs/reliability.md C1/C2: with holdEndOfData the data goes out but for its final ".CRLF",
    // which waits for releaseEndOfData() of its tag; a connection lost meanwhile leaves no
    // possible duplicate, because the server cannot have taken the message.
    for (bool release : {true, false}) {
        FakeSmtpServer server;
        SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
        QList<SmtpOutcome> outcomes;
        connect(&session, &SmtpSession::messageFinished, this, [&](const SmtpOutcome &o) { outcomes.append(o); });
        QList<quint64> due;
        connect(&session, &SmtpSession::endOfDataDue, this, [&](quint64 tag) { due.append(tag); });
        SmtpEnvelope envelope = makeEnvelope(7);
        envelope.holdEndOfData = true;
        QVERIFY(session.submit(envelope));
        session.start();
        QTRY_COMPARE(due, QList<quint64>{7});
        session.releaseEndOfData(8); // another message's: not this one's dot
        QTest::qWait(100);
        QVERIFY(server.messages.isEmpty());
        QVERIFY(outcomes.isEmpty());
        if (!release) {
            session.abort();
            QCOMPARE(outcomes.size(), 1);
            QCOMPARE(outcomes[0].kind, Kind::TemporaryFailure);
            QVERIFY(!outcomes[0].possibleDuplicate);
            QTest::qWait(50);
            QVERIFY(server.messages.isEmpty());
            continue;
        }
        session.releaseEndOfData(7);
        QTRY_COMPARE(outcomes.size(), 1);
        QCOMPARE(outcomes[0].kind, Kind::Accepted);
        QCOMPARE(server.messages, QList<QByteArray>{envelope.data});
        session.finish();
    }
}

void TestSmtpSession::reentrantCallsFromSignals()
{
    // The engine reacts inside its slots: it submits more work, or stops everything.
    FakeSmtpServer server;
    server.ehloPlain = {"8BITMIME"};
    SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
    QList<SmtpOutcome> outcomes;
    int closed = 0;
    connect(&session, &SmtpSession::messageFinished, this, [&](const SmtpOutcome &o) {
        outcomes.append(o);
        if (o.tag == 1) {
            SmtpEnvelope bad = makeEnvelope(2);
            bad.rcptTo = u"unknown@example.test"_s;
            QVERIFY(session.submit(bad));
        } else if (o.tag == 2) {
            session.abort(); // right after the failed RCPT, with RSET pending
        }
    });
    connect(&session, &SmtpSession::closed, this, [&] { ++closed; });
    QVERIFY(session.submit(makeEnvelope(1)));
    session.start();
    QTRY_COMPARE(closed, 1);
    QTest::qWait(10);
    QCOMPARE(closed, 1);
    QCOMPARE(outcomes.size(), 2);
    QCOMPARE(outcomes[0].kind, Kind::Accepted);
    QCOMPARE(outcomes[1].kind, Kind::PermanentFailure);
    QCOMPARE(outcomes[1].phase, u"rcpt"_s);
    QVERIFY(!session.submit(makeEnvelope(3)));
}

void TestSmtpSession::runsOnItsOwnThread()
{
    // As in the engine: the session lives on a worker thread, results arrive queued.
    FakeSmtpServer server;
    server.certificate = m_goodCert;
    server.privateKey = m_goodKey;
    QThread worker;
    auto *session = new SmtpSession(fakeEndpoint(server, TlsPolicy::Required));
    session->moveToThread(&worker);
    QList<SmtpOutcome> outcomes;
    int closed = 0;
    connect(session, &SmtpSession::messageFinished, this, [&](const SmtpOutcome &o) { outcomes.append(o); });
    connect(session, &SmtpSession::idle, session, &SmtpSession::finish);
    connect(session, &SmtpSession::closed, this, [&] { ++closed; });
    // The TLS work leaves per-thread OpenSSL state on the worker (error queue, public and
    // private DRBGs) that OpenSSL frees from a pthread key destructor. That runs only after
    // QThread has woken wait(), on a detached thread, so under load the process could reach
    // exit() first: OPENSSL_cleanup() deletes the key, the destructor is skipped, and
    // LeakSanitizer reports ~10 KB from CRYPTO_zalloc (ERR_STATE, 2 EVP_RAND_CTX). So the
    // worker frees it itself in finished(), emitted on it before wait() returns, after the
    // session, whose socket may still touch OpenSSL. Also on an early return.
    connect(
        &worker, &QThread::finished, &worker,
        [session] {
            delete session;
            OPENSSL_thread_stop();
        },
        Qt::DirectConnection);
    const auto stopWorker = qScopeGuard([&worker] {
        worker.quit();
        worker.wait();
    });
    worker.start();
    QMetaObject::invokeMethod(session, [session] {
        session->submit(makeEnvelope(1));
        session->submit(makeEnvelope(2));
        session->start();
    });
    QTRY_COMPARE(closed, 1);
    QCOMPARE(outcomes.size(), 2);
    for (const SmtpOutcome &o : outcomes)
        QCOMPARE(o.kind, Kind::Accepted);
    worker.quit();
    QVERIFY(worker.wait(30000));
    QCOMPARE(server.messages.size(), 2);
}

QTEST_MAIN(TestSmtpSession)
#include "tst_smtp_session.moc"
