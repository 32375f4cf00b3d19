#include "csv_writer.h"

using namespace Qt::StringLiterals;

namespace CsvWriter {

QString cell(const QString &value, bool neutralizeFormulas)
{
    QString v = value;
    if (neutralizeFormulas && !v.isEmpty()) {
        const QChar first = v.at(0);
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r')
            v.prepend(u'\'');
    }
    const bool quote = v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.contains(u'\r') ||
                       v.contains(u';') || v.startsWith(u' ') || v.endsWith(u' ');
    if (!quote)
        return v;
    v.replace(u"\""_s, u"\"\""_s);
    return u'"' + v + u'"';
}

QString record(const QStringList &values, bool neutralizeFormulas)
{
    QString out;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += u',';
        out += cell(values.at(i), neutralizeFormulas);
    }
    out += u"\r\n"_s;
    return out;
}

} // namespace CsvWriter
