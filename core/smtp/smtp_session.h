#pragma once

#include "smtp_authenticator.h"
#include "smtp_capabilities.h"
#include "smtp_endpoint.h"
#include "smtp_envelope.h"
#include "smtp_outcome.h"
#include "smtp_reply_parser.h"
#include "smtp_transaction.h"
#include "smtp_transcript.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSslCipher>
#include <QSslError>
#include <QTimer>
#include <optional>

class QSslSocket;

// One SMTP connection as a non-blocking state machine on QSslSocket, for the engine's
// thread: connect, greeting, EHLO, STARTTLS per policy with verified certificates, AUTH,
// then any number of mail transactions (one recipient each) until finish(), the per-
// connection message limit, or a failure. It never blocks and never waits on the socket.
//
// Contract with the caller: every envelope accepted by submit() gets exactly one
// messageFinished(), and closed() comes once, after the last of them. A failure before the
// first transaction also emits sessionFailed() (before the envelopes' outcomes); those
// outcomes, like any that a lost connection leaves behind, are temporary whatever the code:
// they say nothing about the recipient. Delete the session with deleteLater(), not from
// inside one of its signals.
class SmtpSession final : public QObject
{
    Q_OBJECT

public:
    explicit SmtpSession(const SmtpEndpoint &endpoint, QObject *parent = nullptr);
    ~SmtpSession() override;

    void start();
    // False when the session takes no more envelopes: finishing, closed, or its
    // maxMessagesPerConnection already reached by started plus queued transactions.
    bool submit(const SmtpEnvelope &envelope);
    // Writes the final ".CRLF" of the message of the envelope with this tag, which waits for it
    // after endOfDataDue(); nothing when that message is no longer on this connection.
    void releaseEndOfData(quint64 tag);
    // Sends QUIT once the queued envelopes are done.
    void finish();
    // Drops the connection now; unfinished envelopes get temporary outcomes.
    void abort();

    bool canAccept() const;
    qsizetype queuedCount() const { return m_queue.size(); }
    // The connection ran over TLS (still true after it closed); verified unless
    // certificateUnverified() (the opportunistic policy without AUTH accepts that).
    bool isEncrypted() const { return m_encrypted; }
    bool certificateUnverified() const { return m_unverified; }
    const SmtpEndpoint &endpoint() const { return m_endpoint; }
    // What the server offers, from the latest EHLO (after TLS when TLS is on).
    const SmtpCapabilities &capabilities() const { return m_caps; }

    // What the connection set-up learnt, for a route's connection test (RouteTester).
    QHostAddress peerAddress() const { return m_peerAddress; }
    const SmtpReply &greeting() const { return m_greeting; }
    const QSslCipher &sessionCipher() const { return m_cipher; }
    // The server's chain as presented, also when its verification failed.
    const QList<QSslCertificate> &peerCertificateChain() const { return m_peerChain; }
    const QList<QSslError> &sslErrors() const { return m_sslErrors; }
    QString authMechanism() const { return m_authMechanism; } // empty: no AUTH
    QString setupTranscript() const { return m_setup.text(); }

signals:
    // Ready for more envelopes; nothing queued.
    void idle();
    void messageFinished(const SmtpOutcome &outcome);
    // An envelope with holdEndOfData: its data is written but for the final ".CRLF", which
    // waits for releaseEndOfData(tag). The session times nothing out meanwhile.
    void endOfDataDue(quint64 tag);
    void sessionFailed(const QString &phase, const SmtpReply &reply, const QString &transcript);
    void closed();

private:
    enum class State { NotStarted, Connecting, TlsHandshake, Setup, Ready, Transaction, Quitting, Closed };
    enum class Expect { Greeting, Ehlo, Helo, StartTls, Auth, Mail, Rcpt, Data, EndOfData, Rset, Quit };
    struct Transaction
    {
        quint64 tag = 0;
        SmtpTransaction wire;
        SmtpTranscript transcript;
        SmtpReply failure; // the first failed reply of a pipelined group
        QString failurePhase;
        bool dotSent = false;       // the terminator was handed to the socket
        bool holdEndOfData = false; // from the envelope
        bool endOfDataHeld = false; // the data is written but for the terminator
        bool dotOnly = false;       // a lone dot closing a DATA accepted after a failure
    };

    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onDisconnected();
    void onSocketError();
    void onTimeout();
    void onBytesWritten();

    void readAvailable(qint64 maxBytes);
    void processReplies();
    void dispatch(Expect expect, const SmtpReply &reply);
    void handleGreeting(const SmtpReply &reply);
    void handleHello(Expect expect, const SmtpReply &reply);
    void handleStartTls(const SmtpReply &reply);
    void handleAuth(const SmtpReply &reply);
    void sendAuthLine(SmtpAuthenticator::Line line);
    void handleTransaction(Expect expect, const SmtpReply &reply);

    void sendEhlo();
    void afterHello();
    void authenticateOrReady();
    void becomeReady();
    void schedulePump();
    void pump();
    void startTransaction(const SmtpEnvelope &envelope);
    void recordFailure(const SmtpReply &reply, const QString &phase);
    void endFailedTransaction();
    void finishTransaction(SmtpOutcome::Kind kind, const SmtpReply &reply, const QString &phase,
                           bool possibleDuplicate = false);
    void quit();

    void send(QByteArrayView line, Expect expect, const QString &shownAs = QString());
    void armTimer();
    int timeoutFor(Expect expect) const;
    QString currentPhase() const;
    SmtpTranscript &log();
    QString heloName() const;

    void failSetup(const QString &phase, const SmtpReply &reply);
    void abortConnection(const SmtpReply &reason, const QString &phase);
    void closeCleanly();
    void failQueued(const SmtpReply &reason, const QString &phase);

    static QString phaseOf(Expect expect);
    // The line that ends the data after the message's own last CRLF (RFC 5321 §4.1.1.4).
    static constexpr QByteArrayView EndOfDataLine = ".\r\n";
    static QString commandOf(Expect expect);

    SmtpEndpoint m_endpoint;
    QSslSocket *m_socket = nullptr;
    QTimer m_timer;
    SmtpReplyParser m_parser;
    SmtpCapabilities m_caps;
    SmtpTranscript m_setup;   // connection set-up, copied into every outcome
    SmtpTranscript m_between; // RSET and QUIT, which belong to no message
    QList<QSslError> m_sslErrors;
    QHostAddress m_peerAddress;
    SmtpReply m_greeting;
    QSslCipher m_cipher;
    QList<QSslCertificate> m_peerChain;
    QString m_authMechanism;

    State m_state = State::NotStarted;
    QString m_phase = QStringLiteral("connect"); // while no reply is awaited
    QList<Expect> m_expected;                    // replies still due, in order (pipelining)
    QList<SmtpEnvelope> m_queue;
    std::optional<Transaction> m_current;
    std::optional<SmtpAuthenticator> m_auth;
    int m_started = 0; // transactions begun on this connection
    bool m_everReady = false;
    bool m_encrypted = false;
    bool m_unverified = false; // encrypted with certificate errors ignored (opportunistic, no AUTH)
    bool m_finishRequested = false;
    bool m_pumpScheduled = false;
    bool m_idleSignalled = false;
};
