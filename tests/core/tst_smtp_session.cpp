#include "smtp/smtp_security.h"
#include "smtp/smtp_session.h"
#include "smtp_fake_server.h"
#include "smtp_sink.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

using Kind = SmtpOutcome::Kind;
using TlsPolicy = SmtpEndpoint::TlsPolicy;

// The SMTP session end to end, on loopback only: against Postfix's smtp-sink for the normal
// protocol (acceptance, rejections, drops, what exactly arrives), and against the fake
// server in smtp_fake_server.h for the attacks of reliability-security.md A, B7, C3 and F4.
class TestSmtpSession final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void loopbackDecision();
    void tlsPolicyNames();

    void sinkDeliversExactBytes();
    void sinkPipelinesMailRcptData();
    void sinkMessageLimitPerConnection();
    void sinkRejectsRecipient();
    void sinkMailboxFull();
    void sinkDropsAtRcpt();
    void sinkClosesWith421();

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
    void implicitTls();
    void implicitTlsBadCertificate();
    void hostileReplies_data();
    void hostileReplies();
    void hostileReplyAfterFinalDot();
    void byteByByteReplies();
    void dropAfterFinalDot();
    void timeoutAfterFinalDot();
    void closingReplyToFinalDot();
    void greetingTimeout();
    void connectionRefused();
    void rsetAfterFailedTransaction();
    void pipelinedDataAcceptedAfterFailedRcpt();
    void sizeRefusedLocally();
    void smtpUtf8();
    void envelopeInjectionNeverWritten();
    void heloFallback();
    void idleConnectionClosedByServer();
    void abortMidSession();
    void reentrantCallsFromSignals();
    void runsOnItsOwnThread();

private:
    struct Recorder
    {
        QList<SmtpOutcome> outcomes;
        QStringList failedPhases;
        QList<SmtpReply> failedReplies;
        QString failedTranscript;
        int idle = 0;
        int closed = 0;
        bool outcomeAfterClose = false;
        bool failureAfterOutcome = false;

        const SmtpOutcome *byTag(quint64 tag) const
        {
            for (const SmtpOutcome &o : outcomes) {
                if (o.tag == tag)
                    return &o;
            }
            return nullptr;
        }
    };

    SmtpEndpoint fakeEndpoint(const FakeSmtpServer &server, TlsPolicy tls) const;
    SmtpEndpoint sinkEndpoint(quint16 port) const;
    // Starts the session, submits the envelopes, finishes when idle and waits for closed();
    // then checks the contract: one outcome per envelope, nothing after closed().
    bool run(SmtpSession &session, const QList<SmtpEnvelope> &envelopes, Recorder &rec, int timeoutMs = 5000,
             const std::function<void()> &beforeStart = {});

    QSslCertificate m_ca;
    QSslCertificate m_goodCert;
    QSslKey m_goodKey;
    struct Variant
    {
        QSslCertificate cert;
        QSslKey key;
    };
    QHash<QString, Variant> m_badCerts;
};

namespace {

constexpr auto SinkPath = "/usr/sbin/smtp-sink";
const QByteArray Password = "s3cret-Pa55";

// --- test PKI, generated at run time (no private key is ever committed) -----------------

struct KeyDeleter
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct CertDeleter
{
    void operator()(X509 *x) const { X509_free(x); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Cert = std::unique_ptr<X509, CertDeleter>;

Key newKey()
{
    return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

void addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

// issuer == nullptr: self-signed.
Cert makeCert(EVP_PKEY *key, const char *commonName, X509 *issuer, EVP_PKEY *issuerKey, bool ca, const QByteArray &san,
              long notBeforeSecs, long notAfterSecs)
{
    static long serial = 1;
    Cert cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), ++serial);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), notBeforeSecs);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), notAfterSecs);
    X509_set_pubkey(cert.get(), key);
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>(commonName), -1, -1,
                               0);
    X509 *signer = issuer ? issuer : cert.get();
    X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
    if (ca) {
        addExtension(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
        addExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        addExtension(cert.get(), signer, NID_basic_constraints, "CA:FALSE");
        addExtension(cert.get(), signer, NID_ext_key_usage, "serverAuth");
        addExtension(cert.get(), signer, NID_subject_alt_name, san.constData());
    }
    X509_sign(cert.get(), issuer ? issuerKey : key, EVP_sha256());
    return cert;
}

QByteArray toPem(X509 *cert)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray out(data, size);
    BIO_free(bio);
    return out;
}

QByteArray toPem(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray out(data, size);
    BIO_free(bio);
    return out;
}

