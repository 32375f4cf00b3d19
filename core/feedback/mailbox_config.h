#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// The bounce mailbox (docs/product.md §3, §4: relay routes learn Sent and asynchronous
// bounces from delivery reports read there): where it is, how to log in, and what to do with
// a message once it has been read. The password is never part of it, only the name of the
// environment variable that holds it.
struct MailboxConfig
{
    enum class Tls {
        Implicit, // TLS from the first byte (IMAPS, port 993)
        StartTls, // STARTTLS or nothing: never a login without TLS
        None,     // plaintext; only accepted for a loopback server
    };
    enum class After {
        MarkSeen, // set \Seen and leave the message where it is
        Move,     // move it to moveTo
    };

    static constexpr qint64 DefaultMaxMessageBytes = 64 * 1024 * 1024;

    QString host;
    quint16 port = 993;
    Tls tls = Tls::Implicit;
    QString username;
    QString passwordEnv;
    QString folder = QStringLiteral("INBOX");
    After after = After::MarkSeen;
    QString moveTo;
    QString caFile;   // extra CA certificates (PEM) to trust: a private CA or the test CA
    QString peerName; // the name the certificate must carry; empty: host
    int timeoutMs = 30'000;
    int pollSeconds = 60; // how often the mailbox is read while a delivery waits for its reports
    qint64 maxMessageBytes = DefaultMaxMessageBytes;

    // True when a mailbox is configured at all (a host and a user).
    bool isSet() const;
    // "user@host:port/folder": identifies the UIDVALIDITY/last-UID state stored for it, so a
    // different account or folder never inherits another one's position.
    QString key() const;
    QString effectivePeerName() const { return peerName.isEmpty() ? host : peerName; }

    // errors receive one line per bad field, naming it ("bounce_mailbox.port: …"); the
    // result is only meaningful when no error was added.
    static MailboxConfig fromJson(const QJsonObject &json, QStringList *errors);
    QJsonObject toJson() const;

    static QString tlsName(Tls tls);
    static QString afterName(After after);
};
