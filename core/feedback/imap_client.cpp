#include "imap_client.h"

#include "smtp/smtp_endpoint.h"
#include "smtp/smtp_security.h"

#include <QSslCipher>
#include <QSslSocket>
#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MaxTranscriptLines = 2000;
constexpr int MaxIdleMs = 29 * 60 * 1000; // RFC 2177: re-issue IDLE at least every 29 minutes
constexpr qsizetype MaxUidsPerCommand = 500;
constexpr qint64 SocketReadBufferBytes = 4 * 1024 * 1024; // what the socket may hold beyond the parser
constexpr qsizetype MaxQuotedBytes = 1000;

QString latin(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes);
}

QString statusText(const ImapResponse &r)
{
    QString s = latin(r.keyword);
    if (!r.code.isEmpty())
        s += u" ["_s + latin(r.code) + (r.codeArguments.isEmpty() ? QString() : u' ' + latin(r.codeArguments)) + u']';
    if (!r.text.isEmpty())
        s += u' ' + QString::fromUtf8(r.text.first(std::min<qsizetype>(r.text.size(), 300)));
    return s;
}

QString certificateSummary(const QSslCertificate &cert)
{
    if (cert.isNull())
        return QString();
    return u"subject: %1; issuer: %2; valid until %3"_s.arg(cert.subjectDisplayName(), cert.issuerDisplayName(),
                                                            cert.expiryDate().toUTC().toString(Qt::ISODate));
}

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

QByteArray ImapClient::encodeFolderName(const QString &name)
{
    QByteArray out;
    qsizetype i = 0;
    const auto printable = [](char16_t c) { return c >= 0x20 && c <= 0x7E; };
    while (i < name.size()) {
        const char16_t c = name.at(i).unicode();
        if (printable(c)) {
            out += c == u'&' ? QByteArray("&-") : QByteArray(1, static_cast<char>(c));
            ++i;
            continue;
        }
        QByteArray utf16;
        while (i < name.size() && !printable(name.at(i).unicode())) {
            const char16_t u = name.at(i).unicode();
            utf16 += static_cast<char>(u >> 8);
            utf16 += static_cast<char>(u & 0xFF);
            ++i;
        }
        out +=
            '&' + utf16.toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals).replace('/', ',') + '-';
    }
    return out;
}

QByteArray ImapClient::uidSet(QList<quint32> uids)
{
    std::sort(uids.begin(), uids.end());
    uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
    QByteArray out;
    for (qsizetype i = 0; i < uids.size();) {
        qsizetype j = i;
        while (j + 1 < uids.size() && uids[j + 1] == uids[j] + 1)
            ++j;
        if (!out.isEmpty())
            out += ',';
        out += QByteArray::number(uids[i]);
        if (j > i)
            out += ':' + QByteArray::number(uids[j]);
        i = j + 1;
    }
    return out;
}

namespace {

QByteArray mailboxArgument(const QString &folder, bool *literal)
{
    // INBOX is case-insensitive and always spelled plainly (RFC 3501 §5.1).
    const QByteArray encoded = folder.compare(u"INBOX"_s, Qt::CaseInsensitive) == 0
                                   ? QByteArray("INBOX")
                                   : ImapClient::encodeFolderName(folder);
    *literal = false;
    QByteArray q = "\"";
    for (char c : encoded) {
        if (c == '"' || c == '\\')
            q += '\\';
        q += c;
    }
    return q + '"';
}

} // namespace

std::optional<ImapMailboxStatus> ImapClient::select(const QString &folder)
{
    bool literal = false;
    const QByteArray name = mailboxArgument(folder, &literal);
    std::vector<ImapResponse> untagged;
    if (!run("SELECT " + name, u"SELECT %1"_s.arg(folder), &untagged))
        return std::nullopt;
    ImapMailboxStatus status;
    for (const ImapResponse &r : untagged) {
        if (r.keyword == "EXISTS" && r.number)
            status.exists = *r.number;
        if (r.isStatus() && (r.code == "UIDVALIDITY" || r.code == "UIDNEXT")) {
            const ImapValue v{ImapValue::Type::Atom, r.codeArguments.trimmed(), {}};
            (r.code == "UIDVALIDITY" ? status.uidValidity : status.uidNext) = v.toNumber().value_or(0);
        }
    }
    m_selected = folder;
    return status;
}

