#pragma once

#include "route_config.h"
#include "smtp/smtp_endpoint.h"
#include "smtp/smtp_reply.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>

class SmtpSession;

// "Test connection" for a route (docs/product.md §6, Routes): connects to the relay, or to
// the MX of a domain for a direct route (mx_override first), and reports each step of the
// set-up: connect, greeting, EHLO and its extensions, STARTTLS (protocol, cipher), the
// certificate (verified, or why not; subject, expiry), AUTH (mechanism, accepted or not),
// then QUIT. It never sends MAIL. Asynchronous, for any thread with an event loop.
class RouteTester final : public QObject
{
    Q_OBJECT

public:
    struct Step
    {
        enum class Status { Ok, Failed, Skipped };
        QString id; // "mx", "connect", "greeting", "ehlo", "starttls", "certificate", "auth", "quit"
        Status status = Status::Skipped;
        QString summary; // one line
        QString detail;  // more lines (extensions, certificate fields); may be empty
        // The English template of summary (QT_TRANSLATE_NOOP "RouteTester") and what fills its
        // %1, %2...: the GUI shows it in its language. Empty when summary is a server's reply or
        // an error text from elsewhere.
        QByteArray source;
        QStringList args;
    };

    explicit RouteTester(QObject *parent = nullptr);
    ~RouteTester() override;

    // password: for the route's username (else password_env is read). domain: the domain whose
    // MX a direct route is tested against. False with error() when the test cannot start.
    bool start(const RouteConfig &route, const QString &password = QString(), const QString &domain = QString());
    // Drops the connection; finished(false) follows unless the test had already finished.
    void abort();

    QString error() const { return m_error; }
    QList<Step> steps() const { return m_steps; }
    // The set-up dialogue as the session logged it (credentials redacted).
    QString transcript() const { return m_transcript; }

    // Upper bounds for a test, so a silent server does not hold it for the route's long timeouts.
    static constexpr int MaxConnectTimeoutMs = 15'000;
    static constexpr int MaxCommandTimeoutMs = 30'000;

    static QString statusName(Step::Status status);

Q_SIGNALS:
    void step(const RouteTester::Step &step);
    void finished(bool ok);

private:
    void lookUpMx(const QString &domain);
    void connectTo(const QString &host, quint16 port);
    void onReady();
    void onFailed(const QString &phase, const SmtpReply &reason);
    void onClosed();
    void report(const QString &failedPhase, const SmtpReply &reason);
    void add(const QString &id, Step::Status status, const QString &summary, const QString &detail = QString());
    // summary from a template marked QT_TRANSLATE_NOOP("RouteTester", ...), filled with args.
    void addTemplate(const QString &id, Step::Status status, const char *source, const QStringList &args,
                     const QString &detail = QString());
    void end(bool ok);

    RouteConfig m_route;
    SmtpEndpoint m_endpoint;
    QPointer<SmtpSession> m_session;
    QList<Step> m_steps;
    QString m_error;
    QString m_transcript;
    bool m_running = false;
    bool m_failed = false;
    bool m_quitting = false;
};

Q_DECLARE_METATYPE(RouteTester::Step)
