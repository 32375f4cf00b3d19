#include "html_to_text.h"

#include <QHash>
#include <QList>

using namespace Qt::StringLiterals;

namespace {

struct Tag
{
    QString name; // lower case
    bool closing = false;
    QHash<QString, QString> attributes; // names lower case, values entity-decoded
    qsizetype end = 0;                  // index just past '>'
};

bool isHtmlSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f' || c == QChar(0xA0);
}

bool isNameChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u':';
}

const QHash<QString, char32_t> &namedEntities()
{
    // The entities newsletters actually use; anything else is left as written.
    static const QHash<QString, char32_t> entities{
        {u"amp"_s, U'&'},     {u"lt"_s, U'<'},       {u"gt"_s, U'>'},       {u"quot"_s, U'"'},    {u"apos"_s, U'\''},
        {u"nbsp"_s, 0xA0},    {u"copy"_s, 0xA9},     {u"reg"_s, 0xAE},      {u"trade"_s, 0x2122}, {u"mdash"_s, 0x2014},
        {u"ndash"_s, 0x2013}, {u"hellip"_s, 0x2026}, {u"lsquo"_s, 0x2018},  {u"rsquo"_s, 0x2019}, {u"ldquo"_s, 0x201C},
        {u"rdquo"_s, 0x201D}, {u"laquo"_s, 0xAB},    {u"raquo"_s, 0xBB},    {u"middot"_s, 0xB7},  {u"bull"_s, 0x2022},
        {u"euro"_s, 0x20AC},  {u"pound"_s, 0xA3},    {u"yen"_s, 0xA5},      {u"cent"_s, 0xA2},    {u"deg"_s, 0xB0},
        {u"times"_s, 0xD7},   {u"divide"_s, 0xF7},   {u"shy"_s, 0xAD},      {u"zwnj"_s, 0x200C},  {u"zwj"_s, 0x200D},
        {u"ensp"_s, 0x2002},  {u"emsp"_s, 0x2003},   {u"thinsp"_s, 0x2009}, {u"larr"_s, 0x2190},  {u"rarr"_s, 0x2192},
        {u"sect"_s, 0xA7},    {u"para"_s, 0xB6},     {u"iexcl"_s, 0xA1},    {u"iquest"_s, 0xBF},  {u"eacute"_s, 0xE9},
    };
    return entities;
}

bool isBlock(const QString &name)
{
    static const QList<QString> blocks{
        u"div"_s,    u"tr"_s,         u"section"_s, u"article"_s, u"header"_s, u"footer"_s, u"nav"_s,      u"aside"_s,
        u"main"_s,   u"center"_s,     u"dl"_s,      u"dt"_s,      u"dd"_s,     u"form"_s,   u"fieldset"_s, u"address"_s,
        u"figure"_s, u"figcaption"_s, u"li"_s,      u"caption"_s, u"tbody"_s,  u"thead"_s,  u"tfoot"_s};
    return blocks.contains(name);
}

bool isParagraph(const QString &name)
{
    static const QList<QString> paragraphs{u"p"_s,     u"h1"_s,         u"h2"_s, u"h3"_s, u"h4"_s,  u"h5"_s, u"h6"_s,
                                           u"table"_s, u"blockquote"_s, u"ul"_s, u"ol"_s, u"pre"_s, u"hr"_s};
    return paragraphs.contains(name);
}

bool isDropped(const QString &name)
{
    return name == u"script"_s || name == u"style"_s || name == u"head"_s || name == u"title"_s ||
           name == u"template"_s;
}

enum class TagRead {
    Tag,
    NotATag,      // the '<' is plain text
    Unterminated, // the tag runs to the end of the input
};

