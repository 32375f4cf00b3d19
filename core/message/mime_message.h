#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

// One recipient's rendered message, ready to be serialized. Every value is final (already
// personalized); none may hold a line break.
struct MimeContent
{
    QString fromName;
    QString fromAddress; // domain in A-labels; a non-ASCII local part needs SMTPUTF8
    QString replyTo;     // optional
    QString toAddress;   // ASCII-normalized (AddressCheck::normalized)
    QString toDisplay;   // optional display name of the recipient
    QString subject;
    QString html;
    QString text;                           // when empty and html is not, derived from the HTML
    QList<QPair<QString, QString>> headers; // custom fields, e.g. List-Unsubscribe
    QString messageId;                      // with the angle brackets
    QDateTime date;
};

// The single serializer of a message (docs/reliability.md rule 3): its output is the
// exact byte sequence that is DKIM-signed and then dot-stuffed onto the wire. CRLF only,
// 7-bit only (except the address of an SMTPUTF8 message), header lines folded to 78
// characters where a fold is allowed and never over 998, body lines at most 76.
class MimeBuilder final
{
public:
    // The message bytes, or an empty array with *error set (English, names the field) and
    // *field set to the delivery definition's name of what was refused ("subject",
    // "from.name", "headers.X-Campaign", "html", "recipient"), so the analysis can point at it.
    // The output is deterministic: the same content always gives the same bytes, so a
    // resend after a crash carries the very message that may already have been delivered.
    static QByteArray build(const MimeContent &content, QString *error, QString *field = nullptr);

    // True when an address used in the header (From, To, Reply-To) has a non-ASCII local
    // part: the message may only go to a server that offers SMTPUTF8 (RFC 6531).
    static bool needsSmtpUtf8(const MimeContent &content);

    // "Tue, 01 Dec 2026 09:00:00 +0900" (RFC 5322 §3.3), in the date's own offset.
    static QByteArray formatDate(const QDateTime &date);

private:
    static QByteArray buildHeaders(const MimeContent &content, QString *error, QString *field);
    static QByteArray buildBody(const MimeContent &content, QByteArray *contentHeaders, QString *error);
};
