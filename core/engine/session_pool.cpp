#include "session_pool.h"

#include "smtp/smtp_session.h"

#include <QDnsLookup>
#include <algorithm>

using namespace Qt::StringLiterals;

SessionPool::SessionPool(const RouteConfig &route, const SmtpEndpoint &base, QObject *parent)
    : QObject(parent)
    , m_route(route)
    , m_base(base)
{}

SessionPool::~SessionPool()
{
    abortAll();
}

void SessionPool::enqueue(const QString &destination, const SmtpEnvelope &envelope)
{
    Destination &d = m_destinations[destination];
    d.key = destination;
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
    for (auto it = m_sessionDestination.cbegin(); it != m_sessionDestination.cend(); ++it) {
        if (m_destinations.value(it.value()).waiting.isEmpty() && it.key()->queuedCount() == 0)
            it.key()->finish();
    }
}

void SessionPool::finishAll()
{
    m_closing = true;
    for (SmtpSession *s : m_sessionDestination.keys())
        s->finish();
}

void SessionPool::abortAll()
{
    m_closing = true;
    for (SmtpSession *s : m_sessionDestination.keys())
        s->abort();
}

QString SessionPool::remoteFor(const QString &destination) const
{
    const auto d = m_destinations.constFind(destination);
    return d == m_destinations.cend() ? QString() : u"%1:%2"_s.arg(d->endpoint.host).arg(d->endpoint.port);
}

void SessionPool::dispatch()
{
    for (auto it = m_destinations.begin(); it != m_destinations.end(); ++it) {
        if (!it->waiting.isEmpty())
            dispatchTo(*it);
    }
}

void SessionPool::failWaiting(Destination &d, SmtpOutcome::Kind kind, const SmtpReply &reply)
{
    for (const SmtpEnvelope &e : std::exchange(d.waiting, {})) {
        SmtpOutcome o;
        o.tag = e.tag;
        o.kind = kind;
        o.phase = u"connect"_s;
        o.reply = reply;
        Q_EMIT outcome(o);
    }
}

void SessionPool::resolve(Destination &d)
{
    if (d.resolving)
        return;
    const auto override = m_route.mxOverride.constFind(d.key);
    if (override != m_route.mxOverride.cend()) {
        const qsizetype colon = override->lastIndexOf(u':');
        d.endpoint = m_base;
        d.endpoint.host = override->left(colon);
        d.endpoint.port = quint16(override->mid(colon + 1).toUInt());
        d.resolved = true;
        return;
    }
    d.resolving = true;
    auto *lookup = new QDnsLookup(QDnsLookup::MX, d.key, this);
    const QString key = d.key;
    connect(lookup, &QDnsLookup::finished, this, [this, lookup, key] {
        lookup->deleteLater();
        Destination &dest = m_destinations[key];
        dest.resolving = false;
        dest.resolved = true;
        dest.endpoint = m_base;
        dest.endpoint.port = 25;
        if (lookup->error() == QDnsLookup::NotFoundError) {
            dest.resolveError = u"the domain %1 does not exist (NXDOMAIN)"_s.arg(key);
        } else if (lookup->error() != QDnsLookup::NoError && lookup->error() != QDnsLookup::InvalidReplyError &&
                   lookup->mailExchangeRecords().isEmpty()) {
            dest.resolved = false; // a DNS failure, not an answer: try again later
            dest.resolveError = u"MX lookup for %1 failed: %2"_s.arg(key, lookup->errorString());
        } else {
            // Qt 6.4 reports an empty answer (NODATA) as InvalidReplyError with no records.
            QList<QDnsMailExchangeRecord> mx = lookup->mailExchangeRecords();
            std::sort(mx.begin(), mx.end(),
                      [](const auto &a, const auto &b) { return a.preference() < b.preference(); });
            if (mx.isEmpty()) {
                dest.endpoint.host = key; // no MX: the domain's own address (RFC 5321 §5.1)
            } else if (mx.first().exchange() == u"."_s || mx.first().exchange().isEmpty()) {
                dest.resolveError = u"the domain %1 accepts no mail (null MX)"_s.arg(key);
            } else {
                dest.endpoint.host = mx.first().exchange();
            }
        }
        if (!m_closing)
            dispatchTo(dest);
    });
    lookup->lookup();
}

void SessionPool::dispatchTo(Destination &d)
{
    if (m_closing)
        return;
    const bool direct = m_route.type == RouteConfig::Type::Direct;
    if (direct && !d.resolved) {
        if (!d.resolveError.isEmpty() && !d.resolving) {
            // A failed lookup: every waiting message gets a temporary failure and a retry.
            const QString error = std::exchange(d.resolveError, {});
            failWaiting(d, SmtpOutcome::Kind::TemporaryFailure, SmtpReply::makeLocal(451, u"4.4.3"_s, error));
            return;
        }
        resolve(d);
        if (!d.resolved)
            return;
    }
    if (direct && !d.resolveError.isEmpty()) {
        failWaiting(d, SmtpOutcome::Kind::PermanentFailure, SmtpReply::makeLocal(550, u"5.1.2"_s, d.resolveError));
        return;
    }
    if (!direct && !d.resolved) {
        d.endpoint = m_base;
        d.resolved = true;
    }
    const int perDestination = direct ? m_route.maxConnectionsPerDomain : m_route.maxConnections;
    if (d.sessions.isEmpty() && m_sessionCount >= m_route.maxConnections) {
        // Every connection is taken: let idle ones to other destinations go, so this one
        // does not wait for a remote server's idle timeout.
        for (auto it = m_sessionDestination.cbegin(); it != m_sessionDestination.cend(); ++it) {
            if (it.value() != d.key && m_destinations.value(it.value()).waiting.isEmpty() &&
                it.key()->queuedCount() == 0)
                it.key()->finish();
        }
    }
    while (!d.waiting.isEmpty()) {
        SmtpSession *best = nullptr;
        for (SmtpSession *s : std::as_const(d.sessions)) {
            if (s->canAccept() && (!best || s->queuedCount() < best->queuedCount()))
                best = s;
        }
        const bool canOpen = d.sessions.size() < perDestination && m_sessionCount < m_route.maxConnections;
        if ((!best || best->queuedCount() >= 1) && canOpen) {
            auto *session = new SmtpSession(d.endpoint, this);
            connect(session, &SmtpSession::messageFinished, this, &SessionPool::outcome);
            connect(session, &SmtpSession::idle, this, [this] {
                if (!m_closing)
                    dispatch();
            });
            connect(session, &SmtpSession::closed, this, [this, session] { onSessionClosed(session); });
            d.sessions.append(session);
            m_sessionDestination.insert(session, d.key);
            ++m_sessionCount;
            session->start();
            best = session;
        }
        if (!best || best->queuedCount() >= QueuePerSession)
            break;
        if (!best->submit(d.waiting.constFirst()))
            break;
        d.waiting.removeFirst();
    }
}

void SessionPool::onSessionClosed(SmtpSession *session)
{
    const QString key = m_sessionDestination.take(session);
    --m_sessionCount;
    if (m_destinations.contains(key))
        m_destinations[key].sessions.removeAll(session);
    session->deleteLater();
    if (!m_closing)
        dispatch();
}