bool ImapClient::searchUidsAbove(quint32 lastUid, QList<quint32> *uids)
{
    uids->clear();
    if (lastUid == std::numeric_limits<quint32>::max())
        return true;
    std::vector<ImapResponse> untagged;
    if (!run("UID SEARCH UID " + QByteArray::number(lastUid + 1) + ":*", u"UID SEARCH"_s, &untagged))
        return false;
    for (const ImapResponse &r : untagged) {
        if (r.keyword != "SEARCH")
            continue;
        for (const ImapValue &v : r.values) {
            // "n:*" always matches the highest UID, even one at or below n (RFC 3501 §6.4.8).
            if (const std::optional<quint32> uid = v.toNumber(); uid && *uid > lastUid)
                uids->append(*uid);
        }
    }
    std::sort(uids->begin(), uids->end());
    uids->erase(std::unique(uids->begin(), uids->end()), uids->end());
    return true;
}

std::optional<QByteArray> ImapClient::fetch(quint32 uid)
{
    const QString step = u"FETCH UID %1"_s.arg(uid);
    std::vector<ImapResponse> untagged;
    if (!run("UID FETCH " + QByteArray::number(uid) + " (UID RFC822.SIZE BODY.PEEK[])", step, &untagged))
        return std::nullopt;
    for (ImapResponse &r : untagged) {
        const ImapValue *uidItem = r.fetchItem("UID");
        if (!uidItem || uidItem->toNumber() != uid)
            continue; // an unsolicited FETCH (flags of another message)
        if (const ImapValue *size = r.fetchItem("RFC822.SIZE");
            size && size->toSize().value_or(0) > m_config.maxMessageBytes) {
            fail(step + u": the message is %1 bytes, over the limit of %2 bytes"_s.arg(*size->toSize())
                            .arg(m_config.maxMessageBytes));
            return std::nullopt;
        }
        const ImapValue *body = r.fetchItem("BODY[]");
        if (!body || body->type != ImapValue::Type::String) {
            if (body && body->type == ImapValue::Type::Nil)
                fail(step + u": the server has no content for the message (NIL)"_s);
            continue;
        }
        if (body->bytes.size() > m_config.maxMessageBytes) {
            fail(step + u": the message is %1 bytes, over the limit of %2 bytes"_s.arg(body->bytes.size())
                            .arg(m_config.maxMessageBytes));
            return std::nullopt;
        }
        m_error.clear();
        return std::move(const_cast<ImapValue *>(body)->bytes);
    }
    if (m_error.isEmpty())
        fail(step + u": no such message in %1 (expunged?)"_s.arg(m_selected));
    return std::nullopt;
}

std::optional<QList<QByteArray>> ImapClient::flags(quint32 uid)
{
    const QString step = u"FETCH FLAGS UID %1"_s.arg(uid);
    std::vector<ImapResponse> untagged;
    if (!run("UID FETCH " + QByteArray::number(uid) + " (UID FLAGS)", step, &untagged))
        return std::nullopt;
    for (const ImapResponse &r : untagged) {
        const ImapValue *uidItem = r.fetchItem("UID");
        const ImapValue *flagsItem = r.fetchItem("FLAGS");
        if (!uidItem || uidItem->toNumber() != uid || !flagsItem || flagsItem->type != ImapValue::Type::List)
            continue;
        QList<QByteArray> out;
        for (const ImapValue &f : flagsItem->list)
            out.append(f.bytes);
        return out;
    }
    fail(step + u": no such message in %1"_s.arg(m_selected));
    return std::nullopt;
}

bool ImapClient::markSeen(const QList<quint32> &uids)
{
    for (qsizetype i = 0; i < uids.size(); i += MaxUidsPerCommand) {
        const QByteArray set = uidSet(uids.mid(i, MaxUidsPerCommand));
        if (!run("UID STORE " + set + " +FLAGS.SILENT (\\Seen)", u"mark seen"_s))
            return false;
    }
    return true;
}

