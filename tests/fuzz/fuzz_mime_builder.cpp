// libFuzzer target for the message builder (core/message/mime_message.h), the single serializer
// of what is signed and sent (docs/reliability.md rule 3). Subject, From name, To name, HTML,
// text and a custom header come from the input (strings split the FuzzedDataProvider way, a
// backslash ends one); the last two bytes choose which addresses, Message-ID and header name
// are fuzzed too, and the date. The builder must either refuse with an error or produce:
//  - CRLF line ends only, no NUL, 7-bit unless an address needs SMTPUTF8;
//  - a header section with exactly the fields it writes, in order (nothing injected), no line
//    over 998 octets and no folded line made only of white space;
//  - body lines of at most 76 characters, none starting with '.';
//  - parts that decode back to the text and HTML given, and the same bytes when built again.

#include "message/html_to_text.h"
#include "message/mime_body_encoder.h"
#include "message/mime_message.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QDateTime>
#include <QString>

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

void require(bool condition)
{
    if (!condition)
        __builtin_trap();
}

QString text(FuzzedDataProvider &in)
{
    const std::string s = in.ConsumeRandomLengthString(4096);
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1; // RFC 2045 §6.7: the builder writes upper-case hex only
}

QByteArray decodeQuotedPrintable(const QByteArray &data)
{
    QByteArray out;
    for (qsizetype i = 0; i < data.size(); ++i) {
        if (data[i] != '=') {
            out += data[i];
            continue;
        }
        if (data.mid(i + 1, 2) == "\r\n") { // soft line break
            i += 2;
            continue;
        }
        require(i + 2 < data.size() && hexValue(data[i + 1]) >= 0 && hexValue(data[i + 2]) >= 0);
        out += char(hexValue(data[i + 1]) * 16 + hexValue(data[i + 2]));
        i += 2;
    }
    return out;
}

// The value of the header field name in an unfolded header block, or a null array.
QByteArray fieldValue(const QByteArray &headers, const QByteArray &name)
{
    const QByteArray unfolded = QByteArray(headers).replace("\r\n ", " ").replace("\r\n\t", "\t");
    for (const QByteArray &line : unfolded.split('\n')) {
        if (line.startsWith(QByteArray(name + ':')))
            return line.mid(name.size() + 1).trimmed();
    }
    return {};
}

// Decodes one part (its header fields, then its encoded data) and returns the content type.
QByteArray decodePart(const QByteArray &headers, const QByteArray &data, QByteArray *decoded)
{
    const QByteArray type = fieldValue(headers, "Content-Type");
    const QByteArray encoding = fieldValue(headers, "Content-Transfer-Encoding");
    if (encoding == "base64")
        *decoded = QByteArray::fromBase64(QByteArray(data).replace("\r\n", ""));
    else if (encoding == "quoted-printable")
        *decoded = decodeQuotedPrintable(data);
    else
        require(false);
    return type.left(type.indexOf(';'));
}

// The fields the builder writes, in its order (core/message/mime_message.cpp).
QByteArrayList expectedFields(const MimeContent &c, bool multipart)
{
    QByteArrayList names{"Date", "From", "To"};
    if (!c.replyTo.trimmed().isEmpty())
        names += "Reply-To";
    names += {"Subject", "Message-ID", "MIME-Version"};
    for (const auto &header : c.headers)
        names += header.first.toLatin1();
    names += "Content-Type";
    if (!multipart)
        names += "Content-Transfer-Encoding";
    return names;
}

