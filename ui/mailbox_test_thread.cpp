#include "mailbox_test_thread.h"

#include "feedback/mailbox_config.h"
#include "routing/route_store.h"

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

MailboxTestThread::MailboxTestThread(const QJsonObject &route, const QString &password, QObject *parent)
    : QThread(parent)
    , m_route(route)
    , m_password(password)
{
    setObjectName(u"sendscope-mailbox-test"_s);
    qRegisterMetaType<ImapClient::TestStep>();
    qRegisterMetaType<QList<ImapClient::TestStep>>();
}

MailboxTestThread::~MailboxTestThread()
{
    wait();
    m_password.fill(u'\0');
}

void MailboxTestThread::run()
{
    QStringList errors;
    QJsonObject named = m_route;
    if (named.value(u"name"_s).toString().isEmpty())
        named.insert(u"name"_s, u"(new route)"_s); // a test needs no name
    const RouteConfig route = RouteStore::validate(named, &errors);
    QList<ImapClient::TestStep> steps;
    if (errors.isEmpty() && route.bounceMailbox.isEmpty())
        errors.append(u"route.bounce_mailbox: "_s + tr("fill in the bounce mailbox first"));
    if (errors.isEmpty()) {
        QStringList problems;
        const MailboxConfig config = MailboxConfig::fromJson(route.bounceMailbox, &problems);
        for (const QString &p : std::as_const(problems))
            errors.append(u"route."_s + p);
        if (errors.isEmpty())
            steps = ImapClient::test(config, m_password);
    }
    Q_EMIT tested(steps, errors);
    OPENSSL_thread_stop(); // the per-thread state of the TLS session
}
