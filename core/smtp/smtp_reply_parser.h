#pragma once

#include "smtp_reply.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

// Incremental, bounded parser of SMTP replies (RFC 5321 §4.2, enhanced codes per RFC 2034
// and RFC 3463). Bytes are fed as they arrive, in chunks of any size; complete replies
// queue up in order, which is what a pipelined exchange needs. Whatever the peer sends,
// memory stays within the limits below: the first violation puts the parser into a sticky
// error state and every later byte is ignored (the session then drops the connection).
class SmtpReplyParser final
{
public:
    // RFC 5321 allows 512 octets per reply line; real servers stay far below these limits.
    static constexpr qsizetype MaxLineLength = 4096; // without the line terminator
    static constexpr qsizetype MaxLines = 100;
    static constexpr qsizetype MaxReplyBytes = 64 * 1024;

    void feed(QByteArrayView bytes);
    // The peer closed the connection: a reply cut short becomes an error.
    void endOfInput();
    void reset();

    bool hasReply() const { return !m_ready.isEmpty(); }
    SmtpReply takeReply();

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    // True while any byte received is not yet returned as a reply: a partial line, the
    // first lines of a multi-line reply, or queued replies. The STARTTLS check needs this.
    bool hasPendingInput() const { return !m_line.isEmpty() || !m_lines.isEmpty() || !m_ready.isEmpty(); }

private:
    void processLine(QByteArrayView line);
    void fail(const QString &reason);

    QByteArray m_line;   // the current, unterminated line
    int m_code = 0;      // code of the reply being built; 0 before its first line
    QStringList m_lines; // lines of the reply being built
    qsizetype m_replyBytes = 0;
    QList<SmtpReply> m_ready;
    QString m_error;
};
