// A report that arrives before the engine has committed the relay's reply (docs/product.md §4).
// A relay can send its "relayed" report within milliseconds of its 250; the engine records the
// 250 a little later. Applied in between, the report was refused ("a message must be taken into
// account before it can be sent") and the recipient stayed Taken into account for good. Now the
// mailbox reader leaves such a report where it is and comes back to it; a file import (nobody
// comes back) and an attempt a dead run left in flight apply as before.
//
// The recipients are imported and analyzed but not sent: the test itself plays the engine's
// part on the log (AttemptStarted at the claim, HandedToMta at the relay's 250), from another
// connection and thread where the timing matters. The mailbox is the real Dovecot peer.
#include "common/clock.h"
#include "delivery/delivery_service.h"
#include "feedback/bounce_classifier.h"
#include "feedback/feedback_applier.h"
#include "feedback/feedback_intake.h"
#include "feedback/imap_client.h"
#include "log/log_table.h"
#include "store/store.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;

class TstFeedbackDefer final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    int m_count = 0;
    QString m_folder;
    QString m_ca;
    bool m_peers = false;

    static bool listening(quint16 port)
    {
        QTcpSocket s;
        s.connectToHost(u"127.0.0.1"_s, port);
        return s.waitForConnected(2000);
    }

    // A relay delivery of these recipients, imported and analyzed: everyone Pending.
    qint64 prepareDelivery(const QByteArray &csv)
    {
        QJsonObject def = TestSupport::cleanDefinition();
        QJsonObject route = def[u"route"_s].toObject();
        route[u"dsn"_s] = true;
        route[u"verp"_s] = true;
        route[u"bounce_address"_s] = u"bounces@acme.example"_s;
        def[u"route"_s] = route;
        const QString name = u"d%1"_s.arg(++m_count);
        def[u"recipients"_s] = QJsonObject{{u"csv"_s, QString(name + u".csv"_s)}};
        TestSupport::writeFile(m_dir, name + u".csv"_s, csv);
        DeliveryService service(*m_store);
        const auto imported = service.importDefinition(TestSupport::writeDefinition(m_dir, def, name + u".json"_s));
        if (!imported.ok)
            qFatal("import: %s", qPrintable(imported.errors.join(u'\n')));
        const auto analyzed = service.analyze(imported.deliveryId);
        if (!analyzed.ok || analyzed.report.blocked())
            qFatal("analysis: %s", qPrintable(analyzed.report.toText()));
        return imported.deliveryId;
    }

    qint64 recipientId(qint64 delivery, const QString &email)
    {
        QSqlQuery q(m_store->db());
        q.prepare(u"SELECT id FROM recipients WHERE delivery_id = ? AND email = ?"_s);
        q.addBindValue(delivery);
        q.addBindValue(email);
        return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
    }

    // What the engine writes: the claim, then the relay's 250.
    static bool logEvent(Store &store, qint64 recipient, LogEvent::Kind kind, qint64 nowMs)
    {
        LogTable log(store.db());
        LogEvent e;
        e.kind = kind;
        e.reply = u"250 2.0.0 Ok: queued"_s;
        bool dbError = false;
        const bool ok = store.begin() && log.apply(recipient, e, nowMs, &dbError).accepted && !dbError;
        return ok ? store.commit() : (store.rollback(), false);
    }

    LogState state(qint64 recipient)
    {
        const std::optional<LogEntry> e = LogTable(m_store->db()).read(recipient);
        return e ? e->state : LogState::Canceled;
    }

    int count(const QString &table)
    {
        QSqlQuery q(m_store->db());
        return q.exec(u"SELECT count(*) FROM "_s + table) && q.next() ? q.value(0).toInt() : -1;
    }

    QString token(qint64 delivery, qint64 recipient)
    {
        QString error;
        const std::optional<VerpKey> key = VerpKey::load(m_store->db(), &error);
        if (!key)
            qFatal("%s", qPrintable(error));
        return key->token(delivery, recipient);
    }

    // A Postfix-shaped "relayed" DSN (RFC 3464) carrying the ENVID the engine sent.
    static QByteArray relayedReport(const QString &address, const QString &envid)
    {
        const QByteArray a = address.toLatin1();
        return "From: MAILER-DAEMON@relay.sendscope.test (Mail Delivery System)\r\n"
               "To: bounces@acme.example\r\nSubject: Successful Mail Delivery Report\r\n"
               "Message-ID: <" +
               envid.toLatin1() +
               "@relay.sendscope.test>\r\nMIME-Version: 1.0\r\n"
               "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n"
               "--B\r\nContent-Type: text/plain\r\n\r\nYour message was successfully relayed to " +
               a +
               ".\r\n\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\n"
               "Reporting-MTA: dns; relay.sendscope.test\r\nOriginal-Envelope-Id: " +
               envid.toLatin1() + "\r\n\r\nFinal-Recipient: rfc822; " + a +
               "\r\nAction: relayed\r\nStatus: 2.0.0\r\nRemote-MTA: dns; mx.example.test\r\n\r\n--B--\r\n";
    }

    std::optional<FeedbackApplyResult> applyNow(const QByteArray &raw, bool mayDefer, qint64 nowMs)
    {
        QString error;
        const std::optional<VerpKey> key = VerpKey::load(m_store->db(), &error);
        if (!key)
            return std::nullopt;
        m_store->begin();
        FeedbackApplier applier(m_store->db(), *key);
        const FeedbackSource source{u"imap"_s, u"test"_s, 1, 1, mayDefer};
        auto r = applier.apply(raw, BounceClassifier().classify(raw), source, nowMs, &error);
        if (!r) {
            qWarning("apply: %s", qPrintable(error));
            m_store->rollback();
        } else if (!m_store->commit()) {
            return std::nullopt;
        }
        return r;
    }

    MailboxConfig peer(const QString &folder) const
    {
        MailboxConfig c;
        c.host = u"127.0.0.1"_s;
        c.port = 1143;
        c.tls = MailboxConfig::Tls::StartTls;
        c.username = u"bounce"_s;
        c.caFile = m_ca;
        c.peerName = u"mx.sendscope.test"_s;
        c.timeoutMs = 10'000;
        c.folder = folder;
        return c;
    }

    // A folder of its own holding these messages.
    bool fill(const MailboxConfig &config, const QList<QByteArray> &messages)
    {
        ImapClient c(config);
        if (!c.connectAndLogin(u"secret"_s) || !c.create(config.folder))
            return false;
        for (const QByteArray &m : messages)
            if (!c.append(config.folder, m))
                return false;
        c.logout();
        return true;
    }

    int unseen(const MailboxConfig &config)
    {
        ImapClient c(config);
        QList<quint32> uids;
        if (!c.connectAndLogin(u"secret"_s) || !c.select(config.folder) || !c.searchUidsAbove(0, &uids))
            return -1;
        int n = 0;
        for (quint32 uid : std::as_const(uids)) {
            const std::optional<QList<QByteArray>> flags = c.flags(uid);
            if (!flags)
                return -1;
            n += flags->contains("\\Seen") ? 0 : 1;
        }
        c.logout();
        return n;
    }

