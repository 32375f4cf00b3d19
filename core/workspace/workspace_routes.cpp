// The routes page's part of the Workspace (workspace.h).

#include "workspace.h"

#include "feedback/mailbox_config.h"
#include "routing/route_store.h"

#include <QPointer>
#include <QThreadPool>
#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

namespace {

// A route being tried need not have a name yet.
RouteConfig validateForTest(QJsonObject route, QStringList *errors)
{
    if (route.value(u"name"_s).toString().isEmpty())
        route.insert(u"name"_s, u"(new route)"_s);
    return RouteStore::validate(route, errors);
}

} // namespace

QFuture<WorkspaceResult<QList<QJsonObject>>> Workspace::routes()
{
    return m_executor.run([](Store &store) {
        WorkspaceResult<QList<QJsonObject>> r;
        r.value = RouteStore(store.db()).list(&r.error); // what could be read, beside any error
        return r;
    });
}

QFuture<QStringList> Workspace::saveRoute(const QJsonObject &route, const QString &originalName)
{
    return m_executor.run([route, originalName](Store &store) {
        QStringList errors;
        RouteStore(store.db()).save(route, originalName, &errors);
        return errors;
    });
}

QFuture<WorkspaceResult<bool>> Workspace::removeRoute(const QString &name)
{
    return m_executor.run([name](Store &store) {
        WorkspaceResult<bool> r;
        if (RouteStore(store.db()).remove(name, &r.error))
            r.value = true;
        return r;
    });
}

Workspace::RouteTest Workspace::testRoute(const QJsonObject &route, const QString &password, const QString &domain)
{
    auto promise = std::make_shared<QPromise<RouteTestEvent>>();
    RouteTest test{promise->future(), [] {}};
    promise->start();
    const auto finish = [promise](bool ok, const QStringList &errors, const QString &transcript) {
        RouteTestEvent last;
        last.finished = true;
        last.ok = ok;
        last.errors = errors;
        last.transcript = transcript;
        promise->addResult(last);
        promise->finish();
    };
    QStringList errors;
    const RouteConfig config = validateForTest(route, &errors);
    if (!errors.isEmpty()) {
        finish(false, errors, QString());
        return test;
    }
    // The tester lives on the network thread and is reached only there: abort() is a queued
    // call to it.
    struct Control
    {
        QPointer<RouteTester> tester;
        bool aborted = false;
    };
    auto control = std::make_shared<Control>();
    test.abort = [context = m_networkContext, control] {
        QMetaObject::invokeMethod(context, [control] {
            control->aborted = true;
            if (control->tester)
                control->tester->abort();
        });
    };
    QMetaObject::invokeMethod(
        m_networkContext, [context = m_networkContext, control, promise, finish, config, password, domain] {
            auto *tester = new RouteTester(context);
            control->tester = tester;
            QObject::connect(tester, &RouteTester::step, tester, [promise](const RouteTester::Step &step) {
                RouteTestEvent event;
                event.step = step;
                promise->addResult(event);
            });
            QObject::connect(tester, &RouteTester::finished, tester, [tester, finish](bool ok) {
                finish(ok, {}, tester->transcript());
                tester->deleteLater();
            });
            if (!tester->start(config, password, domain)) {
                finish(false, {tester->error()}, QString());
                tester->deleteLater();
            } else if (control->aborted) {
                tester->abort();
            }
        });
    return test;
}

QFuture<Workspace::MailboxTest> Workspace::testBounceMailbox(const QJsonObject &route, const QString &password)
{
    auto promise = std::make_shared<QPromise<MailboxTest>>();
    QFuture<MailboxTest> future = promise->future();
    promise->start();
    auto secret = std::make_shared<QString>(password);
    QThreadPool::globalInstance()->start([promise, route, secret] {
        MailboxTest test;
        const RouteConfig config = validateForTest(route, &test.errors);
        test.noMailbox = test.errors.isEmpty() && config.bounceMailbox.isEmpty();
        if (test.errors.isEmpty() && !test.noMailbox) {
            QStringList problems;
            const MailboxConfig mailbox = MailboxConfig::fromJson(config.bounceMailbox, &problems);
            for (const QString &p : std::as_const(problems))
                test.errors.append(u"route."_s + p);
            if (test.errors.isEmpty())
                test.steps = ImapClient::test(mailbox, *secret);
        }
        secret->fill(u'\0');
        promise->addResult(test);
        promise->finish();
        OPENSSL_thread_stop(); // the TLS session's per-thread state
    });
    return future;
}
