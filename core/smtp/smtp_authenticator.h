#pragma once

#include "smtp_reply.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// The client side of SMTP AUTH (RFC 4954) with PLAIN (RFC 4616) or LOGIN: which mechanism
// to use and every line to send. Each line carries the form a transcript may show, so the
// credentials and their base64 never reach a log. Whether AUTH may happen at all (TLS, or
// the local machine) is the session's decision, not this class's.
class SmtpAuthenticator final
{
public:
    struct Line
    {
        QByteArray bytes; // without CRLF; holds a secret, wipe after writing
        QString shownAs;  // what the transcript says instead
    };
    enum class Step { Send, Done, Failed };

    SmtpAuthenticator(const QString &username, const QString &password);

    // PLAIN when offered (one round trip), else LOGIN; empty when neither is.
    static QString chooseMechanism(const QStringList &offered);

    Line start(const QString &mechanism);
    // 235 ends it, 334 asks for the next LOGIN line, anything else is a failure.
    Step onReply(const SmtpReply &reply, Line *next);

private:
    QString m_username;
    QString m_password;
    QString m_mechanism;
    int m_loginLinesSent = 0;
};
