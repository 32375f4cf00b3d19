#include "mailbox_config.h"

#include "smtp/smtp_security.h"

#include <QDir>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace {

const QString Prefix = u"bounce_mailbox."_s;

void addError(QStringList *errors, const QString &field, const QString &message)
{
    if (errors)
        errors->append(Prefix + field + u": "_s + message);
}

// A JSON string field; absent is fine, another type is an error.
QString stringField(const QJsonObject &json, const QString &name, QStringList *errors, const QString &fallback = {})
{
    const QJsonValue v = json.value(name);
    if (v.isUndefined() || v.isNull())
        return fallback;
    if (!v.isString()) {
        addError(errors, name, u"must be a string"_s);
        return fallback;
    }
    return v.toString();
}

// Folder names go on an IMAP command line: CR, LF and NUL would end or corrupt it.
bool isValidFolderName(const QString &name)
{
    if (name.isEmpty() || name.size() > 1000)
        return false;
    for (QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            return false;
    }
    return true;
}

} // namespace

bool MailboxConfig::isSet() const
{
    return !host.isEmpty() && !username.isEmpty();
}

QString MailboxConfig::key() const
{
    return username + u'@' + host + u':' + QString::number(port) + u'/' + folder;
}

QString MailboxConfig::tlsName(Tls tls)
{
    switch (tls) {
    case Tls::Implicit:
        return u"implicit"_s;
    case Tls::StartTls:
        return u"starttls"_s;
    case Tls::None:
        return u"none"_s;
    }
    return QString();
}

QString MailboxConfig::afterName(After after)
{
    return after == After::Move ? u"move"_s : u"seen"_s;
}

MailboxConfig MailboxConfig::fromJson(const QJsonObject &json, QStringList *errors)
{
    MailboxConfig c;
    c.host = stringField(json, u"host"_s, errors).trimmed();
    if (c.host.isEmpty())
        addError(errors, u"host"_s, u"is required"_s);
    else if (c.host.contains(u' ') || c.host.contains(u'/'))
        addError(errors, u"host"_s, u"\"%1\" is not a host name or address"_s.arg(c.host));

    const QString tls = stringField(json, u"tls"_s, errors, u"implicit"_s);
    bool tlsKnown = false;
    for (Tls candidate : {Tls::Implicit, Tls::StartTls, Tls::None}) {
        if (tls.compare(tlsName(candidate), Qt::CaseInsensitive) == 0) {
            c.tls = candidate;
            tlsKnown = true;
        }
    }
    if (!tlsKnown)
        addError(errors, u"tls"_s, u"\"%1\" is not one of implicit, starttls, none"_s.arg(tls));

    // The default port follows the TLS mode: 993 for IMAPS, 143 otherwise (RFC 8314 §7.3).
    c.port = c.tls == Tls::Implicit ? 993 : 143;
    const QJsonValue port = json.value(u"port"_s);
    if (!port.isUndefined() && !port.isNull()) {
        const double p = port.toDouble(-1);
        if (!port.isDouble() || p < 1 || p > 65535 || p != static_cast<int>(p))
            addError(errors, u"port"_s, u"must be a whole number from 1 to 65535"_s);
        else
            c.port = static_cast<quint16>(p);
    }

    // No setting can send a password in plaintext across a network (docs/product.md §6,
    // certificates verified by default; the same rule as SMTP AUTH).
    if (c.tls == Tls::None && !c.host.isEmpty() && !SmtpSecurity::isLoopback(c.host))
        addError(
            errors, u"tls"_s,
            u"\"none\" is refused for %1: no login in plaintext unless the server is a loopback address"_s.arg(c.host));

    c.username = stringField(json, u"username"_s, errors);
    if (c.username.isEmpty())
        addError(errors, u"username"_s, u"is required"_s);
    c.passwordEnv = stringField(json, u"password_env"_s, errors);
    c.folder = stringField(json, u"folder"_s, errors, u"INBOX"_s);
    if (!isValidFolderName(c.folder))
        addError(errors, u"folder"_s, u"must be a folder name without control characters"_s);

    const QString after = stringField(json, u"after"_s, errors, u"seen"_s);
    if (after.compare(u"seen"_s, Qt::CaseInsensitive) == 0)
        c.after = After::MarkSeen;
    else if (after.compare(u"move"_s, Qt::CaseInsensitive) == 0)
        c.after = After::Move;
    else
        addError(errors, u"after"_s, u"\"%1\" is not one of seen, move"_s.arg(after));
    c.moveTo = stringField(json, u"move_to"_s, errors);
    if (c.after == After::Move) {
        if (!isValidFolderName(c.moveTo))
            addError(errors, u"move_to"_s, u"is required when after is \"move\" (a folder name)"_s);
        else if (c.moveTo == c.folder)
            addError(errors, u"move_to"_s, u"must differ from the folder that is read"_s);
    }

    c.caFile = stringField(json, u"ca_file"_s, errors);
    if (!c.caFile.isEmpty() && QDir::isRelativePath(c.caFile)) // see RouteConfig::fromJson
        addError(errors, u"ca_file"_s, u"must be an absolute path (\"%1\" is relative)"_s.arg(c.caFile));
    c.peerName = stringField(json, u"peer_name"_s, errors);

    const QJsonValue timeout = json.value(u"timeout_s"_s);
    if (!timeout.isUndefined() && !timeout.isNull()) {
        const double t = timeout.toDouble(-1);
        if (!timeout.isDouble() || t <= 0 || t > 3600)
            addError(errors, u"timeout_s"_s, u"must be a number of seconds above 0 and at most 3600"_s);
        else
            c.timeoutMs = static_cast<int>(t * 1000);
    }
    const QJsonValue poll = json.value(u"poll_s"_s);
    if (!poll.isUndefined() && !poll.isNull()) {
        const double p = poll.toDouble(-1);
        if (!poll.isDouble() || p < 1 || p > 86400 || p != double(int(p)))
            addError(errors, u"poll_s"_s, u"must be a whole number of seconds from 1 to 86400"_s);
        else
            c.pollSeconds = int(p);
    }
    return c;
}

QJsonObject MailboxConfig::toJson() const
{
    QJsonObject o{{u"host"_s, host},
                  {u"port"_s, port},
                  {u"tls"_s, tlsName(tls)},
                  {u"username"_s, username},
                  {u"folder"_s, folder},
                  {u"after"_s, afterName(after)},
                  {u"timeout_s"_s, timeoutMs / 1000.0}};
    if (pollSeconds != MailboxConfig().pollSeconds)
        o.insert(u"poll_s"_s, pollSeconds);
    if (!passwordEnv.isEmpty())
        o.insert(u"password_env"_s, passwordEnv);
    if (!moveTo.isEmpty())
        o.insert(u"move_to"_s, moveTo);
    if (!caFile.isEmpty())
        o.insert(u"ca_file"_s, caFile);
    if (!peerName.isEmpty())
        o.insert(u"peer_name"_s, peerName);
    return o;
}
