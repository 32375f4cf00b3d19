#include "personalization_template.h"

#include <string_view>

using namespace Qt::StringLiterals;

namespace {

bool isFieldNameChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'_' || u == u'.' ||
           u == u'-';
}

// Anything a header value must not carry: C0 controls (CR, LF, NUL, ...), DEL, the C1 range
// (U+0085 NEL among them) and the Unicode line and paragraph separators. Some mail clients
// and libraries treat the last ones as line ends too, so they are as dangerous as CR/LF.
bool isHeaderUnsafe(char16_t u)
{
    return u < 0x20 || u == 0x7F || (u >= 0x80 && u <= 0x9F) || u == 0x2028 || u == 0x2029;
}

qsizetype runLength(const QString &s, qsizetype from, QChar c)
{
    qsizetype end = from;
    while (end < s.size() && s.at(end) == c)
        ++end;
    return end - from;
}

bool isPairAt(const QString &s, qsizetype i, QChar c)
{
    return i + 1 < s.size() && s.at(i) == c && s.at(i + 1) == c;
}

QString describeChar(QChar c)
{
    const QString code = u"U+%1"_s.arg(uint(c.unicode()), 4, 16, QLatin1Char('0')).toUpper();
    return c.isPrint() && !c.isSpace() ? u"'"_s + c + u"' ("_s + code + u')' : code;
}

} // namespace

PersonalizationTemplate::PersonalizationTemplate(const QString &source)
{
    const qsizetype n = source.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = source.at(i);
        if (c != u'{' && c != u'}') {
            qsizetype next = i + 1;
            while (next < n && source.at(next) != u'{' && source.at(next) != u'}')
                ++next;
            appendLiteral(QStringView(source).sliced(i, next - i));
            i = next;
            continue;
        }
        const qsizetype run = runLength(source, i, c);
        if (run == 1) {
            appendLiteral(QStringView(source).sliced(i, 1));
            ++i;
        } else if (c == u'}') {
            // One report per run: "}}}}" is one mistake, not two.
            m_problems.append({i, u"unbalanced '}}' at offset %1"_s.arg(i)});
            appendLiteral(QStringView(source).sliced(i, run));
            i += run;
        } else if (run == 3) {
            // "{{{x}}}" wraps a value in literal braces; the single extra brace is plain text.
            appendLiteral(QStringView(source).sliced(i, 1));
            i = parsePlaceholder(source, i + 1);
        } else {
            // Four or more braces fall through to the nested check in parsePlaceholder().
            i = parsePlaceholder(source, i);
        }
    }
}

qsizetype PersonalizationTemplate::parsePlaceholder(const QString &source, qsizetype open)
{
    const qsizetype contentStart = open + 2;
    const qsizetype close = source.indexOf(u"}}"_s, contentStart);
    if (close < 0) {
        m_problems.append({open, u"unbalanced '{{' at offset %1"_s.arg(open)});
        appendLiteral(QStringView(source).sliced(open, 2));
        return contentStart;
    }
    const qsizetype nested = source.indexOf(u"{{"_s, contentStart);
    if (nested >= 0 && nested < close)
        return skipNested(source, open, nested);

    const qsizetype end = close + 2;
    const QStringView whole = QStringView(source).sliced(open, end - open);
    const QStringView content = QStringView(source).sliced(contentStart, close - contentStart);
    const qsizetype bar = content.indexOf(u'|');
    const QStringView rawName = bar < 0 ? content : content.first(bar);
    const QStringView name = rawName.trimmed();
    if (name.isEmpty()) {
        m_problems.append({open, u"empty field name at offset %1"_s.arg(open)});
        appendLiteral(whole);
        return end;
    }
    qsizetype nameStart = contentStart;
    while (source.at(nameStart).isSpace())
        ++nameStart;
    for (qsizetype k = 0; k < name.size(); ++k) {
        if (!isFieldNameChar(name.at(k))) {
            const qsizetype at = nameStart + k;
            m_problems.append({at, u"invalid character %1 in field name \"%2\" at offset %3"_s.arg(
                                       describeChar(name.at(k)), name.toString(), QString::number(at))});
            appendLiteral(whole);
            return end;
        }
    }
    Segment field;
    field.isField = true;
    field.text = name.toString();
    field.hasDefault = bar >= 0;
    if (field.hasDefault)
        field.defaultValue = content.sliced(bar + 1).toString();
    m_segments.append(field);
    return end;
}

