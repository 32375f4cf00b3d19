#pragma once

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// A warm-up (ramp-up) of a sending identity, a new IP address or domain (docs/product.md §6):
// {"name":"ip-203.0.113.7","start":"2026-12-01","daily":[50,100,200,...]}. Day n of the
// schedule (counted from start, by the UTC date) allows daily[n] messages for that name, whatever
// delivery or process sends them; the counts live in the database (table warmup_days). Days
// before the start allow the first day's count; once the list is used up the identity is warm
// and nothing is capped.
struct WarmupSchedule
{
    QString name;
    QDate start;
    QList<int> daily;

    bool isEmpty() const { return name.isEmpty(); }
    // The day's cap, -1 when none (the schedule is over).
    int capOn(QDate dayUtc) const;

    // Problems are appended as "<prefix>.daily[2]: must be a positive whole number".
    static WarmupSchedule fromJson(const QJsonValue &json, const QString &prefix, QStringList *errors);
    QJsonObject toJson() const;

    static constexpr qint64 DayMs = 24LL * 3600 * 1000;
};
