#include "sandbox_config.h"

using namespace Qt::StringLiterals;

QString SandboxConfig::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Accept:
        return u"accept"_s;
    case Outcome::HardBounce:
        return u"hard"_s;
    case Outcome::SoftBounce:
        return u"soft"_s;
    case Outcome::Throttle:
        return u"throttle"_s;
    }
    return {};
}

std::optional<SandboxConfig::Outcome> SandboxConfig::outcomeFromName(const QString &name)
{
    for (Outcome o : allOutcomes()) {
        if (outcomeName(o) == name)
            return o;
    }
    return std::nullopt;
}

QList<SandboxConfig::Outcome> SandboxConfig::allOutcomes()
{
    return {Outcome::Accept, Outcome::HardBounce, Outcome::SoftBounce, Outcome::Throttle};
}

SandboxConfig::Outcome SandboxConfig::outcomeFor(const QString &domain) const
{
    QString d = domain.toLower();
    while (!d.isEmpty()) {
        const auto it = outcomes.constFind(d);
        if (it != outcomes.cend())
            return *it;
        const qsizetype dot = d.indexOf(u'.');
        if (dot < 0)
            break;
        d = d.mid(dot + 1);
    }
    return defaultOutcome;
}

SandboxConfig SandboxConfig::fromJson(const QJsonObject &json, QStringList *errors)
{
    SandboxConfig c;
    auto error = [&](const QString &field, const QString &message) {
        errors->append(u"route.%1: %2"_s.arg(field, message));
    };
    const QString mustBe = u"must be accept, hard, soft or throttle"_s;
    const QJsonValue outcomes = json.value(u"outcomes"_s);
    if (!outcomes.isUndefined() && !outcomes.isObject())
        error(u"outcomes"_s, u"must be an object of domain: outcome"_s);
    const QJsonObject table = outcomes.toObject();
    for (auto it = table.begin(); it != table.end(); ++it) {
        const QString domain = it.key().trimmed().toLower();
        const QString field = u"outcomes."_s + it.key();
        if (domain.isEmpty() || domain.startsWith(u'.') || domain.endsWith(u'.') || domain.contains(u'@') ||
            domain.contains(u' ') || domain.contains(u"..")) {
            error(field, u"is not a domain name"_s);
            continue;
        }
        const std::optional<Outcome> o = outcomeFromName(it.value().toString());
        if (!o)
            error(field, mustBe);
        else
            c.outcomes.insert(domain, *o);
    }
    if (json.contains(u"default"_s)) {
        const std::optional<Outcome> o = outcomeFromName(json.value(u"default"_s).toString());
        if (!o)
            error(u"default"_s, mustBe);
        else
            c.defaultOutcome = *o;
    }
    auto bounded = [&](const QString &key, int max) {
        const QJsonValue v = json.value(key);
        if (v.isUndefined())
            return 0;
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 0 || d > max || d != double(int(d))) {
            error(key, u"must be a whole number from 0 to %1"_s.arg(max));
            return 0;
        }
        return int(d);
    };
    c.latencyMs = bounded(u"latency_ms"_s, MaxLatencyMs);
    c.keepLast = bounded(u"keep_last"_s, MaxKeepLast);
    return c;
}

QJsonObject SandboxConfig::toJson() const
{
    QJsonObject table;
    for (auto it = outcomes.begin(); it != outcomes.end(); ++it)
        table.insert(it.key(), outcomeName(it.value()));
    QJsonObject o{{u"outcomes"_s, table}, {u"default"_s, outcomeName(defaultOutcome)}, {u"latency_ms"_s, latencyMs}};
    if (keepLast > 0)
        o.insert(u"keep_last"_s, keepLast);
    return o;
}

SandboxConfig SandboxConfig::defaults()
{
    SandboxConfig c;
    c.outcomes = {{u"bounce.example"_s, Outcome::HardBounce},
                  {u"mailbox-full.example"_s, Outcome::SoftBounce},
                  {u"throttled.example"_s, Outcome::Throttle}};
    c.latencyMs = 20;
    return c;
}
