#include "sandbox_route.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace SandboxRoute {

QString defaultName()
{
    return u"Sandbox"_s;
}

bool save(QSqlDatabase db, const QString &name, const SandboxConfig &config, QString *error)
{
    if (name.trimmed().isEmpty()) {
        *error = u"route.name: required"_s;
        return false;
    }
    QSqlQuery q(db);
    q.prepare(u"SELECT type FROM routes WHERE name = ?"_s);
    q.addBindValue(name);
    if (!q.exec()) {
        *error = u"cannot read the routes: %1"_s.arg(q.lastError().text());
        return false;
    }
    if (q.next() && q.value(0).toString() != u"sandbox"_s) {
        *error = u"route.name: '%1' is already a %2 route"_s.arg(name, q.value(0).toString());
        return false;
    }
    q.finish();
    QJsonObject json = config.toJson();
    json.insert(u"type"_s, u"sandbox"_s);
    json.insert(u"name"_s, name);
    q.prepare(u"INSERT INTO routes (name, type, config) VALUES (?, 'sandbox', ?) "
              "ON CONFLICT(name) DO UPDATE SET config = excluded.config"_s);
    q.addBindValue(name);
    q.addBindValue(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
    if (!q.exec()) {
        *error = u"cannot save the route '%1': %2"_s.arg(name, q.lastError().text());
        return false;
    }
    return true;
}

std::optional<SandboxConfig> load(QSqlDatabase db, const QString &name, QString *error)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT type, config FROM routes WHERE name = ?"_s);
    q.addBindValue(name);
    if (!q.exec()) {
        *error = u"cannot read the routes: %1"_s.arg(q.lastError().text());
        return std::nullopt;
    }
    if (!q.next() || q.value(0).toString() != u"sandbox"_s) {
        *error = u"no sandbox route named '%1'"_s.arg(name);
        return std::nullopt;
    }
    QStringList errors;
    const SandboxConfig config =
        SandboxConfig::fromJson(QJsonDocument::fromJson(q.value(1).toByteArray()).object(), &errors);
    if (!errors.isEmpty()) {
        *error = errors.first();
        return std::nullopt;
    }
    return config;
}

bool isSandbox(QSqlDatabase db, const QJsonValue &definitionRoute)
{
    if (definitionRoute.isObject()) {
        const QJsonObject route = definitionRoute.toObject();
        if (route.contains(u"type"_s))
            return route.value(u"type"_s).toString() == u"sandbox"_s;
    }
    const QString name = definitionRoute.isString() ? definitionRoute.toString()
                                                    : definitionRoute.toObject().value(u"name"_s).toString();
    if (name.isEmpty())
        return false;
    QSqlQuery q(db);
    q.prepare(u"SELECT 1 FROM routes WHERE name = ? AND type = 'sandbox'"_s);
    q.addBindValue(name);
    return q.exec() && q.next();
}

} // namespace SandboxRoute
