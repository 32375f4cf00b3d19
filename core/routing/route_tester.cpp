#include "route_tester.h"

#include "analysis/analysis_report.h"

#include "route_endpoint.h"
#include "smtp/smtp_session.h"

#include <QDnsLookup>
#include <QSslCertificate>
#include <QSslCipher>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QString describe(const SmtpReply &reply)
{
    return reply.local ? reply.text() : reply.toString();
}

QString certificateDetail(const QList<QSslCertificate> &chain)
{
    if (chain.isEmpty())
        return {};
    const QSslCertificate &c = chain.first();
    QStringList names;
    const auto sans = c.subjectAlternativeNames();
    for (auto it = sans.cbegin(); it != sans.cend(); ++it)
        names.append(it.value());
    QStringList lines{u"subject: %1"_s.arg(c.subjectDisplayName()), u"issuer: %1"_s.arg(c.issuerDisplayName()),
                      u"valid from %1 until %2"_s.arg(c.effectiveDate().toUTC().toString(Qt::ISODate),
                                                      c.expiryDate().toUTC().toString(Qt::ISODate))};
    if (!names.isEmpty())
        lines.insert(1, u"names: %1"_s.arg(names.join(u", "_s)));
    return lines.join(u'\n');
}

} // namespace

RouteTester::RouteTester(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<RouteTester::Step>();
}

RouteTester::~RouteTester()
{
    m_running = false;
    delete m_session; // without signals: the destructor disconnects and aborts
}

QString RouteTester::statusName(Step::Status status)
{
    switch (status) {
    case Step::Status::Ok:
        return u"ok"_s;
    case Step::Status::Failed:
        return u"failed"_s;
    case Step::Status::Skipped:
        return u"skipped"_s;
    }
    return {};
}

bool RouteTester::start(const RouteConfig &route, const QString &password, const QString &domain)
{
    if (m_running) {
        m_error = u"a test is already running"_s;
        return false;
    }
    m_route = route;
    m_steps.clear();
    m_transcript.clear();
    m_error.clear();
    m_failed = false;
    m_quitting = false;
    if (route.type == RouteConfig::Type::Sandbox) {
        m_error = u"route.type: the sandbox route sends nothing, there is no connection to test"_s;
        return false;
    }
    if (route.type == RouteConfig::Type::Pool) {
        m_error = u"route.type: a pool has no connection of its own; test each member's route"_s;
        return false;
    }
    m_endpoint = SmtpEndpoint(); // nothing of a previous test's route (its CAs) may remain
    if (!RouteEndpoint::build(route, &m_endpoint, &m_error, password))
        return false;
    m_endpoint.connectTimeoutMs = std::min(m_endpoint.connectTimeoutMs, MaxConnectTimeoutMs);
    m_endpoint.greetingTimeoutMs = std::min(m_endpoint.greetingTimeoutMs, MaxCommandTimeoutMs);
    m_endpoint.commandTimeoutMs = std::min(m_endpoint.commandTimeoutMs, MaxCommandTimeoutMs);
    m_endpoint.maxMessagesPerConnection = 1;

    if (route.type == RouteConfig::Type::Relay) {
        m_running = true;
        connectTo(route.host, route.port);
        return true;
    }
    const QString target = domain.trimmed().toLower();
    if (target.isEmpty() || target.contains(u'@') || target.contains(u' ')) {
        m_error = u"domain: a direct route is tested against the MX of a domain; enter one, e.g. example.com"_s;
        return false;
    }
    m_running = true;
    const auto override = route.mxOverride.constFind(target);
    if (override != route.mxOverride.cend()) {
        const qsizetype colon = override->lastIndexOf(u':');
        addTemplate(u"mx"_s, Step::Status::Ok, QT_TRANSLATE_NOOP("RouteTester", "%1 goes to %2 (mx_override)"),
                    {target, *override});
        connectTo(override->left(colon), quint16(override->mid(colon + 1).toUInt()));
    } else {
        lookUpMx(target);
    }
    return true;
}

void RouteTester::abort()
{
    if (!m_running)
        return;
    if (m_session) {
        m_session->abort(); // sessionFailed() and closed() end the test
        return;
    }
    addTemplate(u"mx"_s, Step::Status::Failed, QT_TRANSLATE_NOOP("RouteTester", "aborted"), {});
    end(false);
}

