#pragma once

#include "smtp_reply.h"

#include <QByteArray>
#include <QString>

// A bounded, human-readable record of an SMTP exchange: "C:" lines the client sent, "S:"
// lines the server answered, "*" lines for events (TLS, timeouts). Secrets never enter it:
// callers pass the redacted form of AUTH lines, and message bodies only by size.
class SmtpTranscript final
{
public:
    static constexpr qsizetype MaxChars = 32 * 1024;

    void client(QByteArrayView commandLine); // one command, without CRLF
    void clientRedacted(const QString &shown);
    void server(const SmtpReply &reply);
    void body(qsizetype bytes);
    void note(const QString &event);
    void clear();

    const QString &text() const { return m_text; }

private:
    void append(const QString &line);

    QString m_text;
    bool m_truncated = false;
};
