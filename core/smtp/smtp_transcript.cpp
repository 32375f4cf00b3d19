#include "smtp_transcript.h"

using namespace Qt::StringLiterals;

void SmtpTranscript::client(QByteArrayView commandLine)
{
    append(u"C: "_s + QString::fromUtf8(commandLine));
}

void SmtpTranscript::clientRedacted(const QString &shown)
{
    append(u"C: "_s + shown);
}

void SmtpTranscript::server(const SmtpReply &reply)
{
    const QString code = QString::number(reply.code);
    for (qsizetype i = 0; i < reply.lines.size(); ++i) {
        QString line = code + (i + 1 == reply.lines.size() ? u' ' : u'-');
        if (!reply.enhancedCode.isEmpty())
            line += reply.enhancedCode + u' ';
        append(u"S: "_s + line + reply.lines[i]);
    }
}

void SmtpTranscript::body(qsizetype bytes)
{
    append(u"C: <%1 bytes>"_s.arg(bytes));
}

void SmtpTranscript::note(const QString &event)
{
    append(u"* "_s + event);
}

void SmtpTranscript::clear()
{
    m_text.clear();
    m_truncated = false;
}

void SmtpTranscript::append(const QString &line)
{
    if (m_truncated)
        return;
    if (m_text.size() + line.size() + 1 > MaxChars) {
        m_text += u"* transcript truncated\n"_s;
        m_truncated = true;
        return;
    }
    m_text += line + u'\n';
}
