#pragma once

#include <QString>
#include <QStringList>

// One SMTP reply: the three-digit code, the RFC 3463 enhanced status code when the server
// gave one, and the text of each line. Failures the client detects itself (a timeout, a lost
// connection, a refused TLS handshake, a check made before sending) are expressed as replies
// too, marked local, so the engine qualifies every outcome through one path.
struct SmtpReply
{
    int code = 0;
    QString enhancedCode; // "5.1.1", empty when the server sent none
    QStringList lines;    // the text of each line, without code, separator or enhanced code
    bool local = false;   // made up by the client, never sent by the server

    static SmtpReply makeLocal(int code, const QString &enhancedCode, const QString &text);

    bool isValid() const { return code >= 200 && code <= 599; }
    bool isPositive() const { return code >= 200 && code < 300; }
    bool isIntermediate() const { return code >= 300 && code < 400; }
    bool isTransientFailure() const { return code >= 400 && code < 500; }
    bool isPermanentFailure() const { return code >= 500 && code < 600; }

    // The text of all lines, joined with a space.
    QString text() const;
    // "550 5.1.1 User unknown", for logs and the recipient's last reply.
    QString toString() const;

    friend bool operator==(const SmtpReply &, const SmtpReply &) = default;
};
