#pragma once

#include "route_config.h"
#include "smtp/smtp_endpoint.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <optional>

// From a delivery's route (inline, or the name of a route saved in the database) to the
// endpoint an SMTP session connects to: TLS policy, limits, trusted CAs and the password,
// which is read from the environment variable the route names and never stored.
namespace RouteEndpoint {

std::optional<RouteConfig> load(QSqlDatabase db, const QJsonObject &routeJson, QString *error);
bool build(const RouteConfig &route, SmtpEndpoint *endpoint, QString *error);

} // namespace RouteEndpoint
