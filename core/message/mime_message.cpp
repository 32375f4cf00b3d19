#include "mime_message.h"

#include "common/sha256.h"
#include "html_to_text.h"
#include "mime_body_encoder.h"
#include "mime_header_encoder.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

// Anything that could end or split a header line for some reader: C0 controls but TAB,
// DEL, C1 (NEL among them) and the Unicode line and paragraph separators.
bool hasLineBreakOrControl(const QString &value)
{
    for (QChar c : value) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t') || u == 0x7F || (u >= 0x80 && u <= 0x9F) || u == 0x2028 || u == 0x2029)
            return true;
    }
    return false;
}

bool isAscii(QStringView text)
{
    for (QChar c : text) {
        if (c.unicode() > 0x7F)
            return false;
    }
    return true;
}

// The name of the header field whose line is over the limit (the field a continuation line
// belongs to), for an error that names it.
QByteArray overlongHeader(const QByteArray &headers)
{
    QByteArray current;
    for (const QByteArray &line : headers.split('\n')) {
        const QByteArray l = line.endsWith('\r') ? line.chopped(1) : line;
        if (!l.startsWith(' ') && !l.startsWith('\t'))
            current = l.left(l.indexOf(':'));
        if (l.size() > MimeHeaderEncoder::kMaxLineLength)
            return current;
    }
    return current;
}

// Fields the builder writes itself; a custom header with one of these names would either
// duplicate them or (Bcc) leak recipients.
bool isReservedHeader(const QString &name)
{
    static const QStringList reserved =
        u"date from to cc bcc reply-to subject message-id mime-version content-type "
        u"content-transfer-encoding sender return-path received dkim-signature"_s.split(u' ');
    return reserved.contains(name.toLower());
}

// RFC 5322 ftext: printable ASCII but ':'.
bool isValidHeaderName(const QString &name)
{
    if (name.isEmpty() || name.size() > 76)
        return false;
    for (QChar c : name) {
        const char16_t u = c.unicode();
        if (u < 33 || u > 126 || u == u':')
            return false;
    }
    return true;
}

// The header form of an address: the local part as given (quoted or not, UTF-8 when it is
// not ASCII), the domain in A-labels. Only syntax that could break the header is refused
// here; the address rules themselves are AddressValidator's.
QByteArray wireAddress(const QString &field, const QString &address, QString *error)
{
    const QString trimmed = address.trimmed();
    const qsizetype at = trimmed.lastIndexOf(u'@');
    const QString local = at > 0 ? trimmed.left(at) : QString();
    const QString domain = at > 0 ? trimmed.mid(at + 1) : QString();
    const bool quotedLocal = local.size() >= 2 && local.startsWith(u'"') && local.endsWith(u'"');
    bool bad = local.isEmpty() || domain.isEmpty() || hasLineBreakOrControl(trimmed);
    for (QChar c : quotedLocal ? domain : trimmed) {
        if (c.isSpace() || c == u'<' || c == u'>' || c == u',' || c == u'"')
            bad = true;
    }
    const QByteArray ace = isAscii(domain) ? domain.toLatin1() : QUrl::toAce(domain);
    if (bad || ace.isEmpty()) {
        *error = u"%1: not a usable address: '%2'"_s.arg(field, address);
        return {};
    }
    return local.toUtf8() + '@' + ace;
}

bool isValidMessageId(const QString &id)
{
    if (id.size() < 5 || !id.startsWith(u'<') || !id.endsWith(u'>') || id.count(u'@') != 1)
        return false;
    for (qsizetype i = 1; i + 1 < id.size(); ++i) {
        const char16_t u = id.at(i).unicode();
        if (u < 33 || u > 126 || u == u'<' || u == u'>')
            return false;
    }
    return !id.startsWith(u"<@"_s) && !id.endsWith(u"@>"_s);
}