QSslKey toQt(EVP_PKEY *key)
{
    return QSslKey(toPem(key), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
}

// --- Postfix smtp-sink, started by the test on a free loopback port ---------------------

// The message part of an smtp-sink dump: after its X- headers and its Received header,
// with LF line ends and one empty line appended.
QByteArray sinkMessage(const QByteArray &dump)
{
    const qsizetype received = dump.indexOf("\nReceived: ");
    if (received < 0)
        return QByteArray();
    qsizetype pos = dump.indexOf('\n', received + 1) + 1;
    while (pos < dump.size() && dump[pos] == '\t')
        pos = dump.indexOf('\n', pos) + 1;
    QByteArray message = dump.sliced(pos);
    if (message.endsWith('\n'))
        message.chop(1);
    return message;
}

QByteArray sinkHeader(const QByteArray &dump, const QByteArray &name)
{
    for (const QByteArray &line : dump.split('\n')) {
        if (line.startsWith(QByteArray(name + ": ")))
            return line.sliced(name.size() + 2);
    }
    return QByteArray();
}

SmtpEnvelope makeEnvelope(quint64 tag, const QByteArray &body = "Hello.\r\n")
{
    SmtpEnvelope e;
    e.tag = tag;
    e.mailFrom = u"bounce@sender.test"_s;
    e.rcptTo = u"user%1@example.test"_s.arg(tag);
    e.data = "From: <news@sender.test>\r\nTo: <user@example.test>\r\nSubject: test " + QByteArray::number(tag) +
             "\r\nX-Tag: " + QByteArray::number(tag) + "\r\n\r\n" + body;
    return e;
}

bool containsSecret(const QString &text)
{
    const QByteArray plainAuth = QByteArray('\0' + QByteArray("user") + '\0' + Password);
    for (const QByteArray &secret : {Password, Password.toBase64(), plainAuth.toBase64(), QByteArray("dXNlcg==")}) {
        if (text.contains(QString::fromLatin1(secret)))
            return true;
    }
    return false;
}

} // namespace

// --- harness --------------------------------------------------------------------------

void TestSmtpSession::initTestCase()
{
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
    Key caKey = newKey();
    Cert ca = makeCert(caKey.get(), "Sendscope Test CA", nullptr, nullptr, true, QByteArray(), -3600, 86400);
    m_ca = QSslCertificate(toPem(ca.get()));
    QVERIFY(!m_ca.isNull());

    Key key = newKey();
    Cert good = makeCert(key.get(), "mail.test", ca.get(), caKey.get(), false, "DNS:mail.test", -3600, 86400);
    m_goodCert = QSslCertificate(toPem(good.get()));
    m_goodKey = toQt(key.get());
    QVERIFY(!m_goodKey.isNull());

    Key otherCaKey = newKey();
    Cert otherCa = makeCert(otherCaKey.get(), "Unknown CA", nullptr, nullptr, true, QByteArray(), -3600, 86400);
    const auto variant = [&](X509 *issuer, EVP_PKEY *issuerKey, const QByteArray &san, long from, long to) {
        Key k = newKey();
        // Qt also accepts a matching common name, so the name lives in both places.
        Cert c = makeCert(k.get(), san.sliced(4).constData(), issuer, issuerKey, false, san, from, to);
        return Variant{QSslCertificate(toPem(c.get())), toQt(k.get())};
    };
    m_badCerts.insert(u"self-signed"_s, variant(nullptr, nullptr, "DNS:mail.test", -3600, 86400));
    m_badCerts.insert(u"expired"_s, variant(ca.get(), caKey.get(), "DNS:mail.test", -172800, -86400));
    m_badCerts.insert(u"not yet valid"_s, variant(ca.get(), caKey.get(), "DNS:mail.test", 86400, 172800));
    m_badCerts.insert(u"wrong name"_s, variant(ca.get(), caKey.get(), "DNS:other.test", -3600, 86400));
    m_badCerts.insert(u"untrusted chain"_s, variant(otherCa.get(), otherCaKey.get(), "DNS:mail.test", -3600, 86400));
}

SmtpEndpoint TestSmtpSession::fakeEndpoint(const FakeSmtpServer &server, TlsPolicy tls) const
{
    SmtpEndpoint e;
    e.host = u"127.0.0.1"_s;
    e.port = server.serverPort();
    e.tls = tls;
    e.heloName = u"client.test"_s;
    e.connectTimeoutMs = e.greetingTimeoutMs = e.commandTimeoutMs = e.dataTimeoutMs = 4000;
    e.extraCaCertificates = {m_ca};
    e.peerVerifyName = u"mail.test"_s;
    return e;
}

SmtpEndpoint TestSmtpSession::sinkEndpoint(quint16 port) const
{
    SmtpEndpoint e;
    e.host = u"127.0.0.1"_s;
    e.port = port;
    e.tls = TlsPolicy::None;
    e.heloName = u"client.test"_s;
    e.connectTimeoutMs = e.greetingTimeoutMs = e.commandTimeoutMs = e.dataTimeoutMs = 4000;
    return e;
}

