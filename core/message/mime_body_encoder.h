#pragma once

#include <QByteArray>
#include <QString>

// Content-Transfer-Encoding for the text parts: quoted-printable or base64, whichever is
// shorter for the text at hand. Both give 7-bit lines of at most 76 characters, so the
// bytes that are DKIM-signed are the bytes every relay passes on unchanged, with or
// without 8BITMIME (docs/reliability.md B5, D2).
class MimeBodyEncoder final
{
public:
    enum class Encoding { QuotedPrintable, Base64 };

    struct Encoded
    {
        Encoding encoding = Encoding::QuotedPrintable;
        QByteArray data; // CRLF-separated lines, ending with CRLF
    };

    static constexpr qsizetype kMaxLineLength = 76;

    // UTF-8 with every line break (CRLF, lone CR, lone LF) turned into CRLF, ending with a
    // line break (one is added when the text lacks it).
    static QByteArray normalizeLineBreaks(const QString &text);

    // Encodes text with the shorter of the two encodings.
    static Encoded encode(const QString &text);

    // RFC 2045 §6.7 quoted-printable of CRLF-normalized bytes. CRLF stays a hard line break;
    // a '.' that would begin an output line is written "=2E", so no line of the part can be
    // mistaken for (or mangled by a relay as) SMTP's end of data.
    static QByteArray quotedPrintable(const QByteArray &crlfText);

    // Base64 in lines of 76 characters, each ending with CRLF.
    static QByteArray base64(const QByteArray &data);
    // The size of base64(data) for data of this many bytes.
    static qsizetype base64Size(qsizetype bytes);

    static QByteArray headerValue(Encoding encoding);
};
