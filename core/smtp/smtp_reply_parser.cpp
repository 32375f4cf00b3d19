#include "smtp_reply_parser.h"

using namespace Qt::StringLiterals;

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// RFC 5321 reply codes: the first digit 2 to 5, the second 0 to 5, the third any digit.
int parseCode(QByteArrayView line)
{
    if (line.size() < 3)
        return 0;
    const char a = line[0], b = line[1], c = line[2];
    if (a < '2' || a > '5' || b < '0' || b > '5' || !isDigit(c))
        return 0;
    return (a - '0') * 100 + (b - '0') * 10 + (c - '0');
}

// An RFC 3463 status code "class.subject.detail" at the start of the text, where class
// matches the reply's first digit (RFC 2034 §4). Returns its length, or 0.
qsizetype enhancedCodeLength(const QString &text, int code)
{
    const QChar classDigit = QChar(u'0' + code / 100);
    if (text.size() < 5 || text[0] != classDigit || text[1] != u'.')
        return 0;
    qsizetype i = 2;
    for (int part = 0; part < 2; ++part) {
        const qsizetype start = i;
        while (i < text.size() && text[i].isDigit() && text[i].unicode() < 0x80 && i - start < 3)
            ++i;
        if (i == start)
            return 0;
        if (part == 0) {
            if (i >= text.size() || text[i] != u'.')
                return 0;
            ++i;
        }
    }
    if (i < text.size() && text[i] != u' ')
        return 0;
    return i;
}

// Reply text goes into logs and the user's tables: control characters become '?', so a
// hostile server cannot forge log lines or hide text behind terminal escapes.
QString cleanText(QByteArrayView bytes)
{
    QString text = QString::fromUtf8(bytes);
    for (QChar &c : text) {
        if ((c.unicode() < 0x20 && c != u'\t') || c.unicode() == 0x7F)
            c = u'?';
    }
    return text;
}

} // namespace

void SmtpReplyParser::feed(QByteArrayView bytes)
{
    while (!bytes.isEmpty() && !hasError()) {
        const qsizetype newline = bytes.indexOf('\n');
        const QByteArrayView piece = newline < 0 ? bytes : bytes.first(newline);
        // The limit is checked before appending, so a megabyte line never gets buffered.
        if (m_line.size() + piece.size() > MaxLineLength + 1) { // + 1 for a CR before the LF
            fail(u"reply line longer than %1 bytes"_s.arg(MaxLineLength));
            return;
        }
        m_line.append(piece);
        if (newline < 0)
            return;
        bytes = bytes.sliced(newline + 1);
        QByteArrayView line(m_line);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.size() > MaxLineLength) {
            fail(u"reply line longer than %1 bytes"_s.arg(MaxLineLength));
            return;
        }
        processLine(line);
        m_line.clear();
    }
}

void SmtpReplyParser::processLine(QByteArrayView line)
{
    const int code = parseCode(line);
    if (code == 0) {
        fail(u"malformed reply line (no valid 3-digit code)"_s);
        return;
    }
    if (m_code != 0 && code != m_code) {
        fail(u"reply code changed inside a multi-line reply (%1, then %2)"_s.arg(m_code).arg(code));
        return;
    }
    // RFC 5321 §4.2: "250-" continues, "250 " or a bare "250" ends the reply.
    bool last = true;
    if (line.size() > 3) {
        if (line[3] == '-')
            last = false;
        else if (line[3] != ' ') {
            fail(u"malformed reply line (code not followed by space or hyphen)"_s);
            return;
        }
    }
    m_replyBytes += line.size() + 2;
    if (m_lines.size() + 1 > MaxLines) {
        fail(u"reply longer than %1 lines"_s.arg(MaxLines));
        return;
    }
    if (m_replyBytes > MaxReplyBytes) {
        fail(u"reply longer than %1 bytes"_s.arg(MaxReplyBytes));
        return;
    }
    m_code = code;
    m_lines.append(cleanText(line.size() > 4 ? line.sliced(4) : QByteArrayView()));
    if (!last)
        return;

    SmtpReply reply;
    reply.code = m_code;
    const qsizetype codeLength = enhancedCodeLength(m_lines.first(), m_code);
    if (codeLength > 0)
        reply.enhancedCode = m_lines.first().first(codeLength);
    for (QString &text : m_lines) {
        // Servers repeat the enhanced code on every line; it is kept once, apart.
        if (!reply.enhancedCode.isEmpty() && text.startsWith(reply.enhancedCode) &&
            enhancedCodeLength(text, m_code) == codeLength)
            text = text.sliced(qMin(codeLength + 1, text.size()));
    }
    reply.lines = std::move(m_lines);
    m_ready.append(reply);
    m_lines.clear();
    m_code = 0;
    m_replyBytes = 0;
}

void SmtpReplyParser::endOfInput()
{
    if (!hasError() && (!m_line.isEmpty() || !m_lines.isEmpty()))
        fail(u"connection closed in the middle of a reply"_s);
}

void SmtpReplyParser::reset()
{
    *this = SmtpReplyParser();
}

SmtpReply SmtpReplyParser::takeReply()
{
    return m_ready.takeFirst();
}

void SmtpReplyParser::fail(const QString &reason)
{
    m_error = reason;
    m_line.clear();
    m_lines.clear();
    m_code = 0;
    m_replyBytes = 0;
}
