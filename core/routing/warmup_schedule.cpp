#include "warmup_schedule.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

int WarmupSchedule::capOn(QDate dayUtc) const
{
    if (isEmpty() || daily.isEmpty())
        return -1;
    const qint64 n = std::max<qint64>(0, start.daysTo(dayUtc));
    return n < daily.size() ? daily.at(n) : -1;
}

WarmupSchedule WarmupSchedule::fromJson(const QJsonValue &json, const QString &prefix, QStringList *errors)
{
    WarmupSchedule w;
    if (json.isUndefined() || json.isNull())
        return w;
    const auto error = [&](const QString &field, const QString &message) {
        errors->append(u"%1.%2: %3"_s.arg(prefix, field, message));
    };
    if (!json.isObject()) {
        errors->append(u"%1: must be an object {\"name\", \"start\", \"daily\"}"_s.arg(prefix));
        return w;
    }
    const QJsonObject o = json.toObject();
    const QString name = o.value(u"name"_s).toString().trimmed();
    if (name.isEmpty())
        error(u"name"_s, u"required: the sending identity it warms up (an IP address or domain)"_s);
    const QString start = o.value(u"start"_s).toString();
    const QDate date = QDate::fromString(start, Qt::ISODate);
    if (!date.isValid())
        error(u"start"_s, u"'%1' is not a date YYYY-MM-DD"_s.arg(start));
    const QJsonValue daily = o.value(u"daily"_s);
    QList<int> counts;
    if (!daily.isArray() || daily.toArray().isEmpty()) {
        error(u"daily"_s, u"must be a list of messages per day, e.g. [50, 100, 200]"_s);
    } else {
        const QJsonArray array = daily.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonValue v = array.at(i);
            if (!v.isDouble() || v.toDouble() < 1 || v.toDouble() != double(v.toInteger()) ||
                v.toInteger() > 100'000'000)
                error(u"daily[%1]"_s.arg(i), u"must be a positive whole number"_s);
            else
                counts.append(int(v.toInteger()));
        }
    }
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (it.key() != u"name"_s && it.key() != u"start"_s && it.key() != u"daily"_s)
            error(it.key(), u"unknown field"_s);
    }
    if (name.isEmpty() || !date.isValid() || counts.size() != daily.toArray().size())
        return {};
    w.name = name;
    w.start = date;
    w.daily = counts;
    return w;
}

QJsonObject WarmupSchedule::toJson() const
{
    QJsonArray counts;
    for (int c : daily)
        counts.append(c);
    return {{u"name"_s, name}, {u"start"_s, start.toString(Qt::ISODate)}, {u"daily"_s, counts}};
}
