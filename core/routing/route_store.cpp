#include "route_store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

constexpr int MaxNameLength = 100;

} // namespace

RouteStore::RouteStore(QSqlDatabase db)
    : m_db(db)
{}

QList<QJsonObject> RouteStore::list(QString *error) const
{
    QList<QJsonObject> routes;
    QSqlQuery q(m_db);
    if (!q.exec(u"SELECT name, config FROM routes ORDER BY name COLLATE NOCASE"_s)) {
        if (error)
            *error = u"cannot read the saved routes: %1"_s.arg(q.lastError().text());
        return routes;
    }
    while (q.next()) {
        QJsonObject json = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
        json.insert(u"name"_s, q.value(0).toString());
        routes.append(json);
    }
    return routes;
}

QJsonObject RouteStore::find(const QString &name, QString *error) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT config FROM routes WHERE name = ?"_s);
    q.addBindValue(name);
    if (!q.exec()) {
        if (error)
            *error = u"cannot read the route '%1': %2"_s.arg(name, q.lastError().text());
        return {};
    }
    if (!q.next())
        return {};
    QJsonObject json = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
    json.insert(u"name"_s, name);
    return json;
}

RouteConfig RouteStore::validate(const QJsonObject &route, QStringList *errors)
{
    const QString name = route.value(u"name"_s).toString();
    if (name.trimmed().isEmpty())
        errors->append(u"route.name: required"_s);
    else if (name != name.trimmed())
        errors->append(u"route.name: must not start or end with a space"_s);
    else if (name.size() > MaxNameLength)
        errors->append(u"route.name: at most %1 characters"_s.arg(MaxNameLength));
    if (route.contains(u"password"_s))
        errors->append(u"route.password: passwords are never stored in the database"_s);
    RouteConfig config = RouteConfig::fromJson(route, errors);
    if (config.type == RouteConfig::Type::Relay && config.host.contains(u' '))
        errors->append(u"route.host: must not contain spaces"_s);
    return config;
}

bool RouteStore::exists(const QString &name) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT 1 FROM routes WHERE name = ?"_s);
    q.addBindValue(name);
    return q.exec() && q.next();
}

bool RouteStore::save(const QJsonObject &route, const QString &originalName, QStringList *errors)
{
    const RouteConfig config = validate(route, errors);
    if (!errors->isEmpty())
        return false;
    const QString name = config.name;
    if (name != originalName && exists(name)) {
        errors->append(u"route.name: a route named '%1' already exists"_s.arg(name));
        return false;
    }
    // A pool's member keeps its name and stays a relay (the pool names it).
    if (const QStringList pools = originalName.isEmpty() ? QStringList() : poolsUsing(originalName);
        !pools.isEmpty() &&
        (name != originalName || !RouteConfig::canBePoolMember(RouteConfig::typeName(config.type)))) {
        errors->append(u"route.%1: '%2' is a member of the pool %3: take it out of the pool first"_s.arg(
            name != originalName ? u"name"_s : u"type"_s, originalName, pools.join(u", "_s)));
        return false;
    }
    // A pool's saved members: relay or direct routes of this database (never the pool itself).
    for (std::size_t i = 0; i < config.members.size(); ++i) {
        const QString member = config.members[i].saved;
        if (member.isEmpty())
            continue;
        const QJsonObject saved = member == name || member == originalName ? QJsonObject() : find(member);
        if (!RouteConfig::canBePoolMember(saved.value(u"type"_s).toString()))
            errors->append(u"route.members[%1].saved: %2"_s.arg(i).arg(
                saved.isEmpty() ? u"no saved relay or direct route is named '%1'"_s.arg(member)
                                : u"'%1' is a %2 route; a pool member must be a relay or direct route"_s.arg(
                                      member, saved.value(u"type"_s).toString())));
    }
    if (!errors->isEmpty())
        return false;
    // Stored as the normalized JSON, without the name (the column holds it).
    QJsonObject json = config.toJson();
    json.remove(u"name"_s);
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
    QSqlQuery q(m_db);
    if (originalName.isEmpty()) {
        q.prepare(u"INSERT INTO routes (name, type, config) VALUES (?, ?, ?)"_s);
        q.addBindValue(name);
        q.addBindValue(RouteConfig::typeName(config.type));
        q.addBindValue(QString::fromUtf8(text));
    } else {
        q.prepare(u"UPDATE routes SET name = ?, type = ?, config = ? WHERE name = ?"_s);
        q.addBindValue(name);
        q.addBindValue(RouteConfig::typeName(config.type));
        q.addBindValue(QString::fromUtf8(text));
        q.addBindValue(originalName);
    }
    if (!q.exec()) {
        errors->append(u"route: cannot save '%1': %2"_s.arg(name, q.lastError().text()));
        return false;
    }
    if (!originalName.isEmpty() && q.numRowsAffected() == 0) {
        errors->append(u"route.name: no saved route is named '%1'"_s.arg(originalName));
        return false;
    }
    return true;
}

bool RouteStore::rename(const QString &from, const QString &to, QString *error)
{
    QJsonObject json = find(from, error);
    if (json.isEmpty()) {
        if (error && error->isEmpty())
            *error = u"route.name: no saved route is named '%1'"_s.arg(from);
        return false;
    }
    json.insert(u"name"_s, to);
    QStringList errors;
    if (!save(json, from, &errors)) {
        if (error)
            *error = errors.join(u'\n');
        return false;
    }
    return true;
}

QStringList RouteStore::poolsUsing(const QString &name) const
{
    QStringList pools;
    for (const QJsonObject &route : list()) {
        if (route.value(u"type"_s).toString() != u"pool"_s)
            continue;
        for (const QJsonValue m : route.value(u"members"_s).toArray()) {
            if (m.toObject().value(u"saved"_s).toString() == name) {
                pools.append(route.value(u"name"_s).toString());
                break;
            }
        }
    }
    return pools;
}

bool RouteStore::remove(const QString &name, QString *error)
{
    if (const QStringList pools = poolsUsing(name); !pools.isEmpty()) {
        if (error)
            *error = u"route.name: '%1' is a member of the pool %2: take it out of the pool first"_s.arg(
                name, pools.join(u", "_s));
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(u"DELETE FROM routes WHERE name = ?"_s);
    q.addBindValue(name);
    if (!q.exec()) {
        if (error)
            *error = u"cannot delete the route '%1': %2"_s.arg(name, q.lastError().text());
        return false;
    }
    if (q.numRowsAffected() == 0) {
        if (error)
            *error = u"route.name: no saved route is named '%1'"_s.arg(name);
        return false;
    }
    return true;
}