bool ImapClient::move(const QList<quint32> &uids, const QString &folder)
{
    bool literal = false;
    const QByteArray target = mailboxArgument(folder, &literal);
    const QString step = u"move to %1"_s.arg(folder);
    for (qsizetype i = 0; i < uids.size(); i += MaxUidsPerCommand) {
        const QByteArray set = uidSet(uids.mid(i, MaxUidsPerCommand));
        if (hasCapability("MOVE")) {
            if (!run("UID MOVE " + set + ' ' + target, step))
                return false;
            continue;
        }
        if (!run("UID COPY " + set + ' ' + target, step) ||
            !run("UID STORE " + set + " +FLAGS.SILENT (\\Deleted)", step))
            return false;
        // Without UIDPLUS only a plain EXPUNGE exists, which would also remove messages that
        // someone else flagged \Deleted: leave ours flagged instead.
        if (hasCapability("UIDPLUS")) {
            if (!run("UID EXPUNGE " + set, step))
                return false;
        } else {
            note(u"no UIDPLUS: the copied messages stay flagged \\Deleted"_s);
        }
    }
    return true;
}

bool ImapClient::idle(int waitMs, bool *newMail)
{
    *newMail = false;
    if (!hasCapability("IDLE"))
        return fail(u"IDLE: not offered by the server"_s);
    const QByteArray tag = "A" + QByteArray::number(++m_tagCounter).rightJustified(3, '0');
    logClient(latin(tag) + u" IDLE"_s);
    if (!sendRaw(tag + " IDLE\r\n"))
        return false;
    for (;;) {
        ImapResponse r;
        if (!readResponse(&r, u"IDLE"_s, m_config.timeoutMs))
            return false;
        if (r.kind == ImapResponse::Kind::Continuation)
            break;
        if (r.kind == ImapResponse::Kind::Tagged && r.tag == tag)
            return fail(u"IDLE: the server answered "_s + statusText(r));
        if (r.keyword == "EXISTS")
            *newMail = true;
    }
    const QDeadlineTimer deadline(std::clamp(waitMs, 0, MaxIdleMs));
    while (!*newMail) {
        const qint64 remaining = deadline.remainingTime();
        if (remaining <= 0)
            break;
        ImapResponse r;
        bool timedOut = false;
        if (!readResponse(&r, u"IDLE"_s, static_cast<int>(remaining), &timedOut)) {
            if (timedOut)
                break;
            return false;
        }
        if (r.kind == ImapResponse::Kind::Tagged && r.tag == tag)
            return fail(u"IDLE: the server ended it: "_s + statusText(r));
        if (r.keyword == "EXISTS")
            *newMail = true;
    }
    logClient(u"DONE"_s);
    if (!sendRaw("DONE\r\n"))
        return false;
    for (;;) {
        ImapResponse r;
        if (!readResponse(&r, u"IDLE"_s, m_config.timeoutMs))
            return false;
        if (r.kind == ImapResponse::Kind::Tagged && r.tag == tag) {
            if (r.keyword != "OK")
                return fail(u"IDLE: the server answered "_s + statusText(r));
            return true;
        }
        if (r.keyword == "EXISTS")
            *newMail = true;
    }
}

bool ImapClient::create(const QString &folder)
{
    bool literal = false;
    return run("CREATE " + mailboxArgument(folder, &literal), u"CREATE %1"_s.arg(folder));
}

bool ImapClient::deleteFolder(const QString &folder)
{
    bool literal = false;
    return run("DELETE " + mailboxArgument(folder, &literal), u"DELETE %1"_s.arg(folder));
}

bool ImapClient::append(const QString &folder, const QByteArray &message, const QByteArrayList &flags)
{
    bool literal = false;
    QByteArray head = "APPEND " + mailboxArgument(folder, &literal) + ' ';
    if (!flags.isEmpty())
        head += '(' + flags.join(' ') + ") ";
    return run({Part{head}, Part{message, true}}, u"APPEND to %1"_s.arg(folder));
}

