#include "smtp_session_harness.h"

// The SMTP session's TLS and AUTH, against the fake server in smtp_fake_server.h with a test
// PKI made at run time: STARTTLS injection and stripping (docs/reliability.md A),
// capabilities re-read after TLS, AUTH redaction, bad certificates, implicit TLS.
class TestSmtpSessionTls final : public SmtpSessionTestBase
{
    Q_OBJECT

private slots:
    void initTestCase() { initPki(); }
    void startTlsInjectionAborts();
    void startTlsStrippedWhileRequired_data();
    void startTlsStrippedWhileRequired();
    void opportunisticWithoutStartTls();
    void capabilitiesResetAfterTls();
    void capabilitiesResetDropsAuth();
    void authPlainRedacted();
    void authLoginRedacted();
    void authFailureFailsSession();
    void plaintextAuthOnlyToLoopback();
    void badCertificatesRefused_data();
    void badCertificatesRefused();
    void opportunisticWithoutAuthEncryptsPastBadCertificates_data();
    void opportunisticWithoutAuthEncryptsPastBadCertificates();
    void implicitTls();
    void implicitTlsBadCertificate();
};

void TestSmtpSessionTls::startTlsInjectionAborts()
{
    FakeSmtpServer server;
    server.certificate = m_goodCert;
    server.privateKey = m_goodKey;
    // A1: the 220 and a forged reply in one segment, before any ClientHello.
    server.startTlsReply = "220 2.0.0 Ready to start TLS\r\n250-fake.test\r\n250 AUTH PLAIN\r\n";
    server.startTlsHandshake = false;
    SmtpEndpoint endpoint = fakeEndpoint(server, TlsPolicy::Required);
    endpoint.username = u"user"_s;
    endpoint.password = QString::fromLatin1(Password);
    SmtpSession session(endpoint);
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.failedPhases, QStringList{u"starttls"_s});
    QVERIFY(rec.failedReplies[0].text().contains(u"TLS unavailable"_s));
    QVERIFY(rec.failedReplies[0].text().contains(u"injection"_s));
    QCOMPARE(rec.outcomes[0].kind, Kind::TemporaryFailure);
    QCOMPARE(rec.outcomes[0].phase, u"starttls"_s);
    QVERIFY(!rec.outcomes[0].transactionStarted);
    QTest::qWait(20);
    QCOMPARE(server.receivedAfterStartTls, QByteArray()); // no ClientHello, nothing at all
    QCOMPARE(server.handshakes, 0);
    QVERIFY(!server.sawCommand("AUTH"));
    QVERIFY(!server.sawCommand("MAIL"));
}

void TestSmtpSessionTls::startTlsStrippedWhileRequired_data()
{
    QTest::addColumn<QList<QByteArray>>("ehlo");
    QTest::addColumn<QByteArray>("startTlsReply");
    QTest::newRow("STARTTLS not offered") << QList<QByteArray>{"PIPELINING", "AUTH PLAIN"} << QByteArray();
    QTest::newRow("454 to STARTTLS") << QList<QByteArray>{"STARTTLS", "AUTH PLAIN"}
                                     << QByteArray("454 4.7.0 TLS not available due to temporary reason\r\n");
}

void TestSmtpSessionTls::startTlsStrippedWhileRequired()
{
    QFETCH(QList<QByteArray>, ehlo);
    QFETCH(QByteArray, startTlsReply);
    FakeSmtpServer server;
    server.ehloPlain = ehlo;
    if (!startTlsReply.isEmpty())
        server.startTlsReply = startTlsReply;
    SmtpEndpoint endpoint = fakeEndpoint(server, TlsPolicy::Required);
    endpoint.username = u"user"_s;
    endpoint.password = QString::fromLatin1(Password);
    SmtpSession session(endpoint);
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.failedPhases, QStringList{u"starttls"_s});
    QCOMPARE(rec.outcomes[0].kind, Kind::TemporaryFailure);
    QVERIFY(rec.outcomes[0].reply.text().startsWith(u"TLS unavailable"_s));
    QVERIFY(!server.sawCommand("AUTH"));
    QVERIFY(!server.sawCommand("MAIL"));
}

