#include "destination_hold_text.h"

#include <QDateTime>
#include <QLocale>
#include <QStringList>

namespace {

QString timeOf(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).time(), QLocale::ShortFormat);
}

} // namespace

QString DestinationHoldText::describe(const DestinationHold &h, qint64 nowMs)
{
    const QLocale locale;
    if (!h.warmup.isEmpty()) {
        if (!h.warmupHeld())
            return {};
        return tr("warm-up %1: %2 of %3 today; more from %4")
            .arg(h.warmup, locale.toString(h.sentInSlice), locale.toString(h.sliceLimit),
                 locale.toString(QDateTime::fromMSecsSinceEpoch(h.nextSliceAtMs), QLocale::ShortFormat));
    }
    QStringList parts;
    if (h.throttled()) {
        if (nowMs < h.throttledUntilMs)
            parts.append(tr("throttled (%1) until %2, at %3%")
                             .arg(h.throttleReply, timeOf(h.throttledUntilMs), locale.toString(h.levelPct)));
        else
            parts.append(
                tr("restoring after throttling (%1), at %2%").arg(h.throttleReply, locale.toString(h.levelPct)));
    }
    if (h.rateHeld())
        parts.append(tr("rate %1/h: next slice at %2").arg(locale.toString(h.ratePerHour), timeOf(h.nextSliceAtMs)));
    if (h.connectionsHeld())
        parts.append(tr("connections %1/%2").arg(locale.toString(h.connections), locale.toString(h.maxConnections)));
    if (parts.isEmpty())
        return {};
    const QString rule = h.rule.isEmpty() ? tr("route limits") : h.rule;
    return tr("%1: %2").arg(rule, parts.join(tr("; ")));
}

QString DestinationHoldText::details(const DestinationHold &h)
{
    const QLocale locale;
    if (!h.warmup.isEmpty())
        return tr("Warm-up of %1: %2 messages allowed today, %3 taken by every delivery; the next day starts at %4")
            .arg(h.warmup, locale.toString(h.sliceLimit), locale.toString(h.sentInSlice),
                 locale.toString(QDateTime::fromMSecsSinceEpoch(h.nextSliceAtMs), QLocale::ShortFormat));
    QStringList lines;
    lines.append(tr("MX rule: %1").arg(h.rule.isEmpty() ? tr("none (the route's limits)") : h.rule));
    lines.append(tr("Waiting for a connection: %1").arg(locale.toString(h.waiting)));
    lines.append(tr("Connections: %1 of %2").arg(locale.toString(h.connections), locale.toString(h.maxConnections)));
    if (h.ratePerHour > 0)
        lines.append(
            tr("Rate: %1 per hour; this 5-minute slice: %2 of %3")
                .arg(locale.toString(h.ratePerHour), locale.toString(h.sentInSlice), locale.toString(h.sliceLimit)));
    else
        lines.append(tr("Rate: unlimited"));
    if (h.throttled())
        lines.append(tr("Throttled by a %1 reply: at %2% of the rule until %3, then +25% per 5 minutes")
                         .arg(h.throttleReply, locale.toString(h.levelPct), timeOf(h.throttledUntilMs)));
    return lines.join(u'\n');
}

QString DestinationHoldText::retry(qint64 atMs)
{
    return tr("next retry at %1").arg(timeOf(atMs));
}