// Reads "<name attr=value ...>" starting at '<'.
TagRead readTag(const QString &html, qsizetype at, Tag *tag)
{
    qsizetype i = at + 1;
    if (i < html.size() && html.at(i) == u'/') {
        tag->closing = true;
        ++i;
    }
    const qsizetype nameStart = i;
    while (i < html.size() && isNameChar(html.at(i)))
        ++i;
    if (i == nameStart || !html.at(nameStart).isLetter())
        return TagRead::NotATag;
    tag->name = html.sliced(nameStart, i - nameStart).toLower();
    while (i < html.size()) {
        while (i < html.size() && (isHtmlSpace(html.at(i)) || html.at(i) == u'/'))
            ++i;
        if (i >= html.size())
            break;
        if (html.at(i) == u'>') {
            tag->end = i + 1;
            return TagRead::Tag;
        }
        const qsizetype attrStart = i;
        while (i < html.size() && !isHtmlSpace(html.at(i)) && html.at(i) != u'=' && html.at(i) != u'>' &&
               html.at(i) != u'/')
            ++i;
        const QString attr = html.sliced(attrStart, i - attrStart).toLower();
        while (i < html.size() && isHtmlSpace(html.at(i)))
            ++i;
        QString value;
        if (i < html.size() && html.at(i) == u'=') {
            ++i;
            while (i < html.size() && isHtmlSpace(html.at(i)))
                ++i;
            if (i < html.size() && (html.at(i) == u'"' || html.at(i) == u'\'')) {
                const QChar quote = html.at(i);
                const qsizetype close = html.indexOf(quote, i + 1);
                if (close < 0)
                    return TagRead::Unterminated;
                value = html.sliced(i + 1, close - i - 1);
                i = close + 1;
            } else {
                const qsizetype valueStart = i;
                while (i < html.size() && !isHtmlSpace(html.at(i)) && html.at(i) != u'>')
                    ++i;
                value = html.sliced(valueStart, i - valueStart);
            }
        }
        if (!attr.isEmpty())
            tag->attributes.insert(attr, HtmlToText::decodeEntities(value).trimmed());
    }
    return TagRead::Unterminated;
}

// Collects output text, collapsing white space; result() keeps at most one blank line.
class TextSink
{
public:
    void text(QStringView decoded, bool preformatted)
    {
        for (QChar c : decoded) {
            if (preformatted) {
                if (c == u'\n')
                    hardBreak();
                else if (c != u'\r')
                    m_out += c == QChar(0xA0) ? QChar(u' ') : c;
                continue;
            }
            if (isHtmlSpace(c)) {
                m_pendingSpace = true;
                continue;
            }
            if (m_pendingSpace && !atLineStart() && !m_out.endsWith(u' '))
                m_out += u' ';
            m_pendingSpace = false;
            m_out += c;
        }
    }

    // Ends the current line; with count 2 also leaves one empty line after it.
    void endLine(int count)
    {
        trimLine();
        if (m_out.isEmpty())
            return;
        int have = 0;
        for (qsizetype i = m_out.size() - 1; i >= 0 && m_out.at(i) == u'\n'; --i)
            ++have;
        for (; have < count; ++have)
            m_out += u'\n';
    }

    // <br>: always a new line, so two of them make an empty line.
    void hardBreak()
    {
        trimLine();
        if (!m_out.isEmpty())
            m_out += u'\n';
    }

    void separate()
    {
        if (!atLineStart())
            m_pendingSpace = true;
    }

    qsizetype position() const { return m_out.size(); }
    QString textSince(qsizetype position) const { return m_out.sliced(qMin(position, m_out.size())).simplified(); }
    QString result() const;

private:
    bool atLineStart() const { return m_out.isEmpty() || m_out.endsWith(u'\n'); }
    void trimLine()
    {
        m_pendingSpace = false;
        while (m_out.endsWith(u' '))
            m_out.chop(1);
    }

    QString m_out;
    bool m_pendingSpace = false;
};

QString TextSink::result() const
{
    QStringList lines = m_out.split(u'\n');
    QStringList kept;
    int blank = 0;
    for (QString &line : lines) {
        while (line.endsWith(u' ') || line.endsWith(u'\t'))
            line.chop(1);
        blank = line.isEmpty() ? blank + 1 : 0;
        if (blank <= 1)
            kept.append(line);
    }
    return kept.join(u'\n').trimmed();
}

bool linkWorthShowing(const QString &href, const QString &text)
{
    if (href.isEmpty() || href.startsWith(u'#') || href.startsWith(u"javascript:"_s, Qt::CaseInsensitive))
        return false;
    const QString bare = href.startsWith(u"mailto:"_s, Qt::CaseInsensitive) ? href.mid(7) : href;
    return text.compare(href, Qt::CaseInsensitive) != 0 && text.compare(bare, Qt::CaseInsensitive) != 0;
}

} // namespace

