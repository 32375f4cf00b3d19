#include "smtp_session.h"
#include "smtp_security.h"

#include <QHostAddress>
#include <QNetworkProxy>
#include <QSslCipher>
#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace {

// Replies are read in slices: a flood is parsed (and refused) a slice at a time, never whole.
constexpr qint64 ReadChunk = 16 * 1024;

// Local replies: what the client concluded, in the reply form the engine qualifies.
SmtpReply connectionLost(const QString &text)
{
    return SmtpReply::makeLocal(451, u"4.4.2"_s, text);
}

SmtpReply noAnswer(const QString &text)
{
    return SmtpReply::makeLocal(451, u"4.4.1"_s, text);
}

SmtpReply tlsUnavailable(const QString &detail)
{
    return SmtpReply::makeLocal(454, u"4.7.0"_s, u"TLS unavailable: "_s + detail);
}

QString errorText(const QList<QSslError> &errors)
{
    QStringList reasons;
    for (const QSslError &e : errors)
        reasons.append(e.errorString());
    return reasons.join(u"; "_s);
}

SmtpReply protocolError(const QString &detail)
{
    return SmtpReply::makeLocal(451, u"4.5.0"_s, u"protocol error: "_s + detail);
}

} // namespace

SmtpSession::SmtpSession(const SmtpEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_socket(new QSslSocket(this))
    , m_timer(this)
{
    m_timer.setSingleShot(true);
    // SMTP goes straight to the relay or MX; an application-wide proxy must not divert it.
    m_socket->setProxy(QNetworkProxy::NoProxy);
    connect(m_socket, &QSslSocket::connected, this, &SmtpSession::onConnected);
    connect(m_socket, &QSslSocket::encrypted, this, &SmtpSession::onEncrypted);
    connect(m_socket, &QSslSocket::readyRead, this, &SmtpSession::onReadyRead);
    connect(m_socket, &QSslSocket::disconnected, this, &SmtpSession::onDisconnected);
    connect(m_socket, &QSslSocket::errorOccurred, this, &SmtpSession::onSocketError);
    connect(m_socket, &QSslSocket::bytesWritten, this, &SmtpSession::onBytesWritten);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, &SmtpSession::onBytesWritten);
    // Certificate errors fail the handshake, except under the opportunistic policy without AUTH:
    // an unverified certificate still encrypts (RFC 7435 §1.3), noted in the transcript.
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        m_sslErrors = errors;
        m_peerChain = m_socket->peerCertificateChain();
        if (m_endpoint.tls == SmtpEndpoint::TlsPolicy::Opportunistic && m_endpoint.username.isEmpty()) {
            log().note(u"certificate not verified (%1): encrypting anyway, as the opportunistic policy allows"_s.arg(
                errorText(errors)));
            m_unverified = true;
            m_socket->ignoreSslErrors(errors);
        }
    });
    connect(&m_timer, &QTimer::timeout, this, &SmtpSession::onTimeout);
}

SmtpSession::~SmtpSession()
{
    // Destroyed without a close: no signals from a half-destroyed object.
    m_socket->disconnect(this);
    m_socket->abort();
}

void SmtpSession::start()
{
    if (m_state != State::NotStarted)
        return;
    m_state = State::Connecting;
    m_phase = u"connect"_s;
    m_setup.note(u"connecting to %1 port %2, TLS policy %3"_s.arg(m_endpoint.host)
                     .arg(m_endpoint.port)
                     .arg(SmtpEndpoint::tlsPolicyName(m_endpoint.tls)));

    const bool wantsTls = m_endpoint.tls != SmtpEndpoint::TlsPolicy::None;
    if (wantsTls && QSslSocket::supportsSsl()) {
        m_socket->setSslConfiguration(SmtpSecurity::sslConfiguration(m_endpoint));
        m_socket->setPeerVerifyName(m_endpoint.effectivePeerVerifyName());
    }
    m_timer.start(m_endpoint.connectTimeoutMs);
    if (m_endpoint.tls == SmtpEndpoint::TlsPolicy::Implicit) {
        if (!QSslSocket::supportsSsl()) {
            failSetup(u"connect"_s, tlsUnavailable(u"no TLS library"_s));
            return;
        }
        m_socket->connectToHostEncrypted(m_endpoint.host, m_endpoint.port, m_endpoint.effectivePeerVerifyName());
    } else {
        m_socket->connectToHost(m_endpoint.host, m_endpoint.port);
    }
}

