#include "imap_client.h"

#include "imap_text.h"
#include "smtp/smtp_endpoint.h"
#include "smtp/smtp_security.h"

#include <QSslCipher>
#include <QSslSocket>
#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

using namespace ImapText;

namespace {

constexpr qsizetype MaxTranscriptLines = 2000;
constexpr qint64 SocketReadBufferBytes = 4 * 1024 * 1024; // what the socket may hold beyond the parser
constexpr qsizetype MaxQuotedBytes = 1000;

} // namespace

ImapClient::ImapClient(MailboxConfig config)
    : m_config(std::move(config))
    , m_parser(m_config.maxMessageBytes)
{}

ImapClient::~ImapClient()
{
    if (m_socket)
        m_socket->abort();
}

bool ImapClient::isEncrypted() const
{
    return m_socket && m_socket->isEncrypted();
}

bool ImapClient::hasCapability(QByteArrayView capability) const
{
    return std::any_of(m_capabilities.begin(), m_capabilities.end(), [&](const QByteArray &c) {
        return QByteArrayView(c).compare(capability, Qt::CaseInsensitive) == 0;
    });
}

QSslCertificate ImapClient::peerCertificate() const
{
    return m_socket ? m_socket->peerCertificate() : QSslCertificate();
}

bool ImapClient::fail(const QString &message)
{
    m_error = u"imap %1:%2: "_s.arg(m_config.host).arg(m_config.port) + message;
    note(u"error: "_s + message);
    return false;
}

void ImapClient::note(const QString &line)
{
    if (m_transcript.size() >= MaxTranscriptLines)
        m_transcript.removeFirst();
    m_transcript.append(u"* "_s + line);
}

void ImapClient::logClient(const QString &line)
{
    if (m_transcript.size() >= MaxTranscriptLines)
        m_transcript.removeFirst();
    m_transcript.append(u"C: "_s + line);
}

void ImapClient::abortConnection()
{
    m_broken = true;
    m_loggedIn = false;
    if (m_socket)
        m_socket->abort();
}

QString ImapClient::sslErrorText() const
{
    QStringList parts;
    for (const QSslError &e : m_sslErrors)
        parts.append(e.errorString());
    return parts.join(u"; "_s);
}

bool ImapClient::connectAndLogin(const QString &password)
{
    QString greeting;
    return openConnection(&greeting) && startTls() && login(password);
}

bool ImapClient::openConnection(QString *greetingText)
{
    m_error.clear();
    m_broken = false;
    m_loggedIn = false;
    m_capabilities.clear();
    m_sslErrors.clear();
    m_selected.clear();
    m_parser.reset();
    m_parser.setMaxLiteralBytes(m_config.maxMessageBytes);

    if (m_config.host.isEmpty())
        return fail(u"no host is configured"_s);
    // The same rule as fromJson(), for a config built in code.
    if (m_config.tls == MailboxConfig::Tls::None && !SmtpSecurity::isLoopback(m_config.host))
        return fail(u"tls \"none\" is refused: no login in plaintext unless the server is a loopback address"_s);

    SmtpEndpoint tlsSettings;
    if (!m_config.caFile.isEmpty()) {
        tlsSettings.extraCaCertificates = QSslCertificate::fromPath(m_config.caFile);
        if (tlsSettings.extraCaCertificates.isEmpty())
            return fail(u"bounce_mailbox.ca_file: %1 holds no PEM certificate"_s.arg(m_config.caFile));
    }
    m_socket = std::make_unique<QSslSocket>();
    m_socket->setSslConfiguration(SmtpSecurity::sslConfiguration(tlsSettings));
    m_socket->setPeerVerifyName(m_config.effectivePeerName());
    m_socket->setReadBufferSize(SocketReadBufferBytes);

    note(u"connecting to %1:%2 (tls %3)"_s.arg(m_config.host)
             .arg(m_config.port)
             .arg(MailboxConfig::tlsName(m_config.tls)));
    m_socket->connectToHost(m_config.host, m_config.port);
    if (!m_socket->waitForConnected(m_config.timeoutMs)) {
        const QString why = m_socket->state() == QAbstractSocket::ConnectedState ? QString()
                            : m_socket->error() == QAbstractSocket::SocketTimeoutError
                                ? u"no connection within %1 s"_s.arg(m_config.timeoutMs / 1000.0)
                                : m_socket->errorString();
        abortConnection();
        return fail(u"connect: "_s + why);
    }
    note(u"connected to %1"_s.arg(m_socket->peerAddress().toString()));

    if (m_config.tls == MailboxConfig::Tls::Implicit) {
        m_socket->startClientEncryption();
        if (!waitForEncryption(u"TLS handshake"_s))
            return false;
    }

    ImapResponse r;
    if (!readResponse(&r, u"greeting"_s, m_config.timeoutMs))
        return false;
    if (r.kind != ImapResponse::Kind::Untagged || (r.keyword != "OK" && r.keyword != "PREAUTH")) {
        abortConnection();
        return fail(r.keyword == "BYE" ? u"the server refused the connection: "_s + statusText(r)
                                       : u"greeting: not an IMAP greeting: "_s + latin(r.summary));
    }
    takeCapabilities(r);
    *greetingText = statusText(r);
    if (r.keyword == "PREAUTH") {
        // Already authenticated means STARTTLS can no longer be negotiated (RFC 3501 §6.2.1):
        // with STARTTLS configured that is a downgrade, whatever the server's reasons.
        if (m_config.tls == MailboxConfig::Tls::StartTls) {
            abortConnection();
            return fail(u"the server greeted with PREAUTH, which rules out STARTTLS; refusing to continue "
                        u"without TLS"_s);
        }
        m_loggedIn = true;
    }
    return true;
}