bool TestSmtpSession::run(SmtpSession &session, const QList<SmtpEnvelope> &envelopes, Recorder &rec, int timeoutMs,
                          const std::function<void()> &beforeStart)
{
    connect(&session, &SmtpSession::messageFinished, &session, [&rec](const SmtpOutcome &o) {
        rec.outcomeAfterClose = rec.outcomeAfterClose || rec.closed > 0;
        rec.outcomes.append(o);
    });
    connect(&session, &SmtpSession::sessionFailed, &session,
            [&rec](const QString &phase, const SmtpReply &reply, const QString &transcript) {
                rec.failureAfterOutcome = rec.failureAfterOutcome || !rec.outcomes.isEmpty();
                rec.failedPhases.append(phase);
                rec.failedReplies.append(reply);
                rec.failedTranscript = transcript;
            });
    connect(&session, &SmtpSession::idle, &session, [&rec, &session] {
        ++rec.idle;
        session.finish();
    });
    connect(&session, &SmtpSession::closed, &session, [&rec] { ++rec.closed; });
    for (const SmtpEnvelope &e : envelopes) {
        if (!session.submit(e))
            return false;
    }
    if (beforeStart)
        beforeStart();
    session.start();
    QDeadlineTimer deadline(timeoutMs);
    while (rec.closed == 0 && !deadline.hasExpired())
        QTest::qWait(5);
    QTest::qWait(5); // anything emitted after closed() would show up now
    if (rec.closed != 1 || rec.outcomeAfterClose || rec.failureAfterOutcome)
        return false;
    if (rec.outcomes.size() != envelopes.size())
        return false;
    for (const SmtpEnvelope &e : envelopes) {
        if (!rec.byTag(e.tag))
            return false;
    }
    return true;
}

// --- decisions ------------------------------------------------------------------------

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

// --- against Postfix smtp-sink ----------------------------------------------------------

#define REQUIRE_SINK()                                                                                                 \
    if (!QFile::exists(QString::fromLatin1(SinkPath)))                                                                 \
    QSKIP("Postfix smtp-sink not found at /usr/sbin/smtp-sink (apt-get install postfix); sink tests skipped")

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

// --- attacks, against the fake server ---------------------------------------------------

void TestSmtpSession::startTlsInjectionAborts()
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

void TestSmtpSession::startTlsStrippedWhileRequired_data()
{
    QTest::addColumn<QList<QByteArray>>("ehlo");
    QTest::addColumn<QByteArray>("startTlsReply");
    QTest::newRow("STARTTLS not offered") << QList<QByteArray>{"PIPELINING", "AUTH PLAIN"} << QByteArray();
    QTest::newRow("454 to STARTTLS") << QList<QByteArray>{"STARTTLS", "AUTH PLAIN"}
                                     << QByteArray("454 4.7.0 TLS not available due to temporary reason\r\n");
}

void TestSmtpSession::startTlsStrippedWhileRequired()
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

void TestSmtpSession::opportunisticWithoutStartTls()
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

void TestSmtpSession::capabilitiesResetAfterTls()
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

void TestSmtpSession::capabilitiesResetDropsAuth()
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

void TestSmtpSession::authPlainRedacted()
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

void TestSmtpSession::authLoginRedacted()
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

void TestSmtpSession::authFailureFailsSession()
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

void TestSmtpSession::plaintextAuthOnlyToLoopback()
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

void TestSmtpSession::badCertificatesRefused_data()
{
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("peerName");
    for (const QString &name :
         {u"self-signed"_s, u"expired"_s, u"not yet valid"_s, u"wrong name"_s, u"untrusted chain"_s})
        QTest::newRow(qPrintable(name)) << name << u"mail.test"_s;
    // A4: an IP literal as the relay host must match the certificate too; it does not.
    QTest::newRow("IP literal") << u"good"_s << QString();
}

void TestSmtpSession::badCertificatesRefused()
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

void TestSmtpSession::implicitTls()
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

void TestSmtpSession::implicitTlsBadCertificate()
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

void TestSmtpSession::hostileReplies_data()
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

void TestSmtpSession::hostileReplies()
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

void TestSmtpSession::hostileReplyAfterFinalDot()
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

void TestSmtpSession::byteByByteReplies()
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

void TestSmtpSession::dropAfterFinalDot()
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

void TestSmtpSession::timeoutAfterFinalDot()
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

void TestSmtpSession::closingReplyToFinalDot()
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

void TestSmtpSession::greetingTimeout()
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

void TestSmtpSession::connectionRefused()
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
