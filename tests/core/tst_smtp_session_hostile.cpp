#include "smtp_session_harness.h"

// The SMTP session against hostile or broken servers (the fake server in smtp_fake_server.h):
// oversized and endless replies, byte-by-byte replies, drops and timeouts around the final
// dot, greeting timeouts, refused connections (docs/reliability.md B7, C3, F4).
class TestSmtpSessionHostile final : public SmtpSessionTestBase
{
    Q_OBJECT

private slots:
    void initTestCase() { initPki(); }
    void hostileReplies_data();
    void hostileReplies();
    void hostileReplyAfterFinalDot();
    void byteByByteReplies();
    void dropAfterFinalDot();
    void timeoutAfterFinalDot();
    void closingReplyToFinalDot();
    void greetingTimeout();
    void connectionRefused();
};

void TestSmtpSessionHostile::hostileReplies_data()
{
    QTest::addColumn<QByteArray>("greeting");
    QTest::addColumn<QByteArray>("ehloReply");
    QTest::addColumn<bool>("closeAfter");
    QTest::addColumn<QString>("phase");
    QTest::addColumn<QString>("error");

    QByteArray continuation;
    for (int i = 0; i < 10'000; ++i)
        continuation += "250-line " + QByteArray::number(i) + "\r\n";
    continuation += "250 end\r\n";
    const QByteArray greeting = "220 fake.test ESMTP\r\n";

    QTest::newRow("1 MB greeting line") << QByteArray("220 " + QByteArray(1024 * 1024, 'G') + "\r\n") << QByteArray()
                                        << false << u"greeting"_s << u"longer than"_s;
    QTest::newRow("1 MB EHLO line") << greeting << QByteArray("250-" + QByteArray(1024 * 1024, 'E') + "\r\n250 ok\r\n")
                                    << false << u"ehlo"_s << u"longer than"_s;
    QTest::newRow("1 MB without CRLF") << greeting << QByteArray(1024 * 1024, 'E') << false << u"ehlo"_s
                                       << u"longer than"_s;
    QTest::newRow("10,000 continuation lines") << greeting << continuation << false << u"ehlo"_s << u"lines"_s;
    QTest::newRow("mismatched codes") << greeting << QByteArray("250-fake.test\r\n251 PIPELINING\r\n") << false
                                      << u"ehlo"_s << u"changed"_s;
    QTest::newRow("2x0") << greeting << QByteArray("2x0 fake.test\r\n") << false << u"ehlo"_s << u"malformed"_s;
    QTest::newRow("EOF mid-reply") << greeting << QByteArray("250-fake.test\r\n250-PIPE") << true << u"ehlo"_s
                                   << u"middle of a reply"_s;
    QTest::newRow("EOF after continuation")
        << greeting << QByteArray("250-fake.test\r\n") << true << u"ehlo"_s << u"middle of a reply"_s;
}

void TestSmtpSessionHostile::hostileReplies()
{
    QFETCH(QByteArray, greeting);
    QFETCH(QByteArray, ehloReply);
    QFETCH(bool, closeAfter);
    QFETCH(QString, phase);
    QFETCH(QString, error);
    FakeSmtpServer server;
    server.greeting = greeting;
    server.onCommand = [&](FakeSmtpServer::Connection &c, const QByteArray &line) {
        if (!line.startsWith("EHLO"))
            return false;
        c.socket->write(ehloReply);
        if (closeAfter)
            c.socket->disconnectFromHost();
        return true;
    };
    SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.failedPhases, QStringList{phase});
    const SmtpReply &reply = rec.failedReplies[0];
    QVERIFY(reply.local);
    QVERIFY(reply.isTransientFailure());
    QVERIFY2(reply.text().contains(error), qPrintable(reply.text()));
    QCOMPARE(rec.outcomes[0].kind, Kind::TemporaryFailure);
    QVERIFY(rec.outcomes[0].transcript.size() <= SmtpTranscript::MaxChars + 64);
    QVERIFY(!server.sawCommand("MAIL"));
}

