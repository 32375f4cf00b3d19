#pragma once

#include <QString>

// The text/plain alternative for a delivery that only has HTML. Deliberately simple and
// predictable rather than clever: script, style, head and template content is dropped,
// block elements end lines (paragraphs and headings leave a blank line), list items start
// with "- ", a link becomes "text (url)" unless the text already is the url, an image
// becomes its alt text, entities are decoded, white space is collapsed except inside
// <pre>. It is a tag scanner, not an HTML parser: malformed markup degrades to plain text
// and never to an error.
class HtmlToText final
{
public:
    static QString convert(const QString &html);
    static QString decodeEntities(QStringView text);
};
