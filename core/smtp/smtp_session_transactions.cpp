// SmtpSession's mail transactions: MAIL, RCPT and DATA (pipelined when offered), the data
// with its final dot, and the outcome of each message (docs/style.md: a large class spreads
// its implementation over a second file named after the part).
#include "smtp_session.h"

#include <QSslSocket>

using namespace Qt::StringLiterals;

void SmtpSession::schedulePump()
{
    // Deferred, so a caller reacting to one of our signals never re-enters the state machine.
    if (m_pumpScheduled)
        return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_pumpScheduled = false;
            pump();
        },
        Qt::QueuedConnection);
}

void SmtpSession::pump()
{
    if (m_state != State::Ready)
        return;
    if (!m_queue.isEmpty()) {
        m_idleSignalled = false;
        startTransaction(m_queue.takeFirst());
        return;
    }
    if (m_finishRequested || m_started >= qMax(1, m_endpoint.maxMessagesPerConnection)) {
        quit();
        return;
    }
    if (!m_idleSignalled) {
        m_idleSignalled = true;
        emit idle();
    }
}

void SmtpSession::startTransaction(const SmtpEnvelope &envelope)
{
    ++m_started;
    m_between.clear();
    // Not emplace(): clang 14 rejects it for a nested struct with default member initializers.
    m_current = Transaction{};
    m_current->tag = envelope.tag;
    m_current->holdEndOfData = envelope.holdEndOfData;
    m_current->wire = SmtpTransaction::build(envelope, m_caps);
    if (m_current->wire.isRefused()) {
        m_current->transcript.note(u"refused before sending: "_s + m_current->wire.refusal.toString());
        const SmtpReply refusal = m_current->wire.refusal;
        finishTransaction(refusal.isPermanentFailure() ? SmtpOutcome::Kind::PermanentFailure
                                                       : SmtpOutcome::Kind::TemporaryFailure,
                          refusal, m_current->wire.refusalPhase);
        schedulePump();
        return;
    }
    m_state = State::Transaction;
    send(m_current->wire.mailCommand, Expect::Mail);
    // RFC 2920: with PIPELINING, MAIL, RCPT and DATA go out together; every reply is still
    // checked, in order.
    if (m_caps.has(u"PIPELINING"_s)) {
        send(m_current->wire.rcptCommand, Expect::Rcpt);
        send("DATA", Expect::Data);
    }
}

void SmtpSession::handleTransaction(Expect expect, const SmtpReply &reply)
{
    const bool pipelined = m_caps.has(u"PIPELINING"_s);
    switch (expect) {
    case Expect::Mail:
    case Expect::Rcpt:
        if (!reply.isPositive())
            recordFailure(reply, phaseOf(expect));
        if (pipelined)
            return; // the remaining replies of the group are on their way
        if (!m_current->failure.isValid())
            send(expect == Expect::Mail ? m_current->wire.rcptCommand : QByteArray("DATA"),
                 expect == Expect::Mail ? Expect::Rcpt : Expect::Data);
        else
            endFailedTransaction();
        return;
    case Expect::Data:
        if (reply.code == 354 && m_current->failure.isValid()) {
            // RFC 2920 §3.1: DATA was accepted although an earlier command failed; a lone
            // dot closes it without sending the message.
            m_current->dotOnly = true;
            send(".", Expect::EndOfData);
            return;
        }
        if (reply.code != 354) {
            recordFailure(reply, u"data"_s);
            endFailedTransaction();
            return;
        }
        m_current->transcript.body(m_current->wire.messageBytes);
        if (m_current->holdEndOfData) {
            // Everything but the ".CRLF" that ends the data: until it is written the server
            // cannot take the message, so the caller may record first that it might.
            const QByteArray &data = m_current->wire.wireData;
            m_socket->write(data.constData(), data.size() - EndOfDataLine.size());
            m_current->endOfDataHeld = true;
            emit endOfDataDue(m_current->tag);
            return;
        }
        m_socket->write(m_current->wire.wireData);
        m_current->dotSent = true;
        m_expected.append(Expect::EndOfData);
        return;
    case Expect::EndOfData:
        m_state = State::Ready;
        if (m_current->dotOnly) {
            const SmtpReply failure = m_current->failure;
            const QString phase = m_current->failurePhase;
            finishTransaction(failure.isPermanentFailure() ? SmtpOutcome::Kind::PermanentFailure
                                                           : SmtpOutcome::Kind::TemporaryFailure,
                              failure, phase);
        } else if (reply.isPositive()) {
            finishTransaction(SmtpOutcome::Kind::Accepted, reply, u"end-of-data"_s);
        } else {
            finishTransaction(reply.isPermanentFailure() ? SmtpOutcome::Kind::PermanentFailure
                                                         : SmtpOutcome::Kind::TemporaryFailure,
                              reply, u"end-of-data"_s);
        }
        schedulePump();
        return;
    default:
        return;
    }
}

void SmtpSession::releaseEndOfData(quint64 tag)
{
    if (m_state != State::Transaction || !m_current || m_current->tag != tag || !m_current->endOfDataHeld)
        return;
    m_current->endOfDataHeld = false;
    m_socket->write(EndOfDataLine.data(), EndOfDataLine.size());
    m_current->dotSent = true;
    m_expected.append(Expect::EndOfData);
    armTimer();
}

void SmtpSession::recordFailure(const SmtpReply &reply, const QString &phase)
{
    if (m_current->failure.isValid())
        return; // in a pipelined group the first failure is the cause, later ones follow it
    m_current->failure = reply;
    m_current->failurePhase = phase;
}

void SmtpSession::endFailedTransaction()
{
    // RSET goes out before the outcome is announced: whatever the receiver of the signal
    // does (even abort()), the state machine is already consistent.
    send("RSET", Expect::Rset);
    const SmtpReply failure = m_current->failure;
    const QString phase = m_current->failurePhase;
    finishTransaction(failure.isPermanentFailure() ? SmtpOutcome::Kind::PermanentFailure
                                                   : SmtpOutcome::Kind::TemporaryFailure,
                      failure, phase);
}

void SmtpSession::finishTransaction(SmtpOutcome::Kind kind, const SmtpReply &reply, const QString &phase,
                                    bool possibleDuplicate)
{
    SmtpOutcome outcome;
    outcome.tag = m_current->tag;
    outcome.kind = kind;
    outcome.reply = reply;
    outcome.phase = phase;
    outcome.possibleDuplicate = possibleDuplicate;
    outcome.transactionStarted = !m_current->wire.isRefused();
    outcome.transcript = m_setup.text() + m_current->transcript.text();
    m_current.reset();
    emit messageFinished(outcome);
}

void SmtpSession::quit()
{
    m_state = State::Quitting;
    send("QUIT", Expect::Quit);
}
