#pragma once

#include "feedback/imap_client.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QStringList>
#include <QThread>

Q_DECLARE_METATYPE(ImapClient::TestStep)

// "Test connection" of a route's bounce mailbox (docs/product.md §4): checks the route's fields,
// then runs ImapClient::test (connect, greeting, TLS, certificate, login, select), which blocks,
// on a thread of its own, so the Routes page stays responsive and its worker free for saves.
class MailboxTestThread final : public QThread
{
    Q_OBJECT

public:
    MailboxTestThread(const QJsonObject &route, const QString &password, QObject *parent = nullptr);
    ~MailboxTestThread() override;

Q_SIGNALS:
    // errors: the fields that kept the test from starting ("route.bounce_mailbox.host: ..."); when
    // they are empty, steps holds every step's result.
    void tested(const QList<ImapClient::TestStep> &steps, const QStringList &errors);

protected:
    void run() override;

private:
    const QJsonObject m_route;
    QString m_password;
};
