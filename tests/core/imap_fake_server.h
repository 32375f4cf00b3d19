#pragma once

// A small scriptable IMAP server on 127.0.0.1 for what Dovecot will not do (the pattern of
// smtp_fake_server.h): STARTTLS not offered, STARTTLS injection, PREAUTH, LOGINDISABLED,
// literals over the limit, a connection dropped inside a literal, a server that stalls.
// Everything else is tested against the real Dovecot. Header-only, no Q_OBJECT. ImapClient is
// synchronous, so the tests run it on a worker thread while this server runs on the main
// thread's event loop.

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <functional>
#include <memory>

class FakeImapServer final : public QTcpServer
{
public:
    struct Connection
    {
        QSslSocket *socket = nullptr;
        QByteArray buffer;
        QByteArray line; // the command assembled so far, literals inline
        qsizetype literalRemaining = 0;
        bool tls = false;
        bool authenticated = false;
        bool idling = false;
        QByteArray idleTag;
    };

    QByteArray greeting = "* OK fake IMAP ready\r\n";
    QByteArray capsPlain = "IMAP4rev1 STARTTLS AUTH=PLAIN SASL-IR";
    QByteArray capsTls = "IMAP4rev1 AUTH=PLAIN SASL-IR";
    QByteArray capsAuthenticated = "IMAP4rev1 IDLE MOVE UIDPLUS";
    QByteArray injectAfterStartTls; // sent in the same write as the STARTTLS OK
    bool implicitTls = false;
    QSslCertificate certificate;
    QSslKey privateKey;

    // Called for each complete command before the default handling; true when it answered.
    std::function<bool(Connection &, const QByteArray &tag, const QByteArray &verb, const QByteArray &line)> onCommand;

    QList<QByteArray> commands; // every command line as received (literals inline)
    int plaintextCommands = 0;
    int continuationsSent = 0;

    FakeImapServer() { listen(QHostAddress::LocalHost, 0); }

    ~FakeImapServer() override
    {
        for (const auto &c : m_connections) {
            c->socket->disconnect();
            c->socket->abort();
        }
    }

    QList<QByteArray> verbs() const
    {
        QList<QByteArray> out;
        for (const QByteArray &c : commands) {
            const QList<QByteArray> words = c.split(' ');
            QByteArray verb = words.value(1).toUpper();
            if (verb == "UID")
                verb += ' ' + words.value(2).toUpper();
            out.append(verb);
        }
        return out;
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto connection = std::make_shared<Connection>();
        Connection *c = connection.get();
        m_connections.append(connection);
        c->socket = new QSslSocket(this);
        c->socket->setSocketDescriptor(descriptor);
        c->socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        if (!certificate.isNull()) {
            c->socket->setLocalCertificate(certificate);
            c->socket->setPrivateKey(privateKey);
        }
        QObject::connect(c->socket, &QSslSocket::readyRead, this, [this, c] { onReadyRead(*c); });
        QObject::connect(c->socket, &QSslSocket::encrypted, this, [this, c] {
            c->tls = true;
            if (implicitTls)
                c->socket->write(greeting);
        });
        QObject::connect(c->socket, &QSslSocket::sslErrors, this, [](const QList<QSslError> &) {});
        if (implicitTls)
            c->socket->startServerEncryption();
        else
            c->socket->write(greeting);
    }

private:
    void onReadyRead(Connection &c)
    {
        c.buffer += c.socket->readAll();
        for (;;) {
            if (c.literalRemaining > 0) {
                const qsizetype take = std::min(c.literalRemaining, c.buffer.size());
                c.line += c.buffer.first(take);
                c.buffer.remove(0, take);
                c.literalRemaining -= take;
                if (c.literalRemaining > 0)
                    return;
                continue;
            }
            const qsizetype newline = c.buffer.indexOf("\r\n");
            if (newline < 0)
                return;
            const QByteArray part = c.buffer.first(newline);
            c.buffer.remove(0, newline + 2);
            c.line += part;
            // A literal follows: {n} (synchronizing: invite it) or {n+}.
            if (part.endsWith('}') && part.lastIndexOf('{') >= 0) {
                const qsizetype open = part.lastIndexOf('{');
                QByteArray digits = part.sliced(open + 1, part.size() - open - 2);
                const bool plus = digits.endsWith('+');
                if (plus)
                    digits.chop(1);
                c.literalRemaining = digits.toLongLong();
                c.line += "\r\n";
                if (!plus) {
                    ++continuationsSent;
                    c.socket->write("+ go ahead\r\n");
                }
                continue;
            }
            const QByteArray line = c.line;
            c.line.clear();
            if (c.idling) {
                if (line.toUpper() == "DONE") {
                    c.idling = false;
                    c.socket->write(c.idleTag + " OK Idle completed\r\n");
                }
                continue;
            }
            commands.append(line);
            plaintextCommands += c.tls ? 0 : 1;
            if (!command(c, line))
                return; // the connection went into TLS: nothing buffered may count
        }
    }

    bool command(Connection &c, const QByteArray &line)
    {
        const QList<QByteArray> words = line.split(' ');
        const QByteArray tag = words.value(0);
        const QByteArray verb = words.value(1).toUpper();
        if (onCommand && onCommand(c, tag, verb, line))
            return true;
        const QByteArray ok = tag + " OK done\r\n";
        if (verb == "CAPABILITY") {
            const QByteArray caps = c.authenticated ? capsAuthenticated : (c.tls || implicitTls ? capsTls : capsPlain);
            c.socket->write("* CAPABILITY " + caps + "\r\n" + ok);
        } else if (verb == "STARTTLS") {
            c.socket->write(tag + " OK Begin TLS negotiation now\r\n" + injectAfterStartTls);
            c.socket->flush();
            c.buffer.clear();
            c.socket->startServerEncryption();
            return false;
        } else if (verb == "LOGIN" || verb == "AUTHENTICATE") {
            c.authenticated = true;
            c.socket->write(tag + " OK [CAPABILITY " + capsAuthenticated + "] Logged in\r\n");
        } else if (verb == "SELECT") {
            c.socket->write("* 3 EXISTS\r\n* OK [UIDVALIDITY 42] UIDs valid\r\n* OK [UIDNEXT 4] next\r\n" + tag +
                            " OK [READ-WRITE] Select completed\r\n");
        } else if (verb == "IDLE") {
            c.idling = true;
            c.idleTag = tag;
            c.socket->write("+ idling\r\n");
        } else if (verb == "LOGOUT") {
            c.socket->write("* BYE Logging out\r\n" + ok);
            c.socket->disconnectFromHost();
        } else if (verb == "UID" || verb == "NOOP" || verb == "CREATE") {
            c.socket->write(ok);
        } else {
            c.socket->write(tag + " BAD unknown command\r\n");
        }
        return true;
    }

    QList<std::shared_ptr<Connection>> m_connections;
};
