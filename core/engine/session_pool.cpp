#include "session_pool.h"

#include "rate_ledger.h"
#include "smtp/smtp_session.h"

#include <algorithm>

using namespace Qt::StringLiterals;

SessionPool::SessionPool(const RouteConfig &route, const SmtpEndpoint &base, const Clock &clock,
                         const QList<MxRule> &rules, QObject *parent)
    : QObject(parent)
    , m_route(route)
    , m_base(base)
    , m_clock(clock)
    , m_rules(rules)
{
    if (m_route.type == RouteConfig::Type::Direct)
        startLookups(m_route, m_base, &m_resolver, &m_sts, {});
}

void SessionPool::startLookups(const RouteConfig &route, const SmtpEndpoint &base, MxResolver **resolver,
                               MtaStsFetcher **sts, const QString &keyPrefix)
{
    const QHostAddress server = route.dnsServer.isEmpty() ? QHostAddress() : QHostAddress(route.dnsServer);
    *resolver = new MxResolver(server, this);
    connect(*resolver, &MxResolver::resolved, this,
            [this, keyPrefix](const QString &domain, const MxResolution &r) { onResolved(keyPrefix + domain, r); });
    if (route.mtaSts) {
        *sts = new MtaStsFetcher(server, route.mtaStsPort, base.extraCaCertificates, route.connectTimeoutMs, m_clock,
                                 this);
        connect(*sts, &MtaStsFetcher::fetched, this, [this, keyPrefix](const QString &domain, const MtaStsResult &r) {
            onStsFetched(keyPrefix + domain, r);
        });
        connect(*sts, &MtaStsFetcher::learned, this, &SessionPool::stsPolicyLearned);
    }
}

bool SessionPool::isDirect(const Destination &d) const
{
    return d.member >= 0 ? m_members.at(d.member).direct : m_route.type == RouteConfig::Type::Direct;
}

const RouteConfig &SessionPool::configOf(const Destination &d) const
{
    return d.member >= 0 ? m_members.at(d.member).route : m_route;
}

const SmtpEndpoint &SessionPool::baseOf(const Destination &d) const
{
    return d.member >= 0 ? m_members.at(d.member).endpoint : m_base;
}

SessionPool::~SessionPool()
{
    abortAll();
}

void SessionPool::enqueue(const QString &destination, const SmtpEnvelope &envelope)
{
    if (!m_members.isEmpty()) {
        toMember(envelope, true);
        return;
    }
    Destination &d = m_destinations[destination];
    d.key = destination;
    d.domain = destination;
    d.waiting.append(envelope);
    dispatchTo(d);
}

QList<quint64> SessionPool::withdrawWaiting()
{
    QList<quint64> tags;
    for (auto it = m_destinations.begin(); it != m_destinations.end(); ++it) {
        for (const SmtpEnvelope &e : std::as_const(it->waiting))
            tags.append(e.tag);
        it->waiting.clear();
    }
    return tags;
}

void SessionPool::finishIdle()
{
    for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
        if (m_destinations.value(it->destination).waiting.isEmpty() && it.key()->queuedCount() == 0)
            it.key()->finish();
    }
}

void SessionPool::finishAll()
{
    m_closing = true;
    for (SmtpSession *s : m_sessions.keys())
        s->finish();
}

void SessionPool::abortAll()
{
    m_closing = true;
    for (SmtpSession *s : m_sessions.keys())
        s->abort();
}

QString SessionPool::remoteFor(const QString &destination) const
{
    const auto d = m_destinations.constFind(destination);
    // Never null: the attempt history stores "" when no connection was made.
    return d == m_destinations.cend() || !d->resolved || d->endpoint.host.isEmpty() ? u""_s : remoteOf(d->endpoint);
}

QString SessionPool::story(const QStringList &notes)
{
    QString text;
    for (const QString &n : notes)
        text += u"* "_s + n + u'\n';
    return text;
}

