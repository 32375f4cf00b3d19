#include "sandbox_session.h"

#include <QTcpSocket>

using namespace Qt::StringLiterals;

int SandboxShared::Stats::count(SandboxConfig::Outcome outcome) const
{
    switch (outcome) {
    case SandboxConfig::Outcome::Accept:
        return recipientsAccepted;
    case SandboxConfig::Outcome::HardBounce:
        return hardBounces;
    case SandboxConfig::Outcome::SoftBounce:
        return softBounces;
    case SandboxConfig::Outcome::Throttle:
        return throttled;
    }
    return 0;
}

namespace {

// "<a@b> PARAM=x" -> address and params; false when there are no angle brackets.
bool splitPath(const QByteArray &args, QString *address, QList<QByteArray> *params)
{
    const QByteArray trimmed = args.trimmed();
    if (!trimmed.startsWith('<'))
        return false;
    const qsizetype close = trimmed.indexOf('>');
    if (close < 0)
        return false;
    *address = QString::fromUtf8(trimmed.mid(1, close - 1));
    for (const QByteArray &p : trimmed.mid(close + 1).split(' ')) {
        if (!p.isEmpty())
            params->append(p);
    }
    return true;
}

QByteArray verb(const QByteArray &line)
{
    const qsizetype space = line.indexOf(' ');
    return (space < 0 ? line : line.left(space)).toUpper();
}

} // namespace