bool ImapClient::waitForEncryption(const QString &step)
{
    if (!m_socket->waitForEncrypted(m_config.timeoutMs)) {
        m_sslErrors = m_socket->sslHandshakeErrors();
        QString why;
        if (!m_sslErrors.isEmpty()) {
            why = u"the certificate for %1 was refused: "_s.arg(m_config.effectivePeerName()) + sslErrorText();
            const QList<QSslCertificate> chain = m_socket->peerCertificateChain();
            if (!chain.isEmpty())
                why += u" ("_s + certificateSummary(chain.first()) + u')';
        } else if (m_socket->state() == QAbstractSocket::ConnectedState && !m_socket->isEncrypted()) {
            why = u"no TLS handshake within %1 s"_s.arg(m_config.timeoutMs / 1000.0);
        } else {
            why = m_socket->errorString();
        }
        abortConnection();
        return fail(step + u" failed: "_s + why);
    }
    const QSslCipher cipher = m_socket->sessionCipher();
    note(u"TLS %1 %2, certificate verified for %3"_s.arg(cipher.protocolString(), cipher.name(),
                                                         m_config.effectivePeerName()));
    return true;
}

bool ImapClient::startTls()
{
    if (m_config.tls != MailboxConfig::Tls::StartTls)
        return m_capabilities.isEmpty() ? refreshCapabilities() : true;
    if (m_capabilities.isEmpty() && !refreshCapabilities())
        return false;
    if (!hasCapability("STARTTLS")) {
        // Nothing more goes to this server: not even LOGOUT.
        abortConnection();
        return fail(u"STARTTLS not offered by the server; refusing to log in without TLS"_s);
    }
    if (!run("STARTTLS", u"STARTTLS"_s))
        return false;
    // STARTTLS injection: whatever arrived after the OK came before the handshake, from
    // anyone on the path. None of it, and none of the pre-TLS capabilities, may count.
    const qint64 early = m_parser.bufferedBytes() + m_socket->bytesAvailable();
    if (early > 0) {
        m_socket->read(m_socket->bytesAvailable());
        note(u"discarded %1 bytes received before the TLS handshake"_s.arg(early));
    }
    m_parser.reset();
    m_capabilities.clear();
    m_socket->startClientEncryption();
    if (!waitForEncryption(u"STARTTLS handshake"_s))
        return false;
    return refreshCapabilities();
}

bool ImapClient::refreshCapabilities()
{
    std::vector<ImapResponse> untagged;
    if (!run("CAPABILITY", u"CAPABILITY"_s, &untagged))
        return false;
    m_capabilities.clear();
    for (const ImapResponse &r : untagged)
        takeCapabilities(r);
    return true;
}

void ImapClient::takeCapabilities(const ImapResponse &r)
{
    QByteArrayList caps;
    if (r.keyword == "CAPABILITY") {
        for (const ImapValue &v : r.values) {
            if (v.type == ImapValue::Type::Atom)
                caps.append(v.bytes.toUpper());
        }
    } else if (r.isStatus() && r.code == "CAPABILITY") {
        for (const QByteArray &c : r.codeArguments.split(' ')) {
            if (!c.isEmpty())
                caps.append(c.toUpper());
        }
    } else {
        return;
    }
    m_capabilities = caps;
}