QString SessionPool::remoteOf(const SmtpEndpoint &e)
{
    // An MX reached at an address: "mx.example.com [192.0.2.1]:25".
    if (!e.peerVerifyName.isEmpty() && e.peerVerifyName != e.host)
        return u"%1 [%2]:%3"_s.arg(e.peerVerifyName, e.host).arg(e.port);
    return u"%1:%2"_s.arg(e.host).arg(e.port);
}

void SessionPool::dispatch()
{
    for (auto it = m_destinations.begin(); it != m_destinations.end(); ++it) {
        if (!it->waiting.isEmpty())
            dispatchTo(*it);
    }
}

void SessionPool::failWaiting(Destination &d, SmtpOutcome::Kind kind, const SmtpReply &reply, const QString &transcript)
{
    for (const SmtpEnvelope &e : std::exchange(d.waiting, {})) {
        SmtpOutcome o;
        o.tag = e.tag;
        o.kind = kind;
        o.phase = u"connect"_s;
        o.reply = reply;
        o.transcript = transcript;
        o.fromMx = isDirect(d);
        Q_EMIT outcome(o);
    }
}

bool SessionPool::ensureEndpoint(Destination &d)
{
    if (!isDirect(d)) {
        if (!d.resolved) {
            d.endpoint = baseOf(d);
            d.resolved = d.fixed = true;
        }
        return true;
    }
    const RouteConfig &config = configOf(d);
    const auto override = config.mxOverride.constFind(d.domain);
    if (override != config.mxOverride.cend()) {
        if (!d.resolved) {
            const qsizetype colon = override->lastIndexOf(u':');
            d.endpoint = baseOf(d);
            d.endpoint.host = override->left(colon);
            d.endpoint.port = quint16(override->mid(colon + 1).toUInt());
            d.resolved = d.fixed = true;
        }
        return true;
    }
    if (d.resolving)
        return false;
    // A stale answer is replaced once the domain's connections are gone.
    if (d.resolved && d.expires.hasExpired() && d.sessions.isEmpty())
        d.resolved = false;
    if (!d.resolved) {
        d.resolving = true;
        (d.member >= 0 ? m_members.at(d.member).resolver : m_resolver)->resolve(d.domain);
        return false;
    }
    if (!d.mx.isOk()) {
        failWaiting(d, SmtpOutcome::Kind::PermanentFailure, SmtpReply::makeLocal(550, d.mx.enhancedCode, d.mx.error),
                    story(d.mx.notes));
        return false;
    }
    return true;
}

void SessionPool::onResolved(const QString &key, const MxResolution &resolution)
{
    auto it = m_destinations.find(key);
    if (it == m_destinations.end())
        return;
    Destination &d = *it;
    d.resolving = false;
    if (resolution.status == MxResolution::Status::TemporaryFailure) {
        // Not an answer: the waiting messages are retried later, and the next one asks again.
        d.resolved = false;
        failWaiting(d, SmtpOutcome::Kind::TemporaryFailure,
                    SmtpReply::makeLocal(451, resolution.enhancedCode, resolution.error), story(resolution.notes));
        return;
    }
    if (MtaStsFetcher *sts = d.member >= 0 ? m_members.at(d.member).sts : m_sts; sts && resolution.isOk()) {
        // The MX hosts are used once the domain's MTA-STS policy says which may be (still resolving).
        d.resolving = true;
        d.pendingMx = resolution;
        sts->fetch(d.domain);
        return;
    }
    acceptResolution(d, resolution);
}

void SessionPool::rememberStsPolicies(const QHash<QString, std::pair<MtaStsPolicy, qint64>> &policies)
{
    QList<MtaStsFetcher *> fetchers{m_sts};
    for (const Member &m : std::as_const(m_members))
        fetchers.append(m.sts);
    for (MtaStsFetcher *sts : std::as_const(fetchers)) {
        for (auto it = policies.cbegin(); sts && it != policies.cend(); ++it)
            sts->remember(it.key(), it->first, it->second);
    }
}

