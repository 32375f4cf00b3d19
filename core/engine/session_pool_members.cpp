// SessionPool: the members of a pool route, their weighted spread and their failover.
#include "session_pool.h"

using namespace Qt::StringLiterals;

void SessionPool::setMembers(const QList<SmtpEndpoint> &endpoints)
{
    for (const Member &m : std::as_const(m_members)) {
        delete m.resolver;
        delete m.sts;
    }
    m_members.clear();
    QSet<QString> keys;
    for (qsizetype i = 0; i < endpoints.size() && i < qsizetype(m_route.members.size()); ++i) {
        const RoutePoolMember &config = m_route.members[std::size_t(i)];
        Member m;
        m.endpoint = endpoints.at(i);
        m.weight = config.weight;
        m.maxConnections = config.route.maxConnections;
        m.key = config.label();
        if (keys.contains(m.key)) // the same relay twice: still two members
            m.key += u" #%1"_s.arg(i + 1);
        keys.insert(m.key);
        m.route = config.route;
        m.direct = config.route.type == RouteConfig::Type::Direct;
        if (m.direct)
            startLookups(m.route, m.endpoint, &m.resolver, &m.sts, m.key + u'/');
        m_members.append(m);
    }
}

QList<int> SessionPool::memberCounts() const
{
    QList<int> counts;
    for (const Member &m : m_members)
        counts.append(m.handed);
    return counts;
}

// Smooth weighted round robin: every member in service gains its weight, the one ahead is
// picked and pays the total back. Weights 2:1:1 give A B C A, A B A C..., never a burst.
int SessionPool::pickMember(qint64 now)
{
    int best = -1;
    qint64 total = 0;
    for (qsizetype i = 0; i < m_members.size(); ++i) {
        Member &m = m_members[i];
        if (m.downUntil > now)
            continue;
        m.current += m.weight;
        total += m.weight;
        if (best < 0 || m.current > m_members.at(best).current)
            best = int(i);
    }
    if (best >= 0)
        m_members[best].current -= total;
    return best;
}

void SessionPool::toMember(const SmtpEnvelope &envelope, bool dispatchNow)
{
    const int index = pickMember(m_clock.nowMs());
    if (index < 0) {
        QStringList why;
        for (const Member &m : std::as_const(m_members))
            why.append(u"%1: %2"_s.arg(m.key, m.lastFailure));
        SmtpOutcome o;
        o.tag = envelope.tag;
        o.kind = SmtpOutcome::Kind::TemporaryFailure;
        o.phase = u"connect"_s;
        o.reply =
            SmtpReply::makeLocal(451, u"4.4.1"_s, u"no relay of the pool is in service (%1)"_s.arg(why.join(u"; "_s)));
        o.transcript = m_moved.take(envelope.tag);
        Q_EMIT outcome(o);
        return;
    }
    Member &m = m_members[index];
    ++m.handed;
    // A direct member's messages go by recipient domain, each a destination of its own.
    const QString domain = m.direct ? envelope.rcptTo.section(u'@', -1).toLower() : QString();
    const QString key = m.direct ? m.key + u'/' + domain : m.key;
    Destination &d = m_destinations[key];
    d.key = key;
    d.domain = domain;
    d.member = index;
    d.waiting.append(envelope);
    if (dispatchNow)
        dispatchTo(d);
}

void SessionPool::memberFailed(int index, const SmtpReply &reply)
{
    Member &m = m_members[index];
    const qint64 now = m_clock.nowMs();
    m.lastFailure = reply.toString();
    if (m.downUntil > now)
        return;
    m.downUntil = now + qint64(m_route.memberRetrySeconds) * 1000;
    // What waited for it goes to the others now rather than after its retry time.
    auto it = m_destinations.find(m.key);
    if (it == m_destinations.end())
        return;
    const QString note = u"* pool member %1 out of service for %2 s: %3; handed to another member\n"_s.arg(m.key)
                             .arg(m_route.memberRetrySeconds)
                             .arg(m.lastFailure);
    for (const SmtpEnvelope &e : std::exchange(it->waiting, {})) {
        m_moved[e.tag] += note;
        toMember(e, false);
    }
}
