#pragma once

#include "common/clock.h"
#include "destination_throttle.h"
#include "log/destination_hold.h"
#include "routing/mta_sts.h"
#include "routing/mx_resolver.h"
#include "routing/mx_rules.h"
#include "routing/route_config.h"
#include "smtp/smtp_endpoint.h"
#include "smtp/smtp_envelope.h"
#include "smtp/smtp_outcome.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QObject>

class RateLedger;
class SmtpSession;
class ThrottleMemory;

// The transport side of a run: SMTP sessions per destination ("relay", or each recipient
// domain on the direct route, found through its MX), within the route's global and
// per-destination connection limits, reused for many messages. Every enqueued envelope gets
// exactly one outcome() unless it is withdrawn first.
//
// Direct route: the domain's MX hosts are tried by preference, each at its A then AAAA
// addresses. A connection that fails, times out or gets a refusing greeting moves the
// domain on to the next address, and the messages it held go there without an outcome; only
// when every address failed do they fail (temporarily), and the next message re-resolves.
// Answers are reused for their TTL. The transcript of every outcome says which MX it used
// and why earlier ones were skipped.
//
// MX rules (docs/product.md §6): the first rule matching the host connected to (MX, relay or
// sandbox host) adds its limits to the route's, the stricter winning: connections, messages
// per connection, messages per hour in 5-minute slices (poll() lets the next slice start),
// timeouts and a TLS floor. A throttling reply cuts the destination's rate and connections
// for a cool-down (DestinationThrottle); holds() says what holds each destination back.
//
// Pool route (setMembers): each message enqueued for "relay" goes to one member, picked by
// smooth weighted round robin, and each member is a destination of its own (its connections,
// its MX rule). A member that cannot be reached, refuses to talk (connect, greeting, EHLO,
// TLS, AUTH), answers 421 or drops the connection is left out for the route's
// member_retry_seconds: the messages it held that had not started go to the other members
// without an outcome; one whose transaction had started gets its temporary failure (it is
// retried, flagged a possible duplicate when its final dot went unanswered). With every member
// out, messages fail temporarily and are retried. A direct member delivers to each recipient
// domain's MX itself, with its own name server, port, MX overrides and MTA-STS: each of its
// domains is a destination ("member/domain") handled as on the direct route, and an MX that
// fails is that domain's matter, never the member's.
class SessionPool final : public QObject
{
    Q_OBJECT

public:
    SessionPool(const RouteConfig &route, const SmtpEndpoint &base, const Clock &clock, const QList<MxRule> &rules = {},
                QObject *parent = nullptr);
    ~SessionPool() override;

    void enqueue(const QString &destination, const SmtpEnvelope &envelope);
    // Lets the message whose endOfDataDue() came write its final dot.
    void releaseEndOfData(quint64 tag);
    // Envelopes no session has taken yet, removed; returns their tags.
    QList<quint64> withdrawWaiting();
    // Lets connections with nothing to do go (QUIT).
    void finishIdle();
    void finishAll();
    void abortAll();
    // "host:port" a destination's messages go to, for the attempt history.
    QString remoteFor(const QString &destination) const;
    // Starts what the time now allows (a new rate slice, a cool-down's end).
    void poll();
    // False while the destination's rate slice is used up and messages already wait for the
    // next one: the scheduler leaves its recipients unclaimed instead of filling the window.
    // coming: messages for it already claimed and on their way.
    bool wantsMore(const QString &destination, int coming = 0) const;
    // The destinations with messages in hand or a throttle, most waiting first, at most limit.
    QList<DestinationHold> holds(int limit) const;
    // Counts MX-rule rates with every other run on the database (the ledger outlives the pool).
    void setRateLedger(RateLedger *ledger) { m_ledger = ledger; }
    // Keeps throttle cuts in the database and takes those of other runs (it outlives the pool).
    void setThrottleMemory(ThrottleMemory *memory) { m_throttleMemory = memory; }
    // Direct route: MTA-STS policies kept from before (domain -> policy, expiry); learned() gives
    // the ones fetched now.
    void rememberStsPolicies(const QHash<QString, std::pair<MtaStsPolicy, qint64>> &policies);
    // A pool route: its members' endpoints, in the route's order (RouteEndpoint::buildMembers).
    void setMembers(const QList<SmtpEndpoint> &endpoints);
    // Messages each pool member was handed, in the route's order (its spread, for tests and logs).
    QList<int> memberCounts() const;

