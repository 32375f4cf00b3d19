#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// A text with {{field}} and {{field|default}} placeholders, parsed once and rendered per
// recipient. Parsing never throws: problems (unbalanced braces, empty field names) are
// collected in errors() so the analysis can report them before any send.
class PersonalizationTemplate final
{
public:
    enum class Escape {
        None,    // plain text part
        Html,    // values are HTML-escaped (&, <, >, ", ')
        Header,  // values have CR, LF and other control characters replaced by a space
    };

    struct Problem
    {
        qsizetype offset = 0;  // character offset in the source text
        QString message;       // English, e.g. "unbalanced '{{' at offset 12"
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
    template <typename Lookup>
    QString render(Lookup lookup, Escape escape) const;

    QString render(const QHash<QString, QString> &values, Escape escape) const;

    static QString escapeValue(const QString &value, Escape escape);

private:
    struct Segment
    {
        bool isField = false;
        QString text;         // literal text, or the field name
        QString defaultValue; // for fields
        bool hasDefault = false;
    };
    QList<Segment> m_segments;
    QList<Problem> m_problems;
};

template <typename Lookup>
QString PersonalizationTemplate::render(Lookup lookup, Escape escape) const
{
    QString out;
    for (const Segment &s : m_segments) {
        if (!s.isField) {
            out += s.text;
            continue;
        }
        const QString v = lookup(s.text);
        out += escapeValue(v.isEmpty() ? s.defaultValue : v, escape);
    }
    return out;
}
