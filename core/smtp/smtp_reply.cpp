#include "smtp_reply.h"

using namespace Qt::StringLiterals;

SmtpReply SmtpReply::makeLocal(int code, const QString &enhancedCode, const QString &text)
{
    SmtpReply reply;
    reply.code = code;
    reply.enhancedCode = enhancedCode;
    reply.lines = QStringList{text};
    reply.local = true;
    return reply;
}

QString SmtpReply::text() const
{
    return lines.join(u' ');
}

QString SmtpReply::toString() const
{
    QString out = QString::number(code);
    if (!enhancedCode.isEmpty())
        out += u' ' + enhancedCode;
    const QString joined = text();
    if (!joined.isEmpty())
        out += u' ' + joined;
    return out;
}
