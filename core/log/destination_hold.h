#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// What holds one destination back right now, as the engine's snapshot carries it for the
// dashboard (docs/product.md §7 "current throttle"): structured values, worded by the UI.
struct DestinationHold
{
    // The recipient domain; "relay" on a relay or sandbox route; a pool's member ("relay-a", or
    // "direct/example.com" for a direct member's domain).
    QString destination;
    QString domain;         // the recipient domain it holds back; empty: every domain (a relay)
    QString rule;           // the MX rule's pattern in force; empty: no rule matched (the route's limits)
    int waiting = 0;        // messages the pool holds for it, not yet on a connection
    int connections = 0;    // open now
    int maxConnections = 0; // allowed now (rule, route and throttle applied)
    int ratePerHour = 0;    // allowed now; 0: unlimited
    int sliceLimit = 0;     // of the current 5-minute slice (rate limited only)
    int sentInSlice = 0;
    qint64 nextSliceAtMs = 0;
    int levelPct = 100;          // < 100 after a throttling reply, until restored
    qint64 throttledUntilMs = 0; // end of the cool-down; past: restoring gradually
    QString throttleReply;       // "421", "4.7.0", or "text" for a provider's wording
    // A warm-up's day instead of a destination (every domain): its name; sliceLimit is the
    // day's cap, sentInSlice what every delivery took of it, nextSliceAtMs the next UTC day;
    // waiting > 0 when the cap keeps recipients back.
    QString warmup;

    bool connectionsHeld() const { return waiting > 0 && connections >= maxConnections; }
    bool rateHeld() const { return waiting > 0 && ratePerHour > 0 && sentInSlice >= sliceLimit; }
    bool warmupHeld() const { return !warmup.isEmpty() && waiting > 0; }
    bool throttled() const { return levelPct < 100; }
    bool held() const { return connectionsHeld() || rateHeld() || throttled() || warmupHeld(); }
    bool appliesTo(const QString &recipientDomain) const { return domain.isEmpty() || domain == recipientDomain; }

    // As the database keeps it for other processes (delivery_holds), and as `status --json`
    // says why a destination waits: [{"reason":"rate"|"throttle"|"connections","rule":...,
    // "until":ISO time,...}], empty when nothing holds it.
    QJsonObject toJson() const;
    static DestinationHold fromJson(const QJsonObject &o);
    QJsonArray reasonsJson() const;
};
