#pragma once

#include "route_config.h"
#include "smtp/smtp_endpoint.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <optional>

// From a delivery's route (inline, or the name of a route saved in the database) to the
// endpoint an SMTP session connects to: TLS policy, limits, trusted CAs and the password,
// which is given by the caller (the application's keychain, for a saved route) or read from the
// environment variable the route names (password_env), and never stored.
namespace RouteEndpoint {

// A saved route comes back with its name set and saved = true.
std::optional<RouteConfig> load(QSqlDatabase db, const QJsonObject &routeJson, QString *error);
// password, when not empty, is used for the route's username instead of password_env.
bool build(const RouteConfig &route, SmtpEndpoint *endpoint, QString *error, const QString &password = QString());
// A pool route's members, in order; passwords: of saved members, by route name.
bool buildMembers(const RouteConfig &route, QList<SmtpEndpoint> *endpoints, QString *error,
                  const QHash<QString, QString> &passwords);

} // namespace RouteEndpoint
