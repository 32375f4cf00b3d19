#include "common/clock.h"
#include "feedback/feedback_intake.h"
#include "feedback/imap_client.h"
#include "imap_fake_server.h"
#include "smtp_session_harness.h" // the run-time test PKI
#include "store/store.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;

// The bounce mailbox client (docs/product.md §3, §4) against the real Dovecot peer
// (tests/peers: STARTTLS on 1143, IMAPS on 1993, the test CA) and, for what Dovecot will not
// do, against FakeImapServer. The client is synchronous: with the fake server it runs on a
// worker thread while the server answers from this thread's event loop.
class TestImapClient final : public QObject
{
    Q_OBJECT

    QString m_ca;
    QString m_folder; // this run's own folder, so runs do not disturb each other's counts
    bool m_peers = false;
    QTemporaryDir m_dir;
    QString m_fakeCaFile;
    QSslCertificate m_fakeCert;
    QSslKey m_fakeKey;

    static bool listening(quint16 port)
    {
        QTcpSocket s;
        s.connectToHost(u"127.0.0.1"_s, port);
        return s.waitForConnected(2000);
    }

    MailboxConfig peer(quint16 port, MailboxConfig::Tls tls) const
    {
        MailboxConfig c;
        c.host = u"127.0.0.1"_s;
        c.port = port;
        c.tls = tls;
        c.username = u"bounce"_s;
        c.caFile = m_ca;
        c.peerName = u"mx.sendscope.test"_s;
        c.timeoutMs = 10'000;
        return c;
    }

    MailboxConfig fake(const FakeImapServer &server, MailboxConfig::Tls tls = MailboxConfig::Tls::None) const
    {
        MailboxConfig c;
        c.host = u"127.0.0.1"_s;
        c.port = server.serverPort();
        c.tls = tls;
        c.username = u"user"_s;
        c.caFile = m_fakeCaFile;
        c.peerName = u"mail.test"_s;
        c.timeoutMs = 5'000;
        return c;
    }

    // Runs f on a worker thread while this thread's event loop serves the fake server.
    template <typename F> static auto inWorker(F f)
    {
        std::optional<decltype(f())> result;
        QThread *thread = QThread::create([&] { result.emplace(f()); });
        QEventLoop loop;
        QObject::connect(thread, &QThread::finished, &loop, &QEventLoop::quit);
        thread->start();
        loop.exec();
        thread->wait();
        delete thread;
        return std::move(*result);
    }

    struct Outcome
    {
        bool ok = false;
        QString error;
        QStringList transcript;
    };

    // Another client (python imaplib, plaintext on loopback) appends a message to folder a
    // second from now.
    static bool appendLater(QProcess &appender, const QString &folder, const QByteArray &subject)
    {
        appender.start(u"/usr/bin/python3"_s,
                       {u"-c"_s,
                        u"import imaplib,sys,time\n"
                        "time.sleep(1)\n"
                        "m=imaplib.IMAP4('127.0.0.1',1143)\n"
                        "m.login('bounce','secret')\n"
                        "m.append(sys.argv[1],None,None,b'Subject: '+sys.argv[2].encode()+b'\\r\\n\\r\\nhello\\r\\n')\n"
                        "m.logout()\n"_s,
                        folder, QString::fromLatin1(subject)});
        return appender.waitForStarted();
    }

