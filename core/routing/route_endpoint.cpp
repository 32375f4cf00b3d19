#include "route_endpoint.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace RouteEndpoint {

namespace {

SmtpEndpoint::TlsPolicy tlsPolicy(RouteConfig::Tls tls)
{
    switch (tls) {
    case RouteConfig::Tls::None:
        return SmtpEndpoint::TlsPolicy::None;
    case RouteConfig::Tls::Opportunistic:
        return SmtpEndpoint::TlsPolicy::Opportunistic;
    case RouteConfig::Tls::Required:
        return SmtpEndpoint::TlsPolicy::Required;
    case RouteConfig::Tls::Implicit:
        return SmtpEndpoint::TlsPolicy::Implicit;
    }
    return SmtpEndpoint::TlsPolicy::Required;
}

} // namespace

std::optional<RouteConfig> load(QSqlDatabase db, const QJsonObject &routeJson, QString *error)
{
    QJsonObject json = routeJson;
    QString savedName;
    if (json.isEmpty()) {
        *error = u"the delivery has no route"_s;
        return std::nullopt;
    }
    if (!json.contains(u"type"_s)) {
        const QString name = json.value(u"name"_s).toString();
        QSqlQuery q(db);
        q.prepare(u"SELECT config FROM routes WHERE name = ?"_s);
        q.addBindValue(name);
        if (!q.exec() || !q.next()) {
            *error = u"route '%1' is not saved in this database"_s.arg(name);
            return std::nullopt;
        }
        json = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
        savedName = name;
    }
    QStringList errors;
    RouteConfig route = RouteConfig::fromJson(json, &errors);
    if (!errors.isEmpty()) {
        *error = errors.first();
        return std::nullopt;
    }
    if (!savedName.isEmpty()) {
        route.name = savedName;
        route.saved = true;
    }
    for (std::size_t i = 0; i < route.members.size(); ++i) {
        RoutePoolMember &m = route.members[i];
        if (m.saved.isEmpty())
            continue;
        const QString field = u"route.members[%1].saved"_s.arg(i);
        QSqlQuery q(db);
        q.prepare(u"SELECT config FROM routes WHERE name = ?"_s);
        q.addBindValue(m.saved);
        if (!q.exec() || !q.next()) {
            *error = u"%1: route '%2' is not saved in this database"_s.arg(field, m.saved);
            return std::nullopt;
        }
        const QJsonObject memberJson = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
        if (!RouteConfig::canBePoolMember(memberJson.value(u"type"_s).toString())) {
            *error = u"%1: route '%2' is a %3 route; a pool member must be a relay or direct route"_s.arg(
                field, m.saved, memberJson.value(u"type"_s).toString());
            return std::nullopt;
        }
        QStringList memberErrors;
        m.route = RouteConfig::fromJson(memberJson, &memberErrors);
        if (!memberErrors.isEmpty()) {
            *error = u"%1: route '%2': %3"_s.arg(field, m.saved, memberErrors.first());
            return std::nullopt;
        }
        m.route.name = m.saved;
        m.route.saved = true;
    }
    route.settlePool();
    return route;
}

bool buildMembers(const RouteConfig &route, QList<SmtpEndpoint> *endpoints, QString *error,
                  const QHash<QString, QString> &passwords)
{
    endpoints->clear();
    for (std::size_t i = 0; i < route.members.size(); ++i) {
        const RoutePoolMember &m = route.members[i];
        SmtpEndpoint e;
        QString memberError;
        if (!build(m.route, &e, &memberError, m.saved.isEmpty() ? QString() : passwords.value(m.saved))) {
            if (memberError.startsWith(u"route."_s))
                memberError.replace(0, 6, u"route.members[%1]."_s.arg(i));
            *error = memberError;
            return false;
        }
        endpoints->append(e);
    }
    return true;
}

bool build(const RouteConfig &route, SmtpEndpoint *e, QString *error, const QString &password)
{
    e->host = route.host;
    e->port = route.port;
    e->tls = tlsPolicy(route.tls);
    e->heloName = route.heloName;
    e->connectTimeoutMs = route.connectTimeoutMs;
    e->greetingTimeoutMs = route.commandTimeoutMs;
    e->commandTimeoutMs = route.commandTimeoutMs;
    e->dataTimeoutMs = route.dataTimeoutMs;
    e->maxMessagesPerConnection = route.maxMessagesPerConnection;
    if (!route.username.isEmpty()) {
        e->username = route.username;
        e->password = password;
        if (e->password.isEmpty() && route.passwordEnv.isEmpty()) {
            *error = u"route.password: route '%1' has no password for %2: store it in the application (Settings, "
                     "Routes) or name an environment variable in password_env"_s.arg(route.name, route.username);
            return false;
        }
        if (e->password.isEmpty())
            e->password = qEnvironmentVariable(qPrintable(route.passwordEnv));
        if (e->password.isEmpty()) {
            *error = u"route.password_env: the environment variable %1 is not set (it holds the password of %2)"_s.arg(
                route.passwordEnv, route.username);
            return false;
        }
    }
    if (!route.caFile.isEmpty()) {
        e->extraCaCertificates = QSslCertificate::fromPath(route.caFile);
        if (e->extraCaCertificates.isEmpty()) {
            *error = u"route.ca_file: %1 holds no PEM certificate"_s.arg(route.caFile);
            return false;
        }
    }
    return true;
}

} // namespace RouteEndpoint