void ImapClient::logout()
{
    if (m_socket && !m_broken && m_socket->state() == QAbstractSocket::ConnectedState) {
        const int saved = m_config.timeoutMs;
        m_config.timeoutMs = std::min(saved, 5'000); // a polite goodbye, not worth a long wait
        const QString error = m_error;
        run("LOGOUT", u"LOGOUT"_s);
        m_error = error;
        m_config.timeoutMs = saved;
    }
    m_loggedIn = false;
    if (m_socket) {
        m_socket->abort();
        m_socket.reset();
    }
}

QList<ImapClient::TestStep> ImapClient::test(const MailboxConfig &config, const QString &password)
{
    using Status = TestStep::Status;
    QList<TestStep> steps;
    const auto add = [&steps](const QString &id, Status status, const QString &summary, const QString &detail = {}) {
        steps.append(TestStep{id, status, summary, detail});
    };
    const QStringList order{u"connect"_s, u"greeting"_s, u"tls"_s, u"certificate"_s, u"login"_s, u"select"_s};
    const auto finish = [&] {
        for (const QString &id : order) {
            if (std::none_of(steps.begin(), steps.end(), [&](const TestStep &s) { return s.id == id; }))
                add(id, Status::Skipped, QString());
        }
        return steps;
    };

    ImapClient c(config);
    QString greeting;
    const bool opened = c.openConnection(&greeting);
    const auto tlsSteps = [&](bool ok) {
        if (c.isEncrypted()) {
            const QSslCipher cipher = c.m_socket->sessionCipher();
            add(u"tls"_s, Status::Ok, cipher.protocolString() + u' ' + cipher.name());
            add(u"certificate"_s, Status::Ok, u"verified for %1"_s.arg(config.effectivePeerName()),
                certificateSummary(c.peerCertificate()));
        } else if (!c.m_sslErrors.isEmpty()) {
            add(u"tls"_s, Status::Failed, c.error());
            QSslCertificate cert = c.m_sslErrors.first().certificate();
            add(u"certificate"_s, Status::Failed, c.sslErrorText(), certificateSummary(cert));
        } else if (!ok) {
            add(u"tls"_s, Status::Failed, c.error());
        }
    };
    if (!opened) {
        const bool connected = c.m_transcript.join(u'\n').contains(u"* connected to"_s);
        add(u"connect"_s, connected ? Status::Ok : Status::Failed,
            connected ? u"connected to %1:%2"_s.arg(config.host).arg(config.port) : c.error());
        if (connected) {
            if (config.tls == MailboxConfig::Tls::Implicit)
                tlsSteps(false);
            if (!c.m_error.isEmpty() &&
                std::none_of(steps.begin(), steps.end(), [](const TestStep &s) { return s.status == Status::Failed; }))
                add(u"greeting"_s, Status::Failed, c.error());
        }
        return finish();
    }
    add(u"connect"_s, Status::Ok, u"connected to %1:%2"_s.arg(config.host).arg(config.port));
    if (config.tls == MailboxConfig::Tls::Implicit)
        tlsSteps(true);
    add(u"greeting"_s, Status::Ok, greeting);
    if (config.tls == MailboxConfig::Tls::StartTls) {
        const bool ok = c.startTls();
        tlsSteps(ok);
        if (!ok)
            return finish();
    } else if (config.tls == MailboxConfig::Tls::None) {
        if (!c.startTls()) {
            add(u"tls"_s, Status::Failed, c.error());
            return finish();
        }
        add(u"tls"_s, Status::Skipped, u"tls none: plaintext to a loopback address"_s);
        add(u"certificate"_s, Status::Skipped, QString());
    } else if (c.m_capabilities.isEmpty() && !c.refreshCapabilities()) {
        add(u"login"_s, Status::Failed, c.error());
        return finish();
    }
    if (!c.login(password)) {
        add(u"login"_s, Status::Failed, c.error());
        return finish();
    }
    add(u"login"_s, Status::Ok, u"logged in as %1"_s.arg(config.username),
        u"capabilities: "_s + latin(c.m_capabilities.join(' ')));
    const std::optional<ImapMailboxStatus> s = c.select(config.folder);
    if (!s)
        add(u"select"_s, Status::Failed, c.error());
    else
        add(u"select"_s, Status::Ok,
            u"%1: %2 messages, UIDVALIDITY %3, UIDNEXT %4"_s.arg(config.folder)
                .arg(s->exists)
                .arg(s->uidValidity)
                .arg(s->uidNext));
    c.logout();
    return finish();
}
