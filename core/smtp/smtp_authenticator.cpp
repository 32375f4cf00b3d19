#include "smtp_authenticator.h"

using namespace Qt::StringLiterals;

SmtpAuthenticator::SmtpAuthenticator(const QString &username, const QString &password)
    : m_username(username)
    , m_password(password)
{}

QString SmtpAuthenticator::chooseMechanism(const QStringList &offered)
{
    for (const QString &preferred : {u"PLAIN"_s, u"LOGIN"_s}) {
        if (offered.contains(preferred, Qt::CaseInsensitive))
            return preferred;
    }
    return QString();
}

SmtpAuthenticator::Line SmtpAuthenticator::start(const QString &mechanism)
{
    m_mechanism = mechanism;
    m_loginLinesSent = 0;
    if (mechanism == u"PLAIN"_s) {
        // Authorization identity (empty), authentication identity, password, sent as the
        // initial response so the exchange takes one round trip.
        QByteArray credentials = '\0' + m_username.toUtf8() + '\0' + m_password.toUtf8();
        Line line{"AUTH PLAIN " + credentials.toBase64(), u"AUTH PLAIN <redacted>"_s};
        credentials.fill('\0');
        return line;
    }
    return Line{"AUTH LOGIN", u"AUTH LOGIN"_s};
}

SmtpAuthenticator::Step SmtpAuthenticator::onReply(const SmtpReply &reply, Line *next)
{
    if (reply.code == 235)
        return Step::Done;
    if (reply.code != 334 || m_mechanism != u"LOGIN"_s || m_loginLinesSent >= 2)
        return Step::Failed;
    // The server's prompts ("Username:", "Password:") come in a fixed order; the user name
    // is sent first whatever the prompt text says.
    QByteArray secret = (m_loginLinesSent == 0 ? m_username : m_password).toUtf8();
    *next = Line{secret.toBase64(), u"<redacted>"_s};
    secret.fill('\0');
    ++m_loginLinesSent;
    return Step::Send;
}
