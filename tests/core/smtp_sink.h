#pragma once

// Postfix's smtp-sink, started by a test on a free loopback port (header-only: each test is
// its own executable). Only 127.0.0.1, ever.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <unistd.h>

class SmtpSink final
{
public:
    static constexpr auto Path = "/usr/sbin/smtp-sink";

    static bool available() { return QFile::exists(QString::fromLatin1(Path)); }

    ~SmtpSink() { stop(); }

    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(2000);
        }
    }

    // options: smtp-sink's own (e.g. "-f", "RCPT"); dump: keep every message in a folder;
    // port: where to listen (another sink's, once it stopped), 0: a free one.
    bool start(const QStringList &options, bool dump = false, quint16 port = 0)
    {
        using namespace Qt::StringLiterals;
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, port))
            return false;
        m_port = probe.serverPort();
        probe.close();
        QStringList args;
        if (::geteuid() == 0)
            args << u"-u"_s << u"nobody"_s; // smtp-sink refuses to run as root without it
        if (dump) {
            QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                    QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                    QFileDevice::WriteOther | QFileDevice::ExeOther);
            args << u"-d"_s << m_dir.path() + u"/%H%M%S."_s;
        }
        args << options << u"127.0.0.1:%1"_s.arg(m_port) << u"256"_s;
        m_process.setProgram(QString::fromLatin1(Path));
        m_process.setArguments(args);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(3000))
            return false;
        for (int i = 0; i < 150; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            if (socket.waitForConnected(100)) {
                socket.abort();
                return true;
            }
            if (m_process.state() == QProcess::NotRunning)
                return false;
            QThread::msleep(20);
        }
        return false;
    }

    quint16 port() const { return m_port; }

    QList<QByteArray> dumps() const
    {
        QList<QByteArray> out;
        const QDir dir(m_dir.path());
        for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
            QFile file(dir.filePath(name));
            if (file.open(QIODevice::ReadOnly))
                out.append(file.readAll());
        }
        return out;
    }

    // The message part of a dump: after the sink's X- headers and its Received header.
    static QByteArray message(const QByteArray &dump)
    {
        const qsizetype received = dump.indexOf("\nReceived: ");
        if (received < 0)
            return {};
        qsizetype pos = dump.indexOf('\n', received + 1) + 1;
        while (pos < dump.size() && dump[pos] == '\t')
            pos = dump.indexOf('\n', pos) + 1;
        return dump.sliced(pos);
    }

    static QByteArray header(const QByteArray &dump, const QByteArray &name)
    {
        for (const QByteArray &line : dump.split('\n')) {
            if (line.startsWith(QByteArray(name + ": ")))
                return line.sliced(name.size() + 2).trimmed();
        }
        return {};
    }

private:
    QProcess m_process;
    QTemporaryDir m_dir;
    quint16 m_port = 0;
};
