#include "delivery_definition.h"

#include "common/duration.h"
#include "recipients/address_validator.h"
#include "routing/route_config.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

// Walks the JSON and records one error per offending field.
class Reader
{
public:
    Reader(const QString &baseDir, QList<DeliveryDefinition::Error> *errors)
        : m_baseDir(baseDir)
        , m_errors(errors)
    {}

    void error(const QString &field, const QString &message) { m_errors->append({field, message}); }

    QString string(const QJsonObject &o, const QString &key, const QString &field, bool required = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                error(field, u"required"_s);
            return {};
        }
        if (!v.isString()) {
            error(field, u"must be a string"_s);
            return {};
        }
        if (required && v.toString().trimmed().isEmpty())
            error(field, u"must not be empty"_s);
        return v.toString();
    }

    QJsonObject object(const QJsonObject &o, const QString &key, const QString &field)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isObject()) {
            error(field, u"must be an object"_s);
            return {};
        }
        return v.toObject();
    }

    std::optional<qint64> duration(const QJsonObject &o, const QString &key, const QString &field)
    {
        const QString s = string(o, key, field);
        if (s.isEmpty())
            return std::nullopt;
        const auto ms = Duration::parseMs(s);
        if (!ms || *ms <= 0) {
            error(field, u"'%1' is not a duration (use a number and s, m, h or d, e.g. \"15m\")"_s.arg(s));
            return std::nullopt;
        }
        return ms;
    }

    QDateTime dateTime(const QJsonObject &o, const QString &key, const QString &field)
    {
        const QString s = string(o, key, field);
        if (s.isEmpty())
            return {};
        QDateTime dt = QDateTime::fromString(s, Qt::ISODate);
        if (!dt.isValid()) {
            error(field, u"'%1' is not an ISO 8601 date and time (e.g. \"2026-12-01T09:00:00+09:00\")"_s.arg(s));
            return {};
        }
        if (dt.timeSpec() == Qt::LocalTime)
            error(field, u"'%1' has no time zone; add Z or an offset such as +09:00"_s.arg(s));
        return dt;
    }

    QString path(const QString &p) const { return p.isEmpty() ? p : QDir(m_baseDir).absoluteFilePath(p); }
    bool hasBaseDir() const { return !m_baseDir.isEmpty(); }

    QString fileText(const QString &p, const QString &field)
    {
        const QString abs = path(p);
        QFile f(abs);
        if (!f.open(QIODevice::ReadOnly)) {
            error(field, u"cannot read %1: %2"_s.arg(abs, f.errorString()));
            return {};
        }
        const QByteArray bytes = f.readAll();
        QString text = QString::fromUtf8(bytes);
        if (text.toUtf8() != bytes) {
            error(field, u"%1 is not valid UTF-8"_s.arg(abs));
            return {};
        }
        if (text.startsWith(QChar(0xFEFF)))
            text.remove(0, 1);
        return text;
    }

    static bool isWaveSize(const QString &s)
    {
        bool ok = false;
        if (s.endsWith(u'%')) {
            const double pct = s.chopped(1).toDouble(&ok);
            return ok && pct > 0 && pct <= 100;
        }
        return s.toLongLong(&ok) > 0 && ok;
    }

    QString waveSize(const QJsonValue &v, const QString &field)
    {
        QString s;
        if (v.isDouble())
            s = QString::number(v.toInteger());
        else if (v.isString())
            s = v.toString().trimmed();
        if (!isWaveSize(s)) {
            error(field, u"must be a positive count or a percentage such as \"25%\""_s);
            return {};
        }
        return s;
    }

private:
    QString m_baseDir;
    QList<DeliveryDefinition::Error> *m_errors;
};

const QStringList knownKeys = {
    u"name"_s,     u"from"_s,           u"reply_to"_s, u"subject"_s,      u"html"_s,  u"html_file"_s,
    u"text"_s,     u"text_file"_s,      u"headers"_s,  u"recipients"_s,   u"route"_s, u"dkim"_s,
    u"validity"_s, u"validity_end"_s,   u"retry"_s,    u"contact_date"_s, u"waves"_s, u"target_limit"_s,
    u"proofs"_s,   u"bounce_address"_s, u"warmup"_s,
};

} // namespace

