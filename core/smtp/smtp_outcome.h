#pragma once

#include "smtp_reply.h"

#include <QString>

// What became of one submitted envelope. Every envelope given to a session gets exactly one
// outcome, whatever happens to the connection.
struct SmtpOutcome
{
    enum class Kind { Accepted, PermanentFailure, TemporaryFailure };

    quint64 tag = 0;
    Kind kind = Kind::TemporaryFailure;
    SmtpReply reply; // the reply that decided, or a local one (reply.local)
    // Where it was decided: "connect", "greeting", "ehlo", "starttls", "auth", "mail",
    // "rcpt", "data", "end-of-data".
    QString phase;
    // The final dot went out and no reply came back (RFC 1047): the server may have taken
    // the message. Always a temporary failure, never a success.
    bool possibleDuplicate = false;
    // False when nothing of this transaction reached the server: either the connection
    // failed first (temporary: the engine may requeue it without counting an attempt) or a
    // local check refused the message (permanent: too large, needs SMTPUTF8, bad envelope).
    bool transactionStarted = false;
    // The exchange for this message, session set-up included. AUTH arguments are redacted
    // and the message body appears as "<N bytes>".
    QString transcript;
    // Where the session was connected ("host:port", or "mx.example.com [192.0.2.1]:25" on the
    // direct route); empty when no connection was made for it.
    QString remote;
    // Decided by the recipient's own MX (the direct route, or a pool's direct member), not by a
    // relay: an acceptance is a delivery, and a failed lookup is about the recipient's domain.
    bool fromMx = false;

    bool isAccepted() const { return kind == Kind::Accepted; }
    static QString kindName(Kind kind);
};