void TestSmtpSessionTls::opportunisticWithoutStartTls()
{
    FakeSmtpServer server;
    server.ehloPlain = {"PIPELINING", "8BITMIME"};
    SmtpSession session(fakeEndpoint(server, TlsPolicy::Opportunistic));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.outcomes[0].kind, Kind::Accepted);
    QVERIFY(!session.isEncrypted());
    QCOMPARE(server.messages.size(), 1);
}

void TestSmtpSessionTls::capabilitiesResetAfterTls()
{
    // A2: what was offered before TLS is forgotten. Before TLS: SIZE 10 (which would refuse
    // the message) and AUTH PLAIN; after TLS: a larger SIZE and AUTH LOGIN only.
    FakeSmtpServer server;
    server.certificate = m_goodCert;
    server.privateKey = m_goodKey;
    server.ehloPlain = {"SIZE 10", "STARTTLS", "AUTH PLAIN"};
    server.ehloTls = {"SIZE 100000", "AUTH LOGIN"};
    SmtpEndpoint endpoint = fakeEndpoint(server, TlsPolicy::Required);
    endpoint.username = u"user"_s;
    endpoint.password = QString::fromLatin1(Password);
    SmtpSession session(endpoint);
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.outcomes[0].kind, Kind::Accepted);
    QVERIFY(session.isEncrypted());
    QCOMPARE(server.handshakes, 1);
    const QList<QByteArray> expected{"EHLO client.test", "STARTTLS", "EHLO client.test", "AUTH LOGIN"};
    QCOMPARE(server.commands.first(4), expected);
    QVERIFY(server.commands[6].startsWith("MAIL FROM:<bounce@sender.test> SIZE="));
    QCOMPARE(server.receivedAfterStartTls, QByteArray());
}

void TestSmtpSessionTls::capabilitiesResetDropsAuth()
{
    FakeSmtpServer server;
    server.certificate = m_goodCert;
    server.privateKey = m_goodKey;
    server.ehloPlain = {"STARTTLS", "AUTH PLAIN LOGIN"};
    server.ehloTls = {"AUTH XOAUTH2"};
    SmtpEndpoint endpoint = fakeEndpoint(server, TlsPolicy::Required);
    endpoint.username = u"user"_s;
    endpoint.password = QString::fromLatin1(Password);
    SmtpSession session(endpoint);
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.failedPhases, QStringList{u"auth"_s});
    QVERIFY(rec.failedReplies[0].text().contains(u"no supported AUTH mechanism"_s));
    QCOMPARE(rec.outcomes[0].kind, Kind::TemporaryFailure);
    QVERIFY(!server.sawCommand("AUTH"));
    QVERIFY(!server.sawCommand("MAIL"));
}

void TestSmtpSessionTls::authPlainRedacted()
{
    FakeSmtpServer server;
    server.certificate = m_goodCert;
    server.privateKey = m_goodKey;
    server.ehloTls = {"PIPELINING", "AUTH LOGIN PLAIN"};
    SmtpEndpoint endpoint = fakeEndpoint(server, TlsPolicy::Required);
    endpoint.username = u"user"_s;
    endpoint.password = QString::fromLatin1(Password);
    SmtpSession session(endpoint);
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.outcomes[0].kind, Kind::Accepted);
    QCOMPARE(server.authLines.size(), 1);
    QVERIFY(server.authLines[0].startsWith("AUTH PLAIN ")); // PLAIN preferred, credentials right
    const QString &t = rec.outcomes[0].transcript;
    QVERIFY(t.contains(u"C: AUTH PLAIN <redacted>"_s));
    QVERIFY(t.contains(u"S: 235 2.7.0"_s));
    QVERIFY(!containsSecret(t));
}

