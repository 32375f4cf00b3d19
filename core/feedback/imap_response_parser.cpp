#include "imap_response_parser.h"

#include <algorithm>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

constexpr int MaxNesting = 64;        // parenthesized lists inside lists: enough for BODYSTRUCTURE
constexpr qsizetype MaxSummary = 300; // characters of a response kept for a transcript
constexpr qsizetype MaxLiteralDigits = 19;

bool isDigits(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The literal announced at the end of a line, "{123}" or "{123+}": its length, or -1.
qint64 literalAtEnd(QByteArrayView line)
{
    if (!line.endsWith('}'))
        return -1;
    const qsizetype open = line.lastIndexOf('{');
    if (open < 0)
        return -1;
    QByteArrayView digits = line.sliced(open + 1, line.size() - open - 2);
    if (digits.endsWith('+'))
        digits.chop(1);
    if (!isDigits(digits))
        return -1;
    if (digits.size() > MaxLiteralDigits)
        return std::numeric_limits<qint64>::max(); // over any limit
    qint64 n = 0;
    for (char c : digits) {
        if (n > (std::numeric_limits<qint64>::max() - 9) / 10)
            return std::numeric_limits<qint64>::max();
        n = n * 10 + (c - '0');
    }
    return n;
}

class Tokenizer
{
public:
    explicit Tokenizer(const QByteArray &raw)
        : m_s(raw)
    {}

    bool atEnd() const { return m_pos >= m_s.size(); }
    char peek() const { return m_s.at(m_pos); }
    qsizetype pos() const { return m_pos; }
    QString error() const { return m_error; }
    const std::vector<std::pair<qsizetype, qsizetype>> &literals() const { return m_literals; }

    void skipSpaces()
    {
        while (!atEnd() && peek() == ' ')
            ++m_pos;
    }

    // Up to the next space (or the end).
    QByteArray word()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek() != ' ')
            ++m_pos;
        return m_s.sliced(start, m_pos - start);
    }

    QByteArray rest()
    {
        QByteArray r = m_s.sliced(m_pos);
        m_pos = m_s.size();
        return r;
    }

    bool value(ImapValue *out, int depth)
    {
        if (depth > MaxNesting)
            return fail(u"lists nested more than %1 deep"_s.arg(MaxNesting));
        if (atEnd())
            return fail(u"a value was expected"_s);
        const char c = peek();
        if (c == '(')
            return list(out, depth);
        if (c == ')')
            return fail(u"an unbalanced \")\""_s);
        if (c == '"')
            return quoted(out);
        if (c == '{')
            return literal(out);
        return atom(out);
    }

private:
    bool fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message + u" at byte %1"_s.arg(m_pos);
        return false;
    }

    bool list(ImapValue *out, int depth)
    {
        out->type = ImapValue::Type::List;
        ++m_pos; // (
        for (;;) {
            skipSpaces();
            if (atEnd())
                return fail(u"a list without its \")\""_s);
            if (peek() == ')') {
                ++m_pos;
                return true;
            }
            ImapValue element;
            if (!value(&element, depth + 1))
                return false;
            out->list.push_back(std::move(element));
        }
    }

    bool quoted(ImapValue *out)
    {
        out->type = ImapValue::Type::String;
        ++m_pos; // "
        while (!atEnd()) {
            char c = peek();
            ++m_pos;
            if (c == '"')
                return true;
            if (c == '\r' || c == '\n')
                return fail(u"a line break inside a quoted string"_s);
            if (c == '\\') {
                if (atEnd())
                    break;
                c = peek();
                ++m_pos;
            }
            out->bytes.append(c);
        }
        return fail(u"a quoted string without its closing quote"_s);
    }

    bool literal(ImapValue *out)
    {
        out->type = ImapValue::Type::String;
        const qsizetype close = m_s.indexOf('}', m_pos);
        if (close < 0)
            return fail(u"a literal without its \"}\""_s);
        QByteArrayView digits = QByteArrayView(m_s).sliced(m_pos + 1, close - m_pos - 1);
        if (digits.endsWith('+'))
            digits.chop(1);
        if (!isDigits(digits) || digits.size() > MaxLiteralDigits)
            return fail(u"a literal length that is not a number"_s);
        const qint64 n = digits.toLongLong();
        m_pos = close + 1;
        if (m_pos < m_s.size() && m_s.at(m_pos) == '\r')
            ++m_pos;
        if (m_pos >= m_s.size() || m_s.at(m_pos) != '\n')
            return fail(u"a literal not followed by a line break"_s);
        ++m_pos;
        if (n > m_s.size() - m_pos)
            return fail(u"a literal shorter than announced"_s);
        out->bytes = m_s.sliced(m_pos, static_cast<qsizetype>(n));
        m_literals.emplace_back(m_pos, static_cast<qsizetype>(n));
        m_pos += static_cast<qsizetype>(n);
        return true;
    }

    // An atom, or a fetch item name with a section, "BODY[HEADER.FIELDS (FROM)]<0.100>":
    // inside brackets spaces and parentheses belong to the name.
    bool atom(ImapValue *out)
    {
        const qsizetype start = m_pos;
        int brackets = 0;
        while (!atEnd()) {
            const char c = peek();
            if (brackets == 0 && (c == ' ' || c == '(' || c == ')' || c == '"' || c == '{'))
                break;
            if (c == '\r' || c == '\n')
                return fail(u"a line break inside an atom"_s);
            if (c == '[')
                ++brackets;
            else if (c == ']' && brackets > 0)
                --brackets;
            ++m_pos;
        }
        if (brackets != 0)
            return fail(u"a \"[\" without its \"]\""_s);
        if (m_pos == start)
            return fail(u"an empty atom"_s);
        out->bytes = m_s.sliced(start, m_pos - start);
        out->type = out->bytes.compare("NIL", Qt::CaseInsensitive) == 0 ? ImapValue::Type::Nil : ImapValue::Type::Atom;
        if (out->type == ImapValue::Type::Nil)
            out->bytes.clear();
        return true;
    }

    const QByteArray &m_s;
    qsizetype m_pos = 0;
    QString m_error;
    std::vector<std::pair<qsizetype, qsizetype>> m_literals;
};

