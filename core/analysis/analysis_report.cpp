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

QString AnalysisReport::fill(const QString &text, const QStringList &args)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'%' && i + 1 < text.size() && text.at(i + 1) >= u'1' && text.at(i + 1) <= u'9') {
            const qsizetype n = text.at(i + 1).unicode() - u'1';
            if (n < args.size()) {
                out += args.at(n);
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
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
    for (const Line &l : lines) {
        QJsonObject o{{u"level"_s, levelName(l.level)}, {u"rule"_s, l.rule}, {u"message"_s, l.message}};
        if (!l.source.isEmpty()) {
            o.insert(u"source"_s, QString::fromUtf8(l.source));
            o.insert(u"args"_s, QJsonArray::fromStringList(l.args));
        }
        jl.append(o);
    }
    QJsonObject ex;
    for (auto it = exclusions.begin(); it != exclusions.end(); ++it)
        ex.insert(it.key(), it.value());
    QJsonArray jd;
    for (const DomainPlan &p : destinations)
        jd.append(QJsonObject{{u"domain"_s, p.domain}, {u"count"_s, p.count}});
    QJsonArray jp;
    for (const PlanGroup &g : plan)
        jp.append(QJsonObject{
            {u"group"_s, g.group},
            {u"domains"_s, QJsonArray::fromStringList(g.domains)},
            {u"recipients"_s, g.recipients},
            {u"rule"_s, g.rule},
            {u"messages_per_hour"_s, g.ratePerHour},
            {u"estimated_seconds"_s, g.estimatedSeconds < 0 ? QJsonValue() : QJsonValue(g.estimatedSeconds)},
            {u"fits_validity"_s, g.fitsValidity}});
    return QJsonObject{
        {u"targeted"_s, targeted},
        {u"to_deliver"_s, toDeliver},
        {u"to_exclude"_s, toExclude},
        {u"exclusions"_s, ex},
        {u"lines"_s, jl},
        {u"destinations"_s, jd},
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
                        o.value(u"rule"_s).toString(), o.value(u"message"_s).toString(),
                        o.value(u"source"_s).toString().toUtf8(), QStringList()});
        for (const QJsonValue a : o.value(u"args"_s).toArray())
            r.lines.last().args.append(a.toString());
    }
    // Reports stored before the plan by provider kept the destinations under "plan".
    const bool old = json.value(u"destinations"_s).isUndefined();
    for (const QJsonValue v : json.value(old ? u"plan"_s : u"destinations"_s).toArray()) {
        const QJsonObject o = v.toObject();
        r.destinations.append({o.value(u"domain"_s).toString(), o.value(u"count"_s).toInteger()});
    }
    for (const QJsonValue v : old ? QJsonArray() : json.value(u"plan"_s).toArray()) {
        const QJsonObject o = v.toObject();
        PlanGroup g;
        g.group = o.value(u"group"_s).toString();
        for (const QJsonValue d : o.value(u"domains"_s).toArray())
            g.domains.append(d.toString());
        g.recipients = o.value(u"recipients"_s).toInteger();
        g.rule = o.value(u"rule"_s).toString();
        g.ratePerHour = o.value(u"messages_per_hour"_s).toInt();
        g.estimatedSeconds = o.value(u"estimated_seconds"_s).toInteger(-1);
        g.fitsValidity = o.value(u"fits_validity"_s).toBool(true);
        r.plan.append(g);
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
    if (!destinations.isEmpty()) {
        out += u"\nTo deliver, by destination domain:\n"_s;
        for (const DomainPlan &p : destinations)
            out += u"  %1  %2\n"_s.arg(p.domain, -32).arg(p.count);
    }
    if (!plan.isEmpty()) {
        out += u"\nPre-flight plan, by MX provider:\n"_s;
        for (const PlanGroup &g : plan)
            out += u"  %1  %2 recipient(s), %3 domain(s), rule %4: %5%6\n"_s.arg(g.group, -32)
                       .arg(g.recipients)
                       .arg(g.domains.size())
                       .arg(g.rule.isEmpty() ? u"none"_s : g.rule,
                            g.estimatedSeconds < 0 ? u"no rate limit"_s
                                                   : u"about %1 s at %2/h"_s.arg(g.estimatedSeconds).arg(g.ratePerHour),
                            g.fitsValidity ? QString() : u" (longer than the validity)"_s);
    }
    out += blocked() ? u"\nResult: BLOCKED (%1 error(s)); fix them and analyze again.\n"_s.arg(count(Level::Error))
                     : u"\nResult: ready to confirm (%1 warning(s)).\n"_s.arg(count(Level::Warning));
    return out;
}