void checkMessage(const MimeContent &c, const QByteArray &message)
{
    // CRLF only, no NUL, 7-bit unless an address needs SMTPUTF8.
    const bool utf8 = MimeBuilder::needsSmtpUtf8(c);
    for (qsizetype i = 0; i < message.size(); ++i) {
        const char b = message[i];
        require(b != '\0' && (utf8 || uchar(b) < 0x80));
        if (b == '\r')
            require(i + 1 < message.size() && message[i + 1] == '\n');
        if (b == '\n')
            require(i > 0 && message[i - 1] == '\r');
    }
    require(message.endsWith("\r\n"));

    const qsizetype split = message.indexOf("\r\n\r\n");
    require(split > 0);
    const QByteArray headers = message.left(split + 2);
    const QByteArray body = message.mid(split + 4);

    QByteArrayList fields;
    const QByteArrayList headerLines = headers.chopped(2).split('\n');
    for (QByteArray line : headerLines) {
        line.chop(line.endsWith('\r') ? 1 : 0);
        require(line.size() <= 998);
        if (line.startsWith(' ') || line.startsWith('\t')) {
            require(!fields.isEmpty() && !line.trimmed().isEmpty());
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        require(colon > 0);
        fields += line.left(colon);
    }
    const QByteArray type = fieldValue(headers, "Content-Type");
    const bool multipart = type.startsWith("multipart/alternative;");
    require(fields == expectedFields(c, multipart));

    for (const QByteArray &line : body.chopped(2).split('\n'))
        require(line.size() <= 77 && !line.startsWith('.')); // 76 and the CR

    // The parts decode back to what was given.
    const QString plain = c.text.isEmpty() ? HtmlToText::convert(c.html) : c.text;
    QByteArray decodedText, decodedHtml;
    if (multipart) {
        const qsizetype b = type.indexOf("boundary=\"");
        require(b > 0 && type.endsWith('"'));
        const QByteArray boundary = type.mid(b + 10).chopped(1);
        // "--b" CRLF part CRLF "--b" CRLF part CRLF "--b--" CRLF, the boundary nowhere else.
        const QByteArray open = "--" + boundary + "\r\n";
        const QByteArray close = "--" + boundary + "--\r\n";
        require(body.startsWith(open) && body.endsWith(close));
        const QByteArray inner = body.mid(open.size(), body.size() - open.size() - close.size());
        require(inner.count(boundary) == 1);
        const qsizetype second = inner.indexOf(QByteArray("\r\n" + open));
        require(second > 0);
        const QByteArrayList parts{inner.left(second + 2), inner.mid(second + 2 + open.size())};
        for (const QByteArray &part : parts) {
            const qsizetype end = part.indexOf("\r\n\r\n");
            require(end > 0);
            QByteArray decoded;
            const QByteArray partType = decodePart(part.left(end + 2), part.mid(end + 4), &decoded);
            if (partType == "text/plain")
                decodedText = decoded;
            else if (partType == "text/html")
                decodedHtml = decoded;
            else
                require(false);
        }
        require(decodedText == MimeBodyEncoder::normalizeLineBreaks(plain));
        require(decodedHtml == MimeBodyEncoder::normalizeLineBreaks(c.html));
    } else {
        QByteArray decoded;
        const QByteArray partType = decodePart(headers, body, &decoded);
        if (partType == "text/plain")
            require(!plain.isEmpty() && c.html.isEmpty() && decoded == MimeBodyEncoder::normalizeLineBreaks(plain));
        else if (partType == "text/html")
            require(plain.isEmpty() && decoded == MimeBodyEncoder::normalizeLineBreaks(c.html));
        else
            require(false);
    }
}

bool hasControl(const QString &s)
{
    for (QChar c : s) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t') || u == 0x7F || (u >= 0x80 && u <= 0x9F) || u == 0x2028 || u == 0x2029)
            return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    // Integers come from the end of the input, strings from its start.
    const uint8_t flags = in.ConsumeIntegral<uint8_t>();
    const uint8_t when = in.ConsumeIntegral<uint8_t>();

    MimeContent c;
    c.fromName = text(in);
    c.subject = text(in);
    c.html = text(in);
    c.text = text(in);
    const QString headerValue = text(in);
    c.toDisplay = text(in);
    const QString headerName = text(in);
    const QString fromAddress = text(in);
    const QString toAddress = text(in);
    const QString replyTo = text(in);
    const QString messageId = text(in);

    c.fromAddress = (flags & 1) ? fromAddress : u"news@acme.example"_s;
    c.toAddress = (flags & 2) ? toAddress : u"jimin@example.org"_s;
    c.replyTo = (flags & 4) ? replyTo : QString();
    if (!(flags & 8))
        c.headers.append({(flags & 16) ? headerName : u"List-Unsubscribe"_s, headerValue});
    if (flags & 32)
        c.headers.append({u"List-Unsubscribe-Post"_s, u"List-Unsubscribe=One-Click"_s});
    c.messageId = (flags & 64) ? messageId : u"<d1.r42@acme.example>"_s;
    const int offsetSeconds = (int(when % 57) - 28) * 15 * 60;
    c.date = QDateTime(QDate(2026, 12, 1).addDays(when * 37), QTime(9, 0), Qt::OffsetFromUTC, offsetSeconds);

    QString error;
    const QByteArray message = MimeBuilder::build(c, &error);
    if (message.isEmpty()) {
        require(!error.isEmpty());
        // Clean values with the default addresses are never refused.
        const bool clean = !(flags & (1 | 2 | 4 | 16 | 64)) && !hasControl(c.fromName) && !hasControl(c.subject) &&
                           !hasControl(c.toDisplay) && !hasControl(headerValue) && headerValue.size() < 400 &&
                           !(c.text.isEmpty() && c.html.isEmpty());
        require(!clean);
        return 0;
    }
    require(error.isEmpty());
    checkMessage(c, message);
    require(MimeBuilder::build(c, nullptr) == message); // deterministic
    return 0;
}