void SessionPool::onStsFetched(const QString &key, const MtaStsResult &result)
{
    auto it = m_destinations.find(key);
    if (it == m_destinations.end())
        return;
    Destination &d = *it;
    const QString &domain = d.domain;
    d.resolving = false;
    MxResolution resolution = std::exchange(d.pendingMx, {});
    resolution.notes += result.notes;
    d.stsEnforced = false;
    if (result.policy && result.policy->mode != MtaStsPolicy::Mode::None) {
        const MtaStsPolicy &policy = *result.policy;
        QList<MxCandidate> allowed;
        QStringList refused;
        for (const MxCandidate &c : std::as_const(resolution.candidates)) {
            if (policy.allows(c.host))
                allowed.append(c);
            else if (!refused.contains(c.host))
                refused.append(c.host);
        }
        if (!refused.isEmpty())
            resolution.notes.append(
                u"MTA-STS: %1 not in the policy's mx%2"_s.arg(refused.join(u", "_s))
                    .arg(policy.mode == MtaStsPolicy::Mode::Testing ? u" (testing: used anyway)"_s : u": skipped"_s));
        if (policy.mode == MtaStsPolicy::Mode::Enforce) {
            if (allowed.isEmpty()) {
                // Not a verdict on the recipient: the domain's policy and its MX disagree, which
                // the domain may fix; retried later (§5.1).
                d.resolved = false;
                failWaiting(d, SmtpOutcome::Kind::TemporaryFailure,
                            SmtpReply::makeLocal(451, u"4.7.5"_s,
                                                 u"no MX host of %1 is allowed by its MTA-STS policy (mx: %2)"_s.arg(
                                                     domain, policy.mx.join(u", "_s))),
                            story(resolution.notes));
                return;
            }
            resolution.candidates = allowed;
            d.stsEnforced = true;
            resolution.notes.append(u"MTA-STS: STARTTLS with a verified certificate required"_s);
        }
    }
    acceptResolution(d, resolution);
}

void SessionPool::acceptResolution(Destination &d, const MxResolution &resolution)
{
    d.mx = resolution;
    d.resolved = true;
    d.expires = QDeadlineTimer(qint64(resolution.ttlSeconds) * 1000);
    d.candidate = 0;
    d.skipped.clear();
    ++d.generation;
    if (d.mx.isOk()) {
        const MxCandidate &c = d.mx.candidates.constFirst();
        d.endpoint = baseOf(d);
        d.endpoint.host = c.address.toString();
        d.endpoint.port = configOf(d).smtpPort;
        d.endpoint.peerVerifyName = c.host;
        if (d.stsEnforced)
            d.endpoint.tls = SmtpEndpoint::TlsPolicy::Required;
    }
    if (!m_closing)
        dispatchTo(d);
}

void SessionPool::releaseEndOfData(quint64 tag)
{
    SmtpSession *session = m_holding.take(tag);
    if (session && m_sessions.contains(session))
        session->releaseEndOfData(tag);
}

SmtpSession *SessionPool::openSession(Destination &d)
{
    SessionInfo info;
    info.destination = d.key;
    const SmtpEndpoint endpoint = endpointFor(d);
    info.remote = remoteOf(endpoint);
    if (!d.fixed) {
        info.candidate = d.candidate;
        info.generation = d.generation;
        QStringList notes = d.mx.notes + d.skipped;
        notes.append(u"using %1 port %2"_s.arg(d.mx.candidates.at(d.candidate).describe()).arg(d.endpoint.port));
        info.prefix = story(notes);
    }
    auto *session = new SmtpSession(endpoint, this);
    connect(session, &SmtpSession::sessionFailed, this,
            [this, session](const QString &phase, const SmtpReply &reply, const QString &) {
                onSessionFailed(session, phase, reply);
            });
    connect(session, &SmtpSession::messageFinished, this,
            [this, session](const SmtpOutcome &o) { onMessageFinished(session, o); });
    connect(session, &SmtpSession::endOfDataDue, this, [this, session](quint64 tag) {
        m_holding.insert(tag, session);
        Q_EMIT endOfDataDue(tag);
    });
    connect(session, &SmtpSession::idle, this, [this] {
        if (!m_closing)
            dispatch();
    });
    connect(session, &SmtpSession::closed, this, [this, session] { onSessionClosed(session); });
    d.sessions.append(session);
    m_sessions.insert(session, info);
    ++m_sessionCount;
    session->start();
    return session;
}

