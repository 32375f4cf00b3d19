#pragma once

#include "smtp_endpoint.h"

#include <QHostAddress>
#include <QSslConfiguration>
#include <QString>

// The security decisions of the SMTP client, kept apart from the state machine so each can
// be checked on its own: where credentials may go, how certificates are verified, and what
// may stand in an EHLO line.
class SmtpSecurity final
{
public:
    // "localhost" or a loopback address literal (127.0.0.0/8, ::1), brackets allowed.
    static bool isLoopback(const QString &host);
    // Credentials only travel over verified TLS, or to the local machine. No setting can
    // widen this: a relay that wants AUTH in plaintext over a network gets none.
    static bool mayAuthenticate(bool encrypted, bool loopbackPeer);
    // Verification always on, TLS 1.2 or later, the system's CAs plus the endpoint's.
    static QSslConfiguration sslConfiguration(const SmtpEndpoint &endpoint);
    // Printable ASCII without spaces: anything else could smuggle a command into EHLO.
    static bool isValidHeloName(const QString &name);
    // RFC 5321 §4.1.3 address literal, "[192.0.2.1]" or "[IPv6:2001:db8::1]", for EHLO
    // when no name is configured.
    static QString addressLiteral(const QHostAddress &address);
};
