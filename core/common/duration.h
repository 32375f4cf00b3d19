#pragma once

#include <QString>
#include <optional>

// Durations as written in delivery definitions: a whole number followed by a unit,
// "s", "m", "h" or "d" ("90s", "15m", "5d"). Several parts may follow each other ("1h30m").
namespace Duration {

// Milliseconds, or nullopt when text is not a duration.
std::optional<qint64> parseMs(const QString &text);

// The shortest exact form of ms ("4h", "90s", "1d12h"); "0s" for zero.
QString format(qint64 ms);

} // namespace Duration