    static QByteArray message(const QByteArray &subject)
    {
        return "From: Postmaster <postmaster@sendscope.test>\r\nTo: bounce@sendscope.test\r\nSubject: " + subject +
               "\r\nMessage-ID: <" + subject.toHex() + "@sendscope.test>\r\n\r\nA body line.\r\n";
    }

#define REQUIRE_PEERS()                                                                                                \
    do {                                                                                                               \
        if (!m_peers) {                                                                                                \
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))                                                  \
                QFAIL("the Dovecot peer is not running (tests/peers/start-peers.sh)");                                 \
            QSKIP("the Dovecot peer is not running; start it with tests/peers/start-peers.sh");                        \
        }                                                                                                              \
    } while (false)

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
        const QString dir = qEnvironmentVariable("SENDSCOPE_PEERS_DIR", u"/var/tmp/sendscope-peers"_s);
        m_ca = qEnvironmentVariable("SENDSCOPE_PEERS_CA", dir + u"/tls/ca.pem"_s);
        m_peers = QFile::exists(m_ca) && listening(1143) && listening(1993);
        m_folder =
            u"sendscope-test-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(QDateTime::currentMSecsSinceEpoch());

        // A CA and a mail.test certificate for the fake server's TLS.
        using namespace smtp_test;
        Key caKey = newKey();
        Cert ca = makeCert(caKey.get(), "Fake IMAP CA", nullptr, nullptr, true, QByteArray(), -3600, 86400);
        Key key = newKey();
        Cert cert = makeCert(key.get(), "mail.test", ca.get(), caKey.get(), false, "DNS:mail.test", -3600, 86400);
        m_fakeCert = QSslCertificate(toPem(cert.get()));
        m_fakeKey = toQt(key.get());
        QVERIFY(m_dir.isValid());
        m_fakeCaFile = m_dir.filePath(u"fake-ca.pem"_s);
        QFile f(m_fakeCaFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(toPem(ca.get()));
    }

    void cleanupTestCase()
    {
        if (!m_peers)
            return;
        ImapClient c(peer(1993, MailboxConfig::Tls::Implicit));
        if (c.connectAndLogin(u"secret"_s)) {
            c.deleteFolder(m_folder + u"-moved"_s);
            c.deleteFolder(m_folder + u"-idle"_s); // left behind when that test failed
            c.deleteFolder(m_folder + u"-intake"_s);
            c.deleteFolder(m_folder);
            c.logout();
        }
    }

    // --- the real Dovecot -------------------------------------------------------------------

    void dovecotTls_data()
    {
        QTest::addColumn<int>("port");
        QTest::addColumn<MailboxConfig::Tls>("tls");
        QTest::newRow("STARTTLS 1143") << 1143 << MailboxConfig::Tls::StartTls;
        QTest::newRow("IMAPS 1993") << 1993 << MailboxConfig::Tls::Implicit;
    }

    void dovecotTls()
    {
        REQUIRE_PEERS();
        QFETCH(int, port);
        QFETCH(MailboxConfig::Tls, tls);
        ImapClient c(peer(static_cast<quint16>(port), tls));
        QVERIFY2(c.connectAndLogin(u"secret"_s), qPrintable(c.error()));
        QVERIFY(c.isEncrypted());
        QVERIFY(c.isLoggedIn());
        QVERIFY(c.peerCertificate().subjectAlternativeNames().values().contains(u"mx.sendscope.test"_s));
        QVERIFY2(c.hasCapability("IDLE"), c.capabilities().join(' ').constData());
        const QString transcript = c.transcript().join(u'\n');
        QCOMPARE(transcript.contains(u"STARTTLS"_s), tls == MailboxConfig::Tls::StartTls);
        QVERIFY2(!transcript.contains(u"secret"_s), qPrintable(transcript));
        QVERIFY(!transcript.contains(QString::fromLatin1(QByteArray("\0bounce\0secret", 14).toBase64())));
        QVERIFY(transcript.contains(u"<credentials redacted>"_s));
        const auto inbox = c.select(u"INBOX"_s);
        QVERIFY2(inbox, qPrintable(c.error()));
        QVERIFY(inbox->uidValidity != 0);
        QVERIFY(inbox->uidNext != 0);
        c.logout();
        QVERIFY(!c.isLoggedIn());
    }

    void dovecotWithoutTheCaFailsTheHandshake_data()
    {
        dovecotTls_data();
    }

    void dovecotWithoutTheCaFailsTheHandshake()
    {
        REQUIRE_PEERS();
        QFETCH(int, port);
        QFETCH(MailboxConfig::Tls, tls);
        MailboxConfig config = peer(static_cast<quint16>(port), tls);
        config.caFile.clear(); // the system CAs only
        ImapClient c(config);
        QVERIFY(!c.connectAndLogin(u"secret"_s));
        QVERIFY2(c.error().startsWith(u"imap 127.0.0.1:%1: "_s.arg(port)), qPrintable(c.error()));
        QVERIFY2(c.error().contains(u"certificate"_s), qPrintable(c.error()));
        QVERIFY(!c.transcript().join(u'\n').contains(u"AUTHENTICATE"_s));

        config.caFile = m_ca;
        config.peerName = u"other.test"_s; // the right CA, the wrong name
        ImapClient d(config);
        QVERIFY(!d.connectAndLogin(u"secret"_s));
        QVERIFY2(d.error().contains(u"certificate"_s), qPrintable(d.error()));
    }

    void dovecotWrongPassword()
    {
        REQUIRE_PEERS();
        ImapClient c(peer(1143, MailboxConfig::Tls::StartTls));
        QVERIFY(!c.connectAndLogin(u"not-the-password"_s));
        QVERIFY2(c.error().contains(u"login as bounce refused"_s), qPrintable(c.error()));
        QVERIFY(!c.error().contains(u"not-the-password"_s));
        QVERIFY(!c.transcript().join(u'\n').contains(u"not-the-password"_s));
        QVERIFY(!c.isLoggedIn());
        // The same client can try again.
        QVERIFY2(c.connectAndLogin(u"secret"_s), qPrintable(c.error()));
    }

    void dovecotAppendSearchFetchSeenMove()
    {
        REQUIRE_PEERS();
        ImapClient c(peer(1993, MailboxConfig::Tls::Implicit));
        QVERIFY2(c.connectAndLogin(u"secret"_s), qPrintable(c.error()));
        QVERIFY2(c.create(m_folder), qPrintable(c.error()));
        QVERIFY2(c.create(m_folder + u"-moved"_s), qPrintable(c.error()));
        const QList<QByteArray> messages{message("first"), message("second"), message("third")};
        for (const QByteArray &m : messages)
            QVERIFY2(c.append(m_folder, m), qPrintable(c.error()));

        const auto status = c.select(m_folder);
        QVERIFY2(status, qPrintable(c.error()));
        QCOMPARE(status->exists, 3u);
        QVERIFY(status->uidValidity != 0);
        QList<quint32> uids;
        QVERIFY2(c.searchUidsAbove(0, &uids), qPrintable(c.error()));
        QCOMPARE(uids.size(), 3);
        QList<quint32> newer;
        QVERIFY(c.searchUidsAbove(uids[0], &newer));
        QCOMPARE(newer, uids.mid(1));
        // "n:*" with n above the highest UID still returns the highest: it must be filtered.
        QVERIFY(c.searchUidsAbove(uids.last(), &newer));
        QVERIFY2(newer.isEmpty(), qPrintable(QString::number(newer.value(0))));

        for (qsizetype i = 0; i < uids.size(); ++i) {
            const auto body = c.fetch(uids[i]);
            QVERIFY2(body, qPrintable(c.error()));
            QCOMPARE(*body, messages[i]);
        }
        QVERIFY(!c.fetch(uids.last() + 100));
        QVERIFY2(c.error().contains(u"no such message"_s), qPrintable(c.error()));

        auto flags = c.flags(uids[0]);
        QVERIFY2(flags, qPrintable(c.error()));
        QVERIFY2(!flags->contains("\\Seen"), "BODY.PEEK must not set \\Seen");
        QVERIFY2(c.markSeen({uids[0], uids[1]}), qPrintable(c.error()));
        flags = c.flags(uids[0]);
        QVERIFY(flags && flags->contains("\\Seen"));
        QVERIFY(c.flags(uids[1])->contains("\\Seen"));
        QVERIFY(!c.flags(uids[2])->contains("\\Seen"));

        QVERIFY2(c.move({uids[2]}, m_folder + u"-moved"_s), qPrintable(c.error()));
        QVERIFY(c.searchUidsAbove(0, &newer));
        QCOMPARE(newer, uids.mid(0, 2));
        const auto moved = c.select(m_folder + u"-moved"_s);
        QVERIFY(moved);
        QCOMPARE(moved->exists, 1u);
        QVERIFY(c.searchUidsAbove(0, &newer));
        QCOMPARE(newer.size(), 1);
        QCOMPARE(*c.fetch(newer[0]), messages[2]);
        c.logout();
    }

    void dovecotIdleSeesNewMail()
    {
        REQUIRE_PEERS();
        const QString folder = m_folder + u"-idle"_s;
        ImapClient c(peer(1143, MailboxConfig::Tls::StartTls));
        QVERIFY2(c.connectAndLogin(u"secret"_s), qPrintable(c.error()));
        QVERIFY2(c.create(folder), qPrintable(c.error()));
        QVERIFY(c.select(folder));

        // Another client (python imaplib, plaintext on loopback) delivers after a second.
        QProcess appender;
        QVERIFY(appendLater(appender, folder, "idle"));
        QElapsedTimer timer;
        timer.start();
        bool newMail = false;
        QVERIFY2(c.idle(20'000, &newMail), qPrintable(c.error()));
        QVERIFY(newMail);
        QVERIFY2(timer.elapsed() < 10'000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(appender.waitForFinished(10'000));
        QCOMPARE(appender.exitCode(), 0);
        QVERIFY(c.transcript().join(u'\n').contains(u"C: DONE"_s));
        // The connection is usable after IDLE.
        QList<quint32> uids;
        QVERIFY2(c.searchUidsAbove(0, &uids), qPrintable(c.error()));
        QCOMPARE(uids.size(), 1);

        // Nothing arrives: the wait ends quietly.
        timer.restart();
        QVERIFY2(c.idle(800, &newMail), qPrintable(c.error()));
        QVERIFY(!newMail);
        QVERIFY(timer.elapsed() >= 700);
        QVERIFY2(c.deleteFolder(folder), qPrintable(c.error()));
        c.logout();
    }

    // The intake's wait after a pass is spent in IDLE: a report that arrives meanwhile is read
    // in the same call, not at the next poll.
    void intakeReadsMailArrivingDuringIdle()
    {
        REQUIRE_PEERS();
        const QString folder = m_folder + u"-intake"_s;
        MailboxConfig config = peer(1143, MailboxConfig::Tls::StartTls);
        config.folder = folder;
        {
            ImapClient c(config);
            QVERIFY2(c.connectAndLogin(u"secret"_s), qPrintable(c.error()));
            QVERIFY2(c.create(folder), qPrintable(c.error()));
            QVERIFY2(c.append(folder, message("first")), qPrintable(c.error()));
            c.logout();
        }
        auto store = Store::open(m_dir.filePath(u"intake-idle.db"_s), nullptr);
        QVERIFY(store);
        FeedbackIntake intake(*store, Clock::system());

        // A second message is delivered a second after the first pass.
        QProcess appender;
        QVERIFY(appendLater(appender, folder, "second"));
        const FeedbackIntakeReport r = intake.fetch(config, u"secret"_s, {}, 6'000);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.idled);
        QCOMPARE(r.read, 2);
        QVERIFY(r.passes >= 3); // the first (until nothing new), then the one IDLE woke
        QVERIFY(appender.waitForFinished(10'000));
        QCOMPARE(appender.exitCode(), 0);

        // Without a wait there is one pass and nothing new; a cancel ends the wait at once.
        FeedbackIntakeReport again = intake.fetch(config, u"secret"_s);
        QVERIFY2(again.ok(), qPrintable(again.error));
        QCOMPARE(again.read, 0);
        QVERIFY(!again.idled);
        QElapsedTimer timer;
        timer.start();
        again = intake.fetch(
            config, u"secret"_s, [] { return true; }, 60'000);
        QVERIFY2(again.ok(), qPrintable(again.error));
        QVERIFY2(timer.elapsed() < 30'000, qPrintable(QString::number(timer.elapsed())));

        ImapClient c(config);
        QVERIFY2(c.connectAndLogin(u"secret"_s), qPrintable(c.error()));
        QVERIFY2(c.deleteFolder(folder), qPrintable(c.error()));
        c.logout();
    }

    void dovecotTestConnection()
    {
        REQUIRE_PEERS();
        using Status = ImapClient::TestStep::Status;
        const auto ids = [](const QList<ImapClient::TestStep> &steps) {
            QStringList out;
            for (const auto &s : steps)
                out.append(s.id + u'=' +
                           (s.status == Status::Ok       ? u"ok"_s
                            : s.status == Status::Failed ? u"failed"_s
                                                         : u"skipped"_s));
            return out.join(u' ');
        };
        auto steps = ImapClient::test(peer(1143, MailboxConfig::Tls::StartTls), u"secret"_s);
        QCOMPARE(ids(steps), u"connect=ok greeting=ok tls=ok certificate=ok login=ok select=ok"_s);
        QVERIFY2(steps[3].detail.contains(u"valid until"_s), qPrintable(steps[3].detail));
        QVERIFY2(steps[5].summary.contains(u"UIDVALIDITY"_s), qPrintable(steps[5].summary));

        steps = ImapClient::test(peer(1993, MailboxConfig::Tls::Implicit), u"secret"_s);
        QCOMPARE(ids(steps), u"connect=ok tls=ok certificate=ok greeting=ok login=ok select=ok"_s);

        MailboxConfig untrusted = peer(1993, MailboxConfig::Tls::Implicit);
        untrusted.caFile.clear();
        steps = ImapClient::test(untrusted, u"secret"_s);
        QCOMPARE(ids(steps),
                 u"connect=ok tls=failed certificate=failed greeting=skipped login=skipped select=skipped"_s);
        QVERIFY2(steps[2].detail.contains(u"subject:"_s), qPrintable(steps[2].detail));

        steps = ImapClient::test(peer(1143, MailboxConfig::Tls::StartTls), u"wrong"_s);
        QCOMPARE(ids(steps), u"connect=ok greeting=ok tls=ok certificate=ok login=failed select=skipped"_s);

        MailboxConfig closed = peer(2599, MailboxConfig::Tls::Implicit); // nothing listens
        steps = ImapClient::test(closed, u"secret"_s);
        QCOMPARE(steps[0].status, Status::Failed);
        QVERIFY2(steps[0].summary.contains(u"connect"_s), qPrintable(steps[0].summary));
    }

    // --- hostile servers --------------------------------------------------------------------

    void startTlsNotOfferedIsRefused()
    {
        FakeImapServer server;
        server.capsPlain = "IMAP4rev1 AUTH=PLAIN SASL-IR"; // stripped by a man in the middle
        const MailboxConfig config = fake(server, MailboxConfig::Tls::StartTls);
        const Outcome o = inWorker([config] {
            ImapClient c(config);
            const bool ok = c.connectAndLogin(u"pw"_s);
            return Outcome{ok, c.error(), c.transcript()};
        });
        QVERIFY(!o.ok);
        QCOMPARE(o.error,
                 u"imap 127.0.0.1:%1: STARTTLS not offered by the server; refusing to log in without TLS"_s.arg(
                     server.serverPort()));
        QTRY_COMPARE(server.commands.size(), 1);
        QCOMPARE(server.verbs(), QList<QByteArray>{"CAPABILITY"});
        QTest::qWait(100);
        QCOMPARE(server.commands.size(), 1); // nothing after: no LOGIN, no LOGOUT
    }

    void preauthRefusedWithStartTls()
    {
        FakeImapServer server;
        server.greeting = "* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome back\r\n";
        const MailboxConfig config = fake(server, MailboxConfig::Tls::StartTls);
        const Outcome o = inWorker([config] {
            ImapClient c(config);
            return Outcome{c.connectAndLogin(u"pw"_s), c.error(), c.transcript()};
        });
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(u"PREAUTH"_s), qPrintable(o.error));
        QTest::qWait(50);
        QVERIFY(server.commands.isEmpty());
    }

    void startTlsInjectionIsDiscarded()
    {
        FakeImapServer server;
        server.certificate = m_fakeCert;
        server.privateKey = m_fakeKey;
        // Injected before the handshake: capabilities that would allow a downgrade, a fake
        // answer for the client's next tag.
        server.injectAfterStartTls = "* CAPABILITY IMAP4rev1 AUTH=PLAIN LOGINDISABLED\r\nA003 OK [CAPABILITY "
                                     "IMAP4rev1 LOGINDISABLED] injected\r\n";
        const MailboxConfig config = fake(server, MailboxConfig::Tls::StartTls);
        const Outcome o = inWorker([config] {
            ImapClient c(config);
            const bool ok = c.connectAndLogin(u"pw"_s) && c.isEncrypted();
            return Outcome{ok, c.error(), c.transcript()};
        });
        QVERIFY2(o.ok, qPrintable(o.error + u'\n' + o.transcript.join(u'\n')));
        const QString transcript = o.transcript.join(u'\n');
        QVERIFY2(transcript.contains(u"discarded"_s), qPrintable(transcript));
        QVERIFY(!transcript.contains(u"injected"_s));
        // Capabilities asked again under TLS, then the login.
        QCOMPARE(server.verbs(), (QList<QByteArray>{"CAPABILITY", "STARTTLS", "CAPABILITY", "AUTHENTICATE"}));
        QCOMPARE(server.plaintextCommands, 2);
    }

    void loginQuotesAndLiterals()
    {
        FakeImapServer server;
        server.capsPlain = "IMAP4rev1"; // no AUTH=PLAIN, no LITERAL+: LOGIN with synchronizing literals
        const MailboxConfig config = fake(server);
        const Outcome quoted = inWorker([config] {
            ImapClient c(config);
            return Outcome{c.connectAndLogin(u"pa\"ss\\word"_s), c.error(), c.transcript()};
        });
        QVERIFY2(quoted.ok, qPrintable(quoted.error));
        QCOMPARE(server.commands.value(1), "A002 LOGIN \"user\" \"pa\\\"ss\\\\word\"");
        QVERIFY(!quoted.transcript.join(u'\n').contains(u"pa\"ss"_s));

        server.commands.clear();
        const Outcome literal = inWorker([config] {
            ImapClient c(config);
            return Outcome{c.connectAndLogin(u"pässwörd"_s), c.error(), c.transcript()};
        });
        QVERIFY2(literal.ok, qPrintable(literal.error));
        QCOMPARE(server.commands.value(1), "A002 LOGIN \"user\" {10}\r\n" + u"pässwörd"_s.toUtf8());
        QCOMPARE(server.continuationsSent, 1);
        QVERIFY(!literal.transcript.join(u'\n').contains(u"pässwörd"_s));
    }

    void loginDisabledIsRespected()
    {
        FakeImapServer server;
        server.capsPlain = "IMAP4rev1 LOGINDISABLED";
        const MailboxConfig config = fake(server);
        const Outcome o = inWorker([config] {
            ImapClient c(config);
            return Outcome{c.connectAndLogin(u"pw"_s), c.error(), c.transcript()};
        });
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(u"LOGINDISABLED"_s), qPrintable(o.error));
        QCOMPARE(server.verbs(), QList<QByteArray>{"CAPABILITY"});
    }

    void plaintextOnlyToLoopback()
    {
        MailboxConfig config;
        config.host = u"192.0.2.1"_s;
        config.port = 143;
        config.tls = MailboxConfig::Tls::None;
        config.username = u"user"_s;
        ImapClient c(config);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!c.connectAndLogin(u"pw"_s));
        QVERIFY(timer.elapsed() < 1000); // refused before any connection
        QVERIFY2(c.error().contains(u"loopback"_s), qPrintable(c.error()));
    }

    void hugeLiteralIsRefused()
    {
        FakeImapServer server;
        server.onCommand = [](FakeImapServer::Connection &c, const QByteArray &tag, const QByteArray &verb,
                              const QByteArray &line) {
            Q_UNUSED(tag);
            if (verb != "UID" || !line.contains("FETCH"))
                return false;
            c.socket->write("* 1 FETCH (UID 1 RFC822.SIZE 300000000 BODY[] {300000000}\r\n");
            c.socket->write(QByteArray(2 * 1024 * 1024, 'x'));
            return true;
        };
        MailboxConfig config = fake(server);
        config.maxMessageBytes = 1024 * 1024;
        const Outcome o = inWorker([config] {
            ImapClient c(config);
            if (!c.connectAndLogin(u"pw"_s) || !c.select(u"INBOX"_s))
                return Outcome{false, c.error(), c.transcript()};
            const bool ok = c.fetch(1).has_value();
            return Outcome{ok, c.error(), c.transcript()};
        });
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(u"FETCH UID 1"_s) &&
                     o.error.contains(u"300000000 bytes is over the limit of 1048576"_s),
                 qPrintable(o.error));
    }

    void oversizedMessageRefusedBySize()
    {
        FakeImapServer server;
        server.onCommand = [](FakeImapServer::Connection &c, const QByteArray &tag, const QByteArray &verb,
                              const QByteArray &line) {
            if (verb != "UID" || !line.contains("FETCH"))
                return false;
            // A server whose RFC822.SIZE is over the limit while the literal is not.
            c.socket->write("* 1 FETCH (UID 1 RFC822.SIZE 5000000 BODY[] {5}\r\nhello)\r\n" + tag + " OK done\r\n");
            return true;
        };
        MailboxConfig config = fake(server);
        config.maxMessageBytes = 1024 * 1024;
        const Outcome o = inWorker([config] {
            ImapClient c(config);
            if (!c.connectAndLogin(u"pw"_s) || !c.select(u"INBOX"_s))
                return Outcome{false, c.error(), c.transcript()};
            const bool ok = c.fetch(1).has_value();
            return Outcome{ok, c.error(), c.transcript()};
        });
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(u"5000000 bytes, over the limit"_s), qPrintable(o.error));
    }

    void disconnectMidFetch()
    {
        FakeImapServer server;
        server.onCommand = [](FakeImapServer::Connection &c, const QByteArray &, const QByteArray &verb,
                              const QByteArray &line) {
            if (verb != "UID" || !line.contains("FETCH"))
                return false;
            c.socket->write("* 1 FETCH (UID 1 RFC822.SIZE 1000 BODY[] {1000}\r\nReceived: from x\r\n");
            c.socket->flush();
            c.socket->disconnectFromHost();
            return true;
        };
        const MailboxConfig config = fake(server);
        const Outcome o = inWorker([config] {
            ImapClient c(config);
            if (!c.connectAndLogin(u"pw"_s) || !c.select(u"INBOX"_s))
                return Outcome{false, c.error(), c.transcript()};
            const bool ok = c.fetch(1).has_value();
            // Everything after fails at once, clearly.
            QList<quint32> uids;
            const bool after = c.searchUidsAbove(0, &uids);
            return Outcome{ok || after, c.error(), c.transcript()};
        });
        QVERIFY(!o.ok);
        QVERIFY2(o.transcript.join(u'\n').contains(u"FETCH UID 1: the server closed the connection"_s),
                 qPrintable(o.transcript.join(u'\n')));
        QVERIFY2(o.error.contains(u"not connected"_s), qPrintable(o.error));
    }

    void stalledServerTimesOut()
    {
        FakeImapServer server;
        server.onCommand = [](FakeImapServer::Connection &, const QByteArray &, const QByteArray &verb,
                              const QByteArray &) { return verb == "SELECT"; }; // never answered
        MailboxConfig config = fake(server);
        config.timeoutMs = 700;
        QElapsedTimer timer;
        timer.start();
        const Outcome o = inWorker([config] {
            ImapClient c(config);
            if (!c.connectAndLogin(u"pw"_s))
                return Outcome{false, c.error(), c.transcript()};
            return Outcome{c.select(u"INBOX"_s).has_value(), c.error(), c.transcript()};
        });
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(u"SELECT INBOX: no answer within 0.7 s"_s), qPrintable(o.error));
        QVERIFY(timer.elapsed() < 5000);

        // A server that accepts the connection and never greets.
        FakeImapServer silent;
        silent.greeting.clear();
        config = fake(silent);
        config.timeoutMs = 500;
        const Outcome g = inWorker([config] {
            ImapClient c(config);
            return Outcome{c.connectAndLogin(u"pw"_s), c.error(), c.transcript()};
        });
        QVERIFY(!g.ok);
        QVERIFY2(g.error.contains(u"greeting: no answer"_s), qPrintable(g.error));
    }

    void searchFiltersTheHighestUid()
    {
        FakeImapServer server;
        server.onCommand = [](FakeImapServer::Connection &c, const QByteArray &tag, const QByteArray &verb,
                              const QByteArray &line) {
            if (verb != "UID" || !line.contains("SEARCH"))
                return false;
            c.socket->write("* SEARCH 5\r\n" + tag + " OK done\r\n"); // what "UID SEARCH UID 8:*" gives with 5 highest
            return true;
        };
        const MailboxConfig config = fake(server);
        const auto uids = inWorker([config] {
            ImapClient c(config);
            QList<quint32> out{99};
            if (!c.connectAndLogin(u"pw"_s) || !c.select(u"INBOX"_s) || !c.searchUidsAbove(7, &out))
                out = {0};
            return out;
        });
        QVERIFY(uids.isEmpty());
        QVERIFY(server.commands.last().endsWith("UID SEARCH UID 8:*"));
    }

    void moveWithoutMoveCapability_data()
    {
        QTest::addColumn<QByteArray>("caps");
        QTest::addColumn<QList<QByteArray>>("verbs");
        const QList<QByteArray> start{"CAPABILITY", "AUTHENTICATE", "SELECT"};
        QTest::newRow("MOVE") << QByteArray("IMAP4rev1 MOVE UIDPLUS") << (start + QList<QByteArray>{"UID MOVE"});
        QTest::newRow("UIDPLUS") << QByteArray("IMAP4rev1 UIDPLUS")
                                 << (start + QList<QByteArray>{"UID COPY", "UID STORE", "UID EXPUNGE"});
        QTest::newRow("neither") << QByteArray("IMAP4rev1") << (start + QList<QByteArray>{"UID COPY", "UID STORE"});
    }

    void moveWithoutMoveCapability()
    {
        QFETCH(QByteArray, caps);
        QFETCH(QList<QByteArray>, verbs);
        FakeImapServer server;
        server.capsAuthenticated = caps;
        const MailboxConfig config = fake(server);
        const Outcome o = inWorker([config] {
            ImapClient c(config);
            const bool ok = c.connectAndLogin(u"pw"_s) && c.select(u"INBOX"_s) && c.move({1, 2, 3, 7}, u"Processed"_s);
            return Outcome{ok, c.error(), c.transcript()};
        });
        QVERIFY2(o.ok, qPrintable(o.error));
        QCOMPARE(server.verbs(), verbs);
        QVERIFY2(server.commands.last().contains(" 1:3,7"), server.commands.last().constData());
    }

    void malformedGreeting()
    {
        FakeImapServer server;
        server.greeting = "220 smtp.test ESMTP\r\n"; // an SMTP server on the IMAP port
        const MailboxConfig config = fake(server);
        const Outcome o = inWorker([config] {
            ImapClient c(config);
            return Outcome{c.connectAndLogin(u"pw"_s), c.error(), c.transcript()};
        });
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(u"greeting"_s), qPrintable(o.error));
    }

    void folderNamesAndUidSets()
    {
        QCOMPARE(ImapClient::encodeFolderName(u"Bounces"_s), "Bounces");
        QCOMPARE(ImapClient::encodeFolderName(u"A&B"_s), "A&-B");
        QCOMPARE(ImapClient::encodeFolderName(u"反송"_s), "&U83BoQ-");
        QCOMPARE(ImapClient::encodeFolderName(u"x\r\ny"_s), "x&AA0ACg-y"); // no line break on the wire
        QCOMPARE(ImapClient::uidSet({7, 1, 2, 3, 3, 9, 10}), "1:3,7,9:10");
        QCOMPARE(ImapClient::uidSet({4294967295u}), "4294967295");
    }
};

QTEST_GUILESS_MAIN(TestImapClient)
#include "tst_imap_client.moc"
