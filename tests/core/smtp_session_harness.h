#pragma once

// The harness shared by the SMTP session tests (tst_smtp_session*.cpp): a test PKI made at
// run time, smtp-sink dump helpers, envelopes, and a base class that runs a session to its
// end and checks the contract (one outcome per envelope, nothing after closed()).

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

namespace smtp_test {

inline constexpr auto SinkPath = "/usr/sbin/smtp-sink";
inline const QByteArray Password = "s3cret-Pa55";

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

inline Key newKey()
{
    return Key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

inline void addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

// issuer == nullptr: self-signed.
inline Cert makeCert(EVP_PKEY *key, const char *commonName, X509 *issuer, EVP_PKEY *issuerKey, bool ca,
                     const QByteArray &san, long notBeforeSecs, long notAfterSecs)
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

inline QByteArray toPem(X509 *cert)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray out(data, size);
    BIO_free(bio);
    return out;
}

inline QByteArray toPem(EVP_PKEY *key)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray out(data, size);
    BIO_free(bio);
    return out;
}

inline QSslKey toQt(EVP_PKEY *key)
{
    return QSslKey(toPem(key), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
}

// --- Postfix smtp-sink, started by the test on a free loopback port ---------------------

// The message part of an smtp-sink dump: after its X- headers and its Received header,
// with LF line ends and one empty line appended.
inline QByteArray sinkMessage(const QByteArray &dump)
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

inline QByteArray sinkHeader(const QByteArray &dump, const QByteArray &name)
{
    for (const QByteArray &line : dump.split('\n')) {
        if (line.startsWith(QByteArray(name + ": ")))
            return line.sliced(name.size() + 2);
    }
    return QByteArray();
}

inline SmtpEnvelope makeEnvelope(quint64 tag, const QByteArray &body = "Hello.\r\n")
{
    SmtpEnvelope e;
    e.tag = tag;
    e.mailFrom = u"bounce@sender.test"_s;
    e.rcptTo = u"user%1@example.test"_s.arg(tag);
    e.data = "From: <news@sender.test>\r\nTo: <user@example.test>\r\nSubject: test " + QByteArray::number(tag) +
             "\r\nX-Tag: " + QByteArray::number(tag) + "\r\n\r\n" + body;
    return e;
}

inline bool containsSecret(const QString &text)
{
    const QByteArray plainAuth = QByteArray('\0' + QByteArray("user") + '\0' + Password);
    for (const QByteArray &secret : {Password, Password.toBase64(), plainAuth.toBase64(), QByteArray("dXNlcg==")}) {
        if (text.contains(QString::fromLatin1(secret)))
            return true;
    }
    return false;
}

} // namespace smtp_test

using namespace smtp_test;

#define REQUIRE_SINK()                                                                                                 \
    if (!QFile::exists(QString::fromLatin1(SinkPath)))                                                                 \
    QSKIP("Postfix smtp-sink not found at /usr/sbin/smtp-sink (apt-get install postfix); sink tests skipped")

class SmtpSessionTestBase : public QObject
{
protected:
    // Makes the test CA, a good server certificate and the bad variants; QVERIFY failures
    // are recorded for the calling test.
    void initPki()
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
        m_badCerts.insert(u"untrusted chain"_s,
                          variant(otherCa.get(), otherCaKey.get(), "DNS:mail.test", -3600, 86400));
    }

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

    QSslCertificate m_ca;
    QSslCertificate m_goodCert;
    QSslKey m_goodKey;
    struct Variant
    {
        QSslCertificate cert;
        QSslKey key;
    };
    QHash<QString, Variant> m_badCerts;

    // Starts the session, submits the envelopes, finishes when idle and waits for closed();
    // then checks the contract: one outcome per envelope, nothing after closed().
    bool run(SmtpSession &session, const QList<SmtpEnvelope> &envelopes, Recorder &rec, int timeoutMs = 5000,
             const std::function<void()> &beforeStart = {})
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

    SmtpEndpoint fakeEndpoint(const FakeSmtpServer &server, TlsPolicy tls) const
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

    SmtpEndpoint sinkEndpoint(quint16 port) const
    {
        SmtpEndpoint e;
        e.host = u"127.0.0.1"_s;
        e.port = port;
        e.tls = TlsPolicy::None;
        e.heloName = u"client.test"_s;
        e.connectTimeoutMs = e.greetingTimeoutMs = e.commandTimeoutMs = e.dataTimeoutMs = 4000;
        return e;
    }
};