bool SmtpSession::submit(const SmtpEnvelope &envelope)
{
    if (!canAccept())
        return false;
    m_queue.append(envelope);
    if (m_state == State::Ready)
        schedulePump();
    return true;
}

void SmtpSession::finish()
{
    if (m_state == State::Closed || m_finishRequested)
        return;
    m_finishRequested = true;
    if (m_state == State::NotStarted) {
        closeCleanly();
        return;
    }
    if (m_state == State::Ready)
        schedulePump();
}

void SmtpSession::abort()
{
    abortConnection(SmtpReply::makeLocal(451, u"4.3.0"_s, u"session aborted by the client"_s), currentPhase());
}

bool SmtpSession::canAccept() const
{
    if (m_state == State::Quitting || m_state == State::Closed || m_finishRequested)
        return false;
    return m_started + m_queue.size() < qMax(1, m_endpoint.maxMessagesPerConnection);
}

// --- socket events -------------------------------------------------------------------

void SmtpSession::onConnected()
{
    if (m_state != State::Connecting)
        return;
    m_peerAddress = m_socket->peerAddress();
    m_setup.note(u"connected to %1"_s.arg(m_peerAddress.toString()));
    // No Nagle delay: the final ".CRLF" of a message can go out alone, after the rest of its
    // data, once the engine has recorded it (SmtpEnvelope::holdEndOfData); held back until the
    // server acknowledges the data, which delays that acknowledgement, it would wait ~40 ms.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_endpoint.tls == SmtpEndpoint::TlsPolicy::Implicit)
        return; // the connect timeout also covers the handshake; the greeting follows it
    m_state = State::Setup;
    m_expected.append(Expect::Greeting);
    armTimer();
}

void SmtpSession::onEncrypted()
{
    m_encrypted = true;
    const QSslCipher cipher = m_socket->sessionCipher();
    m_cipher = cipher;
    m_peerChain = m_socket->peerCertificateChain();
    const QString check =
        m_unverified ? u"NOT verified (opportunistic)"_s : u"verified for "_s + m_socket->peerVerifyName();
    log().note(u"TLS established (%1, %2), certificate %3"_s.arg(cipher.protocolString(), cipher.name(), check));
    if (m_state == State::Connecting) { // implicit TLS
        m_state = State::Setup;
        m_expected.append(Expect::Greeting);
        armTimer();
        return;
    }
    if (m_state == State::TlsHandshake) {
        m_state = State::Setup;
        // RFC 3207 §4.2: forget everything learnt before TLS and ask again.
        m_caps = SmtpCapabilities();
        sendEhlo();
    }
}

void SmtpSession::onReadyRead()
{
    readAvailable(ReadChunk);
}

void SmtpSession::readAvailable(qint64 maxBytes)
{
    while (m_state != State::Closed && m_state != State::TlsHandshake && m_socket->bytesAvailable() > 0) {
        const QByteArray chunk = m_socket->read(maxBytes);
        if (chunk.isEmpty())
            break;
        m_parser.feed(chunk);
        processReplies();
    }
}

void SmtpSession::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    readAvailable(ReadChunk); // a last reply may sit in the buffer
    if (m_state == State::Closed)
        return;
    if (m_state == State::Quitting) {
        closeCleanly();
        return;
    }
    if (m_state == State::TlsHandshake) {
        abortConnection(tlsUnavailable(u"connection closed during the TLS handshake"_s), u"starttls"_s);
        return;
    }
    m_parser.endOfInput();
    if (m_parser.hasError()) {
        abortConnection(protocolError(m_parser.errorString()), currentPhase());
        return;
    }
    // Servers drop idle connections after their own timeout; nothing was lost.
    if (m_state == State::Ready && m_queue.isEmpty()) {
        m_between.note(u"connection closed by the server while idle"_s);
        closeCleanly();
        return;
    }
    abortConnection(connectionLost(u"connection closed by the server"_s), currentPhase());
}

void SmtpSession::onSocketError()
{
    if (m_state == State::Closed)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError)
        return; // onDisconnected() decides, after reading what is left
    if (error == QAbstractSocket::SslHandshakeFailedError || (!m_sslErrors.isEmpty() && !m_unverified) ||
        m_state == State::TlsHandshake) {
        const QString reasons = m_sslErrors.isEmpty() ? m_socket->errorString() : errorText(m_sslErrors);
        return abortConnection(tlsUnavailable(u"handshake failed: "_s + reasons),
                               m_state == State::TlsHandshake ? u"starttls"_s : currentPhase());
    }
    SmtpReply reason;
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        reason = SmtpReply::makeLocal(451, u"4.4.4"_s, u"host not found: "_s + m_endpoint.host);
        break;
    case QAbstractSocket::ConnectionRefusedError:
        reason = noAnswer(u"connection refused"_s);
        break;
    default:
        reason = connectionLost(m_socket->errorString());
        break;
    }
    abortConnection(reason, currentPhase());
}