DeliveryDefinition DeliveryDefinition::fromJson(const QJsonObject &json, const QString &baseDir, QList<Error> *errors)
{
    Reader r(baseDir, errors);
    DeliveryDefinition d;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!knownKeys.contains(it.key()))
            r.error(it.key(), u"unknown field"_s);
    }

    d.name = r.string(json, u"name"_s, u"name"_s, true);
    const QJsonObject from = r.object(json, u"from"_s, u"from"_s);
    if (!json.contains(u"from"_s))
        r.error(u"from"_s, u"required"_s);
    d.fromName = r.string(from, u"name"_s, u"from.name"_s);
    d.fromAddress = r.string(from, u"address"_s, u"from.address"_s, json.contains(u"from"_s));
    d.replyTo = r.string(json, u"reply_to"_s, u"reply_to"_s);
    d.bounceAddress = r.string(json, u"bounce_address"_s, u"bounce_address"_s).trimmed();
    if (!d.bounceAddress.isEmpty() && !AddressValidator::check(d.bounceAddress).isValid())
        r.error(u"bounce_address"_s, u"'%1' is not a valid address"_s.arg(d.bounceAddress));
    d.subject = r.string(json, u"subject"_s, u"subject"_s);

    if (json.contains(u"html"_s) && json.contains(u"html_file"_s))
        r.error(u"html_file"_s, u"give either html or html_file, not both"_s);
    d.html = r.string(json, u"html"_s, u"html"_s);
    if (const QString f = r.string(json, u"html_file"_s, u"html_file"_s); !f.isEmpty())
        d.html = r.fileText(f, u"html_file"_s);
    if (json.contains(u"text"_s) && json.contains(u"text_file"_s))
        r.error(u"text_file"_s, u"give either text or text_file, not both"_s);
    d.text = r.string(json, u"text"_s, u"text"_s);
    if (const QString f = r.string(json, u"text_file"_s, u"text_file"_s); !f.isEmpty())
        d.text = r.fileText(f, u"text_file"_s);

    const QJsonObject headers = r.object(json, u"headers"_s, u"headers"_s);
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        const QString field = u"headers."_s + it.key();
        static const QRegularExpression nameRe(u"^[!-9;-~]+$"_s); // RFC 5322 ftext
        if (!nameRe.match(it.key()).hasMatch())
            r.error(field, u"'%1' is not a valid header name"_s.arg(it.key()));
        else if (!it.value().isString())
            r.error(field, u"must be a string"_s);
        else if (it.value().toString().contains(u'\r') || it.value().toString().contains(u'\n'))
            r.error(field, u"must not contain line breaks"_s);
        else
            d.headers.append({it.key(), it.value().toString()});
    }

    const QJsonObject recipients = r.object(json, u"recipients"_s, u"recipients"_s);
    if (!json.contains(u"recipients"_s))
        r.error(u"recipients"_s, u"required"_s);
    else {
        d.csvFile = r.path(r.string(recipients, u"csv"_s, u"recipients.csv"_s, true));
        const QString col = r.string(recipients, u"email_column"_s, u"recipients.email_column"_s);
        if (!col.isEmpty())
            d.emailColumn = col;
    }

    const QJsonValue route = json.value(u"route"_s);
    if (route.isString()) {
        d.route = QJsonObject{{u"name"_s, route.toString()}};
    } else if (route.isObject()) {
        d.route = route.toObject();
        // Paths in the route are the definition file's, like every other path in it. A
        // definition without a folder (stored, or from the editor) keeps them as they are, and
        // RouteConfig refuses a relative one rather than look in the current folder.
        if (const QString ca = d.route.value(u"ca_file"_s).toString(); !ca.isEmpty() && r.hasBaseDir())
            d.route[u"ca_file"_s] = r.path(ca);
        if (QJsonObject mailbox = d.route.value(u"bounce_mailbox"_s).toObject();
            !mailbox.value(u"ca_file"_s).toString().isEmpty() && r.hasBaseDir()) {
            mailbox[u"ca_file"_s] = r.path(mailbox.value(u"ca_file"_s).toString());
            d.route[u"bounce_mailbox"_s] = mailbox;
        }
        if (QJsonArray members = d.route.value(u"members"_s).toArray(); !members.isEmpty() && r.hasBaseDir()) {
            for (QJsonValueRef member : members) {
                QJsonObject m = member.toObject();
                if (const QString ca = m.value(u"ca_file"_s).toString(); !ca.isEmpty()) {
                    m[u"ca_file"_s] = r.path(ca);
                    member = m;
                }
            }
            d.route[u"members"_s] = members;
        }
        QStringList routeErrors;
        RouteConfig::fromJson(d.route, &routeErrors);
        for (const QString &e : std::as_const(routeErrors)) {
            const qsizetype colon = e.indexOf(u": "_s);
            r.error(e.left(colon), e.mid(colon + 2));
        }
        // An inline route, and each inline member of a pool, names where its password is.
        QList<std::pair<QString, QJsonObject>> inline_{{u"route"_s, d.route}};
        const QJsonArray members = d.route.value(u"members"_s).toArray();
        for (qsizetype i = 0; i < members.size(); ++i)
            inline_.append({u"route.members[%1]"_s.arg(i), members.at(i).toObject()});
        for (const auto &[prefix, object] : std::as_const(inline_)) {
            if (!object.value(u"username"_s).toString().isEmpty() &&
                object.value(u"password_env"_s).toString().isEmpty())
                r.error(prefix + u".password_env"_s,
                        u"a username needs password_env, the environment variable holding the password"_s);
            if (object.contains(u"password"_s))
                r.error(prefix + u".password"_s,
                        u"passwords are never stored; name an environment variable in password_env"_s);
        }
    } else if (!route.isUndefined() && !route.isNull()) {
        r.error(u"route"_s, u"must be a route object or the name of a saved route"_s);
    }

    const QJsonObject dkim = r.object(json, u"dkim"_s, u"dkim"_s);
    if (!dkim.isEmpty()) {
        d.dkimDomain = r.string(dkim, u"domain"_s, u"dkim.domain"_s, true).toLower();
        d.dkimSelector = r.string(dkim, u"selector"_s, u"dkim.selector"_s, true);
        d.dkimKeyFile = r.path(r.string(dkim, u"key_file"_s, u"dkim.key_file"_s, true));
        d.dkimEd25519KeyFile = r.path(r.string(dkim, u"ed25519_key_file"_s, u"dkim.ed25519_key_file"_s));
        d.dkimEd25519Selector = r.string(dkim, u"ed25519_selector"_s, u"dkim.ed25519_selector"_s);
    }

    if (auto v = r.duration(json, u"validity"_s, u"validity"_s))
        d.validityMs = *v;
    d.validityEnd = r.dateTime(json, u"validity_end"_s, u"validity_end"_s);
    const QJsonObject retry = r.object(json, u"retry"_s, u"retry"_s);
    if (auto v = r.duration(retry, u"period"_s, u"retry.period"_s))
        d.retryPeriodMs = *v;
    if (auto v = r.duration(retry, u"max_period"_s, u"retry.max_period"_s))
        d.retryMaxPeriodMs = *v;
    if (d.retryMaxPeriodMs < d.retryPeriodMs)
        r.error(u"retry.max_period"_s, u"must not be shorter than retry.period"_s);
    d.contactDate = r.dateTime(json, u"contact_date"_s, u"contact_date"_s);

    const QJsonObject waves = r.object(json, u"waves"_s, u"waves"_s);
    if (!waves.isEmpty()) {
        d.wavesMode = r.string(waves, u"mode"_s, u"waves.mode"_s, true);
        if (d.wavesMode == u"same_size"_s) {
            d.waveSize = r.waveSize(waves.value(u"size"_s), u"waves.size"_s);
            if (auto v = r.duration(waves, u"interval"_s, u"waves.interval"_s))
                d.waveIntervalMs = *v;
            else if (const QJsonValue v = waves.value(u"interval"_s);
                     v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty()))
                // Null or "" too: an interval of 0 would be stored as "0s", which is refused.
                r.error(u"waves.interval"_s, u"required for same_size waves"_s);
        } else if (d.wavesMode == u"calendar"_s) {
            const QJsonArray rows = waves.value(u"calendar"_s).toArray();
            if (rows.isEmpty())
                r.error(u"waves.calendar"_s, u"must list at least one wave as {\"delay\": \"0s\", \"size\": 100}"_s);
            std::optional<qint64> previousDelayMs; // of the last wave whose delay is valid
            for (qsizetype i = 0; i < rows.size(); ++i) {
                const QString field = u"waves.calendar[%1]"_s.arg(i);
                const QJsonObject row = rows.at(i).toObject();
                Wave w;
                const QString delay = row.value(u"delay"_s).toString();
                const auto ms = Duration::parseMs(delay);
                if (delay != u"0"_s && !ms) {
                    r.error(field + u".delay"_s, u"'%1' is not a duration"_s.arg(delay));
                } else {
                    // Waves go out in calendar order: a wave cannot start before the one before it.
                    const qint64 delayMs = ms.value_or(0);
                    if (previousDelayMs && delayMs < *previousDelayMs)
                        r.error(field + u".delay"_s, u"must not be earlier than the wave before it"_s);
                    previousDelayMs = delayMs;
                }
                w.delayMs = ms.value_or(0);
                w.size = r.waveSize(row.value(u"size"_s), field + u".size"_s);
                d.calendar.append(w);
            }
        } else if (!d.wavesMode.isEmpty()) {
            r.error(u"waves.mode"_s, u"must be \"same_size\" or \"calendar\""_s);
        }
    }

    if (json.contains(u"target_limit"_s)) {
        const QJsonValue v = json.value(u"target_limit"_s);
        if (!v.isDouble() || v.toDouble() < 1 || v.toDouble() != double(v.toInteger()))
            r.error(u"target_limit"_s, u"must be a positive whole number"_s);
        else
            d.targetLimit = v.toInteger();
    }
    QStringList warmupErrors; // "warmup.daily[1]: ..."
    d.warmup = WarmupSchedule::fromJson(json.value(u"warmup"_s), u"warmup"_s, &warmupErrors);
    for (const QString &e : std::as_const(warmupErrors)) {
        const qsizetype colon = e.indexOf(u": "_s);
        r.error(e.left(colon), e.mid(colon + 2));
    }
    const QJsonValue proofs = json.value(u"proofs"_s);
    if (proofs.isArray()) {
        for (const QJsonValue p : proofs.toArray())
            d.proofAddresses.append(p.toString());
    } else if (!proofs.isUndefined()) {
        r.error(u"proofs"_s, u"must be a list of addresses"_s);
    }
    return d;
}

