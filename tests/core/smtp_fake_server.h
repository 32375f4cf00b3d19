#pragma once

// A small scriptable SMTP server on 127.0.0.1 for the attacks real servers will not perform
// (docs/reliability.md G): STARTTLS injection, stripped STARTTLS, bad certificates,
// hostile or trickled replies, a connection dropped after the final dot. Everything else is
// tested against Postfix's smtp-sink. Header-only because every tests/core/tst_*.cpp is
// built alone; no Q_OBJECT, so no moc is needed for it.

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>
#include <functional>
#include <memory>

class FakeSmtpServer final : public QTcpServer
{
public:
    struct Connection
    {
        QSslSocket *socket = nullptr;
        QByteArray buffer;
        bool tls = false;
        bool inData = false;
        int authLoginStep = 0; // 1: the user name is due, 2: the password
        bool authLoginUserOk = false;
        bool haveRecipient = false;
        QByteArray message;
        QByteArray rawReceived;           // everything read, before any TLS (or decrypted after)
        QByteArray receivedAfterStartTls; // plaintext bytes the client sent after our 220
        bool awaitingHandshake = false;
        QByteArray trickle; // replies still to send one byte at a time
        QTimer *trickleTimer = nullptr;
    };

    // What the server says. Lines of the EHLO reply after the first, without "250-".
    QByteArray greeting = "220 fake.test ESMTP ready\r\n";
    QList<QByteArray> ehloPlain{"PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES", "STARTTLS", "AUTH PLAIN LOGIN"};
    QList<QByteArray> ehloTls{"PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES", "AUTH PLAIN LOGIN"};
    QByteArray startTlsReply = "220 2.0.0 Ready to start TLS\r\n";
    bool startTlsHandshake = true; // false: answer STARTTLS but never start the handshake
    bool implicitTls = false;
    bool trickleReplies = false; // every reply byte in its own segment
    bool sendGreeting = true;
    QSslCertificate certificate;
    QSslKey privateKey;
    QByteArray username = "user";
    QByteArray password = "s3cret-Pa55";

    // Called for each command line (without CRLF) before the default handling; return true
    // when the hook answered it.
    std::function<bool(Connection &, const QByteArray &)> onCommand;
    // Called at the end of each message's data; return true when the hook answered it.
    std::function<bool(Connection &)> onEndOfData;

    // What the server saw.
    QList<QByteArray> commands;              // every command line, all connections
    QList<QList<QByteArray>> commandBatches; // command lines per read, to see pipelining
    QList<QByteArray> messages;              // un-stuffed data of every message
    QList<QByteArray> authLines;             // raw AUTH lines and continuations
    int plaintextCommands = 0;               // commands read before TLS was up
    QByteArray receivedAfterStartTls;
    int connectionCount = 0;
    int handshakes = 0;

    FakeSmtpServer() { listen(QHostAddress::LocalHost, 0); }

    ~FakeSmtpServer() override
    {
        for (const auto &c : m_connections) {
            c->socket->disconnect();
            c->socket->abort();
        }
    }

    bool sawCommand(const QByteArray &prefix) const
    {
        for (const QByteArray &c : commands) {
            if (c.toUpper().startsWith(prefix.toUpper()))
                return true;
        }
        return false;
    }

    void reply(Connection &c, const QByteArray &bytes)
    {
        if (!trickleReplies) {
            c.socket->write(bytes);
            return;
        }
        c.trickle += bytes;
        if (!c.trickleTimer->isActive())
            c.trickleTimer->start();
    }

    QByteArray ehloReply(const Connection &c) const
    {
        const QList<QByteArray> &caps = c.tls || implicitTls ? ehloTls : ehloPlain;
        QByteArray out = caps.isEmpty() ? "250 fake.test\r\n" : "250-fake.test\r\n";
        for (qsizetype i = 0; i < caps.size(); ++i)
            out += (i + 1 == caps.size() ? "250 " : "250-") + caps[i] + "\r\n";
        return out;
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto connection = std::make_shared<Connection>();
        Connection *c = connection.get();
        m_connections.append(connection);
        ++connectionCount;
        c->socket = new QSslSocket(this);
        c->socket->setSocketDescriptor(descriptor);
        c->socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        c->socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        if (!certificate.isNull()) {
            c->socket->setLocalCertificate(certificate);
            c->socket->setPrivateKey(privateKey);
        }
        c->trickleTimer = new QTimer(c->socket);
        c->trickleTimer->setInterval(1);
        QObject::connect(c->trickleTimer, &QTimer::timeout, c->socket, [c] {
            if (c->trickle.isEmpty()) {
                c->trickleTimer->stop();
                return;
            }
            c->socket->write(c->trickle.first(1));
            c->socket->flush();
            c->trickle.remove(0, 1);
        });
        QObject::connect(c->socket, &QSslSocket::readyRead, this, [this, c] { onReadyRead(*c); });
        QObject::connect(c->socket, &QSslSocket::encrypted, this, [this, c] {
            ++handshakes;
            c->tls = true;
            if (implicitTls && sendGreeting)
                reply(*c, greeting);
        });
        // The client refuses our certificate: that is the expected end of those tests.
        QObject::connect(c->socket, &QSslSocket::sslErrors, this, [](const QList<QSslError> &) {});
        if (implicitTls) {
            c->socket->startServerEncryption();
        } else if (sendGreeting) {
            reply(*c, greeting);
        }
    }

private:
    void onReadyRead(Connection &c)
    {
        const QByteArray bytes = c.socket->readAll();
        c.rawReceived += bytes;
        if (c.awaitingHandshake) {
            c.receivedAfterStartTls += bytes;
            receivedAfterStartTls += bytes;
            return;
        }
        c.buffer += bytes;
        QList<QByteArray> batch;
        qsizetype newline;
        while ((newline = c.buffer.indexOf("\r\n")) >= 0) {
            const QByteArray line = c.buffer.first(newline);
            c.buffer.remove(0, newline + 2);
            if (c.inData) {
                dataLine(c, line);
                continue;
            }
            batch.append(line);
            commands.append(line);
            plaintextCommands += c.tls ? 0 : 1;
            command(c, line);
            if (c.awaitingHandshake) {
                // Whatever the client pipelined after STARTTLS is plaintext it must not send.
                c.receivedAfterStartTls += c.buffer;
                receivedAfterStartTls += c.buffer;
                c.buffer.clear();
                break;
            }
        }
        if (!batch.isEmpty())
            commandBatches.append(batch);
    }

