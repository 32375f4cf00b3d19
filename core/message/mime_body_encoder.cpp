#include "mime_body_encoder.h"

using namespace Qt::StringLiterals;

namespace {

const char kHex[] = "0123456789ABCDEF";

QByteArray escaped(uchar b)
{
    const char code[] = {'=', kHex[b >> 4], kHex[b & 0x0F]};
    return QByteArray(code, 3);
}

// One input line (without its CRLF) as quoted-printable output lines joined by soft breaks.
void encodeQpLine(QByteArrayView line, QByteArray &out)
{
    qsizetype lineLength = 0; // characters on the current output line
    for (qsizetype i = 0; i < line.size(); ++i) {
        const auto b = uchar(line.at(i));
        const bool last = i + 1 == line.size();
        QByteArray token;
        if ((b == ' ' || b == '\t') && !last) {
            token = QByteArray(1, char(b)); // white space is only encoded at the end of a line
        } else if (b >= 33 && b <= 126 && b != '=') {
            token = QByteArray(1, char(b));
        } else {
            token = escaped(b);
        }
        // Room is kept for the '=' of a soft break, except for the line's last token.
        const qsizetype room = last ? MimeBodyEncoder::kMaxLineLength : MimeBodyEncoder::kMaxLineLength - 1;
        if (lineLength + token.size() > room) {
            out += "=\r\n";
            lineLength = 0;
        }
        if (lineLength == 0 && token == ".")
            token = escaped('.');
        out += token;
        lineLength += token.size();
    }
}

} // namespace

QByteArray MimeBodyEncoder::normalizeLineBreaks(const QString &text)
{
    QString unified = text;
    unified.replace(u"\r\n"_s, u"\n"_s);
    unified.replace(u'\r', u'\n');
    if (!unified.isEmpty() && !unified.endsWith(u'\n'))
        unified += u'\n';
    QByteArray utf8 = unified.toUtf8();
    utf8.replace("\n", "\r\n");
    return utf8;
}

QByteArray MimeBodyEncoder::quotedPrintable(const QByteArray &crlfText)
{
    QByteArray out;
    out.reserve(crlfText.size() + crlfText.size() / 4);
    qsizetype start = 0;
    while (start < crlfText.size()) {
        qsizetype end = crlfText.indexOf("\r\n", start);
        const bool hardBreak = end >= 0;
        if (!hardBreak)
            end = crlfText.size();
        encodeQpLine(QByteArrayView(crlfText).sliced(start, end - start), out);
        if (hardBreak)
            out += "\r\n";
        start = hardBreak ? end + 2 : end;
    }
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

MimeBodyEncoder::Encoded MimeBodyEncoder::encode(const QString &text)
{
    const QByteArray bytes = normalizeLineBreaks(text);
    Encoded qp{Encoding::QuotedPrintable, quotedPrintable(bytes)};
    Encoded b64{Encoding::Base64, base64(bytes)};
    // Ties go to quoted-printable: it stays readable in a raw message.
    return b64.data.size() < qp.data.size() ? b64 : qp;
}

QByteArray MimeBodyEncoder::headerValue(Encoding encoding)
{
    return encoding == Encoding::Base64 ? QByteArrayLiteral("base64") : QByteArrayLiteral("quoted-printable");
}