std::vector<ImapClient::Part> ImapClient::astring(const QByteArray &value) const
{
    const bool quotable = value.size() <= MaxQuotedBytes && std::all_of(value.begin(), value.end(), [](char c) {
                              return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
                          });
    if (!quotable)
        return {Part{value, true}};
    QByteArray q = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\')
            q += '\\';
        q += c;
    }
    q += '"';
    return {Part{q, false}};
}

bool ImapClient::login(const QString &password)
{
    if (m_loggedIn)
        return true;
    if (!SmtpSecurity::mayAuthenticate(isEncrypted(), SmtpSecurity::isLoopback(m_config.host))) {
        abortConnection();
        return fail(u"refusing to log in without TLS"_s);
    }
    const QByteArray user = m_config.username.toUtf8();
    const QByteArray secret = password.toUtf8();
    std::vector<ImapResponse> untagged;
    if (hasCapability("AUTH=PLAIN")) {
        // RFC 4616; UTF-8 user names and passwords travel unchanged, unlike with LOGIN.
        const QByteArray token = QByteArray(QByteArray(1, '\0') + user + QByteArray(1, '\0') + secret).toBase64();
        const QString shown = u"AUTHENTICATE PLAIN <credentials redacted>"_s;
        if (hasCapability("SASL-IR")) {
            if (!run({Part{"AUTHENTICATE PLAIN " + token}}, u"login as %1"_s.arg(m_config.username), &untagged, shown))
                return false;
        } else {
            // The initial response goes after a continuation (RFC 3501 §6.2.2).
            const QByteArray tag = "A" + QByteArray::number(++m_tagCounter).rightJustified(3, '0');
            logClient(latin(tag) + u' ' + shown);
            if (!sendRaw(tag + " AUTHENTICATE PLAIN\r\n"))
                return false;
            bool sent = false;
            for (;;) {
                ImapResponse r;
                if (!readResponse(&r, u"login"_s, m_config.timeoutMs))
                    return false;
                if (r.kind == ImapResponse::Kind::Continuation && !sent) {
                    if (!sendRaw(token + "\r\n"))
                        return false;
                    sent = true;
                } else if (r.kind == ImapResponse::Kind::Continuation) {
                    // A second challenge has no meaning in PLAIN: cancel (RFC 3501 §6.2.2).
                    if (!sendRaw("*\r\n"))
                        return false;
                } else if (r.kind == ImapResponse::Kind::Tagged && r.tag == tag) {
                    if (r.keyword != "OK")
                        return fail(u"login as %1 refused: "_s.arg(m_config.username) + statusText(r));
                    takeCapabilities(r);
                    break;
                } else {
                    untagged.push_back(std::move(r));
                }
            }
        }
    } else if (hasCapability("LOGINDISABLED")) {
        abortConnection();
        return fail(u"the server disables LOGIN (LOGINDISABLED) and offers no AUTH=PLAIN; cannot log in"_s);
    } else {
        std::vector<Part> parts{Part{"LOGIN "}};
        for (const Part &p : astring(user))
            parts.push_back(p);
        parts.push_back(Part{" "});
        for (const Part &p : astring(secret))
            parts.push_back(p);
        if (!run(parts, u"login as %1"_s.arg(m_config.username), &untagged,
                 u"LOGIN %1 <password redacted>"_s.arg(m_config.username)))
            return false;
    }
    m_loggedIn = true;
    // The server's capabilities change with the login (MOVE, UIDPLUS …); take them from the
    // answer when it sent them, else ask.
    for (const ImapResponse &r : untagged)
        takeCapabilities(r);
    if (!hasCapability("IMAP4REV1") && !hasCapability("IMAP4REV2"))
        return refreshCapabilities();
    return true;
}

bool ImapClient::sendRaw(const QByteArray &bytes)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        abortConnection();
        return fail(u"the connection is closed"_s);
    }
    m_socket->write(bytes);
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(m_config.timeoutMs)) {
            const bool stalled = m_socket->state() == QAbstractSocket::ConnectedState;
            abortConnection();
            return fail(stalled ? u"the server accepted no data within %1 s"_s.arg(m_config.timeoutMs / 1000.0)
                                : u"the server closed the connection"_s);
        }
    }
    return true;
}

