#include "mime_body_encoder.h"

#include <cstring>

using namespace Qt::StringLiterals;

namespace {

const char kHex[] = "0123456789ABCDEF";

// One input line (without its CRLF) as quoted-printable output lines joined by soft breaks,
// written through a raw pointer: this runs for every line of every recipient's message.
// Returns the new end of the output.
char *encodeQpLine(const char *line, qsizetype size, char *out)
{
    qsizetype lineLength = 0; // characters on the current output line
    for (qsizetype i = 0; i < size; ++i) {
        const auto b = uchar(line[i]);
        const bool last = i + 1 == size;
        const bool literal = ((b == ' ' || b == '\t') && !last) // white space is only encoded at the end of a line
                             || (b >= 33 && b <= 126 && b != '=');
        // Room is kept for the '=' of a soft break, except for the line's last token.
        const qsizetype room = last ? MimeBodyEncoder::kMaxLineLength : MimeBodyEncoder::kMaxLineLength - 1;
        if (lineLength + (literal ? 1 : 3) > room) {
            *out++ = '=';
            *out++ = '\r';
            *out++ = '\n';
            lineLength = 0;
        }
        if (literal && !(lineLength == 0 && b == '.')) {
            *out++ = char(b);
            lineLength += 1;
        } else {
            *out++ = '=';
            *out++ = kHex[b >> 4];
            *out++ = kHex[b & 0x0F];
            lineLength += 3;
        }
    }
    return out;
}

} // namespace

QByteArray MimeBodyEncoder::normalizeLineBreaks(const QString &text)
{
    // CR and LF are ASCII, and no byte of a multi-byte UTF-8 sequence is: the text is encoded
    // first, then its line ends (CRLF, CR or LF) are written as CRLF in one pass.
    const QByteArray utf8 = text.toUtf8();
    const qsizetype n = utf8.size();
    qsizetype bareBreaks = 0;
    for (qsizetype i = 0; i < n; ++i) {
        if (utf8[i] == '\n' || (utf8[i] == '\r' && (i + 1 == n || utf8[i + 1] != '\n')))
            ++bareBreaks;
    }
    QByteArray out(n + bareBreaks + 2, Qt::Uninitialized);
    char *w = out.data();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = utf8[i];
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < n && utf8[i + 1] == '\n')
                ++i;
            *w++ = '\r';
            *w++ = '\n';
        } else {
            *w++ = c;
        }
    }
    if (n > 0 && w[-1] != '\n') {
        *w++ = '\r';
        *w++ = '\n';
    }
    out.truncate(w - out.constData());
    return out;
}

QByteArray MimeBodyEncoder::quotedPrintable(const QByteArray &crlfText)
{
    // Worst case: every byte escaped (3x) plus a soft break for every 25 escapes.
    QByteArray out(crlfText.size() * 4 + 8, Qt::Uninitialized);
    char *w = out.data();
    const char *data = crlfText.constData();
    const qsizetype n = crlfText.size();
    qsizetype start = 0;
    while (start < n) {
        // The next CRLF; a bare LF (never produced by normalizeLineBreaks) is line data.
        qsizetype end = start;
        const char *found = nullptr;
        while (end < n) {
            found = static_cast<const char *>(std::memchr(data + end, '\n', size_t(n - end)));
            if (!found || (found > data + start && found[-1] == '\r'))
                break;
            end = found - data + 1;
            found = nullptr;
        }
        const qsizetype lineEnd = found ? found - data - 1 : n;
        w = encodeQpLine(data + start, lineEnd - start, w);
        if (found) {
            *w++ = '\r';
            *w++ = '\n';
        }
        start = found ? lineEnd + 2 : n;
    }
    out.truncate(w - out.constData());
    return out;
}

QByteArray MimeBodyEncoder::base64(const QByteArray &data)
{
    const QByteArray encoded = data.toBase64();
    QByteArray out;
    out.reserve(encoded.size() + encoded.size() / kMaxLineLength * 2 + 2);
    for (qsizetype i = 0; i < encoded.size(); i += kMaxLineLength) {
        out += QByteArrayView(encoded).sliced(i, qMin(kMaxLineLength, encoded.size() - i));
        out += "\r\n";
    }
    return out;
}

qsizetype MimeBodyEncoder::base64Size(qsizetype bytes)
{
    const qsizetype encoded = (bytes + 2) / 3 * 4;
    return encoded + (encoded + kMaxLineLength - 1) / kMaxLineLength * 2; // a CRLF ends each line
}

MimeBodyEncoder::Encoded MimeBodyEncoder::encode(const QString &text)
{
    const QByteArray bytes = normalizeLineBreaks(text);
    Encoded qp{Encoding::QuotedPrintable, quotedPrintable(bytes)};
    // Ties go to quoted-printable: it stays readable in a raw message. Base64's size is known
    // in advance, so it is encoded only when it wins.
    if (base64Size(bytes.size()) < qp.data.size())
        return {Encoding::Base64, base64(bytes)};
    return qp;
}

QByteArray MimeBodyEncoder::headerValue(Encoding encoding)
{
    return encoding == Encoding::Base64 ? QByteArrayLiteral("base64") : QByteArrayLiteral("quoted-printable");
}
