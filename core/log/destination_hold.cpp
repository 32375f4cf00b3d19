#include "destination_hold.h"

#include <QDateTime>
#include <QJsonArray>

using namespace Qt::StringLiterals;

QJsonObject DestinationHold::toJson() const
{
    return QJsonObject{{u"destination"_s, destination},
                       {u"domain"_s, domain},
                       {u"rule"_s, rule},
                       {u"waiting"_s, waiting},
                       {u"connections"_s, connections},
                       {u"max_connections"_s, maxConnections},
                       {u"rate_per_hour"_s, ratePerHour},
                       {u"slice_limit"_s, sliceLimit},
                       {u"sent_in_slice"_s, sentInSlice},
                       {u"next_slice_at"_s, nextSliceAtMs},
                       {u"level_pct"_s, levelPct},
                       {u"throttled_until"_s, throttledUntilMs},
                       {u"throttle_reply"_s, throttleReply},
                       {u"warmup"_s, warmup}};
}

DestinationHold DestinationHold::fromJson(const QJsonObject &o)
{
    DestinationHold h;
    h.destination = o.value(u"destination"_s).toString();
    // Written before holds named their domain: a destination other than "relay" was one.
    h.domain = o.contains(u"domain"_s)       ? o.value(u"domain"_s).toString()
               : h.destination == u"relay"_s ? QString()
                                             : h.destination;
    h.rule = o.value(u"rule"_s).toString();
    h.waiting = o.value(u"waiting"_s).toInt();
    h.connections = o.value(u"connections"_s).toInt();
    h.maxConnections = o.value(u"max_connections"_s).toInt();
    h.ratePerHour = o.value(u"rate_per_hour"_s).toInt();
    h.sliceLimit = o.value(u"slice_limit"_s).toInt();
    h.sentInSlice = o.value(u"sent_in_slice"_s).toInt();
    h.nextSliceAtMs = o.value(u"next_slice_at"_s).toInteger();
    h.levelPct = o.value(u"level_pct"_s).toInt(100);
    h.throttledUntilMs = o.value(u"throttled_until"_s).toInteger();
    h.throttleReply = o.value(u"throttle_reply"_s).toString();
    h.warmup = o.value(u"warmup"_s).toString();
    return h;
}

QJsonArray DestinationHold::reasonsJson() const
{
    const auto at = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms).toUTC().toString(Qt::ISODate); };
    QJsonArray out;
    if (warmupHeld())
        out.append(QJsonObject{{u"reason"_s, u"warmup"_s},
                               {u"name"_s, warmup},
                               {u"daily_cap"_s, sliceLimit},
                               {u"sent_today"_s, sentInSlice},
                               {u"until"_s, at(nextSliceAtMs)}});
    if (throttled()) // "until": the cool-down's end; after it the level comes back step by step
        out.append(QJsonObject{{u"reason"_s, u"throttle"_s},
                               {u"rule"_s, rule},
                               {u"reply"_s, throttleReply},
                               {u"level_pct"_s, levelPct},
                               {u"until"_s, at(throttledUntilMs)}});
    if (rateHeld())
        out.append(QJsonObject{{u"reason"_s, u"rate"_s},
                               {u"rule"_s, rule},
                               {u"per_hour"_s, ratePerHour},
                               {u"slice_limit"_s, sliceLimit},
                               {u"sent_in_slice"_s, sentInSlice},
                               {u"until"_s, at(nextSliceAtMs)}});
    if (connectionsHeld())
        out.append(QJsonObject{{u"reason"_s, u"connections"_s},
                               {u"rule"_s, rule},
                               {u"connections"_s, connections},
                               {u"max_connections"_s, maxConnections}});
    return out;
}