void SessionPool::onSessionFailed(SmtpSession *session, const QString &phase, const SmtpReply &reply)
{
    auto info = m_sessions.find(session);
    if (info != m_sessions.end())
        noteReply(info->destination, reply);
    if (info == m_sessions.end() || m_closing)
        return;
    if (const auto d = m_destinations.constFind(info->destination);
        d != m_destinations.cend() && d->member >= 0 && !m_members.at(d->member).direct) {
        // A pool member that does not get as far as taking messages is out of service.
        info->memberFailed = true;
        memberFailed(d->member, reply);
        return;
    }
    if (info->candidate < 0)
        return;
    // Only an MX that cannot be reached or refuses to talk is skipped (RFC 5321 §5.1);
    // what a server says after its greeting (EHLO, TLS, AUTH) is its answer. Under an MTA-STS
    // policy in enforce mode, an MX without verified TLS is skipped too (RFC 8461 §5).
    Destination &d = m_destinations[info->destination];
    const bool stsTls = d.stsEnforced && phase == u"starttls"_s;
    if (phase != u"connect"_s && phase != u"greeting"_s && !stsTls)
        return;
    if (info->generation != d.generation)
        return; // from an earlier answer: its messages fail as they are
    if (info->candidate == d.candidate) {
        d.skipped.append(u"%1 port %2: %3; next"_s.arg(d.mx.candidates.at(d.candidate).describe())
                             .arg(session->endpoint().port)
                             .arg(reply.toString()));
        ++d.candidate;
    }
    if (d.candidate < d.mx.candidates.size()) {
        const MxCandidate &c = d.mx.candidates.at(d.candidate);
        d.endpoint.host = c.address.toString();
        d.endpoint.peerVerifyName = c.host;
        info->requeue = true;
        return;
    }
    // Every address failed: these messages and the waiting ones are retried later, after a
    // new lookup.
    const QString tried = story(d.mx.notes + d.skipped);
    info->prefix = tried;
    const qsizetype count = d.mx.candidates.size();
    d.resolved = false;
    ++d.generation;
    failWaiting(d, SmtpOutcome::Kind::TemporaryFailure,
                SmtpReply::makeLocal(451, u"4.4.1"_s,
                                     u"no MX host of %1 could be reached (%2 address%3 tried); last: %4"_s.arg(d.domain)
                                         .arg(count)
                                         .arg(count == 1 ? u""_s : u"es"_s)
                                         .arg(reply.toString())),
                tried);
}

void SessionPool::onMessageFinished(SmtpSession *session, const SmtpOutcome &o)
{
    auto info = m_sessions.find(session);
    const SmtpEnvelope envelope = m_submitted.take(o.tag);
    m_holding.remove(o.tag);
    if (info != m_sessions.end() && info->requeue && !m_closing && !o.transactionStarted &&
        o.kind == SmtpOutcome::Kind::TemporaryFailure && envelope.tag == o.tag) {
        Destination &d = m_destinations[info->destination];
        d.waiting.insert(std::min<qsizetype>(info->requeued++, d.waiting.size()), envelope);
        return;
    }
    if (info != m_sessions.end() && !m_closing && o.kind == SmtpOutcome::Kind::TemporaryFailure) {
        const auto d = m_destinations.constFind(info->destination);
        // A direct member's MX failing is its domain's matter (handled as on the direct route).
        const int member =
            d == m_destinations.cend() || d->member < 0 || m_members.at(d->member).direct ? -1 : d->member;
        // A lost connection, a timeout or a 421 puts a member out of service; what it had not
        // started goes to another member, and a started transaction gets its outcome.
        const bool dropped = o.reply.local && o.transactionStarted;
        const bool closing = !o.reply.local && o.reply.code == 421;
        if (member >= 0 && (dropped || closing)) {
            info->memberFailed = true;
            memberFailed(member, o.reply);
        }
        if (member >= 0 && (info->memberFailed || o.reply.local || closing) && !o.transactionStarted &&
            envelope.tag == o.tag) {
            // Not d->key: memberFailed() may have added destinations since (the hash rehashed).
            m_moved[o.tag] +=
                u"* pool member %1: %2; handed to another member\n"_s.arg(m_members.at(member).key, o.reply.toString());
            toMember(envelope, false);
            return;
        }
    }
    SmtpOutcome forwarded = o;
    if (info != m_sessions.end() && o.kind == SmtpOutcome::Kind::TemporaryFailure)
        noteReply(info->destination, o.reply);
    const QString moved = m_moved.take(o.tag);
    forwarded.transcript = moved + o.transcript;
    if (info != m_sessions.end()) {
        forwarded.transcript = moved + info->prefix + o.transcript;
        forwarded.remote = info->remote;
        const auto d = m_destinations.constFind(info->destination);
        forwarded.fromMx = d != m_destinations.cend() && isDirect(*d);
    }
    Q_EMIT outcome(forwarded);
}