QString HtmlToText::decodeEntities(QStringView text)
{
    QString out;
    out.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        // Entity names are short: the ';' is only looked for nearby, which also keeps a
        // long run of '&' without any ';' linear.
        const qsizetype window = qMin<qsizetype>(33, text.size() - i - 1);
        const qsizetype found = c == u'&' ? text.sliced(i + 1, window).indexOf(u';') : -1;
        const qsizetype semicolon = found < 0 ? -1 : i + 1 + found;
        if (semicolon < 0) {
            out += c;
            ++i;
            continue;
        }
        const QStringView body = text.sliced(i + 1, semicolon - i - 1);
        char32_t code = 0;
        bool ok = false;
        if (body.startsWith(u'#')) {
            const bool hex = body.size() > 1 && (body.at(1) == u'x' || body.at(1) == u'X');
            const uint value = body.sliced(hex ? 2 : 1).toUInt(&ok, hex ? 16 : 10);
            if (ok)
                code = value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) ? 0xFFFD : value;
        } else {
            const auto it = namedEntities().constFind(body.toString());
            ok = it != namedEntities().cend();
            if (ok)
                code = *it;
        }
        if (!ok) {
            out += c;
            ++i;
            continue;
        }
        out += QString::fromUcs4(&code, 1);
        i = semicolon + 1;
    }
    return out;
}

QString HtmlToText::convert(const QString &html)
{
    TextSink sink;
    int preDepth = 0;
    QList<QPair<QString, qsizetype>> openLinks; // href, output position of the link text
    qsizetype i = 0;
    while (i < html.size()) {
        const qsizetype lt = html.indexOf(u'<', i);
        const qsizetype textEnd = lt < 0 ? html.size() : lt;
        if (textEnd > i)
            sink.text(decodeEntities(QStringView(html).sliced(i, textEnd - i)), preDepth > 0);
        if (lt < 0)
            break;
        i = lt;

        if (QStringView(html).sliced(i).startsWith(u"<!--")) {
            const qsizetype close = html.indexOf(u"-->"_s, i + 4);
            i = close < 0 ? html.size() : close + 3;
            continue;
        }
        if (i + 1 < html.size() && (html.at(i + 1) == u'!' || html.at(i + 1) == u'?')) {
            const qsizetype close = html.indexOf(u'>', i);
            i = close < 0 ? html.size() : close + 1;
            continue;
        }
        Tag tag;
        const TagRead read = readTag(html, i, &tag);
        // A tag cut off by the end of the input is dropped, as a browser drops it. Stopping
        // here also keeps hostile input ("<a x=\"" a hundred thousand times) linear.
        if (read == TagRead::Unterminated)
            break;
        if (read == TagRead::NotATag) {
            sink.text(u"<", preDepth > 0);
            ++i;
            continue;
        }
        i = tag.end;

        if (isDropped(tag.name)) {
            if (!tag.closing) {
                const qsizetype close = html.indexOf(u"</"_s + tag.name, i, Qt::CaseInsensitive);
                const qsizetype gt = close < 0 ? -1 : html.indexOf(u'>', close);
                i = gt < 0 ? html.size() : gt + 1;
            }
            continue;
        }
        if (tag.name == u"br"_s) {
            sink.hardBreak();
        } else if (tag.name == u"pre"_s) {
            sink.endLine(2);
            preDepth = qMax(0, preDepth + (tag.closing ? -1 : 1));
        } else if (tag.name == u"hr"_s) {
            sink.endLine(2);
            sink.text(u"----", false);
            sink.endLine(2);
        } else if (isParagraph(tag.name)) {
            sink.endLine(2);
        } else if (tag.name == u"li"_s && !tag.closing) {
            sink.endLine(1);
            sink.text(u"- ", true);
        } else if (isBlock(tag.name)) {
            sink.endLine(1);
        } else if (tag.name == u"td"_s || tag.name == u"th"_s) {
            sink.separate();
        } else if (tag.name == u"img"_s && !tag.closing) {
            const QString alt = tag.attributes.value(u"alt"_s).simplified();
            if (!alt.isEmpty()) {
                sink.separate();
                sink.text(alt, false);
                sink.separate();
            }
        } else if (tag.name == u"a"_s) {
            if (!tag.closing) {
                openLinks.append({tag.attributes.value(u"href"_s), sink.position()});
            } else if (!openLinks.isEmpty()) {
                const auto [href, start] = openLinks.takeLast();
                const QString linkText = sink.textSince(start);
                if (linkWorthShowing(href, linkText))
                    sink.text(linkText.isEmpty() ? href : u" ("_s + href + u')', false);
            }
        }
    }
    return sink.result();
}