void SmtpSession::onTimeout()
{
    if (m_state == State::Closed)
        return;
    if (m_state == State::Quitting) {
        closeCleanly();
        return;
    }
    if (m_state == State::TlsHandshake) {
        abortConnection(tlsUnavailable(u"timed out in the TLS handshake"_s), u"starttls"_s);
        return;
    }
    const QString what = m_expected.isEmpty() ? u"the connection"_s : commandOf(m_expected.first());
    abortConnection(noAnswer(u"timed out waiting for %1"_s.arg(what)), currentPhase());
}

void SmtpSession::onBytesWritten()
{
    // A large message on a slow link: the data timeout runs from the last progress.
    if (!m_expected.isEmpty() && m_expected.first() == Expect::EndOfData)
        armTimer();
}

// --- replies --------------------------------------------------------------------------

void SmtpSession::processReplies()
{
    while (m_state != State::Closed && m_parser.hasReply()) {
        const SmtpReply reply = m_parser.takeReply();
        log().server(reply);
        if (m_expected.isEmpty()) {
            // Only 421 may come unasked (RFC 5321 §3.8): the server is shutting down.
            abortConnection(reply.code == 421 ? reply : protocolError(u"unexpected reply"_s), currentPhase());
            return;
        }
        const Expect expect = m_expected.takeFirst();
        if (reply.code == 421 && expect != Expect::Quit) {
            abortConnection(reply, phaseOf(expect));
            return;
        }
        dispatch(expect, reply);
        if (m_state != State::Closed && m_state != State::TlsHandshake)
            armTimer();
    }
    if (m_state != State::Closed && m_parser.hasError())
        abortConnection(protocolError(m_parser.errorString()), currentPhase());
}

void SmtpSession::dispatch(Expect expect, const SmtpReply &reply)
{
    switch (expect) {
    case Expect::Greeting:
        handleGreeting(reply);
        break;
    case Expect::Ehlo:
    case Expect::Helo:
        handleHello(expect, reply);
        break;
    case Expect::StartTls:
        handleStartTls(reply);
        break;
    case Expect::Auth:
        handleAuth(reply);
        break;
    case Expect::Mail:
    case Expect::Rcpt:
    case Expect::Data:
    case Expect::EndOfData:
        handleTransaction(expect, reply);
        break;
    case Expect::Rset:
        if (reply.isPositive()) {
            m_state = State::Ready;
            schedulePump();
        } else {
            abortConnection(reply, u"mail"_s);
        }
        break;
    case Expect::Quit:
        m_socket->disconnectFromHost();
        break;
    }
}

void SmtpSession::handleGreeting(const SmtpReply &reply)
{
    m_greeting = reply;
    if (reply.code != 220) {
        failSetup(u"greeting"_s, reply);
        return;
    }
    sendEhlo();
}

void SmtpSession::handleHello(Expect expect, const SmtpReply &reply)
{
    if (reply.isPositive()) {
        m_caps = expect == Expect::Ehlo ? SmtpCapabilities::fromEhloReply(reply) : SmtpCapabilities();
        afterHello();
        return;
    }
    // RFC 5321 §3.2: a server that does not know EHLO answers 5xx; HELO still works.
    if (expect == Expect::Ehlo && reply.isPermanentFailure()) {
        send(u"HELO %1"_s.arg(heloName()).toUtf8(), Expect::Helo);
        return;
    }
    failSetup(u"ehlo"_s, reply);
}

void SmtpSession::afterHello()
{
    const SmtpEndpoint::TlsPolicy tls = m_endpoint.tls;
    const bool wantsStartTls =
        tls == SmtpEndpoint::TlsPolicy::Opportunistic || tls == SmtpEndpoint::TlsPolicy::Required;
    if (wantsStartTls && !m_socket->isEncrypted()) {
        if (m_caps.has(u"STARTTLS"_s) && QSslSocket::supportsSsl()) {
            send("STARTTLS", Expect::StartTls);
            return;
        }
        if (tls == SmtpEndpoint::TlsPolicy::Required) {
            failSetup(u"starttls"_s, tlsUnavailable(QSslSocket::supportsSsl() ? u"the server does not offer STARTTLS"_s
                                                                              : u"no TLS library"_s));
            return;
        }
        m_setup.note(u"STARTTLS not offered; continuing without TLS (opportunistic policy)"_s);
    }
    authenticateOrReady();
}

