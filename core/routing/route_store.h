#pragma once

#include "route_config.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// The saved routes (the routes table: name, type, config JSON) that deliveries name. Every
// write is validated by RouteConfig::fromJson; errors name the field ("route.port: ...").
// A route never holds a password: the application keeps it in the OS keychain, the CLI reads
// it from the environment variable named by password_env.
class RouteStore final
{
public:
    explicit RouteStore(QSqlDatabase db);

    // Saved routes by name, each as its stored JSON with "name" set.
    QList<QJsonObject> list(QString *error = nullptr) const;
    // The route named name; empty when there is none.
    QJsonObject find(const QString &name, QString *error = nullptr) const;

    // Adds a route (originalName empty) or replaces the one named originalName, which may be
    // renamed by the JSON's "name". False with the field errors when the route is invalid or
    // the name is taken.
    bool save(const QJsonObject &route, const QString &originalName, QStringList *errors);
    bool rename(const QString &from, const QString &to, QString *error);
    bool remove(const QString &name, QString *error);

    // Validates a route as save() would, without writing.
    static RouteConfig validate(const QJsonObject &route, QStringList *errors);

    // The saved pools that name this route as a member.
    QStringList poolsUsing(const QString &name) const;

private:
    bool exists(const QString &name) const;

    QSqlDatabase m_db;
};
