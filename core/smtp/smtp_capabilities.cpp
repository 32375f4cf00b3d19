#include "smtp_capabilities.h"

using namespace Qt::StringLiterals;

SmtpCapabilities SmtpCapabilities::fromEhloReply(const SmtpReply &reply)
{
    SmtpCapabilities caps;
    // The first line is the server's greeting name; each following line is one extension.
    for (qsizetype i = 1; i < reply.lines.size(); ++i) {
        QStringList words = reply.lines[i].split(u' ', Qt::SkipEmptyParts);
        if (words.isEmpty())
            continue; // smtp-sink ends its EHLO reply with a bare "250 "
        QString keyword = words.takeFirst().toUpper();
        // Old servers wrote "AUTH=LOGIN PLAIN"; it means the same as "AUTH LOGIN PLAIN".
        if (keyword.startsWith(u"AUTH="_s)) {
            words.prepend(keyword.sliced(5));
            keyword = u"AUTH"_s;
        }
        if (!caps.m_keywords.contains(keyword))
            caps.m_order.append(keyword);
        QStringList &params = caps.m_keywords[keyword];
        params.append(words);
    }
    return caps;
}

bool SmtpCapabilities::has(const QString &keyword) const
{
    return m_keywords.contains(keyword.toUpper());
}

QStringList SmtpCapabilities::parameters(const QString &keyword) const
{
    return m_keywords.value(keyword.toUpper());
}

qint64 SmtpCapabilities::sizeLimit() const
{
    const QStringList params = parameters(u"SIZE"_s);
    if (params.isEmpty())
        return 0;
    bool ok = false;
    const qint64 limit = params.first().toLongLong(&ok);
    return ok && limit > 0 ? limit : 0;
}

QStringList SmtpCapabilities::authMechanisms() const
{
    QStringList out;
    for (const QString &mechanism : parameters(u"AUTH"_s)) {
        const QString upper = mechanism.toUpper();
        if (!out.contains(upper))
            out.append(upper);
    }
    return out;
}