void SessionPool::dispatchTo(Destination &d)
{
    if (m_closing || d.waiting.isEmpty())
        return;
    if (!ensureEndpoint(d))
        return;
    prepareThrottle(d);
    const int perDestination = connectionLimit(d);
    const int perHour = ratePerHour(d);
    const qint64 now = m_clock.nowMs();
    if (d.sessions.isEmpty() && m_sessionCount >= m_route.maxConnections) {
        // Every connection is taken: let idle ones to other destinations go, so this one
        // does not wait for a remote server's idle timeout.
        for (auto it = m_sessions.cbegin(); it != m_sessions.cend(); ++it) {
            if (it->destination != d.key && m_destinations.value(it->destination).waiting.isEmpty() &&
                it.key()->queuedCount() == 0)
                it.key()->finish();
        }
    }
    while (!d.waiting.isEmpty()) {
        if (allowance(d, perHour, now) == 0) {
            // The slice is used up, or the tokens leased from it: the next slice starts, or
            // more tokens come, at a poll().
            if (m_ledger && perHour > 0 && d.throttle.allowance(perHour, now) != 0)
                m_ledger->want(ledgerKey(d), int(d.waiting.size()), d.throttle.sliceLimit(perHour, now), now);
            break;
        }
        SmtpSession *best = nullptr;
        // Connections beyond a limit a throttle lowered get nothing new and go when idle.
        for (SmtpSession *s : d.sessions.first(std::min<qsizetype>(d.sessions.size(), perDestination))) {
            // A working connection keeps its MX even after another connection to it failed:
            // failover decides where new connections go.
            if (s->canAccept() && (!best || s->queuedCount() < best->queuedCount()))
                best = s;
        }
        const bool canOpen = d.sessions.size() < perDestination && m_sessionCount < m_route.maxConnections;
        if ((!best || best->queuedCount() >= 1) && canOpen)
            best = openSession(d);
        if (!best || best->queuedCount() >= QueuePerSession)
            break;
        const SmtpEnvelope &next = d.waiting.constFirst();
        if (!best->submit(next))
            break;
        d.throttle.countSent(now);
        if (m_ledger && perHour > 0)
            m_ledger->spend(ledgerKey(d), now);
        m_submitted.insert(next.tag, next);
        d.waiting.removeFirst();
    }
    for (qsizetype i = perDestination; i < d.sessions.size(); ++i) {
        if (d.sessions.at(i)->queuedCount() == 0)
            d.sessions.at(i)->finish();
    }
}

void SessionPool::onSessionClosed(SmtpSession *session)
{
    const QString key = m_sessions.take(session).destination;
    --m_sessionCount;
    if (m_destinations.contains(key))
        m_destinations[key].sessions.removeAll(session);
    session->deleteLater();
    if (!m_closing)
        dispatch();
}