void TestSmtpSessionTls::authLoginRedacted()
{
    FakeSmtpServer server;
    server.certificate = m_goodCert;
    server.privateKey = m_goodKey;
    server.ehloTls = {"AUTH LOGIN"};
    SmtpEndpoint endpoint = fakeEndpoint(server, TlsPolicy::Required);
    endpoint.username = u"user"_s;
    endpoint.password = QString::fromLatin1(Password);
    SmtpSession session(endpoint);
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.outcomes[0].kind, Kind::Accepted);
    QCOMPARE(server.authLines.size(), 3);
    const QString &t = rec.outcomes[0].transcript;
    QCOMPARE(t.count(u"C: <redacted>"_s), 2);
    QVERIFY(!containsSecret(t));
}

void TestSmtpSessionTls::authFailureFailsSession()
{
    FakeSmtpServer server;
    server.certificate = m_goodCert;
    server.privateKey = m_goodKey;
    server.password = "another";
    SmtpEndpoint endpoint = fakeEndpoint(server, TlsPolicy::Required);
    endpoint.username = u"user"_s;
    endpoint.password = QString::fromLatin1(Password);
    SmtpSession session(endpoint);
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1), makeEnvelope(2)}, rec));
    QCOMPARE(rec.failedPhases, QStringList{u"auth"_s});
    QCOMPARE(rec.failedReplies[0].code, 535);
    // A refused login says nothing about the recipients: temporary, never a hard bounce.
    for (const SmtpOutcome &o : rec.outcomes) {
        QCOMPARE(o.kind, Kind::TemporaryFailure);
        QCOMPARE(o.phase, u"auth"_s);
    }
    QVERIFY(!containsSecret(rec.failedTranscript));
    QVERIFY(!server.sawCommand("MAIL"));
}

void TestSmtpSessionTls::plaintextAuthOnlyToLoopback()
{
    // The decision itself is checked in loopbackDecision(); tests never leave loopback, so
    // here the plaintext case that is allowed: the local machine.
    FakeSmtpServer server;
    server.ehloPlain = {"PIPELINING", "AUTH PLAIN"};
    SmtpEndpoint endpoint = fakeEndpoint(server, TlsPolicy::None);
    endpoint.username = u"user"_s;
    endpoint.password = QString::fromLatin1(Password);
    SmtpSession session(endpoint);
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.outcomes[0].kind, Kind::Accepted);
    QVERIFY(!session.isEncrypted());
    QCOMPARE(server.authLines.size(), 1);
    QVERIFY(!containsSecret(rec.outcomes[0].transcript));
}

void TestSmtpSessionTls::badCertificatesRefused_data()
{
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("peerName");
    for (const QString &name :
         {u"self-signed"_s, u"expired"_s, u"not yet valid"_s, u"wrong name"_s, u"untrusted chain"_s})
        QTest::newRow(qPrintable(name)) << name << u"mail.test"_s;
    // A4: an IP literal as the relay host must match the certificate too; it does not.
    QTest::newRow("IP literal") << u"good"_s << QString();
}

void TestSmtpSessionTls::badCertificatesRefused()
{
    QFETCH(QString, variant);
    QFETCH(QString, peerName);
    FakeSmtpServer server;
    server.certificate = variant == u"good"_s ? m_goodCert : m_badCerts[variant].cert;
    server.privateKey = variant == u"good"_s ? m_goodKey : m_badCerts[variant].key;
    for (TlsPolicy policy : {TlsPolicy::Required, TlsPolicy::Opportunistic}) {
        SmtpEndpoint endpoint = fakeEndpoint(server, policy);
        endpoint.peerVerifyName = peerName;
        endpoint.username = u"user"_s;
        endpoint.password = QString::fromLatin1(Password);
        SmtpSession session(endpoint);
        Recorder rec;
        QVERIFY(run(session, {makeEnvelope(1)}, rec));
        QCOMPARE(rec.failedPhases, QStringList{u"starttls"_s});
        QVERIFY2(rec.failedReplies[0].text().startsWith(u"TLS unavailable: handshake failed"_s),
                 qPrintable(rec.failedReplies[0].text()));
        QCOMPARE(rec.outcomes[0].kind, Kind::TemporaryFailure);
    }
    QVERIFY(!server.sawCommand("AUTH"));
    QVERIFY(!server.sawCommand("MAIL"));
    QCOMPARE(server.handshakes, 0);
}

