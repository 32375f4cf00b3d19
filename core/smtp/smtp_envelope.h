#pragma once

#include <QByteArray>
#include <QString>

// One message for one recipient, as the engine hands it to a session.
struct SmtpEnvelope
{
    quint64 tag = 0;  // the engine's id for this attempt, echoed in the outcome
    QString mailFrom; // reverse-path without brackets; empty for the null sender "<>"
    QString rcptTo;   // forward-path without brackets (A-label domain)
    // The message as signed: CRLF line ends, no bare CR or LF, not dot-stuffed. The session
    // dot-stuffs while writing, so the bytes the server stores equal these.
    QByteArray data;
    bool smtpUtf8 = false; // the message needs SMTPUTF8 (RFC 6531), e.g. UTF-8 headers
    // The session waits before the final ".CRLF" of the data until the caller releases it
    // (SmtpSession::endOfDataDue), so the caller can record durably that it may go out.
    bool holdEndOfData = false;

    // Delivery status notification requests (RFC 3461); sent only to servers offering DSN.
    QString ret;    // "FULL" or "HDRS"; empty: not sent
    QString envid;  // plain text; the session xtext-encodes it
    QString notify; // "NEVER" or a comma list of SUCCESS, FAILURE, DELAY; empty: not sent
    QString orcpt;  // the original recipient address (no "rfc822;" prefix needed)

    // Non-ASCII in an address or the explicit flag.
    bool needsSmtpUtf8() const;
    bool hasEightBitData() const;
};