QByteArray summarize(const QByteArray &raw, const std::vector<std::pair<qsizetype, qsizetype>> &literals)
{
    QByteArray out;
    qsizetype pos = 0;
    for (const auto &[start, length] : literals) {
        if (out.size() >= MaxSummary)
            break;
        // Drop the CRLF between "{n}" and the literal as well.
        qsizetype textEnd = start;
        while (textEnd > pos && (raw.at(textEnd - 1) == '\n' || raw.at(textEnd - 1) == '\r'))
            --textEnd;
        out += raw.sliced(pos, textEnd - pos).first(std::min(textEnd - pos, MaxSummary));
        out += " <" + QByteArray::number(length) + " bytes>";
        pos = start + length;
    }
    if (out.size() < MaxSummary && pos < raw.size())
        out += raw.sliced(pos).first(std::min(raw.size() - pos, MaxSummary));
    if (out.size() > MaxSummary) {
        out.truncate(MaxSummary);
        out += "...";
    }
    for (char &c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            c = '.';
    }
    return out;
}

bool isStatusKeyword(QByteArrayView k)
{
    return k == "OK" || k == "NO" || k == "BAD" || k == "BYE" || k == "PREAUTH";
}

} // namespace

bool ImapValue::isAtom(QByteArrayView name) const
{
    return type == Type::Atom && QByteArrayView(bytes).compare(name, Qt::CaseInsensitive) == 0;
}

std::optional<quint32> ImapValue::toNumber() const
{
    if (type != Type::Atom || !isDigits(bytes) || bytes.size() > 10)
        return std::nullopt;
    const qulonglong n = bytes.toULongLong();
    if (n > 0xFFFFFFFFULL)
        return std::nullopt;
    return static_cast<quint32>(n);
}

std::optional<qint64> ImapValue::toSize() const
{
    if (type != Type::Atom || !isDigits(bytes) || bytes.size() > 18)
        return std::nullopt;
    return bytes.toLongLong();
}

bool ImapResponse::isStatus() const
{
    return isStatusKeyword(keyword);
}

const ImapValue *ImapResponse::fetchItem(QByteArrayView name) const
{
    if (keyword != "FETCH" || values.empty() || values.front().type != ImapValue::Type::List)
        return nullptr;
    const auto &items = values.front().list;
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
        if (items[i].isAtom(name))
            return &items[i + 1];
    }
    return nullptr;
}

ImapResponseParser::ImapResponseParser(qint64 maxLiteralBytes)
    : m_maxLiteralBytes(maxLiteralBytes)
{}

void ImapResponseParser::reset()
{
    m_current.clear();
    m_segmentStart = 0;
    m_textBytes = 0;
    m_literalRemaining = 0;
    m_literalBytes = 0;
    m_complete.clear();
    m_error.clear();
}

qint64 ImapResponseParser::bufferedBytes() const
{
    qint64 n = m_current.size();
    for (const QByteArray &r : m_complete)
        n += r.size();
    return n;
}

void ImapResponseParser::fail(const QString &message)
{
    m_error = message;
    // Nothing of a broken stream is worth keeping, and keeping it would defeat the limits.
    m_current.clear();
    m_current.squeeze();
    m_complete.clear();
    m_literalRemaining = 0;
}

void ImapResponseParser::feed(QByteArrayView bytes)
{
    qsizetype pos = 0;
    while (pos < bytes.size() && !hasError()) {
        if (m_literalRemaining > 0) {
            const qsizetype take = static_cast<qsizetype>(std::min<qint64>(m_literalRemaining, bytes.size() - pos));
            m_current.append(bytes.sliced(pos, take));
            pos += take;
            m_literalRemaining -= take;
            if (m_literalRemaining == 0)
                m_segmentStart = m_current.size();
            continue;
        }
        const void *found = std::memchr(bytes.data() + pos, '\n', static_cast<size_t>(bytes.size() - pos));
        const qsizetype newline = found ? static_cast<const char *>(found) - bytes.data() : -1;
        const qsizetype end = newline < 0 ? bytes.size() : newline + 1;
        // The line break itself does not count against the limit.
        const qsizetype textAfter = m_textBytes + (end - pos) - (newline < 0 ? 0 : 2);
        if (textAfter > MaxLineBytes) {
            fail(u"a response line longer than %1 bytes (outside literals)"_s.arg(MaxLineBytes));
            return;
        }
        m_current.append(bytes.sliced(pos, end - pos));
        m_textBytes += end - pos;
        pos = end;
        if (newline >= 0)
            endOfLine();
    }
}