void RouteTester::lookUpMx(const QString &domain)
{
    auto *lookup = new QDnsLookup(QDnsLookup::MX, domain, this);
    connect(lookup, &QDnsLookup::finished, this, [this, lookup, domain] {
        lookup->deleteLater();
        if (!m_running)
            return;
        QList<QDnsMailExchangeRecord> mx = lookup->mailExchangeRecords();
        std::sort(mx.begin(), mx.end(), [](const auto &a, const auto &b) { return a.preference() < b.preference(); });
        if (lookup->error() == QDnsLookup::NotFoundError) {
            addTemplate(u"mx"_s, Step::Status::Failed,
                        QT_TRANSLATE_NOOP("RouteTester", "the domain %1 does not exist (NXDOMAIN)"), {domain});
            end(false);
            return;
        }
        // Qt 6.4 reports an empty answer (NODATA) as InvalidReplyError with no records.
        if (lookup->error() != QDnsLookup::NoError && lookup->error() != QDnsLookup::InvalidReplyError) {
            addTemplate(u"mx"_s, Step::Status::Failed, QT_TRANSLATE_NOOP("RouteTester", "MX lookup for %1 failed: %2"),
                        {domain, lookup->errorString()});
            end(false);
            return;
        }
        QString host = domain;
        if (!mx.isEmpty()) {
            host = mx.first().exchange();
            if (host.isEmpty() || host == u"."_s) {
                addTemplate(u"mx"_s, Step::Status::Failed,
                            QT_TRANSLATE_NOOP("RouteTester", "the domain %1 accepts no mail (null MX)"), {domain});
                end(false);
                return;
            }
        }
        QStringList all;
        for (const QDnsMailExchangeRecord &r : std::as_const(mx))
            all.append(u"%1 %2"_s.arg(r.preference()).arg(r.exchange()));
        if (mx.isEmpty())
            addTemplate(u"mx"_s, Step::Status::Ok,
                        QT_TRANSLATE_NOOP("RouteTester", "%1 has no MX record: its own address is used"), {domain},
                        all.join(u'\n'));
        else
            addTemplate(u"mx"_s, Step::Status::Ok, QT_TRANSLATE_NOOP("RouteTester", "MX of %1: %2"), {domain, host},
                        all.join(u'\n'));
        connectTo(host, 25);
    });
    lookup->lookup();
}

void RouteTester::connectTo(const QString &host, quint16 port)
{
    m_endpoint.host = host;
    m_endpoint.port = port;
    m_session = new SmtpSession(m_endpoint, this);
    connect(m_session, &SmtpSession::idle, this, &RouteTester::onReady);
    connect(m_session, &SmtpSession::sessionFailed, this,
            [this](const QString &phase, const SmtpReply &reason, const QString &) { onFailed(phase, reason); });
    connect(m_session, &SmtpSession::closed, this, &RouteTester::onClosed);
    m_session->start();
}

void RouteTester::onReady()
{
    if (m_quitting || !m_running)
        return;
    m_quitting = true;
    report(QString(), SmtpReply());
    m_session->finish(); // QUIT; closed() follows
}

void RouteTester::onFailed(const QString &phase, const SmtpReply &reason)
{
    if (!m_running)
        return;
    m_failed = true;
    report(phase, reason);
}

void RouteTester::onClosed()
{
    if (!m_running)
        return;
    m_transcript = m_session->setupTranscript();
    if (m_failed)
        addTemplate(u"quit"_s, Step::Status::Skipped,
                    QT_TRANSLATE_NOOP("RouteTester", "not sent: the connection was dropped"), {});
    else
        addTemplate(u"quit"_s, Step::Status::Ok,
                    QT_TRANSLATE_NOOP("RouteTester", "QUIT sent, connection closed; no mail was sent"), {});
    m_session->deleteLater();
    end(!m_failed);
}

