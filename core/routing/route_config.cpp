#include "route_config.h"

#include "feedback/mailbox_config.h"
#include "recipients/address_validator.h"
#include "sandbox/sandbox_config.h"

#include <QDir>
#include <QHostAddress>
#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

QString RouteConfig::tlsName(Tls tls)
{
    switch (tls) {
    case Tls::None:
        return u"none"_s;
    case Tls::Opportunistic:
        return u"starttls"_s;
    case Tls::Required:
        return u"starttls-required"_s;
    case Tls::Implicit:
        return u"implicit"_s;
    }
    return {};
}

QString RouteConfig::typeName(Type type)
{
    switch (type) {
    case Type::Relay:
        return u"relay"_s;
    case Type::Direct:
        return u"direct"_s;
    case Type::Sandbox:
        return u"sandbox"_s;
    case Type::Pool:
        return u"pool"_s;
    }
    return {};
}

QString RoutePoolMember::label() const
{
    if (!saved.isEmpty())
        return saved;
    if (route.type == RouteConfig::Type::Direct)
        return u"direct"_s;
    return u"%1:%2"_s.arg(route.host).arg(route.port);
}

namespace {

// "route.port: ..." of a member's own errors, as "route.members[2].port: ...".
void addMemberErrors(const QStringList &memberErrors, const QString &field, QStringList *errors)
{
    for (QString e : memberErrors) {
        if (e.startsWith(u"route."_s))
            e.replace(0, 6, u"route.%1."_s.arg(field));
        errors->append(e);
    }
}

void parsePool(const QJsonObject &json, RouteConfig *r, QStringList *errors)
{
    const QJsonValue list = json.value(u"members"_s);
    if (!list.isArray() || list.toArray().isEmpty()) {
        errors->append(u"route.members: a pool needs a list of members, each a relay or direct route with a "
                       "weight ({\"host\": ..., \"weight\": 2}, {\"type\": \"direct\"}) or a saved route "
                       "({\"saved\": \"NAME\", \"weight\": 1})"_s);
        return;
    }
    const QJsonArray members = list.toArray();
    for (qsizetype i = 0; i < members.size(); ++i) {
        const QString field = u"members[%1]"_s.arg(i);
        if (!members.at(i).isObject()) {
            errors->append(u"route.%1: must be an object"_s.arg(field));
            continue;
        }
        QJsonObject m = members.at(i).toObject();
        RoutePoolMember member;
        const QJsonValue weight = m.take(u"weight"_s);
        if (!weight.isUndefined() && (!weight.isDouble() || weight.toDouble() != weight.toInt() || weight.toInt() < 1))
            errors->append(u"route.%1.weight: must be a positive whole number"_s.arg(field));
        else
            member.weight = weight.toInt(1);
        if (m.contains(u"saved"_s)) {
            member.saved = m.value(u"saved"_s).toString().trimmed();
            if (member.saved.isEmpty())
                errors->append(u"route.%1.saved: must name a route saved in the database"_s.arg(field));
            if (m.size() > 1)
                errors->append(u"route.%1: a saved member takes only \"saved\" and \"weight\""_s.arg(field));
        } else {
            if (!m.contains(u"type"_s))
                m.insert(u"type"_s, u"relay"_s);
            if (!RouteConfig::canBePoolMember(m.value(u"type"_s).toString())) {
                errors->append(u"route.%1.type: a pool member must be a relay or direct route"_s.arg(field));
                continue;
            }
            QStringList memberErrors;
            member.route = RouteConfig::fromJson(m, &memberErrors);
            addMemberErrors(memberErrors, field, errors);
        }
        r->members.push_back(member);
    }
}

} // namespace

void RouteConfig::settlePool()
{
    if (type != Type::Pool)
        return;
    if (!maxConnectionsGiven) {
        maxConnections = 0;
        for (const RoutePoolMember &m : members)
            maxConnections += m.saved.isEmpty() || m.route.saved ? m.route.maxConnections : 0;
        maxConnections = std::max(1, maxConnections);
    }
    if (!maxInFlightGiven)
        maxInFlight = maxConnections * 20;
}

bool RouteConfig::canBePoolMember(const QString &typeName)
{
    return typeName == u"relay"_s || typeName == u"direct"_s;
}

bool RouteConfig::usesMtaSts() const
{
    if (type == Type::Direct)
        return mtaSts;
    return std::any_of(members.cbegin(), members.cend(), [](const RoutePoolMember &m) { return m.route.usesMtaSts(); });
}