bool ImapClient::run(const QByteArray &command, const QString &step, std::vector<ImapResponse> *untagged)
{
    return run({Part{command}}, step, untagged);
}

bool ImapClient::run(const std::vector<Part> &parts, const QString &step, std::vector<ImapResponse> *untagged,
                     const QString &shown)
{
    if (m_broken || !m_socket)
        return fail(step + u": not connected"_s);
    const QByteArray tag = "A" + QByteArray::number(++m_tagCounter).rightJustified(3, '0');
    const bool literalPlus = hasCapability("LITERAL+");
    QString shownLine = latin(tag) + u' ';
    if (!shown.isEmpty()) {
        shownLine += shown;
    } else {
        for (const Part &p : parts)
            shownLine += p.literal ? u"{%1} <%1 bytes>"_s.arg(p.bytes.size()) : QString::fromUtf8(p.bytes);
    }
    logClient(shownLine);

    QByteArray pending = tag + ' ';
    for (const Part &p : parts) {
        if (!p.literal) {
            pending += p.bytes;
            continue;
        }
        pending += '{' + QByteArray::number(p.bytes.size()) + (literalPlus ? "+" : "") + "}\r\n";
        if (literalPlus) {
            pending += p.bytes;
            continue;
        }
        // A synchronizing literal: the server must invite it first (RFC 3501 §7.5).
        if (!sendRaw(pending))
            return false;
        pending.clear();
        for (;;) {
            ImapResponse r;
            if (!readResponse(&r, step, m_config.timeoutMs))
                return false;
            if (r.kind == ImapResponse::Kind::Continuation)
                break;
            if (r.kind == ImapResponse::Kind::Tagged && r.tag == tag)
                return fail(step + u" refused: "_s + statusText(r));
            if (untagged)
                untagged->push_back(std::move(r));
        }
        pending = p.bytes;
    }
    pending += "\r\n";
    if (!sendRaw(pending))
        return false;

    for (;;) {
        ImapResponse r;
        if (!readResponse(&r, step, m_config.timeoutMs))
            return false;
        if (r.kind == ImapResponse::Kind::Tagged) {
            if (r.tag != tag) {
                note(u"ignored an answer for another tag"_s);
                continue;
            }
            if (r.keyword != "OK")
                return fail(step + u" refused: "_s + statusText(r));
            if (untagged)
                untagged->push_back(std::move(r));
            return true;
        }
        if (r.kind == ImapResponse::Kind::Continuation) {
            abortConnection();
            return fail(step + u": an unexpected continuation request"_s);
        }
        if (r.keyword == "BYE")
            note(u"the server is closing the connection: "_s + statusText(r));
        if (untagged)
            untagged->push_back(std::move(r));
    }
}

bool ImapClient::readResponse(ImapResponse *out, const QString &step, int waitMs, bool *timedOut)
{
    if (timedOut)
        *timedOut = false;
    for (;;) {
        if (std::optional<ImapResponse> r = m_parser.next()) {
            if (m_transcript.size() >= MaxTranscriptLines)
                m_transcript.removeFirst();
            m_transcript.append(u"S: "_s + latin(r->summary));
            *out = std::move(*r);
            return true;
        }
        if (m_parser.hasError()) {
            const QString why = m_parser.error();
            abortConnection();
            return fail(step + u": "_s + why + u"; connection closed"_s);
        }
        if (!m_socket || m_broken)
            return fail(step + u": not connected"_s);
        if (m_socket->bytesAvailable() == 0) {
            if (m_socket->state() != QAbstractSocket::ConnectedState) {
                abortConnection();
                return fail(step + u": the server closed the connection"_s);
            }
            if (!m_socket->waitForReadyRead(waitMs) && m_socket->bytesAvailable() == 0) {
                if (m_socket->state() == QAbstractSocket::ConnectedState) {
                    if (timedOut) {
                        *timedOut = true;
                        return false;
                    }
                    abortConnection();
                    return fail(step + u": no answer within %1 s"_s.arg(waitMs / 1000.0));
                }
                const QString why = m_socket->error() == QAbstractSocket::RemoteHostClosedError
                                        ? u"the server closed the connection"_s
                                        : m_socket->errorString();
                abortConnection();
                return fail(step + u": "_s + why);
            }
        }
        m_parser.feed(m_socket->read(std::min<qint64>(m_socket->bytesAvailable(), 1 << 20)));
    }
}