void RouteTester::report(const QString &failedPhase, const SmtpReply &reason)
{
    const SmtpSession &s = *m_session;
    const bool implicit = m_endpoint.tls == SmtpEndpoint::TlsPolicy::Implicit;
    const bool certificateRefused = !s.sslErrors().isEmpty() && !s.certificateUnverified();
    // The step that failed; every step after it was never reached.
    QString failing = failedPhase;
    if (certificateRefused)
        failing = u"certificate"_s;
    else if (failedPhase == u"connect"_s && implicit && !s.peerAddress().isNull())
        failing = u"starttls"_s; // connected, then the TLS handshake failed
    else if (failedPhase == u"mail"_s || failedPhase == u"quit"_s)
        failing = u"auth"_s;

    const QStringList order =
        implicit ? QStringList{u"connect"_s, u"starttls"_s, u"certificate"_s, u"greeting"_s, u"ehlo"_s, u"auth"_s}
                 : QStringList{u"connect"_s, u"greeting"_s, u"ehlo"_s, u"starttls"_s, u"certificate"_s, u"auth"_s};
    bool reached = true;
    for (const QString &id : order) {
        if (!reached) {
            addTemplate(id, Step::Status::Skipped, QT_TRANSLATE_NOOP("RouteTester", "not reached"), {});
            continue;
        }
        const bool fails = id == failing;
        if (fails)
            reached = false;
        if (id == u"connect"_s) {
            if (fails)
                addTemplate(id, Step::Status::Failed, QT_TRANSLATE_NOOP("RouteTester", "%1 port %2: %3"),
                            {m_endpoint.host, QString::number(m_endpoint.port), describe(reason)});
            else
                addTemplate(id, Step::Status::Ok, QT_TRANSLATE_NOOP("RouteTester", "connected to %1 (%2) port %3"),
                            {m_endpoint.host, s.peerAddress().toString(), QString::number(m_endpoint.port)});
        } else if (id == u"greeting"_s) {
            add(id, fails ? Step::Status::Failed : Step::Status::Ok,
                fails ? describe(reason) : s.greeting().toString());
        } else if (id == u"ehlo"_s) {
            if (fails) {
                add(id, Step::Status::Failed, describe(reason));
                continue;
            }
            const QStringList keywords = s.capabilities().keywords();
            QStringList lines;
            for (const QString &k : keywords) {
                const QStringList params = s.capabilities().parameters(k);
                lines.append(params.isEmpty() ? k : k + u' ' + params.join(u' '));
            }
            if (keywords.isEmpty())
                addTemplate(id, Step::Status::Ok,
                            QT_TRANSLATE_NOOP("RouteTester", "HELO accepted (the server does not know EHLO)"), {},
                            lines.join(u'\n'));
            else
                addTemplate(id, Step::Status::Ok, QT_TRANSLATE_NOOP("RouteTester", "EHLO %1: %2 extensions"),
                            {m_endpoint.heloName, QString::number(keywords.size())}, lines.join(u'\n'));
        } else if (id == u"starttls"_s) {
            if (fails) {
                add(id, Step::Status::Failed, describe(reason));
            } else if (certificateRefused) {
                addTemplate(id, Step::Status::Failed,
                            QT_TRANSLATE_NOOP("RouteTester", "TLS handshake refused: the certificate is not trusted"),
                            {});
            } else if (s.isEncrypted()) {
                addTemplate(id, Step::Status::Ok,
                            implicit ? QT_TRANSLATE_NOOP("RouteTester", "implicit TLS: %1, %2")
                                     : QT_TRANSLATE_NOOP("RouteTester", "STARTTLS: %1, %2"),
                            {s.sessionCipher().protocolString(), s.sessionCipher().name()});
            } else if (m_endpoint.tls == SmtpEndpoint::TlsPolicy::None) {
                addTemplate(id, Step::Status::Skipped,
                            QT_TRANSLATE_NOOP("RouteTester", "TLS is off for this route (tls: none)"), {});
            } else {
                addTemplate(id, Step::Status::Skipped,
                            QT_TRANSLATE_NOOP(
                                "RouteTester",
                                "the server offers no STARTTLS: this route continues without TLS (opportunistic)"),
                            {});
            }
        } else if (id == u"certificate"_s) {
            if (certificateRefused) {
                QStringList errors;
                for (const QSslError &e : s.sslErrors())
                    errors.append(e.errorString());
                add(id, Step::Status::Failed, errors.join(u"; "_s), certificateDetail(s.peerCertificateChain()));
            } else if (s.isEncrypted() && s.certificateUnverified()) {
                QStringList errors;
                for (const QSslError &e : s.sslErrors())
                    errors.append(e.errorString());
                addTemplate(id, Step::Status::Ok,
                            QT_TRANSLATE_NOOP(
                                "RouteTester",
                                "not verified (%1): encrypted anyway, as the opportunistic policy allows without AUTH; "
                                "set tls to starttls-required to insist"),
                            {errors.join(u"; "_s)}, certificateDetail(s.peerCertificateChain()));
            } else if (s.isEncrypted()) {
                addTemplate(id, Step::Status::Ok, QT_TRANSLATE_NOOP("RouteTester", "verified for %1"),
                            {m_endpoint.effectivePeerVerifyName()}, certificateDetail(s.peerCertificateChain()));
            } else {
                addTemplate(id, Step::Status::Skipped, QT_TRANSLATE_NOOP("RouteTester", "no TLS, no certificate"), {});
            }
        } else if (id == u"auth"_s) {
            if (fails) {
                const QString mechanism = s.authMechanism();
                if (mechanism.isEmpty())
                    add(id, Step::Status::Failed, describe(reason));
                else
                    addTemplate(id, Step::Status::Failed, QT_TRANSLATE_NOOP("RouteTester", "%1 as %2 refused: %3"),
                                {mechanism, m_endpoint.username, describe(reason)});
            } else if (m_endpoint.username.isEmpty()) {
                addTemplate(id, Step::Status::Skipped,
                            QT_TRANSLATE_NOOP("RouteTester", "no username: this route does not authenticate"), {});
            } else {
                addTemplate(id, Step::Status::Ok, QT_TRANSLATE_NOOP("RouteTester", "%1 as %2 accepted"),
                            {s.authMechanism(), m_endpoint.username});
            }
        }
    }
}

void RouteTester::addTemplate(const QString &id, Step::Status status, const char *source, const QStringList &args,
                              const QString &detail)
{
    m_steps.append(Step{id, status, AnalysisReport::fill(QString::fromUtf8(source), args), detail, source, args});
    Q_EMIT step(m_steps.last());
}

void RouteTester::add(const QString &id, Step::Status status, const QString &summary, const QString &detail)
{
    m_steps.append(Step{id, status, summary, detail, {}, {}});
    Q_EMIT step(m_steps.last());
}

void RouteTester::end(bool ok)
{
    m_running = false;
    Q_EMIT finished(ok);
}