void TestSmtpSessionTls::opportunisticWithoutAuthEncryptsPastBadCertificates_data()
{
    badCertificatesRefused_data();
}

// RFC 7435: without credentials at stake, the opportunistic policy (the direct route's to MX
// hosts) encrypts with a certificate it cannot verify rather than give up or fall back to
// plaintext; the transcript says so. Required still refuses, credentials or not.
void TestSmtpSessionTls::opportunisticWithoutAuthEncryptsPastBadCertificates()
{
    QFETCH(QString, variant);
    QFETCH(QString, peerName);
    FakeSmtpServer server;
    server.certificate = variant == u"good"_s ? m_goodCert : m_badCerts[variant].cert;
    server.privateKey = variant == u"good"_s ? m_goodKey : m_badCerts[variant].key;
    SmtpEndpoint endpoint = fakeEndpoint(server, TlsPolicy::Opportunistic);
    endpoint.peerVerifyName = peerName;
    SmtpSession session(endpoint);
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.outcomes[0].kind, Kind::Accepted);
    QVERIFY(session.isEncrypted());
    QVERIFY(session.certificateUnverified());
    QCOMPARE(server.handshakes, 1);
    QVERIFY(server.sawCommand("MAIL"));
    const QString &t = rec.outcomes[0].transcript;
    QVERIFY2(t.contains(u"certificate not verified"_s) && t.contains(u"NOT verified (opportunistic)"_s), qPrintable(t));

    FakeSmtpServer strict;
    strict.certificate = server.certificate;
    strict.privateKey = server.privateKey;
    SmtpEndpoint required = fakeEndpoint(strict, TlsPolicy::Required);
    required.peerVerifyName = peerName;
    SmtpSession refused(required);
    Recorder rec2;
    QVERIFY(run(refused, {makeEnvelope(1)}, rec2));
    QCOMPARE(rec2.failedPhases, QStringList{u"starttls"_s});
    QVERIFY(!strict.sawCommand("MAIL"));
}

void TestSmtpSessionTls::implicitTls()
{
    FakeSmtpServer server;
    server.implicitTls = true;
    server.certificate = m_goodCert;
    server.privateKey = m_goodKey;
    SmtpEndpoint endpoint = fakeEndpoint(server, TlsPolicy::Implicit);
    endpoint.username = u"user"_s;
    endpoint.password = QString::fromLatin1(Password);
    SmtpSession session(endpoint);
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.outcomes[0].kind, Kind::Accepted);
    QVERIFY(session.isEncrypted());
    // A5: TLS from the first byte; no command ever travelled in plaintext.
    QCOMPARE(server.handshakes, 1);
    QCOMPARE(server.plaintextCommands, 0);
    QCOMPARE(server.commands.first(), QByteArray("EHLO client.test"));
    QVERIFY(!server.sawCommand("STARTTLS"));
    const QString &t = rec.outcomes[0].transcript;
    QVERIFY(t.indexOf(u"TLS established"_s) < t.indexOf(u"C: EHLO"_s));
}

void TestSmtpSessionTls::implicitTlsBadCertificate()
{
    FakeSmtpServer server;
    server.implicitTls = true;
    server.certificate = m_badCerts[u"self-signed"_s].cert;
    server.privateKey = m_badCerts[u"self-signed"_s].key;
    SmtpSession session(fakeEndpoint(server, TlsPolicy::Implicit));
    Recorder rec;
    QVERIFY(run(session, {makeEnvelope(1)}, rec));
    QCOMPARE(rec.failedPhases, QStringList{u"connect"_s});
    QVERIFY(rec.failedReplies[0].text().startsWith(u"TLS unavailable: handshake failed"_s));
    QCOMPARE(rec.outcomes[0].kind, Kind::TemporaryFailure);
    QVERIFY(server.commands.isEmpty());
}

QTEST_MAIN(TestSmtpSessionTls)
#include "tst_smtp_session_tls.moc"
