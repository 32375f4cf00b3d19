#pragma once

#include "smtp_capabilities.h"
#include "smtp_envelope.h"
#include "smtp_reply.h"

#include <QByteArray>
#include <QString>

// The wire form of one mail transaction for one particular server: the MAIL and RCPT
// commands with only the ESMTP parameters that server offers, and the dot-stuffed data.
// It is built before a byte is written, so a message the server cannot take (too large,
// needs SMTPUTF8, bad envelope) is refused locally and nothing reaches the wire.
struct SmtpTransaction
{
    QByteArray mailCommand; // without CRLF
    QByteArray rcptCommand; // without CRLF
    QByteArray wireData;    // dot-stuffed, ending with the CRLF.CRLF terminator
    qsizetype messageBytes = 0;

    // Set when the transaction must not be attempted.
    SmtpReply refusal;
    QString refusalPhase;
    bool isRefused() const { return refusal.isValid(); }

    static SmtpTransaction build(const SmtpEnvelope &envelope, const SmtpCapabilities &caps);

    // RFC 5321 §4.5.2: a leading dot is doubled; the data ends with CRLF, then ".CRLF".
    static QByteArray dotStuff(QByteArrayView data);
    // RFC 3461 §4: characters outside "!" to "~", and "+" and "=", become "+HH".
    static QByteArray xtext(QByteArrayView text);
    // A reverse- or forward-path the command line can carry as is: no control characters,
    // and no space or angle bracket outside a quoted local part.
    static bool isSafePath(const QString &path);
    // True when the bytes contain a CR or LF that is not part of a CRLF pair.
    static bool hasBareLineBreak(QByteArrayView data);
    // No CR, LF or NUL: the last check before any command line is written.
    static bool isSafeCommandLine(QByteArrayView line);
};