    void dataLine(Connection &c, const QByteArray &line)
    {
        if (line == ".") {
            c.inData = false;
            messages.append(c.message);
            c.message.clear();
            if (!onEndOfData || !onEndOfData(c))
                reply(c, "250 2.0.0 Ok: queued\r\n");
            return;
        }
        c.message += (line.startsWith('.') ? line.sliced(1) : line) + "\r\n";
    }

    void command(Connection &c, const QByteArray &line)
    {
        if (c.authLoginStep != 0) {
            authLines.append(line);
            if (c.authLoginStep == 1) {
                c.authLoginUserOk = QByteArray::fromBase64(line) == username;
                c.authLoginStep = 2;
                reply(c, "334 UGFzc3dvcmQ6\r\n");
                return;
            }
            c.authLoginStep = 0;
            const bool ok = c.authLoginUserOk && QByteArray::fromBase64(line) == password;
            reply(c, ok ? "235 2.7.0 Authentication successful\r\n" : "535 5.7.8 Authentication failed\r\n");
            return;
        }
        if (onCommand && onCommand(c, line))
            return;
        const qsizetype space = line.indexOf(' ');
        const QByteArray verb = (space < 0 ? line : line.first(space)).toUpper();
        if (verb == "EHLO") {
            reply(c, ehloReply(c));
        } else if (verb == "HELO") {
            reply(c, "250 fake.test\r\n");
        } else if (verb == "STARTTLS") {
            reply(c, startTlsReply);
            if (startTlsReply.startsWith("220")) {
                c.awaitingHandshake = true;
                if (startTlsHandshake) {
                    c.socket->flush();
                    c.awaitingHandshake = false;
                    c.socket->startServerEncryption();
                }
            }
        } else if (verb == "AUTH") {
            authLines.append(line);
            const QList<QByteArray> words = line.split(' ');
            const QByteArray mechanism = words.value(1).toUpper();
            if (mechanism == "PLAIN" && words.size() == 3) {
                const QByteArray expected = '\0' + username + '\0' + password;
                reply(c, QByteArray::fromBase64(words[2]) == expected ? "235 2.7.0 Authentication successful\r\n"
                                                                      : "535 5.7.8 Authentication failed\r\n");
            } else if (mechanism == "LOGIN") {
                c.authLoginStep = 1;
                reply(c, "334 VXNlcm5hbWU6\r\n");
            } else {
                reply(c, "504 5.5.4 Unrecognized authentication type\r\n");
            }
        } else if (verb == "MAIL") {
            c.haveRecipient = false;
            reply(c, "250 2.1.0 Ok\r\n");
        } else if (verb == "RCPT") {
            const bool unknown = line.contains("unknown");
            c.haveRecipient = c.haveRecipient || !unknown;
            reply(c,
                  unknown ? "550 5.1.1 <unknown>: Recipient address rejected: User unknown\r\n" : "250 2.1.5 Ok\r\n");
        } else if (verb == "DATA") {
            if (!c.haveRecipient) {
                reply(c, "554 5.5.1 Error: no valid recipients\r\n");
                return;
            }
            c.inData = true;
            reply(c, "354 End data with <CR><LF>.<CR><LF>\r\n");
        } else if (verb == "RSET" || verb == "NOOP") {
            c.haveRecipient = false;
            reply(c, "250 2.0.0 Ok\r\n");
        } else if (verb == "QUIT") {
            reply(c, "221 2.0.0 Bye\r\n");
            if (!trickleReplies)
                c.socket->disconnectFromHost();
        } else {
            reply(c, "502 5.5.2 Error: command not recognized\r\n");
        }
    }

    QList<std::shared_ptr<Connection>> m_connections;
};
