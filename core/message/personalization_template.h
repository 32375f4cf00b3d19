#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// A text with {{field}} and {{field|default}} placeholders, parsed once and rendered per
// recipient. Parsing never throws: problems (unbalanced braces, empty or invalid field names,
// nested placeholders) are collected in problems() so the analysis can report them before any
// send. Field names are [A-Za-z0-9_.-]+, trimmed of surrounding whitespace, matched exactly
// (case-sensitive). A single '{' or '}' is literal text; in "{{{x}}}" the outer braces are
// literal. The default (after the first '|') is kept verbatim and may hold anything but "}}"
// and "{{".
class PersonalizationTemplate final
{
public:
    enum class Escape {
        None,   // plain text part
        Html,   // values are HTML-escaped (&, <, >, ", ')
        Header, // values: each run of CR, LF, other controls, U+2028/9 becomes one space
        // A structured header field (List-Unsubscribe, custom fields): as Header, and in a value
        // placed inside <...> (a URI) what no URI may hold is percent-encoded (controls, space,
        // non-ASCII, < > " and the like), so it can never close the URI or add another one
        // ("x>, <https://evil") while a whole URL in a field stays a URL.
        StructuredHeader,
    };

    struct Problem
    {
        qsizetype offset = 0; // character offset in the source text
        QString message;      // English, e.g. "unbalanced '{{' at offset 12"
    };

    PersonalizationTemplate() = default;
    explicit PersonalizationTemplate(const QString &source);

    bool isValid() const { return m_problems.isEmpty(); }
    const QList<Problem> &problems() const { return m_problems; }

    // Field names used, in order of first use, without duplicates.
    QStringList fields() const;
    // Fields used without a default value (these must resolve for every recipient).
    QStringList fieldsWithoutDefault() const;

    // Renders with the recipient's values. A field missing from values, or empty, takes its
    // default (or the empty string). lookup gets a field name and returns its value or a null
    // QString when the recipient has no such field.
    template <typename Lookup> QString render(Lookup lookup, Escape escape) const;

    QString render(const QHash<QString, QString> &values, Escape escape) const;

    static QString escapeValue(const QString &value, Escape escape);
    // UTF-8; the bytes no URI may hold as %XX (RFC 3986 §2), the rest as they are.
    static QString percentEncoded(const QString &value);

    // True when text holds anything that could end a header line (CR, LF, VT, FF, U+0085,
    // U+2028, U+2029). Escape::Header output never does.
    static bool containsLineBreak(const QString &text);

private:
    struct Segment
    {
        bool isField = false;
        QString text;         // literal text, or the field name
        QString defaultValue; // for fields
        bool hasDefault = false;
    };
    // Both return the index where scanning resumes.
    qsizetype parsePlaceholder(const QString &source, qsizetype open);
    qsizetype skipNested(const QString &source, qsizetype open, qsizetype nested);
    void appendLiteral(QStringView text);

    QList<Segment> m_segments;
    QList<Problem> m_problems;
};

template <typename Lookup> QString PersonalizationTemplate::render(Lookup lookup, Escape escape) const
{
    QString out;
    bool inUri = false; // after a literal '<' and before its '>'
    for (const Segment &s : m_segments) {
        if (!s.isField) {
            out += s.text;
            const qsizetype open = s.text.lastIndexOf(u'<');
            const qsizetype close = s.text.lastIndexOf(u'>');
            if (open >= 0 || close >= 0)
                inUri = open > close;
            continue;
        }
        const QString v = lookup(s.text);
        const QString value = v.isEmpty() ? s.defaultValue : v;
        out += escape == Escape::StructuredHeader && inUri ? percentEncoded(value) : escapeValue(value, escape);
    }
    return out;
}
