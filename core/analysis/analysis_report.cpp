#include "analysis_report.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

QString AnalysisReport::levelName(Level level)
{
    switch (level) {
    case Level::Info:
        return u"info"_s;
    case Level::Warning:
        return u"warning"_s;
    case Level::Error:
        return u"error"_s;
    }
    return {};
}

bool AnalysisReport::blocked() const
{
    return count(Level::Error) > 0;
}

int AnalysisReport::count(Level level) const
{
    int n = 0;
    for (const Line &l : lines)
        n += l.level == level ? 1 : 0;
    return n;
}

QJsonObject AnalysisReport::toJson() const
{
    QJsonArray jl;
    for (const Line &l : lines)
        jl.append(QJsonObject{{u"level"_s, levelName(l.level)}, {u"rule"_s, l.rule}, {u"message"_s, l.message}});
    QJsonObject ex;
    for (auto it = exclusions.begin(); it != exclusions.end(); ++it)
        ex.insert(it.key(), it.value());
    QJsonArray jp;
    for (const DomainPlan &p : plan)
        jp.append(QJsonObject{{u"domain"_s, p.domain}, {u"count"_s, p.count}});
    return QJsonObject{
        {u"targeted"_s, targeted},
        {u"to_deliver"_s, toDeliver},
        {u"to_exclude"_s, toExclude},
        {u"exclusions"_s, ex},
        {u"lines"_s, jl},
        {u"plan"_s, jp},
        {u"blocked"_s, blocked()},
        {u"analyzed_at"_s, analyzedAtMs},
    };
}

AnalysisReport AnalysisReport::fromJson(const QJsonObject &json)
{
    AnalysisReport r;
    r.targeted = json.value(u"targeted"_s).toInteger();
    r.toDeliver = json.value(u"to_deliver"_s).toInteger();
    r.toExclude = json.value(u"to_exclude"_s).toInteger();
    r.analyzedAtMs = json.value(u"analyzed_at"_s).toInteger();
    const QJsonObject ex = json.value(u"exclusions"_s).toObject();
    for (auto it = ex.begin(); it != ex.end(); ++it)
        r.exclusions.insert(it.key(), it.value().toInteger());
    for (const QJsonValue v : json.value(u"lines"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const QString level = o.value(u"level"_s).toString();
        r.lines.append({level == u"error"_s     ? Level::Error
                        : level == u"warning"_s ? Level::Warning
                                                : Level::Info,
                        o.value(u"rule"_s).toString(), o.value(u"message"_s).toString()});
    }
    for (const QJsonValue v : json.value(u"plan"_s).toArray()) {
        const QJsonObject o = v.toObject();
        r.plan.append({o.value(u"domain"_s).toString(), o.value(u"count"_s).toInteger()});
    }
    return r;
}

QString AnalysisReport::toText() const
{
    QString out;
    out += u"Targeted: %1   To deliver: %2   To exclude: %3\n"_s.arg(
        QString::number(targeted), QString::number(toDeliver), QString::number(toExclude));
    if (!exclusions.isEmpty()) {
        out += u"\nExclusions by reason:\n"_s;
        for (auto it = exclusions.begin(); it != exclusions.end(); ++it)
            out += u"  %1  %2\n"_s.arg(it.key(), -24).arg(it.value());
    }
    out += u"\nLog:\n"_s;
    for (const Line &l : lines)
        out += u"  [%1] %2: %3\n"_s.arg(levelName(l.level), -7).arg(l.rule, l.message);
    if (!plan.isEmpty()) {
        out += u"\nPre-flight plan (to deliver, by destination domain):\n"_s;
        for (const DomainPlan &p : plan)
            out += u"  %1  %2\n"_s.arg(p.domain, -32).arg(p.count);
    }
    out += blocked() ? u"\nResult: BLOCKED (%1 error(s)); fix them and analyze again.\n"_s.arg(count(Level::Error))
                     : u"\nResult: ready to confirm (%1 warning(s)).\n"_s.arg(count(Level::Warning));
    return out;
}
