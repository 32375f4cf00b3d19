#pragma once

#include "imap_response_parser.h"
#include "mailbox_config.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

class QSslSocket;

struct ImapMailboxStatus
{
    quint32 uidValidity = 0; // 0: the server sent none (then no UID may be trusted across sessions)
    quint32 uidNext = 0;     // 0: the server sent none
    quint32 exists = 0;
};

// A small IMAP4rev1 client for the bounce mailbox (docs/product.md §3, §4: delivery reports
// and bounces are read from it). Written here rather than taken from libetpan: that would add
// a C dependency with its own TLS handling beside our QSslSocket path, where certificates are
// always verified exactly as for SMTP (SmtpSecurity), and we need about eight commands
// (RFC 3501 / RFC 9051: CAPABILITY, STARTTLS, LOGIN or AUTHENTICATE PLAIN, SELECT, UID SEARCH,
// UID FETCH, UID STORE, UID MOVE or COPY+EXPUNGE, plus IDLE, RFC 2177, and LOGOUT).
//
// Synchronous: every call blocks until the server answered or the configured timeout passed
// (QSslSocket::waitFor*). It is meant for worker threads and the command line, never for the
// GUI thread. The socket is created by connectAndLogin() on the calling thread; use one
// client from one thread only.
//
// Security rules, none of which a setting can widen:
// - certificates are always verified (the system CAs plus ca_file), against peer_name or host;
// - with STARTTLS configured, a server that does not offer it (or greets with PREAUTH) is
//   refused before anything else is sent: no downgrade to a plaintext login;
// - after STARTTLS, capabilities and any bytes received before the handshake are discarded
//   (STARTTLS injection);
// - a plaintext login happens only with tls "none" to a loopback address;
// - the password never enters the transcript or an error.
class ImapClient final
{
public:
    struct TestStep
    {
        enum class Status { Ok, Failed, Skipped };
        QString id; // "connect", "greeting", "tls", "certificate", "login", "select"
        Status status = Status::Skipped;
        QString summary;
        QString detail;
    };

    explicit ImapClient(MailboxConfig config);
    ~ImapClient();
    ImapClient(const ImapClient &) = delete;
    ImapClient &operator=(const ImapClient &) = delete;

    bool connectAndLogin(const QString &password);
    std::optional<ImapMailboxStatus> select(const QString &folder);
    // UIDs of the selected folder above lastUid, ascending (UID SEARCH UID n:*).
    bool searchUidsAbove(quint32 lastUid, QList<quint32> *uids);
    // The whole message, or nothing (with error()) when it is gone, over maxMessageBytes or the
    // connection failed. Does not set \Seen (BODY.PEEK).
    std::optional<QByteArray> fetch(quint32 uid);
    // The flags of a message, e.g. "\Seen".
    std::optional<QList<QByteArray>> flags(quint32 uid);
    bool markSeen(const QList<quint32> &uids);
    // UID MOVE (RFC 6851) when offered, else COPY, \Deleted and UID EXPUNGE (UIDPLUS); without
    // UIDPLUS the originals are left flagged \Deleted (an EXPUNGE could remove others' mail).
    bool move(const QList<quint32> &uids, const QString &folder);
    // Waits up to waitMs (at most 29 minutes, RFC 2177) for new mail in the selected folder.
    // False with error() when IDLE is not offered or the connection failed.
    bool idle(int waitMs, bool *newMail);
    // For setting up folders (and for the tests): CREATE, DELETE, and APPEND of one message.
    bool create(const QString &folder);
    bool deleteFolder(const QString &folder);
    bool append(const QString &folder, const QByteArray &message, const QByteArrayList &flags = {});
    void logout();

    bool isLoggedIn() const { return m_loggedIn; }
    bool isEncrypted() const;
    bool hasCapability(QByteArrayView capability) const;
    QByteArrayList capabilities() const { return m_capabilities; }
    QSslCertificate peerCertificate() const;

    // "imap host:port: <the step and what went wrong>"; empty after success.
    QString error() const { return m_error; }
    // "C: …" and "S: …" lines, "* …" for events; passwords redacted, bodies by size only.
    QStringList transcript() const { return m_transcript; }

    // "Test connection" for the bounce mailbox settings, like RouteTester for routes: each
    // step's result, stopping at the first failure (the rest Skipped). Blocking.
    static QList<TestStep> test(const MailboxConfig &config, const QString &password);

    // RFC 3501 §5.1.3 modified UTF-7, the encoding of folder names on the wire.
    static QByteArray encodeFolderName(const QString &name);
    // "1:3,7": a UID set for a command line.
    static QByteArray uidSet(QList<quint32> uids);

private:
    struct Part
    {
        QByteArray bytes;
        bool literal = false;
    };

    bool openConnection(QString *greetingText);
    bool startTls();
    bool login(const QString &password);
    bool refreshCapabilities();
    bool run(const std::vector<Part> &parts, const QString &step, std::vector<ImapResponse> *untagged = nullptr,
             const QString &shown = QString());
    bool run(const QByteArray &command, const QString &step, std::vector<ImapResponse> *untagged = nullptr);
    bool sendRaw(const QByteArray &bytes);
    bool readResponse(ImapResponse *out, const QString &step, int waitMs, bool *timedOut = nullptr);
    bool waitForEncryption(const QString &step);
    void takeCapabilities(const ImapResponse &r);
    std::vector<Part> astring(const QByteArray &value) const;
    bool fail(const QString &message);
    void abortConnection();
    void note(const QString &line);
    void logClient(const QString &line);
    QString sslErrorText() const;

    MailboxConfig m_config;
    std::unique_ptr<QSslSocket> m_socket;
    ImapResponseParser m_parser;
    QByteArrayList m_capabilities;
    QList<QSslError> m_sslErrors;
    QString m_error;
    QStringList m_transcript;
    int m_tagCounter = 0;
    bool m_loggedIn = false;
    bool m_broken = false;
    QString m_selected;
};