void SmtpSession::handleStartTls(const SmtpReply &reply)
{
    if (reply.code != 220) {
        if (m_endpoint.tls == SmtpEndpoint::TlsPolicy::Required) {
            failSetup(u"starttls"_s, tlsUnavailable(u"the server refused STARTTLS: "_s + reply.toString()));
            return;
        }
        m_setup.note(u"STARTTLS refused; continuing without TLS (opportunistic policy)"_s);
        authenticateOrReady();
        return;
    }
    // STARTTLS injection (CVE-2011-0411 and kin): anything after the 220 was sent in
    // plaintext and would be read as if it came over TLS. Both our parser's buffer and the
    // socket's must be empty, or the connection is dropped before any handshake.
    if (m_parser.hasPendingInput() || m_socket->bytesAvailable() > 0) {
        failSetup(u"starttls"_s,
                  tlsUnavailable(u"the server sent data after its STARTTLS reply (injection attempt)"_s));
        return;
    }
    m_state = State::TlsHandshake;
    m_phase = u"starttls"_s;
    m_parser.reset();
    m_timer.start(m_endpoint.commandTimeoutMs);
    m_socket->startClientEncryption();
}

void SmtpSession::authenticateOrReady()
{
    if (m_endpoint.username.isEmpty()) {
        becomeReady();
        return;
    }
    const bool loopbackPeer = m_socket->peerAddress().isLoopback();
    if (!SmtpSecurity::mayAuthenticate(m_socket->isEncrypted(), loopbackPeer)) {
        failSetup(u"auth"_s, tlsUnavailable(u"credentials are never sent without TLS"_s));
        return;
    }
    const QStringList offered = m_caps.authMechanisms();
    const QString mechanism = SmtpAuthenticator::chooseMechanism(offered);
    if (mechanism.isEmpty()) {
        failSetup(u"auth"_s, SmtpReply::makeLocal(454, u"4.7.0"_s,
                                                  u"no supported AUTH mechanism (offered: %1)"_s.arg(
                                                      offered.isEmpty() ? u"none"_s : offered.join(u' '))));
        return;
    }
    m_authMechanism = mechanism;
    m_auth.emplace(m_endpoint.username, m_endpoint.password);
    sendAuthLine(m_auth->start(mechanism));
}

void SmtpSession::handleAuth(const SmtpReply &reply)
{
    SmtpAuthenticator::Line next;
    switch (m_auth->onReply(reply, &next)) {
    case SmtpAuthenticator::Step::Send:
        sendAuthLine(std::move(next));
        return;
    case SmtpAuthenticator::Step::Done:
        m_auth.reset();
        becomeReady();
        return;
    case SmtpAuthenticator::Step::Failed:
        m_auth.reset();
        failSetup(u"auth"_s, reply.isIntermediate() ? protocolError(u"unexpected AUTH challenge"_s) : reply);
        return;
    }
}

void SmtpSession::sendAuthLine(SmtpAuthenticator::Line line)
{
    send(line.bytes, Expect::Auth, line.shownAs);
    line.bytes.fill('\0'); // our copy; the socket's buffer is out of reach
}

void SmtpSession::becomeReady()
{
    m_state = State::Ready;
    m_phase = u"mail"_s;
    if (!m_everReady) {
        m_everReady = true;
        m_setup.note(u"session ready"_s);
    }
    schedulePump();
}

// --- plumbing -------------------------------------------------------------------------

void SmtpSession::sendEhlo()
{
    const QString name = heloName();
    if (!SmtpSecurity::isValidHeloName(name)) {
        failSetup(u"ehlo"_s, SmtpReply::makeLocal(501, u"5.5.4"_s, u"invalid HELO name"_s));
        return;
    }
    send(u"EHLO "_s.append(name).toUtf8(), Expect::Ehlo);
}