QByteArray boundaryFor(const MimeContent &content, const QByteArray &parts)
{
    // "=_" can never appear in quoted-printable or base64 output ('=' is always followed by
    // hex digits or a line end there), so this boundary cannot occur in the parts; the check
    // below is a second line of defence. Derived from the content to keep output stable.
    const QByteArray digest = sha256({content.messageId.toUtf8(), parts}).toHex();
    for (int salt = 0;; ++salt) {
        QByteArray boundary = "=_sendscope_" + digest.left(24);
        if (salt > 0)
            boundary += '_' + QByteArray::number(salt);
        if (!parts.contains(boundary))
            return boundary;
    }
}

QByteArray partHeaders(const char *mimeType, MimeBodyEncoder::Encoding encoding)
{
    return QByteArray("Content-Type: ") + mimeType +
           "; charset=utf-8\r\nContent-Transfer-Encoding: " + MimeBodyEncoder::headerValue(encoding) + "\r\n";
}

} // namespace

QByteArray MimeBuilder::formatDate(const QDateTime &date)
{
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDate d = date.date();
    const QTime t = date.time();
    const int offsetMinutes = date.offsetFromUtc() / 60;
    const int absOffset = qAbs(offsetMinutes);
    return QByteArray(days[d.dayOfWeek() - 1]) + ", " + QByteArray::number(d.day()).rightJustified(2, '0') + ' ' +
           months[d.month() - 1] + ' ' + QByteArray::number(d.year()) + ' ' +
           QByteArray::number(t.hour()).rightJustified(2, '0') + ':' +
           QByteArray::number(t.minute()).rightJustified(2, '0') + ':' +
           QByteArray::number(t.second()).rightJustified(2, '0') + ' ' + (offsetMinutes < 0 ? '-' : '+') +
           QByteArray::number(absOffset / 60).rightJustified(2, '0') +
           QByteArray::number(absOffset % 60).rightJustified(2, '0');
}

bool MimeBuilder::needsSmtpUtf8(const MimeContent &content)
{
    for (const QString &address : {content.fromAddress, content.toAddress, content.replyTo}) {
        const qsizetype at = address.lastIndexOf(u'@');
        if (!isAscii(at < 0 ? QStringView(address) : QStringView(address).left(at)))
            return true;
    }
    return false;
}

QByteArray MimeBuilder::buildHeaders(const MimeContent &content, QString *error, QString *field)
{
    // Defence in depth: personalization already strips line breaks from header values
    // (PersonalizationTemplate::Escape::Header), but a value that still carries one is
    // refused rather than repaired, so the header count can never change.
    struct Checked
    {
        const char16_t *name;       // in the message
        const char16_t *definition; // in the delivery definition
        const QString &value;
    };
    const Checked checked[] = {
        {u"From name", u"from.name", content.fromName},    {u"From", u"from.address", content.fromAddress},
        {u"Reply-To", u"reply_to", content.replyTo},       {u"To", u"recipient", content.toAddress},
        {u"To name", u"recipient", content.toDisplay},     {u"Subject", u"subject", content.subject},
        {u"Message-ID", u"message_id", content.messageId},
    };
    for (const Checked &c : checked) {
        if (hasLineBreakOrControl(c.value)) {
            *error = u"%1 contains a line break or control character"_s.arg(QStringView(c.name));
            *field = QString::fromUtf16(c.definition);
            return {};
        }
    }
    if (!content.date.isValid()) {
        *error = u"Date is missing"_s;
        *field = u"date"_s;
        return {};
    }
    if (!isValidMessageId(content.messageId)) {
        *error = u"Message-ID is not of the form <id@domain>: '%1'"_s.arg(content.messageId);
        *field = u"message_id"_s;
        return {};
    }
    const QByteArray from = wireAddress(u"From"_s, content.fromAddress, error);
    const QByteArray to = from.isEmpty() ? QByteArray() : wireAddress(u"To"_s, content.toAddress, error);
    if (to.isEmpty()) {
        *field = from.isEmpty() ? u"from.address"_s : u"recipient"_s;
        return {};
    }
    QByteArray replyTo;
    if (!content.replyTo.trimmed().isEmpty()) {
        replyTo = wireAddress(u"Reply-To"_s, content.replyTo, error);
        if (replyTo.isEmpty()) {
            *field = u"reply_to"_s;
            return {};
        }
    }

    QByteArray out = "Date: " + formatDate(content.date) + "\r\n";
    out += MimeHeaderEncoder::mailbox("From", content.fromName, from);
    out += MimeHeaderEncoder::mailbox("To", content.toDisplay, to);
    if (!replyTo.isEmpty())
        out += MimeHeaderEncoder::mailbox("Reply-To", QString(), replyTo);
    out += MimeHeaderEncoder::unstructured("Subject", content.subject);
    out += "Message-ID: " + content.messageId.toLatin1() + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    for (const auto &[name, value] : content.headers) {
        *field = u"headers."_s + name;
        if (!isValidHeaderName(name)) {
            *error = u"custom header name is not valid: '%1'"_s.arg(name);
            return {};
        }
        if (isReservedHeader(name)) {
            *error = u"custom header %1 is written by the message builder itself"_s.arg(name);
            return {};
        }
        if (hasLineBreakOrControl(value)) {
            *error = u"header %1 contains a line break or control character"_s.arg(name);
            return {};
        }
        // Custom fields are mostly structured (List-Unsubscribe URLs, List-Id): ASCII stays
        // as written, only folded at its own white space.
        out += MimeHeaderEncoder::structured(name.toLatin1(), value);
    }
    field->clear();
    return out;
}

