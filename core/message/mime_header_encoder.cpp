#include "mime_header_encoder.h"

#include <algorithm>

namespace {

constexpr qsizetype kEncodedWordOverhead = 12; // "=?UTF-8?B?" + "?="

bool isPrintableAscii(QStringView text)
{
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u != u'\t' && (u < 0x20 || u > 0x7E))
            return false;
    }
    return true;
}

bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

// RFC 5322 atext: what a display name may use without quoting.
bool isAtext(char16_t u)
{
    if ((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9'))
        return true;
    return QStringView(u"!#$%&'*+-/=?^_`{|}~").contains(QChar(u));
}

// The restricted Q set of RFC 2047 §5 (3): these words may then stand anywhere, display
// names included, without a second set of rules.
bool isQLiteral(uchar b)
{
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '!' || b == '*' ||
           b == '+' || b == '-' || b == '/';
}

qsizetype qLength(uchar b)
{
    return isQLiteral(b) || b == ' ' ? 1 : 3;
}

qsizetype bLength(qsizetype bytes)
{
    return 4 * ((bytes + 2) / 3);
}

QByteArray encodeQ(const QByteArray &bytes)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (char c : bytes) {
        const auto b = uchar(c);
        if (b == ' ') {
            out += '_';
        } else if (isQLiteral(b)) {
            out += c;
        } else {
            out += '=';
            out += hex[b >> 4];
            out += hex[b & 0x0F];
        }
    }
    return out;
}

QByteArray encodedWord(const QByteArray &bytes, bool useB)
{
    return useB ? QByteArray("=?UTF-8?B?") + bytes.toBase64() + "?=" : QByteArray("=?UTF-8?Q?") + encodeQ(bytes) + "?=";
}

QByteArray quoted(const QString &text)
{
    QByteArray out("\"");
    for (QChar c : text) {
        if (c == u'"' || c == u'\\')
            out += '\\';
        out += char(c.unicode());
    }
    out += '"';
    return out;
}

} // namespace

QList<QByteArray> MimeHeaderEncoder::encodedWords(const QString &text, qsizetype firstLength)
{
    const QByteArray utf8 = text.toUtf8();
    qsizetype qTotal = 0;
    for (char c : utf8)
        qTotal += qLength(uchar(c));
    const bool useB = bLength(utf8.size()) < qTotal;
    const auto encodedLength = [useB](QByteArrayView bytes) {
        if (useB)
            return kEncodedWordOverhead + bLength(bytes.size());
        qsizetype q = kEncodedWordOverhead;
        for (char c : bytes)
            q += qLength(uchar(c));
        return q;
    };

    QList<QByteArray> words;
    QByteArray chunk;
    qsizetype limit = firstLength;
    qsizetype i = 0;
    while (i < utf8.size()) {
        // One code point: a lead byte and its continuation bytes (10xxxxxx). Encoded words
        // must each hold whole characters (RFC 2047 §5), so chunks never split one.
        qsizetype end = i + 1;
        while (end < utf8.size() && (uchar(utf8.at(end)) & 0xC0) == 0x80)
            ++end;
        const QByteArrayView codePoint = QByteArrayView(utf8).sliced(i, end - i);
        while (!chunk.isEmpty() && encodedLength(QByteArray(chunk + codePoint)) > limit) {
            // Break before the last space of the chunk, which then starts the next word:
            // readers drop the white space between encoded words (RFC 2047 §6.2), and some
            // display a word cut in two with a gap, so words stay whole where they can.
            qsizetype cut = chunk.lastIndexOf(' ');
            if (cut <= 0)
                cut = chunk.size();
            words.append(encodedWord(chunk.left(cut), useB));
            chunk = chunk.mid(cut);
            limit = kMaxEncodedWordLength;
        }
        if (chunk.isEmpty() && encodedLength(codePoint) > limit)
            limit = kMaxEncodedWordLength; // too little room after a long field name
        chunk += codePoint;
        i = end;
    }
    if (!chunk.isEmpty())
        words.append(encodedWord(chunk, useB));
    return words;
}

