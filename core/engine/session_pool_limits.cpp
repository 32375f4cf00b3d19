// SessionPool: the MX rules and the adaptive throttle (docs/product.md §6).
#include "session_pool.h"

#include "rate_ledger.h"
#include "smtp/smtp_session.h"
#include "throttle_memory.h"

#include <algorithm>

using namespace Qt::StringLiterals;

const MxRule *SessionPool::ruleFor(const Destination &d) const
{
    if (!d.resolved || d.endpoint.host.isEmpty())
        return nullptr; // not known yet which host it goes to
    // The MX host's name (its address is the endpoint's host), the relay's or sandbox's host.
    const int index = MxRules::match(m_rules, d.endpoint.effectivePeerVerifyName());
    return index < 0 ? nullptr : &m_rules.at(index);
}

int SessionPool::connectionLimit(const Destination &d) const
{
    const bool direct = m_route.type == RouteConfig::Type::Direct;
    int limit = direct ? m_route.maxConnectionsPerDomain : m_route.maxConnections;
    if (d.member >= 0) {
        const Member &m = m_members.at(d.member);
        limit = m.direct ? m.route.maxConnectionsPerDomain : m.maxConnections;
    }
    if (const MxRule *rule = ruleFor(d); rule && rule->maxConnections > 0)
        limit = std::min(limit, rule->maxConnections);
    return d.throttle.effectiveConnections(limit, m_clock.nowMs());
}

int SessionPool::ratePerHour(const Destination &d) const
{
    const MxRule *rule = ruleFor(d);
    return rule ? rule->messagesPerHour : 0;
}

QString SessionPool::ledgerKey(const Destination &d) const
{
    const MxRule *rule = ruleFor(d);
    return RateLedger::key(rule ? rule->pattern : QString(), isDirect(d) ? d.domain : remoteOf(d.endpoint));
}

int SessionPool::allowance(const Destination &d, int perHour, qint64 now) const
{
    const int own = d.throttle.allowance(perHour, now);
    if (!m_ledger || perHour <= 0 || own == 0)
        return own;
    return std::min(own, m_ledger->inHand(ledgerKey(d), now));
}

SmtpEndpoint SessionPool::endpointFor(const Destination &d) const
{
    SmtpEndpoint e = d.endpoint;
    const MxRule *rule = ruleFor(d);
    if (!rule)
        return e;
    if (rule->maxMessagesPerConnection > 0)
        e.maxMessagesPerConnection = std::min(e.maxMessagesPerConnection, rule->maxMessagesPerConnection);
    if (rule->connectTimeoutS > 0)
        e.connectTimeoutMs = rule->connectTimeoutS * 1000;
    if (rule->commandTimeoutS > 0)
        e.commandTimeoutMs = e.greetingTimeoutMs = rule->commandTimeoutS * 1000;
    if (rule->dataTimeoutS > 0)
        e.dataTimeoutMs = rule->dataTimeoutS * 1000;
    // A rule can ask for more TLS than the route, never for less (a relay's credentials).
    if (rule->tls == u"starttls-required"_s && e.tls != SmtpEndpoint::TlsPolicy::Implicit)
        e.tls = SmtpEndpoint::TlsPolicy::Required;
    else if (rule->tls == u"starttls"_s && e.tls == SmtpEndpoint::TlsPolicy::None)
        e.tls = SmtpEndpoint::TlsPolicy::Opportunistic;
    return e;
}

void SessionPool::prepareThrottle(Destination &d)
{
    if (!d.throttleSet) {
        if (const MxRule *rule = ruleFor(d))
            d.throttle.setParams(rule->throttleCutToPct, rule->coolDownS, rule->restoreStepPct);
        d.throttleSet = true;
    }
    if (m_throttleMemory && d.memoryGeneration != m_throttleMemory->generation()) {
        d.memoryGeneration = m_throttleMemory->generation();
        if (const DestinationThrottle::State *kept = m_throttleMemory->find(ledgerKey(d)))
            d.throttle.adopt(*kept);
    }
}

void SessionPool::noteReply(const QString &destination, const SmtpReply &reply)
{
    auto it = m_destinations.find(destination);
    if (it == m_destinations.end() || !DestinationThrottle::isThrottling(reply))
        return;
    it->throttle.noteThrottling(m_clock.nowMs(), reply);
    if (m_throttleMemory)
        m_throttleMemory->note(ledgerKey(*it), it->throttle.state());
}

void SessionPool::poll()
{
    if (!m_closing)
        dispatch();
}

bool SessionPool::wantsMore(const QString &destination, int coming) const
{
    const auto it = m_destinations.constFind(destination);
    if (it == m_destinations.cend())
        return true;
    const int perHour = ratePerHour(*it);
    if (perHour <= 0)
        return true;
    // Enough in hand for what the slice still allows, and one for the next slice.
    const qint64 now = m_clock.nowMs();
    int allowed = it->throttle.allowance(perHour, now);
    if (m_ledger)
        allowed = std::min(allowed, m_ledger->estimate(ledgerKey(*it), it->throttle.sliceLimit(perHour, now), now));
    return it->waiting.size() + coming < std::max(1, allowed);
}

QList<DestinationHold> SessionPool::holds(int limit) const
{
    const qint64 now = m_clock.nowMs();
    QList<DestinationHold> all;
    for (const Destination &d : m_destinations) {
        const int level = d.throttle.levelPct(now);
        if (d.waiting.isEmpty() && d.sessions.isEmpty() && level >= 100)
            continue;
        DestinationHold h;
        h.destination = d.key;
        h.domain = isDirect(d) ? d.domain : QString();
        if (const MxRule *rule = ruleFor(d))
            h.rule = rule->pattern;
        h.waiting = int(d.waiting.size());
        h.connections = int(d.sessions.size());
        h.maxConnections = connectionLimit(d);
        const int perHour = ratePerHour(d);
        h.ratePerHour = d.throttle.effectiveRate(perHour, now);
        if (perHour > 0) {
            h.sliceLimit = d.throttle.sliceLimit(perHour, now);
            h.sentInSlice = d.throttle.sentInSlice(now);
            if (const QString key = ledgerKey(d); m_ledger && m_ledger->takenSeen(key, now) >= 0)
                // Every run's, as the database last said, less the tokens this one holds unspent.
                h.sentInSlice = std::max(h.sentInSlice, m_ledger->takenSeen(key, now) - m_ledger->inHand(key, now));
            h.nextSliceAtMs = DestinationThrottle::nextSliceAtMs(now);
        }
        h.levelPct = level;
        if (level < 100) {
            h.throttledUntilMs = d.throttle.throttledUntilMs();
            h.throttleReply = d.throttle.lastReply();
        }
        all.append(h);
    }
    std::sort(all.begin(), all.end(), [](const DestinationHold &a, const DestinationHold &b) {
        return a.waiting != b.waiting ? a.waiting > b.waiting : a.destination < b.destination;
    });
    if (all.size() > limit)
        all.resize(limit);
    return all;
}
