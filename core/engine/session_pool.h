#pragma once

#include "routing/route_config.h"
#include "smtp/smtp_endpoint.h"
#include "smtp/smtp_envelope.h"
#include "smtp/smtp_outcome.h"

#include <QHash>
#include <QList>
#include <QObject>

class SmtpSession;

// The transport side of a run: SMTP sessions per destination ("relay", or each recipient
// domain on the direct route, found through its MX), within the route's global and
// per-destination connection limits, reused for many messages. Every enqueued envelope gets
// exactly one outcome() unless it is withdrawn first.
class SessionPool final : public QObject
{
    Q_OBJECT

public:
    SessionPool(const RouteConfig &route, const SmtpEndpoint &base, QObject *parent = nullptr);
    ~SessionPool() override;

    void enqueue(const QString &destination, const SmtpEnvelope &envelope);
    // Envelopes no session has taken yet, removed; returns their tags.
    QList<quint64> withdrawWaiting();
    // Lets connections with nothing to do go (QUIT).
    void finishIdle();
    void finishAll();
    void abortAll();
    // "host:port" a destination's messages go to, for the attempt history.
    QString remoteFor(const QString &destination) const;

    // Messages kept ready per connection: one on the wire and the next queued, so a
    // connection never waits on the scheduler between messages.
    static constexpr qsizetype QueuePerSession = 3;

Q_SIGNALS:
    void outcome(const SmtpOutcome &outcome);

private:
    struct Destination
    {
        QString key;
        QList<SmtpEnvelope> waiting;
        QList<SmtpSession *> sessions;
        SmtpEndpoint endpoint;
        bool resolved = false;
        bool resolving = false;
        QString resolveError; // the domain cannot be reached at all (e.g. NXDOMAIN)
    };

    void dispatch();
    void dispatchTo(Destination &d);
    void resolve(Destination &d);
    void failWaiting(Destination &d, SmtpOutcome::Kind kind, const SmtpReply &reply);
    void onSessionClosed(SmtpSession *session);

    RouteConfig m_route;
    SmtpEndpoint m_base;
    QHash<QString, Destination> m_destinations;
    QHash<SmtpSession *, QString> m_sessionDestination;
    int m_sessionCount = 0;
    bool m_closing = false;
};
