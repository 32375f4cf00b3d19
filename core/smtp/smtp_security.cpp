#include "smtp_security.h"

#include <QSslSocket>

using namespace Qt::StringLiterals;

bool SmtpSecurity::isLoopback(const QString &host)
{
    QString bare = host.trimmed();
    if (bare.startsWith(u'[') && bare.endsWith(u']'))
        bare = bare.sliced(1, bare.size() - 2);
    if (bare.startsWith(u"IPv6:"_s, Qt::CaseInsensitive))
        bare = bare.sliced(5);
    // RFC 6761 §6.3: "localhost" names always resolve to loopback.
    if (bare.compare(u"localhost"_s, Qt::CaseInsensitive) == 0 ||
        bare.compare(u"localhost."_s, Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(bare) && address.isLoopback();
}

bool SmtpSecurity::mayAuthenticate(bool encrypted, bool loopbackPeer)
{
    return encrypted || loopbackPeer;
}

QSslConfiguration SmtpSecurity::sslConfiguration(const SmtpEndpoint &endpoint)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.addCaCertificates(endpoint.extraCaCertificates);
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setProtocol(QSsl::SecureProtocols);
    return config;
}

bool SmtpSecurity::isValidHeloName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (QChar c : name) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7F)
            return false;
    }
    return true;
}

QString SmtpSecurity::addressLiteral(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv4Protocol)
        return u'[' + address.toString() + u']';
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        QHostAddress plain = address;
        plain.setScopeId(QString());
        // An IPv4-mapped address is written the IPv4 way.
        bool mapped = false;
        const quint32 v4 = plain.toIPv4Address(&mapped);
        if (mapped)
            return u'[' + QHostAddress(v4).toString() + u']';
        return u"[IPv6:"_s + plain.toString() + u']';
    }
    return u"[127.0.0.1]"_s;
}