void TestSmtpSessionHostile::hostileReplyAfterFinalDot()
{
    FakeSmtpServer server;
    server.onEndOfData = [](FakeSmtpServer::Connection &c) {
        QByteArray flood;
        for (int i = 0; i < 10'000; ++i)
            flood += "250-2.0.0 ok\r\n";
        c.socket->write(flood + "250 2.0.0 ok\r\n");
        return true;
    };
    SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    const SmtpOutcome &o = rec.outcomes[0];
    QCOMPARE(o.kind, Kind::TemporaryFailure); // a flood of "250-" lines is no acceptance
    QCOMPARE(o.phase, u"end-of-data"_s);
    QVERIFY(o.possibleDuplicate);
    QVERIFY(o.reply.text().startsWith(u"protocol error"_s));
}

void TestSmtpSessionHostile::byteByByteReplies()
{
    FakeSmtpServer server;
    server.trickleReplies = true;
    server.greeting = "220-fake.test ESMTP\r\n220 hello\r\n";
    server.ehloPlain = {"PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES"};
    SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec, 10'000));
    for (const SmtpOutcome &o : rec.outcomes) {
        QCOMPARE(o.kind, Kind::Accepted);
        QCOMPARE(o.reply.enhancedCode, u"2.0.0"_s);
    }
    QCOMPARE(server.messages.size(), 1);
}

void TestSmtpSessionHostile::dropAfterFinalDot()
{
    // C3: the link breaks after the terminator, before the reply.
    FakeSmtpServer server;
    server.onEndOfData = [](FakeSmtpServer::Connection &c) {
        c.socket->abort();
        return true;
    };
    SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1), makeEnvelope(2)}, rec));
    const SmtpOutcome *o = rec.byTag(1);
    QCOMPARE(o->kind, Kind::TemporaryFailure);
    QCOMPARE(o->phase, u"end-of-data"_s);
    QVERIFY(o->possibleDuplicate);
    QVERIFY(o->reply.local);
    QCOMPARE(o->reply.code, 451);
    QVERIFY(!rec.byTag(2)->possibleDuplicate);
    QVERIFY(!rec.byTag(2)->transactionStarted);
}

void TestSmtpSessionHostile::timeoutAfterFinalDot()
{
    FakeSmtpServer server;
    server.onEndOfData = [](FakeSmtpServer::Connection &) { return true; }; // never answers
    SmtpEndpoint endpoint = fakeEndpoint(server, TlsPolicy::None);
    endpoint.dataTimeoutMs = 300;
    SmtpSession session(endpoint);
    Recorder rec;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QVERIFY(timer.elapsed() >= 250);
    const SmtpOutcome &o = rec.outcomes[0];
    QCOMPARE(o.kind, Kind::TemporaryFailure);
    QCOMPARE(o.phase, u"end-of-data"_s);
    QVERIFY(o.possibleDuplicate);
    QVERIFY(o.reply.text().contains(u"timed out"_s));
}

void TestSmtpSessionHostile::closingReplyToFinalDot()
{
    // An explicit 421 to the dot is an answer: temporary, but no possible duplicate.
    FakeSmtpServer server;
    server.onEndOfData = [](FakeSmtpServer::Connection &c) {
        c.socket->write("421 4.3.0 fake.test shutting down\r\n");
        c.socket->disconnectFromHost();
        return true;
    };
    SmtpSession session(fakeEndpoint(server, TlsPolicy::None));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    const SmtpOutcome &o = rec.outcomes[0];
    QCOMPARE(o.kind, Kind::TemporaryFailure);
    QCOMPARE(o.phase, u"end-of-data"_s);
    QCOMPARE(o.reply.code, 421);
    QVERIFY(!o.reply.local);
    QVERIFY(!o.possibleDuplicate);
}

void TestSmtpSessionHostile::greetingTimeout()
{
    FakeSmtpServer server;
    server.sendGreeting = false;
    SmtpEndpoint endpoint = fakeEndpoint(server, TlsPolicy::None);
    endpoint.greetingTimeoutMs = 200;
    SmtpSession session(endpoint);
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.failedPhases, QStringList{u"greeting"_s});
    QVERIFY(rec.failedReplies[0].text().contains(u"timed out"_s));
    QCOMPARE(rec.outcomes[0].phase, u"greeting"_s);
    QCOMPARE(rec.outcomes[0].kind, Kind::TemporaryFailure);
}

void TestSmtpSessionHostile::connectionRefused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    SmtpEndpoint endpoint = sinkEndpoint(port);
    SmtpSession session(endpoint);
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.failedPhases, QStringList{u"connect"_s});
    QCOMPARE(rec.outcomes[0].kind, Kind::TemporaryFailure);
    QCOMPARE(rec.outcomes[0].phase, u"connect"_s);
    QVERIFY(!rec.outcomes[0].transactionStarted);
}

QTEST_MAIN(TestSmtpSessionHostile)
#include "tst_smtp_session_hostile.moc"
