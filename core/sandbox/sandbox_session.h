#pragma once

#include "sandbox_config.h"

#include <QByteArray>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <memory>

class QTcpSocket;

// What the sandbox's connections share with the SandboxServer facade (any thread, under mutex).
struct SandboxShared
{
    struct Stats
    {
        int connections = 0;
        int messagesAccepted = 0;   // messages whose data was accepted (250 after the final dot)
        int recipientsAccepted = 0; // recipients of those messages
        int hardBounces = 0;        // RCPT answered 550 5.1.1
        int softBounces = 0;        // RCPT answered 452 4.2.2
        int throttled = 0;          // RCPT answered 421 4.7.0, connection closed
        qint64 largestInput = 0;    // the most input a session held unread at once (bounded)

        int count(SandboxConfig::Outcome outcome) const;
    };
    struct Received
    {
        QString from;
        QStringList recipients;
        QByteArray data; // dot-unstuffed, CRLF line ends, without the final dot
    };

    mutable QMutex mutex;
    SandboxConfig config;
    Stats stats;
    QList<Received> kept;
};

// One SMTP connection to the sandbox, on the sandbox thread. It speaks the ESMTP our client
// uses (EHLO with PIPELINING, 8BITMIME, SIZE, SMTPUTF8, ENHANCEDSTATUSCODES; MAIL, RCPT, DATA,
// RSET, NOOP, QUIT), reads pipelined commands in order, bounds every line, and answers each
// RCPT with the outcome configured for the recipient's domain.
class SandboxSession final : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype MaxCommandLine = 2048; // octets with CRLF (SMTPUTF8 addresses, params)
    static constexpr qsizetype MaxDataLine = 1000;    // RFC 5321 4.5.3.1.6, with CRLF
    static constexpr qint64 MaxMessageSize = 10 * 1024 * 1024;
    static constexpr int MaxRecipients = 1000;
    // Input read from the socket but not yet answered. While a reply is held back (latency),
    // nothing more is read: the socket's buffer is capped at this, and TCP holds the client.
    static constexpr qint64 MaxBufferedInput = 64 * 1024;
    static constexpr int IdleTimeoutMs = 5 * 60 * 1000;
    static inline const QByteArray HostName = QByteArrayLiteral("sandbox.sendscope.invalid");

    SandboxSession(QTcpSocket *socket, std::shared_ptr<SandboxShared> shared, QObject *parent = nullptr);

private:
    void onReadyRead();
    void readInput();
    void process();
    void command(const QByteArray &line);
    void dataLine(const QByteArray &line);
    void endOfData();
    void mail(const QByteArray &args);
    void rcpt(const QByteArray &args);
    void reply(const QByteArray &text);
    void closeWith(const QByteArray &text);
    void resetTransaction();

    QTcpSocket *m_socket;
    std::shared_ptr<SandboxShared> m_shared;
    QTimer m_idle;
    QByteArray m_in;
    bool m_discarding = false; // the rest of an overlong line, already answered
    bool m_inData = false;
    bool m_waiting = false; // a latency delay before the reply to the data: input waits
    bool m_closing = false;
    bool m_greeted = false;
    bool m_hasFrom = false;
    QString m_from;
    QStringList m_recipients;
    QByteArray m_data;
    bool m_dataLineTooLong = false;
    bool m_dataTooLarge = false;
};
