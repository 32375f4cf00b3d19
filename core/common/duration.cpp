#include "duration.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace Duration {

namespace {
constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;

qint64 unitMs(QChar unit)
{
    switch (unit.unicode()) {
    case 's':
        return Second;
    case 'm':
        return Minute;
    case 'h':
        return Hour;
    case 'd':
        return Day;
    default:
        return 0;
    }
}
} // namespace

std::optional<qint64> parseMs(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    qint64 total = 0;
    qsizetype i = 0;
    while (i < t.size()) {
        qsizetype start = i;
        while (i < t.size() && t.at(i).isDigit() && t.at(i).unicode() < 128)
            ++i;
        if (i == start || i == t.size())
            return std::nullopt; // a number must be followed by a unit
        bool ok = false;
        const qint64 n = t.mid(start, i - start).toLongLong(&ok);
        const qint64 unit = unitMs(t.at(i));
        // Each part and the sum of the parts stay below half the range, so the duration can
        // still be added to a time; checked before the addition, which would overflow first.
        constexpr qint64 Limit = std::numeric_limits<qint64>::max() / 2;
        if (!ok || unit == 0 || n > Limit / unit || n * unit > Limit - total)
            return std::nullopt;
        total += n * unit;
        ++i;
    }
    return total;
}

QString format(qint64 ms)
{
    if (ms <= 0)
        return u"0s"_s;
    QString out;
    const std::pair<qint64, QChar> units[] = {{Day, u'd'}, {Hour, u'h'}, {Minute, u'm'}, {Second, u's'}};
    qint64 rest = ms;
    for (const auto &[size, name] : units) {
        if (rest >= size) {
            out += QString::number(rest / size) + name;
            rest %= size;
        }
    }
    if (rest > 0)
        out += QString::number(rest) + u"ms"_s;
    return out;
}

} // namespace Duration