SandboxSession::SandboxSession(QTcpSocket *socket, std::shared_ptr<SandboxShared> shared, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_shared(std::move(shared))
{
    socket->setParent(this);
    socket->setReadBufferSize(MaxBufferedInput);
    connect(socket, &QTcpSocket::readyRead, this, &SandboxSession::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    m_idle.setSingleShot(true);
    m_idle.setInterval(IdleTimeoutMs);
    connect(&m_idle, &QTimer::timeout, this, [this] { closeWith("421 4.4.2 idle for too long, closing"); });
    m_idle.start();
    {
        QMutexLocker lock(&m_shared->mutex);
        ++m_shared->stats.connections;
    }
    reply("220 " + HostName + " ESMTP Sendscope sandbox: a local test sink, nothing is delivered");
}

void SandboxSession::reply(const QByteArray &text)
{
    m_socket->write(text + "\r\n");
}

void SandboxSession::closeWith(const QByteArray &text)
{
    reply(text);
    m_closing = true;
    m_idle.stop();
    m_in.clear();
    m_socket->disconnectFromHost(); // after what is written has gone
}

void SandboxSession::resetTransaction()
{
    m_hasFrom = false;
    m_from.clear();
    m_recipients.clear();
    m_data.clear();
    m_dataLineTooLong = false;
    m_dataTooLarge = false;
}

void SandboxSession::onReadyRead()
{
    if (m_closing) {
        m_socket->readAll();
        return;
    }
    m_idle.start();
    if (m_waiting)
        return; // read once the held reply has gone (endOfData)
    readInput();
    process();
}

void SandboxSession::readInput()
{
    m_in += m_socket->readAll();
    QMutexLocker lock(&m_shared->mutex);
    m_shared->stats.largestInput = std::max(m_shared->stats.largestInput, qint64(m_in.size()));
}

void SandboxSession::process()
{
    // Pipelined commands are answered one after another, in order; a latency delay holds
    // back the rest of the input until its reply has gone.
    while (!m_waiting && !m_closing) {
        const qsizetype lf = m_in.indexOf('\n');
        const qsizetype limit = m_inData ? MaxDataLine : MaxCommandLine;
        if (lf < 0) {
            if (m_in.size() > limit) {
                // No line end within the bound: answer (or mark the message) now, drop the rest.
                if (!m_discarding) {
                    if (m_inData)
                        m_dataLineTooLong = true;
                    else
                        reply("500 5.5.2 line too long (at most 2048 octets)");
                }
                m_discarding = true;
                m_in.clear();
            }
            return;
        }
        QByteArray line = m_in.left(lf + 1);
        m_in.remove(0, lf + 1);
        if (m_discarding) {
            m_discarding = false;
            continue;
        }
        if (line.size() > limit) {
            if (m_inData)
                m_dataLineTooLong = true;
            else
                reply("500 5.5.2 line too long (at most 2048 octets)");
            continue;
        }
        line.chop(line.endsWith("\r\n") ? 2 : 1);
        if (m_inData)
            dataLine(line);
        else
            command(line);
    }
}

void SandboxSession::command(const QByteArray &line)
{
    const QByteArray v = verb(line);
    const QByteArray args = line.mid(v.size()).trimmed();
    if (v == "EHLO" || v == "HELO") {
        if (args.isEmpty()) {
            reply("501 5.5.4 " + v + " needs a host name");
            return;
        }
        resetTransaction();
        m_greeted = true;
        if (v == "HELO") {
            reply("250 " + HostName);
            return;
        }
        reply("250-" + HostName + " Sendscope sandbox greets " + args);
        reply("250-PIPELINING");
        reply("250-8BITMIME");
        reply("250-SIZE " + QByteArray::number(MaxMessageSize));
        reply("250-SMTPUTF8");
        reply("250 ENHANCEDSTATUSCODES");
    } else if (v == "MAIL") {
        mail(line.mid(4).trimmed());
    } else if (v == "RCPT") {
        rcpt(line.mid(4).trimmed());
    } else if (v == "DATA") {
        if (!m_hasFrom)
            reply("503 5.5.1 MAIL first");
        else if (m_recipients.isEmpty())
            reply("554 5.5.1 no valid recipients");
        else {
            m_inData = true;
            reply("354 End data with <CR><LF>.<CR><LF>");
        }
    } else if (v == "RSET") {
        resetTransaction();
        reply("250 2.0.0 Ok");
    } else if (v == "NOOP") {
        reply("250 2.0.0 Ok");
    } else if (v == "QUIT") {
        closeWith("221 2.0.0 Bye");
    } else {
        reply("502 5.5.1 command not implemented by the sandbox");
    }
}

void SandboxSession::mail(const QByteArray &args)
{
    if (!m_greeted) {
        reply("503 5.5.1 send EHLO first");
        return;
    }
    if (m_hasFrom) {
        reply("503 5.5.1 nested MAIL command");
        return;
    }
    QString address;
    QList<QByteArray> params;
    if (!args.toUpper().startsWith("FROM:") || !splitPath(args.mid(5), &address, &params)) {
        reply("501 5.5.4 syntax: MAIL FROM:<address>");
        return;
    }
    for (const QByteArray &p : std::as_const(params)) {
        const QByteArray upper = p.toUpper();
        if (upper.startsWith("SIZE=")) {
            bool ok = false;
            const qint64 size = p.mid(5).toLongLong(&ok);
            if (!ok || size < 0) {
                reply("501 5.5.4 bad SIZE parameter");
                return;
            }
            if (size > MaxMessageSize) {
                reply("552 5.3.4 message size exceeds the sandbox limit");
                return;
            }
        } else if (upper != "BODY=7BIT" && upper != "BODY=8BITMIME" && upper != "SMTPUTF8") {
            reply("555 5.5.4 unsupported MAIL parameter " + p);
            return;
        }
    }
    m_hasFrom = true;
    m_from = address;
    reply("250 2.1.0 Ok");
}

void SandboxSession::rcpt(const QByteArray &args)
{
    if (!m_hasFrom) {
        reply("503 5.5.1 MAIL first");
        return;
    }
    QString address;
    QList<QByteArray> params;
    if (!args.toUpper().startsWith("TO:") || !splitPath(args.mid(3), &address, &params)) {
        reply("501 5.5.4 syntax: RCPT TO:<address>");
        return;
    }
    if (!params.isEmpty()) {
        reply("555 5.5.4 unsupported RCPT parameter " + params.first());
        return;
    }
    const qsizetype at = address.lastIndexOf(u'@');
    if (at <= 0 || at == address.size() - 1) {
        reply("501 5.1.3 bad recipient address syntax");
        return;
    }
    if (m_recipients.size() >= MaxRecipients) {
        reply("452 4.5.3 too many recipients");
        return;
    }
    const QByteArray quoted = '<' + address.toUtf8() + '>';
    SandboxConfig::Outcome outcome;
    {
        QMutexLocker lock(&m_shared->mutex);
        outcome = m_shared->config.outcomeFor(address.mid(at + 1));
        switch (outcome) {
        case SandboxConfig::Outcome::Accept:
            break;
        case SandboxConfig::Outcome::HardBounce:
            ++m_shared->stats.hardBounces;
            break;
        case SandboxConfig::Outcome::SoftBounce:
            ++m_shared->stats.softBounces;
            break;
        case SandboxConfig::Outcome::Throttle:
            ++m_shared->stats.throttled;
            break;
        }
    }
    switch (outcome) {
    case SandboxConfig::Outcome::Accept:
        m_recipients.append(address);
        reply("250 2.1.5 Ok");
        break;
    case SandboxConfig::Outcome::HardBounce:
        reply("550 5.1.1 " + quoted + ": Recipient address rejected: user unknown (sandbox)");
        break;
    case SandboxConfig::Outcome::SoftBounce:
        reply("452 4.2.2 " + quoted + ": mailbox full (sandbox)");
        break;
    case SandboxConfig::Outcome::Throttle:
        closeWith("421 4.7.0 too many messages, try again later (sandbox)");
        break;
    }
}

void SandboxSession::dataLine(const QByteArray &line)
{
    if (line == ".") {
        m_inData = false;
        endOfData();
        return;
    }
    if (m_dataTooLarge)
        return;
    const QByteArray unstuffed = line.startsWith('.') ? line.mid(1) : line;
    if (m_data.size() + unstuffed.size() + 2 > MaxMessageSize) {
        m_dataTooLarge = true;
        m_data.clear();
        return;
    }
    m_data += unstuffed;
    m_data += "\r\n";
}

void SandboxSession::endOfData()
{
    QByteArray answer;
    int latency = 0;
    {
        QMutexLocker lock(&m_shared->mutex);
        latency = m_shared->config.latencyMs;
        if (m_dataTooLarge) {
            answer = "552 5.3.4 message size exceeds the sandbox limit";
        } else if (m_dataLineTooLong) {
            answer = "554 5.6.0 message has a line longer than 1000 octets (RFC 5321)";
        } else {
            ++m_shared->stats.messagesAccepted;
            m_shared->stats.recipientsAccepted += int(m_recipients.size());
            if (m_shared->config.keepLast > 0) {
                m_shared->kept.append({m_from, m_recipients, m_data});
                while (m_shared->kept.size() > m_shared->config.keepLast)
                    m_shared->kept.removeFirst();
            }
            answer = "250 2.0.0 Ok: accepted by the sandbox and discarded, nothing was delivered";
        }
    }
    resetTransaction();
    if (latency <= 0) {
        reply(answer);
        return;
    }
    m_waiting = true;
    QTimer::singleShot(latency, this, [this, answer] {
        m_waiting = false;
        if (m_closing)
            return;
        reply(answer);
        readInput();
        process();
    });
}
