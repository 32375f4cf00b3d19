#pragma once

#include <QList>
#include <QSslCertificate>
#include <QString>

// Where and how one SMTP session connects: a relay or an MX host, its TLS policy, the
// credentials and the limits. The password lives in memory only; nothing here is stored.
struct SmtpEndpoint
{
    enum class TlsPolicy {
        None,          // plaintext, STARTTLS never attempted
        Opportunistic, // STARTTLS when offered (verified when AUTH follows); plaintext when not
        Required,      // STARTTLS or nothing: no MAIL and no AUTH without verified TLS
        Implicit,      // TLS from the first byte (RFC 8314, port 465)
    };

    QString host;
    quint16 port = 25;
    TlsPolicy tls = TlsPolicy::Opportunistic;
    QString username; // empty: no AUTH
    QString password;
    QString heloName; // empty: an address literal of the local end, e.g. "[192.0.2.1]"

    int connectTimeoutMs = 30'000;
    int greetingTimeoutMs = 300'000; // RFC 5321 §4.5.3.2 minimums
    int commandTimeoutMs = 300'000;
    int dataTimeoutMs = 600'000; // for the reply to the final dot
    int maxMessagesPerConnection = 100;

    // Certificate authorities trusted on top of the system's. This is the only way to make
    // a private CA acceptable; there is deliberately no switch to ignore certificate errors
    // (only the opportunistic policy without AUTH encrypts past them, see SmtpSession).
    QList<QSslCertificate> extraCaCertificates;
    QString peerVerifyName; // the name the certificate must carry; empty: host

    QString effectivePeerVerifyName() const { return peerVerifyName.isEmpty() ? host : peerVerifyName; }

    // The route settings' names: "none", "starttls", "starttls-required", "implicit".
    static QString tlsPolicyName(TlsPolicy policy);
    static bool tlsPolicyFromName(const QString &name, TlsPolicy *policy);
};
