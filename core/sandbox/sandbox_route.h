#pragma once

#include "sandbox_config.h"

#include <QJsonValue>
#include <QSqlDatabase>
#include <QString>
#include <optional>

// The sandbox route as the database holds it: a saved route of type "sandbox" whose config
// carries the outcome table (SandboxConfig). Runs on the thread that owns the connection.
namespace SandboxRoute {

// The name of the sandbox route the first run creates.
QString defaultName();

// Saves (creates or replaces) the sandbox route `name` with this table. False with an error
// when the name is taken by a route of another type or the database fails.
bool save(QSqlDatabase db, const QString &name, const SandboxConfig &config, QString *error);

// The table of the saved sandbox route `name`; nullopt with an error when there is no such
// sandbox route or its config is invalid (the error names the field).
std::optional<SandboxConfig> load(QSqlDatabase db, const QString &name, QString *error);

// Whether a delivery's route (its definition's "route" value: an inline route object or the
// name of a saved route) is the sandbox. Views use it to label the delivery.
bool isSandbox(QSqlDatabase db, const QJsonValue &definitionRoute);

} // namespace SandboxRoute