QByteArray MimeHeaderEncoder::foldTokens(const QByteArray &name, const QList<QByteArray> &tokens, qsizetype limit)
{
    QByteArray out = name + ':';
    qsizetype lineStart = 0;
    for (const QByteArray &token : tokens) {
        const qsizetype lineLength = out.size() - lineStart;
        // A fold right after "Name:" is legal too, but only worth it when the token then fits.
        const bool onlyName = lineLength == name.size() + 1;
        if (lineLength + 1 + token.size() > limit && (!onlyName || 1 + token.size() <= limit)) {
            out += "\r\n";
            lineStart = out.size();
        }
        out += ' ';
        out += token;
    }
    out += "\r\n";
    return out;
}

QByteArray MimeHeaderEncoder::foldAtWhiteSpace(const QByteArray &name, const QByteArray &value)
{
    if (value.isEmpty())
        return name + ":\r\n";
    // Folding inserts CRLF before an existing run of white space, so unfolding (RFC 5322
    // §2.2.3: remove the CRLF) gives back exactly the value that was written.
    QByteArray out = name + ": ";
    qsizetype lineStart = 0;
    qsizetype i = 0;
    while (i < value.size()) {
        qsizetype end = i;
        while (end < value.size() && isWsp(value.at(end)))
            ++end;
        while (end < value.size() && !isWsp(value.at(end)))
            ++end;
        const qsizetype lineLength = out.size() - lineStart;
        if (i > 0 && lineLength + (end - i) > kFoldLength) {
            out += "\r\n";
            lineStart = out.size();
        }
        out += QByteArrayView(value).sliced(i, end - i);
        i = end;
    }
    out += "\r\n";
    return out;
}

QByteArray MimeHeaderEncoder::unstructured(const QByteArray &name, const QString &value)
{
    const QString text = value.trimmed();
    // "=?" in plain text would be taken for an encoded word by readers (and is how a CSV
    // value could smuggle "=0A" past a naive check), so such text is encoded itself.
    if (isPrintableAscii(text) && !text.contains(u"=?")) {
        QByteArray folded = foldAtWhiteSpace(name, text.toLatin1());
        if (longestLine(folded) <= kFoldLength)
            return folded;
    }
    const qsizetype first = kEncodedWordLineLength - name.size() - 2;
    return foldTokens(name, encodedWords(text, qMin(first, kMaxEncodedWordLength)), kEncodedWordLineLength);
}

QByteArray MimeHeaderEncoder::structured(const QByteArray &name, const QString &value)
{
    const QString text = value.trimmed();
    if (!isPrintableAscii(text))
        return unstructured(name, text);
    return foldAtWhiteSpace(name, text.toLatin1());
}

QByteArray MimeHeaderEncoder::mailbox(const QByteArray &name, const QString &displayName, const QByteArray &address)
{
    const QString display = displayName.simplified();
    if (display.isEmpty())
        return name + ": " + address + "\r\n";

    QList<QByteArray> tokens;
    qsizetype limit = kFoldLength;
    const bool allAtext =
        std::all_of(display.cbegin(), display.cend(), [](QChar c) { return c == u' ' || isAtext(c.unicode()); });
    if (isPrintableAscii(display) && !display.contains(u"=?") && allAtext) {
        for (const QString &word : display.split(u' '))
            tokens.append(word.toLatin1());
    } else if (isPrintableAscii(display) && !display.contains(u"=?") && display.size() + 3 <= kFoldLength) {
        tokens.append(quoted(display));
    } else {
        limit = kEncodedWordLineLength;
        const qsizetype first = kEncodedWordLineLength - name.size() - 2;
        tokens = encodedWords(display, qMin(first, kMaxEncodedWordLength));
    }
    tokens.append('<' + address + '>');
    return foldTokens(name, tokens, limit);
}

qsizetype MimeHeaderEncoder::longestLine(const QByteArray &block)
{
    qsizetype longest = 0;
    qsizetype start = 0;
    while (start < block.size()) {
        qsizetype end = block.indexOf("\r\n", start);
        if (end < 0)
            end = block.size();
        longest = qMax(longest, end - start);
        start = end + 2;
    }
    return longest;
}