void SmtpSession::send(QByteArrayView line, Expect expect, const QString &shownAs)
{
    // Every argument was checked where it was built; this is the last line of defence
    // against command injection (a CR or LF would start a command of someone else's).
    if (!SmtpTransaction::isSafeCommandLine(line)) {
        Q_ASSERT_X(false, "SmtpSession::send", "CR, LF or NUL in an SMTP command");
        abortConnection(protocolError(u"refused to write a command containing CR, LF or NUL"_s), phaseOf(expect));
        return;
    }
    QByteArray bytes;
    bytes.reserve(line.size() + 2);
    bytes.append(line);
    bytes.append("\r\n");
    m_socket->write(bytes);
    bytes.fill('\0');
    if (shownAs.isEmpty())
        log().client(line);
    else
        log().clientRedacted(shownAs);
    m_expected.append(expect);
    armTimer();
}

void SmtpSession::armTimer()
{
    if (m_expected.isEmpty()) {
        m_timer.stop();
        return;
    }
    m_timer.start(timeoutFor(m_expected.first()));
}

int SmtpSession::timeoutFor(Expect expect) const
{
    switch (expect) {
    case Expect::Greeting:
        return m_endpoint.greetingTimeoutMs;
    case Expect::EndOfData:
        return m_endpoint.dataTimeoutMs;
    default:
        return m_endpoint.commandTimeoutMs;
    }
}

QString SmtpSession::currentPhase() const
{
    return m_expected.isEmpty() ? m_phase : phaseOf(m_expected.first());
}

SmtpTranscript &SmtpSession::log()
{
    if (m_current)
        return m_current->transcript;
    return m_everReady ? m_between : m_setup;
}

QString SmtpSession::heloName() const
{
    if (!m_endpoint.heloName.isEmpty())
        return m_endpoint.heloName;
    return SmtpSecurity::addressLiteral(m_socket->localAddress());
}

// --- endings --------------------------------------------------------------------------

void SmtpSession::failSetup(const QString &phase, const SmtpReply &reply)
{
    abortConnection(reply, phase);
}

void SmtpSession::abortConnection(const SmtpReply &reason, const QString &phase)
{
    if (m_state == State::Closed)
        return;
    const bool setup = !m_everReady;
    // Only a reply to the final dot that never came leaves the message's fate unknown; an
    // explicit answer (even a 421) settles it.
    const bool duplicate =
        m_current && m_current->dotSent && !m_current->dotOnly && m_expected.contains(Expect::EndOfData);
    m_state = State::Closed;
    m_timer.stop();
    m_expected.clear();
    log().note(u"closing: "_s + reason.toString());
    m_socket->abort();

    if (setup)
        emit sessionFailed(phase, reason, m_setup.text());
    if (m_current)
        finishTransaction(SmtpOutcome::Kind::TemporaryFailure, reason, phase, duplicate);
    failQueued(reason, setup ? phase : u"mail"_s);
    emit closed();
}

void SmtpSession::closeCleanly()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_timer.stop();
    m_expected.clear();
    m_socket->abort();
    failQueued(connectionLost(u"connection closed before the message was sent"_s), u"mail"_s);
    emit closed();
}

void SmtpSession::failQueued(const SmtpReply &reason, const QString &phase)
{
    const QList<SmtpEnvelope> queued = std::exchange(m_queue, {});
    for (const SmtpEnvelope &envelope : queued) {
        SmtpOutcome outcome;
        outcome.tag = envelope.tag;
        outcome.kind = SmtpOutcome::Kind::TemporaryFailure;
        outcome.reply = reason;
        outcome.phase = phase;
        outcome.transcript = m_setup.text();
        emit messageFinished(outcome);
    }
}

QString SmtpSession::phaseOf(Expect expect)
{
    switch (expect) {
    case Expect::Greeting:
        return u"greeting"_s;
    case Expect::Ehlo:
    case Expect::Helo:
        return u"ehlo"_s;
    case Expect::StartTls:
        return u"starttls"_s;
    case Expect::Auth:
        return u"auth"_s;
    case Expect::Mail:
    case Expect::Rset:
        return u"mail"_s;
    case Expect::Rcpt:
        return u"rcpt"_s;
    case Expect::Data:
        return u"data"_s;
    case Expect::EndOfData:
        return u"end-of-data"_s;
    case Expect::Quit:
        return u"quit"_s;
    }
    return QString();
}

QString SmtpSession::commandOf(Expect expect)
{
    switch (expect) {
    case Expect::Greeting:
        return u"the greeting"_s;
    case Expect::EndOfData:
        return u"the reply to the end of data"_s;
    default:
        return u"the reply to "_s + phaseOf(expect).toUpper();
    }
}