DeliveryDefinition DeliveryDefinition::fromFile(const QString &path, QStringList *errors)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        errors->append(u"%1: cannot read: %2"_s.arg(path, f.errorString()));
        return {};
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError) {
        errors->append(
            u"%1: not valid JSON at offset %2: %3"_s.arg(path, QString::number(pe.offset), pe.errorString()));
        return {};
    }
    if (!doc.isObject()) {
        errors->append(u"%1: the definition must be a JSON object"_s.arg(path));
        return {};
    }
    QList<Error> fieldErrors;
    DeliveryDefinition d = fromJson(doc.object(), QFileInfo(path).absolutePath(), &fieldErrors);
    for (const Error &e : fieldErrors)
        errors->append(u"%1: field '%2': %3"_s.arg(path, e.field, e.message));
    return d;
}

QJsonObject DeliveryDefinition::toJson() const
{
    QJsonObject o;
    o.insert(u"name"_s, name);
    o.insert(u"from"_s, QJsonObject{{u"name"_s, fromName}, {u"address"_s, fromAddress}});
    if (!replyTo.isEmpty())
        o.insert(u"reply_to"_s, replyTo);
    if (!bounceAddress.isEmpty())
        o.insert(u"bounce_address"_s, bounceAddress);
    o.insert(u"subject"_s, subject);
    o.insert(u"html"_s, html);
    o.insert(u"text"_s, text);
    QJsonObject h;
    for (const auto &[k, v] : headers)
        h.insert(k, v);
    if (!h.isEmpty())
        o.insert(u"headers"_s, h);
    o.insert(u"recipients"_s, QJsonObject{{u"csv"_s, csvFile}, {u"email_column"_s, emailColumn}});
    if (!route.isEmpty())
        o.insert(u"route"_s, route.contains(u"type"_s) ? QJsonValue(route) : route.value(u"name"_s));
    if (!dkimDomain.isEmpty()) {
        QJsonObject dk{{u"domain"_s, dkimDomain}, {u"selector"_s, dkimSelector}, {u"key_file"_s, dkimKeyFile}};
        if (!dkimEd25519KeyFile.isEmpty())
            dk.insert(u"ed25519_key_file"_s, dkimEd25519KeyFile);
        if (!dkimEd25519Selector.isEmpty())
            dk.insert(u"ed25519_selector"_s, dkimEd25519Selector);
        o.insert(u"dkim"_s, dk);
    }
    o.insert(u"validity"_s, Duration::format(validityMs));
    if (validityEnd.isValid())
        o.insert(u"validity_end"_s, validityEnd.toString(Qt::ISODate));
    o.insert(u"retry"_s, QJsonObject{{u"period"_s, Duration::format(retryPeriodMs)},
                                     {u"max_period"_s, Duration::format(retryMaxPeriodMs)}});
    if (contactDate.isValid())
        o.insert(u"contact_date"_s, contactDate.toString(Qt::ISODate));
    if (wavesMode == u"same_size"_s) {
        o.insert(u"waves"_s, QJsonObject{{u"mode"_s, wavesMode},
                                         {u"size"_s, waveSize},
                                         {u"interval"_s, Duration::format(waveIntervalMs)}});
    } else if (wavesMode == u"calendar"_s) {
        QJsonArray rows;
        for (const Wave &w : calendar)
            rows.append(QJsonObject{{u"delay"_s, Duration::format(w.delayMs)}, {u"size"_s, w.size}});
        o.insert(u"waves"_s, QJsonObject{{u"mode"_s, wavesMode}, {u"calendar"_s, rows}});
    }
    if (targetLimit > 0)
        o.insert(u"target_limit"_s, targetLimit);
    if (!warmup.isEmpty())
        o.insert(u"warmup"_s, warmup.toJson());
    if (!proofAddresses.isEmpty())
        o.insert(u"proofs"_s, QJsonArray::fromStringList(proofAddresses));
    return o;
}