#define REQUIRE_DOVECOT()                                                                                              \
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
        QVERIFY(m_dir.isValid());
        m_store = Store::open(m_dir.filePath(u"defer.db"_s), nullptr);
        QVERIFY(m_store);
        const QString dir = qEnvironmentVariable("SENDSCOPE_PEERS_DIR", u"/var/tmp/sendscope-peers"_s);
        m_ca = qEnvironmentVariable("SENDSCOPE_PEERS_CA", dir + u"/tls/ca.pem"_s);
        m_peers = QFile::exists(m_ca) && listening(1143);
        m_folder =
            u"sendscope-defer-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(QDateTime::currentMSecsSinceEpoch());
    }

    void cleanupTestCase()
    {
        if (!m_peers)
            return;
        ImapClient c(peer(m_folder));
        if (c.connectAndLogin(u"secret"_s)) {
            c.deleteFolder(m_folder + u"-a"_s);
            c.deleteFolder(m_folder + u"-b"_s);
            c.logout();
        }
    }

    void theApplierDefersOnlyALiveAttempt()
    {
        const qint64 id = prepareDelivery("email\nann@example.test\n");
        const qint64 ann = recipientId(id, u"ann@example.test"_s);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(logEvent(*m_store, ann, LogEvent::Kind::AttemptStarted, now));
        const QByteArray raw = relayedReport(u"ann@example.test"_s, token(id, ann));

        // From the mailbox, during the attempt: nothing recorded, nothing changed.
        auto r = applyNow(raw, true, now + 1000);
        QVERIFY(r);
        QVERIFY(r->deferred);
        QCOMPARE(r->feedbackMessageId, 0);
        QCOMPARE(count(u"feedback_messages"_s), 0);
        QCOMPARE(state(ann), LogState::Pending);

        // An attempt in flight for longer than the limit belongs to a dead run: applied as it is
        // (refused, and kept as an event saying why).
        r = applyNow(raw, true, now + FeedbackApplier::DeferLimitMs + 1);
        QVERIFY(r);
        QVERIFY(!r->deferred);
        QCOMPARE(r->matched, 1);
        QCOMPARE(r->changed, 0);
        QCOMPARE(state(ann), LogState::Pending);

        // Once the relay's 250 is committed the same report (other bytes: another copy) applies.
        QVERIFY(logEvent(*m_store, ann, LogEvent::Kind::HandedToMta, now + 2000));
        r = applyNow(raw + "\r\n", true, now + 3000);
        QVERIFY(r);
        QVERIFY(!r->deferred);
        QCOMPARE(r->changed, 1);
        QCOMPARE(state(ann), LogState::Sent);

        // A file import never defers: nobody would come back to it.
        const qint64 other = prepareDelivery("email\nbob@example.test\n");
        const qint64 bob = recipientId(other, u"bob@example.test"_s);
        QVERIFY(logEvent(*m_store, bob, LogEvent::Kind::AttemptStarted, now));
        r = applyNow(relayedReport(u"bob@example.test"_s, token(other, bob)), false, now + 1000);
        QVERIFY(r);
        QVERIFY(!r->deferred);
        QCOMPARE(r->matched, 1);
    }

    // The reader stops at the early report, keeps its place, and takes it (and what follows)
    // once the engine's commit lands a moment later.
    void theReaderComesBackWhenTheEngineCommits()
    {
        REQUIRE_DOVECOT();
        const qint64 id = prepareDelivery("email\ncy@example.test\ndee@example.test\n");
        const qint64 cy = recipientId(id, u"cy@example.test"_s);
        const qint64 dee = recipientId(id, u"dee@example.test"_s);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(logEvent(*m_store, cy, LogEvent::Kind::AttemptStarted, now));
        QVERIFY(logEvent(*m_store, dee, LogEvent::Kind::AttemptStarted, now));
        QVERIFY(logEvent(*m_store, dee, LogEvent::Kind::HandedToMta, now));
        const MailboxConfig config = peer(m_folder + u"-a"_s);
        QVERIFY(fill(config, {relayedReport(u"cy@example.test"_s, token(id, cy)),
                              relayedReport(u"dee@example.test"_s, token(id, dee))}));

        // The engine's commit for cy lands 600 ms into the fetch, from its own connection.
        QThread *engine = QThread::create([path = m_store->path(), cy] {
            QThread::msleep(600);
            auto store = Store::open(path, nullptr);
            if (!store || !logEvent(*store, cy, LogEvent::Kind::HandedToMta, QDateTime::currentMSecsSinceEpoch()))
                qWarning("the engine's commit failed");
        });
        engine->start();
        FeedbackIntake intake(*m_store, Clock::system());
        const FeedbackIntakeReport r = intake.fetch(config, u"secret"_s);
        QVERIFY(engine->wait(10'000));
        delete engine;
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(!r.deferred);
        QCOMPARE(r.read, 2);
        QCOMPARE(r.changed, 2);
        QVERIFY2(r.passes >= 2, qPrintable(QString::number(r.passes))); // stopped, then again
        QCOMPARE(state(cy), LogState::Sent);
        QCOMPARE(state(dee), LogState::Sent);
        QCOMPARE(unseen(config), 0);
    }

    // Without the commit the reader gives up for now: position kept, the message and those after
    // it left unread in the mailbox for the next fetch.
    void theReaderKeepsItsPlaceWhileTheAttemptIsInFlight()
    {
        REQUIRE_DOVECOT();
        const qint64 id = prepareDelivery("email\neve@example.test\nflo@example.test\n");
        const qint64 eve = recipientId(id, u"eve@example.test"_s);
        const qint64 flo = recipientId(id, u"flo@example.test"_s);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(logEvent(*m_store, flo, LogEvent::Kind::AttemptStarted, now));
        QVERIFY(logEvent(*m_store, flo, LogEvent::Kind::HandedToMta, now));
        QVERIFY(logEvent(*m_store, eve, LogEvent::Kind::AttemptStarted, now));
        const MailboxConfig config = peer(m_folder + u"-b"_s);
        QVERIFY(fill(config, {relayedReport(u"flo@example.test"_s, token(id, flo)),
                              relayedReport(u"eve@example.test"_s, token(id, eve)),
                              relayedReport(u"flo@example.test"_s, token(id, flo)) + "X-Copy: 2\r\n"}));
        const int before = count(u"feedback_messages"_s);

        FeedbackIntake intake(*m_store, Clock::system());
        QElapsedTimer timer;
        timer.start();
        FeedbackIntakeReport r = intake.fetch(config, u"secret"_s);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.deferred);
        QCOMPARE(r.read, 1); // flo's first report; eve's waits, and the copy after it too
        QVERIFY2(timer.elapsed() >= FeedbackIntake::DeferRetryLimitMs - 100,
                 qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(count(u"feedback_messages"_s), before + 1);
        QCOMPARE(state(eve), LogState::Pending);
        QCOMPARE(unseen(config), 2);

        // The next fetch after the commit reads from there.
        QVERIFY(logEvent(*m_store, eve, LogEvent::Kind::HandedToMta, now));
        r = intake.fetch(config, u"secret"_s);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(!r.deferred);
        QCOMPARE(r.read, 2);
        QCOMPARE(state(eve), LogState::Sent);
        QCOMPARE(unseen(config), 0);
    }
};

QTEST_GUILESS_MAIN(TstFeedbackDefer)
#include "tst_feedback_defer.moc"