RouteConfig RouteConfig::fromJson(const QJsonObject &json, QStringList *errors)
{
    RouteConfig r;
    auto error = [&](const QString &field, const QString &message) {
        errors->append(u"route.%1: %2"_s.arg(field, message));
    };
    r.name = json.value(u"name"_s).toString();
    const QString type = json.value(u"type"_s).toString();
    if (type == u"relay"_s)
        r.type = Type::Relay;
    else if (type == u"direct"_s)
        r.type = Type::Direct;
    else if (type == u"sandbox"_s)
        r.type = Type::Sandbox;
    else if (type == u"pool"_s)
        r.type = Type::Pool;
    else
        error(u"type"_s, u"must be relay, direct, sandbox or pool"_s);

    r.host = json.value(u"host"_s).toString();
    if (r.type == Type::Relay && r.host.isEmpty())
        error(u"host"_s, u"required for a relay route"_s);
    const QString tls = json.value(u"tls"_s).toString(r.type == Type::Direct ? u"starttls"_s : u"starttls-required"_s);
    if (tls == u"none"_s)
        r.tls = Tls::None;
    else if (tls == u"starttls"_s)
        r.tls = Tls::Opportunistic;
    else if (tls == u"starttls-required"_s)
        r.tls = Tls::Required;
    else if (tls == u"implicit"_s)
        r.tls = Tls::Implicit;
    else
        error(u"tls"_s, u"must be none, starttls, starttls-required or implicit"_s);
    const int defaultPort = r.tls == Tls::Implicit ? 465 : (r.type == Type::Relay ? 587 : 25);
    const int port = json.value(u"port"_s).toInt(defaultPort);
    if (port < 1 || port > 65535)
        error(u"port"_s, u"must be from 1 to 65535"_s);
    r.port = quint16(port);
    r.username = json.value(u"username"_s).toString();
    r.passwordEnv = json.value(u"password_env"_s).toString();
    // A saved route's password may come from the application's keychain instead; an inline
    // route must name password_env (DeliveryDefinition checks it).
    r.acceptanceMeansSent = json.value(u"acceptance_means_sent"_s).toBool(false);
    r.heloName = json.value(u"helo"_s).toString(r.heloName);
    r.caFile = json.value(u"ca_file"_s).toString();
    // A relative path would be looked up in whatever folder the program runs from, where anyone
    // could leave a CA to be trusted: a definition's are resolved against its folder on import.
    if (!r.caFile.isEmpty() && QDir::isRelativePath(r.caFile))
        error(u"ca_file"_s, u"must be an absolute path (\"%1\" is relative)"_s.arg(r.caFile));
    r.dsn = json.value(u"dsn"_s).toBool(false);
    if (json.contains(u"dsn_notify"_s)) {
        r.dsnNotify = json.value(u"dsn_notify"_s).toString().toUpper().remove(u' ');
        static const QStringList allowed = {u"SUCCESS"_s, u"FAILURE"_s, u"DELAY"_s};
        const QStringList values = r.dsnNotify.split(u',');
        const bool never = r.dsnNotify == u"NEVER"_s;
        bool ok = !r.dsnNotify.isEmpty();
        for (const QString &v : values)
            ok = ok && (never || allowed.contains(v));
        if (!ok)
            error(u"dsn_notify"_s, u"must be NEVER or a comma list of SUCCESS, FAILURE, DELAY"_s);
    }
    r.bounceAddress = json.value(u"bounce_address"_s).toString().trimmed();
    if (!r.bounceAddress.isEmpty() && !AddressValidator::check(r.bounceAddress).isValid())
        error(u"bounce_address"_s, u"'%1' is not a valid address"_s.arg(r.bounceAddress));
    r.verp = json.value(u"verp"_s).toBool(false);
    if (r.verp && r.bounceAddress.isEmpty())
        error(u"verp"_s, u"needs a bounce_address (bounces+TOKEN@domain is made from it)"_s);
    if (r.verp && r.bounceAddress.section(u'@', 0, 0).contains(u'+'))
        error(u"bounce_address"_s, u"must not contain '+' when verp is on (the token follows the '+')"_s);
    r.warmup = WarmupSchedule::fromJson(json.value(u"warmup"_s), u"route.warmup"_s, errors);
    r.bounceMailbox = json.value(u"bounce_mailbox"_s).toObject();
    if (json.contains(u"bounce_mailbox"_s) && !json.value(u"bounce_mailbox"_s).isObject())
        error(u"bounce_mailbox"_s, u"must be an object"_s);
    else if (!r.bounceMailbox.isEmpty()) {
        QStringList problems; // "bounce_mailbox.port: ..."
        MailboxConfig::fromJson(r.bounceMailbox, &problems);
        for (const QString &p : std::as_const(problems))
            errors->append(u"route."_s + p);
    }
    auto positive = [&](const QString &key, int fallback) {
        const int v = json.value(key).toInt(fallback);
        if (v < 1)
            error(key, u"must be a positive number"_s);
        return v;
    };
    r.maxConnections = positive(u"max_connections"_s, r.maxConnections);
    r.maxConnectionsPerDomain = positive(u"max_connections_per_domain"_s, r.maxConnectionsPerDomain);
    r.maxMessagesPerConnection = positive(u"max_messages_per_connection"_s, r.maxMessagesPerConnection);
    r.maxInFlight = positive(u"max_in_flight"_s, r.maxConnections * 20);
    if (r.type == Type::Pool) {
        parsePool(json, &r, errors);
        r.maxConnectionsGiven = json.contains(u"max_connections"_s);
        r.maxInFlightGiven = json.contains(u"max_in_flight"_s);
        r.settlePool();
        r.memberRetrySeconds = positive(u"member_retry_seconds"_s, r.memberRetrySeconds);
        if (json.contains(u"host"_s))
            error(u"host"_s, u"a pool has no host of its own: its members have"_s);
    } else if (json.contains(u"members"_s)) {
        error(u"members"_s, u"only a pool route has members"_s);
    }
    r.connectTimeoutMs = positive(u"connect_timeout_ms"_s, r.connectTimeoutMs);
    r.commandTimeoutMs = positive(u"command_timeout_ms"_s, r.commandTimeoutMs);
    r.dataTimeoutMs = positive(u"data_timeout_ms"_s, r.dataTimeoutMs);
    const QJsonObject mx = json.value(u"mx_override"_s).toObject();
    for (auto it = mx.begin(); it != mx.end(); ++it) {
        const QString target = it.value().toString();
        const qsizetype colon = target.lastIndexOf(u':');
        bool ok = colon > 0;
        const int p = ok ? target.mid(colon + 1).toInt(&ok) : 0;
        if (!ok || p < 1 || p > 65535)
            error(u"mx_override."_s + it.key(), u"must be \"host:port\""_s);
        else
            r.mxOverride.insert(it.key().toLower(), target);
    }
    if (r.type == Type::Sandbox) {
        r.sandbox = SandboxConfig::fromJson(json, errors).toJson();
        r.host.clear(); // the sandbox listens where the run starts it, on 127.0.0.1 only
    }
    const bool direct = r.type == Type::Direct;
    if (json.contains(u"dns_server"_s)) {
        r.dnsServer = json.value(u"dns_server"_s).toString().trimmed();
        const QHostAddress address(r.dnsServer);
        if (!direct)
            error(u"dns_server"_s, u"only a direct route looks up MX records"_s);
        else if (address.isNull())
            error(
                u"dns_server"_s,
                u"must be the IPv4 or IPv6 address of a name server (not a host name; it is asked on port 53), e.g. \"192.0.2.53\""_s);
    }
    if (json.contains(u"smtp_port"_s)) {
        const QJsonValue v = json.value(u"smtp_port"_s);
        const int p = v.toInt(0);
        if (!direct)
            error(u"smtp_port"_s, u"only for a direct route (a relay route uses \"port\")"_s);
        else if (!v.isDouble() || v.toDouble() != p || p < 1 || p > 65535)
            error(u"smtp_port"_s, u"must be a port number from 1 to 65535"_s);
        else
            r.smtpPort = quint16(p);
    }
    if (json.contains(u"mta_sts"_s)) {
        if (!direct)
            error(u"mta_sts"_s, u"only a direct route looks up MTA-STS policies"_s);
        else if (!json.value(u"mta_sts"_s).isBool())
            error(u"mta_sts"_s, u"must be true or false"_s);
        r.mtaSts = json.value(u"mta_sts"_s).toBool(true);
    }
    if (json.contains(u"mta_sts_port"_s)) {
        const QJsonValue v = json.value(u"mta_sts_port"_s);
        const int p = v.toInt(0);
        if (!direct)
            error(u"mta_sts_port"_s, u"only for a direct route"_s);
        else if (!v.isDouble() || v.toDouble() != p || p < 1 || p > 65535)
            error(u"mta_sts_port"_s, u"must be a port number from 1 to 65535"_s);
        else
            r.mtaStsPort = quint16(p);
    }
    return r;
}