QByteArray MimeBuilder::buildBody(const MimeContent &content, QByteArray *contentHeaders, QString *error)
{
    const QString text = content.text.isEmpty() ? HtmlToText::convert(content.html) : content.text;
    const bool hasHtml = !content.html.isEmpty();
    if (text.isEmpty() && !hasHtml) {
        *error = u"the message has neither a text nor an HTML body"_s;
        return {};
    }
    if (text.isEmpty() || !hasHtml) {
        const bool isText = !text.isEmpty();
        const MimeBodyEncoder::Encoded part = MimeBodyEncoder::encode(isText ? text : content.html);
        *contentHeaders = partHeaders(isText ? "text/plain" : "text/html", part.encoding);
        return part.data;
    }
    const MimeBodyEncoder::Encoded plain = MimeBodyEncoder::encode(text);
    const MimeBodyEncoder::Encoded html = MimeBodyEncoder::encode(content.html);
    const QByteArray boundary = boundaryFor(content, plain.data + html.data);
    *contentHeaders = "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n";
    // Parts in increasing order of preference (RFC 2046 §5.1.4): text first, HTML last.
    return "--" + boundary + "\r\n" + partHeaders("text/plain", plain.encoding) + "\r\n" + plain.data + "--" +
           boundary + "\r\n" + partHeaders("text/html", html.encoding) + "\r\n" + html.data + "--" + boundary +
           "--\r\n";
}

QByteArray MimeBuilder::build(const MimeContent &content, QString *error, QString *field)
{
    QString localError;
    QString localField;
    QString *err = error ? error : &localError;
    QString *where = field ? field : &localField;
    where->clear();
    QByteArray headers = buildHeaders(content, err, where);
    if (headers.isEmpty())
        return {};
    QByteArray contentHeaders;
    const QByteArray body = buildBody(content, &contentHeaders, err);
    if (body.isEmpty()) {
        *where = u"html"_s;
        return {};
    }
    headers += contentHeaders;
    if (MimeHeaderEncoder::longestLine(headers) > MimeHeaderEncoder::kMaxLineLength) {
        const QByteArray name = overlongHeader(headers);
        *err = u"the %1 header has a line longer than 998 characters that cannot be folded"_s.arg(
            QString::fromLatin1(name));
        const QByteArray lower = name.toLower();
        *where = lower == "subject"    ? u"subject"_s
                 : lower == "from"     ? u"from.name"_s
                 : lower == "to"       ? u"recipient"_s
                 : lower == "reply-to" ? u"reply_to"_s
                                       : u"headers."_s + QString::fromLatin1(name);
        return {};
    }
    return headers + "\r\n" + body;
}
