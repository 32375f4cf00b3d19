#pragma once

#include "warmup_schedule.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <vector>

struct RoutePoolMember;

// How messages leave (docs/product.md §1): a relay (smarthost), direct delivery to each
// domain's MX, or a pool of relays sharing the messages by weight. Parsed from a delivery
// definition's inline route or a saved route.
struct RouteConfig
{
    enum class Type { Relay, Direct, Sandbox, Pool };
    enum class Tls { None, Opportunistic, Required, Implicit };

    Type type = Type::Relay;
    QString name; // for saved routes
    QString host;
    quint16 port = 25;
    Tls tls = Tls::Required;
    QString username;
    QString passwordEnv; // the CLI reads the password from this environment variable
    bool saved = false;  // loaded from the routes table (RouteEndpoint::load), not inline
    bool acceptanceMeansSent = false;
    QString heloName = QStringLiteral("localhost");
    QString caFile; // extra CA certificates to trust (a private CA, or the test CA)
    int maxConnections = 10;
    int maxConnectionsPerDomain = 4;
    int maxMessagesPerConnection = 100;
    // Messages recorded in flight at once. Each commit (fsync) carries a whole batch of them,
    // so a deeper window sends faster; after a crash, at most this many are in doubt and
    // are resent flagged "possible duplicate". 0: 20 per connection.
    int maxInFlight = 0;
    int connectTimeoutMs = 30000;
    int commandTimeoutMs = 60000;
    int dataTimeoutMs = 180000;
    QMap<QString, QString> mxOverride; // domain -> "host:port" (direct route, tests, internal mail)
    QString dnsServer;                 // direct route: the name server's IP address; empty: the system resolver
    quint16 smtpPort = 25;             // direct route: the port of every MX (25; tests use another)
    bool mtaSts = true;                // direct route: honour the domains' MTA-STS policies (RFC 8461)
    quint16 mtaStsPort = 443;          // direct route: the policy servers' HTTPS port (443; tests use another)
    bool dsn = false;                  // ask for DSNs (RET/ENVID/NOTIFY/ORCPT) when the relay offers them
    QString dsnNotify = QStringLiteral("SUCCESS,FAILURE,DELAY"); // NOTIFY= with dsn (RFC 3461)
    // The envelope sender (Return-Path) where bounces and reports go; empty: the From address.
    // With verp, each message gets bounces+TOKEN@domain, TOKEN naming the delivery and the
    // recipient with an HMAC (docs/product.md §4), so a report is matched without guessing.
    QString bounceAddress;
    bool verp = false;
    WarmupSchedule warmup;     // a ramp-up of the identity this route sends as; empty: none
    QJsonObject bounceMailbox; // where the reports arrive (IMAP; MailboxConfig::fromJson); empty: none
    QJsonObject sandbox;       // sandbox route: its outcome table and latency (SandboxConfig)
    // Pool route: the relays the messages are spread over by weight. A member that cannot be
    // reached, refuses or drops the connection is left out for memberRetrySeconds and its
    // messages go to the others. Saved members are filled in by RouteEndpoint::load.
    std::vector<RoutePoolMember> members;
    int memberRetrySeconds = 60;
    bool maxConnectionsGiven = false; // pool: max_connections set, not the members' sum
    bool maxInFlightGiven = false;    // pool: max_in_flight set, not 20 per connection

    // Pool route: the limits that default to the members' sums, once every member is known.
    void settlePool();
    // Direct delivery with MTA-STS: the direct route's, or a pool's direct member's.
    bool usesMtaSts() const;

    static RouteConfig fromJson(const QJsonObject &json, QStringList *errors);
    QJsonObject toJson() const;
    void insertEnvelopeKeys(QJsonObject *o) const;

    static QString tlsName(Tls tls);
    static QString typeName(Type type);
    // A pool's member is a relay or a direct route (by its JSON "type").
    static bool canBePoolMember(const QString &typeName);
};

struct RoutePoolMember
{
    RouteConfig route; // a relay or direct route; for a saved member, filled in on load
    int weight = 1;
    QString saved; // the name of a saved route, or empty for an inline one

    // "relay.example.com:587", "direct" or the saved route's name, for logs and the dashboard.
    QString label() const;
};