// DSN, bounce address, VERP, bounce mailbox and warm-up: the same on every type of route.
void RouteConfig::insertEnvelopeKeys(QJsonObject *o) const
{
    if (dsn)
        o->insert(u"dsn"_s, true);
    if (dsnNotify != RouteConfig().dsnNotify)
        o->insert(u"dsn_notify"_s, dsnNotify);
    if (!bounceAddress.isEmpty())
        o->insert(u"bounce_address"_s, bounceAddress);
    if (verp)
        o->insert(u"verp"_s, true);
    if (!bounceMailbox.isEmpty())
        o->insert(u"bounce_mailbox"_s, bounceMailbox);
    if (!warmup.isEmpty())
        o->insert(u"warmup"_s, warmup.toJson());
}

QJsonObject RouteConfig::toJson() const
{
    if (type == Type::Pool) {
        QJsonArray list;
        for (const RoutePoolMember &m : members) {
            QJsonObject o = m.saved.isEmpty() ? m.route.toJson() : QJsonObject{{u"saved"_s, m.saved}};
            o.insert(u"weight"_s, m.weight);
            list.append(o);
        }
        QJsonObject o{{u"type"_s, typeName(type)},
                      {u"members"_s, list},
                      {u"acceptance_means_sent"_s, acceptanceMeansSent},
                      {u"member_retry_seconds"_s, memberRetrySeconds}};
        if (maxInFlightGiven)
            o.insert(u"max_in_flight"_s, maxInFlight);
        if (!name.isEmpty())
            o.insert(u"name"_s, name);
        if (maxConnectionsGiven)
            o.insert(u"max_connections"_s, maxConnections);
        insertEnvelopeKeys(&o);
        return o;
    }
    QJsonObject o{{u"type"_s, typeName(type)},
                  {u"tls"_s, tlsName(tls)},
                  {u"port"_s, int(port)},
                  {u"acceptance_means_sent"_s, acceptanceMeansSent},
                  {u"max_connections"_s, maxConnections},
                  {u"max_connections_per_domain"_s, maxConnectionsPerDomain},
                  {u"max_messages_per_connection"_s, maxMessagesPerConnection},
                  {u"max_in_flight"_s, maxInFlight}};
    if (!name.isEmpty())
        o.insert(u"name"_s, name);
    if (!host.isEmpty())
        o.insert(u"host"_s, host);
    if (!username.isEmpty())
        o.insert(u"username"_s, username);
    if (!passwordEnv.isEmpty())
        o.insert(u"password_env"_s, passwordEnv);
    if (!caFile.isEmpty())
        o.insert(u"ca_file"_s, caFile);
    o.insert(u"helo"_s, heloName);
    const RouteConfig defaults;
    if (connectTimeoutMs != defaults.connectTimeoutMs)
        o.insert(u"connect_timeout_ms"_s, connectTimeoutMs);
    if (commandTimeoutMs != defaults.commandTimeoutMs)
        o.insert(u"command_timeout_ms"_s, commandTimeoutMs);
    if (dataTimeoutMs != defaults.dataTimeoutMs)
        o.insert(u"data_timeout_ms"_s, dataTimeoutMs);
    insertEnvelopeKeys(&o);
    QJsonObject mx;
    for (auto it = mxOverride.begin(); it != mxOverride.end(); ++it)
        mx.insert(it.key(), it.value());
    if (!mx.isEmpty())
        o.insert(u"mx_override"_s, mx);
    for (auto it = sandbox.begin(); it != sandbox.end(); ++it)
        o.insert(it.key(), it.value());
    if (!dnsServer.isEmpty())
        o.insert(u"dns_server"_s, dnsServer);
    if (type == Type::Direct && smtpPort != 25)
        o.insert(u"smtp_port"_s, int(smtpPort));
    if (type == Type::Direct && !mtaSts)
        o.insert(u"mta_sts"_s, false);
    if (type == Type::Direct && mtaStsPort != 443)
        o.insert(u"mta_sts_port"_s, int(mtaStsPort));
    return o;
}