bool ImapResponseParser::endOfLine()
{
    QByteArrayView line = QByteArrayView(m_current).sliced(m_segmentStart);
    line.chop(1); // \n
    if (line.endsWith('\r'))
        line.chop(1);
    const qint64 literal = literalAtEnd(line);
    if (literal >= 0) {
        if (literal > m_maxLiteralBytes - m_literalBytes) {
            fail(u"a literal of %1 bytes is over the limit of %2 bytes"_s.arg(literal).arg(m_maxLiteralBytes));
            return false;
        }
        m_literalBytes += literal;
        m_literalRemaining = literal;
        m_segmentStart = m_current.size();
        return false;
    }
    // A bare line break between responses carries nothing.
    if (line.isEmpty() && m_segmentStart == 0) {
        m_current.clear();
        m_textBytes = 0;
        return true;
    }
    QByteArray raw = std::move(m_current);
    raw.truncate(m_segmentStart + line.size());
    m_complete.push_back(std::move(raw));
    m_current = QByteArray();
    m_segmentStart = 0;
    m_textBytes = 0;
    m_literalBytes = 0;
    return true;
}

std::optional<ImapResponse> ImapResponseParser::next()
{
    while (!hasError() && !m_complete.empty()) {
        const QByteArray raw = std::move(m_complete.front());
        m_complete.pop_front();
        ImapResponse response;
        QString error;
        if (!parse(raw, &response, &error)) {
            fail(error);
            return std::nullopt;
        }
        return response;
    }
    return std::nullopt;
}

bool ImapResponseParser::parse(const QByteArray &raw, ImapResponse *out, QString *error)
{
    *out = ImapResponse();
    Tokenizer t(raw);
    auto bad = [&](const QString &message) {
        if (error)
            *error = u"malformed response: "_s + message + u" (\"%1\")"_s.arg(QString::fromLatin1(summarize(raw, {})));
        return false;
    };
    if (raw.isEmpty())
        return bad(u"an empty line"_s);

    if (raw.startsWith('+')) {
        out->kind = ImapResponse::Kind::Continuation;
        out->text = raw.sliced(raw.size() > 1 && raw.at(1) == ' ' ? 2 : 1);
        out->summary = summarize(raw, {});
        return true;
    }

    const QByteArray first = t.word();
    if (first == "*") {
        out->kind = ImapResponse::Kind::Untagged;
    } else {
        out->kind = ImapResponse::Kind::Tagged;
        for (char c : first) {
            if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F || c == '(' ||
                c == ')' || c == '{' || c == '"' || c == '\\' || c == '%')
                return bad(u"a tag with a character not allowed in tags"_s);
        }
        out->tag = first;
    }
    t.skipSpaces();
    QByteArray keyword = t.word();
    if (out->kind == ImapResponse::Kind::Untagged && isDigits(keyword)) {
        ImapValue number{ImapValue::Type::Atom, keyword, {}};
        out->number = number.toNumber();
        if (!out->number)
            return bad(u"a message number over 32 bits"_s);
        t.skipSpaces();
        keyword = t.word();
    }
    if (keyword.isEmpty())
        return bad(u"no keyword"_s);
    out->keyword = keyword.toUpper();

    const bool status = isStatusKeyword(out->keyword) && !out->number;
    if (out->kind == ImapResponse::Kind::Tagged && !status)
        return bad(u"a tagged response that is not OK, NO or BAD"_s);

    if (status) {
        if (!t.atEnd() && t.peek() == ' ')
            t.skipSpaces();
        QByteArray text = t.rest();
        if (text.startsWith('[')) {
            const qsizetype close = text.indexOf(']');
            if (close < 0)
                return bad(u"a response code without its \"]\""_s);
            const QByteArray inner = text.sliced(1, close - 1);
            const qsizetype space = inner.indexOf(' ');
            out->code = (space < 0 ? inner : inner.first(space)).toUpper();
            out->codeArguments = space < 0 ? QByteArray() : inner.sliced(space + 1);
            text = text.sliced(close + 1);
            if (text.startsWith(' '))
                text.remove(0, 1);
        }
        out->text = text;
        out->summary = summarize(raw, {});
        return true;
    }

    for (;;) {
        t.skipSpaces();
        if (t.atEnd())
            break;
        ImapValue v;
        if (!t.value(&v, 0))
            return bad(t.error());
        out->values.push_back(std::move(v));
    }
    out->summary = summarize(raw, t.literals());
    return true;
}
