#include "smtp_transaction.h"

#include <cstring>

using namespace Qt::StringLiterals;

namespace {

// RFC 3461 §4.4 limits ENVID to 100 characters.
constexpr qsizetype MaxEnvidLength = 100;

bool isAscii(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

bool isValidNotify(const QString &notify)
{
    const QStringList values = notify.toUpper().split(u',');
    if (values == QStringList{u"NEVER"_s})
        return true;
    for (const QString &value : values) {
        if (value != u"SUCCESS"_s && value != u"FAILURE"_s && value != u"DELAY"_s)
            return false;
    }
    return true;
}

SmtpTransaction refuse(int code, const QString &enhanced, const QString &text, const QString &phase)
{
    SmtpTransaction t;
    t.refusal = SmtpReply::makeLocal(code, enhanced, text);
    t.refusalPhase = phase;
    return t;
}

} // namespace

SmtpTransaction SmtpTransaction::build(const SmtpEnvelope &envelope, const SmtpCapabilities &caps)
{
    if (!isSafePath(envelope.mailFrom))
        return refuse(501, u"5.1.7"_s, u"invalid sender address"_s, u"mail"_s);
    if (envelope.rcptTo.isEmpty() || !isSafePath(envelope.rcptTo))
        return refuse(501, u"5.1.3"_s, u"invalid recipient address"_s, u"rcpt"_s);
    const QString ret = envelope.ret.toUpper();
    if (!ret.isEmpty() && ret != u"FULL"_s && ret != u"HDRS"_s)
        return refuse(501, u"5.5.4"_s, u"invalid DSN RET value"_s, u"mail"_s);
    if (!envelope.notify.isEmpty() && !isValidNotify(envelope.notify))
        return refuse(501, u"5.5.4"_s, u"invalid DSN NOTIFY value"_s, u"rcpt"_s);
    if (envelope.envid.size() > MaxEnvidLength)
        return refuse(501, u"5.5.4"_s, u"DSN ENVID longer than 100 characters"_s, u"mail"_s);
    // A bare CR or LF could end the data early on a lenient receiver (SMTP smuggling);
    // mending it here would change bytes that were DKIM-signed, so the message is refused.
    if (hasBareLineBreak(envelope.data))
        return refuse(554, u"5.6.0"_s, u"message contains a bare CR or LF"_s, u"data"_s);

    const bool utf8 = envelope.needsSmtpUtf8();
    if (utf8 && !caps.has(u"SMTPUTF8"_s))
        return refuse(553, u"5.6.7"_s, u"needs SMTPUTF8: the server does not offer it"_s, u"mail"_s);
    // SMTPUTF8 servers take 8-bit data (RFC 6531 §3.1, item 8).
    const bool eightBit = envelope.hasEightBitData();
    if (eightBit && !utf8 && !caps.has(u"8BITMIME"_s))
        return refuse(554, u"5.6.3"_s, u"needs 8BITMIME: the server does not offer it"_s, u"mail"_s);

    SmtpTransaction t;
    t.wireData = dotStuff(envelope.data);
    t.messageBytes = envelope.data.size();
    const qint64 limit = caps.sizeLimit();
    if (limit > 0 && t.messageBytes > limit)
        return refuse(552, u"5.3.4"_s,
                      u"message of %1 bytes exceeds the server's limit of %2 bytes"_s.arg(t.messageBytes).arg(limit),
                      u"mail"_s);

    const bool dsn = caps.has(u"DSN"_s);
    t.mailCommand = "MAIL FROM:<" + envelope.mailFrom.toUtf8() + '>';
    if (caps.has(u"SIZE"_s))
        t.mailCommand += " SIZE=" + QByteArray::number(t.messageBytes);
    if (eightBit && caps.has(u"8BITMIME"_s))
        t.mailCommand += " BODY=8BITMIME";
    if (utf8)
        t.mailCommand += " SMTPUTF8";
    if (dsn && !ret.isEmpty())
        t.mailCommand += " RET=" + ret.toLatin1();
    if (dsn && !envelope.envid.isEmpty())
        t.mailCommand += " ENVID=" + xtext(envelope.envid.toUtf8());

    t.rcptCommand = "RCPT TO:<" + envelope.rcptTo.toUtf8() + '>';
    if (dsn && !envelope.notify.isEmpty())
        t.rcptCommand += " NOTIFY=" + envelope.notify.toUpper().toLatin1();
    // An "rfc822" ORCPT is ASCII by definition; a UTF-8 one needs RFC 6533's encoding,
    // which no relay we target asks for, so it is left out rather than sent wrong.
    QString orcpt = envelope.orcpt;
    if (orcpt.startsWith(u"rfc822;"_s, Qt::CaseInsensitive))
        orcpt = orcpt.sliced(7);
    if (dsn && !orcpt.isEmpty() && isAscii(orcpt))
        t.rcptCommand += " ORCPT=rfc822;" + xtext(orcpt.toLatin1());

    if (!isSafeCommandLine(t.mailCommand) || !isSafeCommandLine(t.rcptCommand))
        return refuse(501, u"5.5.4"_s, u"control character in an envelope parameter"_s, u"mail"_s);
    return t;
}

// Copies the data in spans between the dots that begin a line (memchr finds the dots, of which
// a text has one a sentence), each such dot written twice.
QByteArray SmtpTransaction::dotStuff(QByteArrayView data)
{
    QByteArray out;
    out.reserve(data.size() + data.size() / 64 + 5);
    const char *const begin = data.data();
    const char *const end = begin + data.size();
    const char *copied = begin;
    for (const char *dot = begin; dot < end; ++dot) {
        dot = static_cast<const char *>(std::memchr(dot, '.', end - dot));
        if (!dot)
            break;
        if (dot == begin || dot[-1] == '\n') {
            out.append(copied, dot + 1 - copied);
            copied = dot; // the dot starts the next span too
        }
    }
    out.append(copied, end - copied);
    if (!data.isEmpty() && !data.endsWith("\r\n"))
        out.append("\r\n");
    out.append(".\r\n");
    return out;
}

QByteArray SmtpTransaction::xtext(QByteArrayView text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    for (char ch : text) {
        const auto c = static_cast<uchar>(ch);
        if (c >= 33 && c <= 126 && c != '+' && c != '=') {
            out.append(ch);
        } else {
            out.append('+');
            out.append(hex[c >> 4]);
            out.append(hex[c & 0xF]);
        }
    }
    return out;
}

bool SmtpTransaction::isSafePath(const QString &path)
{
    bool quoted = false;
    bool escaped = false;
    for (QChar ch : path) {
        const char16_t c = ch.unicode();
        if (c < 0x20 || c == 0x7F)
            return false;
        if (escaped) {
            escaped = false;
            continue;
        }
        if (quoted) {
            if (c == u'\\')
                escaped = true;
            else if (c == u'"')
                quoted = false;
            continue;
        }
        if (c == u'"')
            quoted = true;
        else if (c == u' ' || c == u'<' || c == u'>')
            return false;
    }
    return !quoted && !escaped;
}

// Every LF follows a CR, and there are as many CRs as LFs: then every CR is followed by an LF.
bool SmtpTransaction::hasBareLineBreak(QByteArrayView data)
{
    const char *const begin = data.data();
    const char *const end = begin + data.size();
    qsizetype lineFeeds = 0;
    for (const char *p = begin; p < end; ++p, ++lineFeeds) {
        p = static_cast<const char *>(std::memchr(p, '\n', end - p));
        if (!p)
            break;
        if (p == begin || p[-1] != '\r')
            return true;
    }
    qsizetype carriageReturns = 0;
    for (const char *p = begin; p < end; ++p, ++carriageReturns) {
        p = static_cast<const char *>(std::memchr(p, '\r', end - p));
        if (!p)
            break;
    }
    return carriageReturns != lineFeeds;
}

bool SmtpTransaction::isSafeCommandLine(QByteArrayView line)
{
    for (char c : line) {
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    }
    return true;
}