    // Messages kept ready per connection: one on the wire and the next queued, so a
    // connection never waits on the scheduler between messages.
    static constexpr qsizetype QueuePerSession = 3;

Q_SIGNALS:
    void outcome(const SmtpOutcome &outcome);
    // An envelope with holdEndOfData waits for releaseEndOfData() before its final dot.
    void endOfDataDue(quint64 tag);
    // Direct route: a domain's MTA-STS policy newly fetched, to be kept until expiresAtMs.
    void stsPolicyLearned(const QString &domain, const MtaStsPolicy &policy, qint64 expiresAtMs);

private:
    struct Destination
    {
        QString key;
        QString domain; // direct route or a pool's direct member: the recipient domain
        QList<SmtpEnvelope> waiting;
        QList<SmtpSession *> sessions;
        SmtpEndpoint endpoint; // relay or mx_override; the current candidate's otherwise
        bool resolved = false;
        bool resolving = false;
        bool fixed = false;     // relay or mx_override: no DNS
        MxResolution mx;        // direct route
        QDeadlineTimer expires; // when mx is to be looked up again
        int candidate = 0;      // index into mx.candidates of the address to connect to
        int generation = 0;     // bumped by every new resolution and by giving up on one
        QStringList skipped;    // why earlier candidates were left, for the transcripts
        DestinationThrottle throttle;
        int member = -1;           // pool route: the member index
        MxResolution pendingMx;    // direct route: the MX answer while its MTA-STS policy is fetched
        bool stsEnforced = false;  // an MTA-STS policy in enforce mode: verified TLS to allowed MX only
        bool throttleSet = false;  // its MX rule's throttle constants applied
        int memoryGeneration = -1; // the ThrottleMemory generation it last looked at
    };
    struct Member
    {
        SmtpEndpoint endpoint;
        QString key; // its destination: the saved route's name or "host:port"
        int weight = 1;
        int maxConnections = 1;
        qint64 current = 0;   // smooth weighted round robin
        qint64 downUntil = 0; // left out until then (clock ms)
        QString lastFailure;
        int handed = 0;
        bool direct = false;            // delivers to each domain's MX itself
        RouteConfig route;              // its own settings (direct: name server, port, MX overrides)
        MxResolver *resolver = nullptr; // child; a direct member
        MtaStsFetcher *sts = nullptr;   // child; a direct member with mta_sts
    };
    struct SessionInfo
    {
        QString destination;
        int candidate = -1; // -1: not a resolved MX (relay, mx_override)
        int generation = 0;
        QString prefix; // the DNS story, put in front of every outcome's transcript
        QString remote;
        bool requeue = false; // its set-up failed and another MX is left: hand its messages on
        int requeued = 0;
        bool memberFailed = false; // a pool member's session that failed: its messages go elsewhere
    };

    void dispatch();
    void dispatchTo(Destination &d);
    // Pool route: hands the envelope to a member (a temporary failure when every one is out);
    // dispatch: at once, or at the next dispatch() (from inside a session's signal).
    void toMember(const SmtpEnvelope &envelope, bool dispatchNow);
    int pickMember(qint64 now);
    void memberFailed(int member, const SmtpReply &reply);
    bool ensureEndpoint(Destination &d);
    // The destination's own settings: its direct member's, else the route's.
    bool isDirect(const Destination &d) const;
    const RouteConfig &configOf(const Destination &d) const;
    const SmtpEndpoint &baseOf(const Destination &d) const;
    // Direct delivery's lookups for a route or member: answers are for the destination key.
    void startLookups(const RouteConfig &route, const SmtpEndpoint &base, MxResolver **resolver, MtaStsFetcher **sts,
                      const QString &keyPrefix);
    void onResolved(const QString &key, const MxResolution &resolution);
    void onStsFetched(const QString &key, const MtaStsResult &result);
    void acceptResolution(Destination &d, const MxResolution &resolution);
    void failWaiting(Destination &d, SmtpOutcome::Kind kind, const SmtpReply &reply, const QString &transcript = {});
    SmtpSession *openSession(Destination &d);
    void onSessionFailed(SmtpSession *session, const QString &phase, const SmtpReply &reply);
    void onMessageFinished(SmtpSession *session, const SmtpOutcome &outcome);
    void onSessionClosed(SmtpSession *session);
    const MxRule *ruleFor(const Destination &d) const;
    // The MX rule's throttle constants, and a cut kept in the database that is newer.
    void prepareThrottle(Destination &d);
    int connectionLimit(const Destination &d) const;
    int ratePerHour(const Destination &d) const;
    QString ledgerKey(const Destination &d) const;
    // What the destination may still send in this slice: its throttle's allowance, and the
    // tokens in hand when a ledger counts the rate with other runs; -1: unlimited.
    int allowance(const Destination &d, int perHour, qint64 now) const;
    SmtpEndpoint endpointFor(const Destination &d) const;
    void noteReply(const QString &destination, const SmtpReply &reply);
    static QString remoteOf(const SmtpEndpoint &e);
    static QString story(const QStringList &notes); // "* " lines, as SmtpTranscript::note writes them

    RouteConfig m_route;
    SmtpEndpoint m_base;
    const Clock &m_clock;
    QList<MxRule> m_rules;
    MxResolver *m_resolver = nullptr; // child
    MtaStsFetcher *m_sts = nullptr;   // child; direct route with mta_sts
    RateLedger *m_ledger = nullptr;
    ThrottleMemory *m_throttleMemory = nullptr;
    QHash<QString, Destination> m_destinations;
    QHash<SmtpSession *, SessionInfo> m_sessions;
    QHash<quint64, SmtpEnvelope> m_submitted; // handed to a session, no outcome yet
    QHash<quint64, SmtpSession *> m_holding;  // waiting for releaseEndOfData()
    QList<Member> m_members;                  // pool route
    QHash<quint64, QString> m_moved;          // pool route: why a message left a member, for its transcript
    int m_sessionCount = 0;
    bool m_closing = false;
};
