// ImapClient's mailbox commands (select, search, fetch, flags, move, IDLE, folders, logout) and
// its Test connection; the connection, TLS, login and command loop are in imap_client.cpp.
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

constexpr int MaxIdleMs = 29 * 60 * 1000; // RFC 2177: re-issue IDLE at least every 29 minutes
constexpr qsizetype MaxUidsPerCommand = 500;

} // namespace

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