qsizetype PersonalizationTemplate::skipNested(const QString &source, qsizetype open, qsizetype nested)
{
    // Brace depth tells "{{a {{b}} c}}" (one nested placeholder, reported once) apart from
    // "{{a ... {{b}}" (an outer placeholder that was never closed, which is the likelier typo).
    qsizetype depth = 0;
    qsizetype i = open;
    while (i < source.size()) {
        if (isPairAt(source, i, u'{')) {
            ++depth;
            i += 2;
        } else if (isPairAt(source, i, u'}')) {
            i += 2;
            if (--depth == 0) {
                m_problems.append({nested, u"nested '{{' at offset %1"_s.arg(nested)});
                appendLiteral(QStringView(source).sliced(open, i - open));
                return i;
            }
        } else {
            ++i;
        }
    }
    m_problems.append({open, u"unbalanced '{{' at offset %1"_s.arg(open)});
    appendLiteral(QStringView(source).sliced(open, 2));
    return open + 2;
}

void PersonalizationTemplate::appendLiteral(QStringView text)
{
    // Adjacent literal pieces are merged so rendering walks as few segments as possible.
    if (!m_segments.isEmpty() && !m_segments.constLast().isField)
        m_segments.last().text += text;
    else
        m_segments.append(Segment{false, text.toString(), QString(), false});
}

QStringList PersonalizationTemplate::fields() const
{
    QStringList out;
    for (const Segment &s : m_segments) {
        if (s.isField && !out.contains(s.text))
            out.append(s.text);
    }
    return out;
}

QStringList PersonalizationTemplate::fieldsWithoutDefault() const
{
    // A field used once with a default and once without still has to resolve everywhere.
    QStringList out;
    for (const Segment &s : m_segments) {
        if (s.isField && !s.hasDefault && !out.contains(s.text))
            out.append(s.text);
    }
    return out;
}

QString PersonalizationTemplate::render(const QHash<QString, QString> &values, Escape escape) const
{
    return render([&values](const QString &field) { return values.value(field); }, escape);
}

QString PersonalizationTemplate::escapeValue(const QString &value, Escape escape)
{
    switch (escape) {
    case Escape::None:
        return value;
    case Escape::Html: {
        QString out;
        out.reserve(value.size() + value.size() / 8);
        for (const QChar c : value) {
            switch (c.unicode()) {
            case u'&':
                out += u"&amp;";
                break;
            case u'<':
                out += u"&lt;";
                break;
            case u'>':
                out += u"&gt;";
                break;
            case u'"':
                out += u"&quot;";
                break;
            case u'\'':
                out += u"&#39;"; // not &apos;: HTML 4 mail clients do not know it
                break;
            default:
                out += c;
            }
        }
        return out;
    }
    case Escape::Header:
    case Escape::StructuredHeader: {
        QString out;
        out.reserve(value.size());
        bool lastReplaced = false;
        for (const QChar c : value) {
            if (isHeaderUnsafe(c.unicode())) {
                // "\r\n" becomes one space, not two: the value keeps its look, never its line break.
                if (!lastReplaced)
                    out += u' ';
                lastReplaced = true;
            } else {
                out += c;
                lastReplaced = false;
            }
        }
        return out;
    }
    }
    return value;
}

QString PersonalizationTemplate::percentEncoded(const QString &value)
{
    // What may stand in a URI stays (a whole URL in a field, an already encoded query); what
    // cannot (controls, space, non-ASCII, and < > " { } | \ ^ `, RFC 3986 §2) is encoded, so
    // the value can never close the <...> around it.
    static constexpr std::string_view unsafe = "<>\"{}|\\^`";
    QString out;
    out.reserve(value.size());
    for (const char byte : value.toUtf8()) {
        const auto c = static_cast<unsigned char>(byte);
        if (c <= 0x20 || c >= 0x7f || unsafe.find(char(c)) != std::string_view::npos)
            out += u'%' + QString::number(c, 16).toUpper().rightJustified(2, u'0');
        else
            out += QLatin1Char(char(c));
    }
    return out;
}

bool PersonalizationTemplate::containsLineBreak(const QString &text)
{
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'\n':
        case u'\r':
        case u'\v':
        case u'\f':
        case 0x0085:
        case 0x2028:
        case 0x2029:
            return true;
        default:
            break;
        }
    }
    return false;
}
