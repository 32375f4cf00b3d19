// Applying classified reports to the log (docs/product.md §3–§4): correlation by VERP token, by
// ENVID and by the returned Message-ID, forged tokens, the same message twice, complaints,
// auto-replies, a bounce after Sent, and deliveries that finish (with "no report" at the
// validity end). The deliveries are sent for real through smtp-sink on loopback first, so the
// envelope (VERP sender, ENVID, NOTIFY) is the one the engine really sends.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "engine/delivery_run.h"
#include "engine_test_support.h"
#include "feedback/feedback_applier.h"
#include "store/store.h"
#include "test_support.h"

#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

#include <array>
#include <latch>
#include <thread>

using namespace Qt::StringLiterals;

class TstFeedbackApplier final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    int m_count = 0;

    static bool listening(quint16 port)
    {
        QTcpSocket s;
        s.connectToHost(u"127.0.0.1"_s, port);
        return s.waitForConnected(1000);
    }

    qint64 sendThroughSink(const QByteArray &csv, const QString &validity = u"1h"_s)
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"route"_s] = QJsonObject{{u"type"_s, u"relay"_s},
                                      {u"host"_s, u"127.0.0.1"_s},
                                      {u"port"_s, 2525},
                                      {u"tls"_s, u"none"_s},
                                      {u"dsn"_s, true},
                                      {u"verp"_s, true},
                                      {u"bounce_address"_s, u"bounces@acme.example"_s}};
        def[u"validity"_s] = validity;
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
        const DeliveryRun::End end = EngineTest::runToEnd(*m_store, imported.deliveryId, Clock::system());
        if (end != DeliveryRun::End::WaitingForReports)
            qFatal("the run ended %s", qPrintable(DeliveryRun::endName(end)));
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

    LogRow row(qint64 delivery, const QString &email)
    {
        LogRow out;
        DeliveryQueries(m_store->db()).forEachLogRow(delivery, {}, [&](const LogRow &r) {
            if (r.email == email)
                out = r;
            return true;
        });
        return out;
    }

    VerpKey key()
    {
        QString error;
        auto k = VerpKey::load(m_store->db(), &error);
        if (!k)
            qFatal("%s", qPrintable(error));
        return *k;
    }

    std::optional<FeedbackApplyResult> apply(const QByteArray &raw, const FeedbackMessage &m)
    {
        QString error;
        m_store->begin();
        FeedbackApplier applier(m_store->db(), key());
        auto r = applier.apply(raw, m, {u"file"_s, u"test"_s}, QDateTime::currentMSecsSinceEpoch(), &error);
        if (!r) {
            m_store->rollback();
            qWarning("apply: %s", qPrintable(error));
            return r;
        }
        for (qint64 d : r->deliveries)
            FeedbackApplier::closeIfDone(m_store->db(), d, QDateTime::currentMSecsSinceEpoch(), &error);
        m_store->commit();
        return r;
    }

    static FeedbackMessage dsn(const QString &address, const QString &action, const QString &status,
                               const QString &diagnostic, FailureType type, FailureReason reason)
    {
        FeedbackMessage m;
        m.kind = FeedbackMessage::Kind::Dsn;
        FeedbackRecipient r;
        r.address = address;
        r.action = action;
        r.status = status;
        r.diagnostic = diagnostic;
        r.type = type;
        r.reason = reason;
        m.recipients.append(r);
        return m;
    }

    // The quarantine entry's status and last error.
    QPair<QString, QString> quarantine(const QString &address)
    {
        QSqlQuery q(m_store->db());
        q.prepare(u"SELECT status, last_error FROM quarantine WHERE address = ?"_s);
        q.addBindValue(address);
        if (!q.exec() || !q.next())
            return {};
        return {q.value(0).toString(), q.value(1).toString()};
    }

    int unmatchedEvents()
    {
        QSqlQuery q(m_store->db());
        return q.exec(u"SELECT count(*) FROM feedback_events WHERE recipient_id IS NULL"_s) && q.next()
                   ? q.value(0).toInt()
                   : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!listening(2525)) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL("smtp-sink on 2525 is not running (tests/peers/start-peers.sh)");
            QSKIP("smtp-sink on 2525 is not running; start the peers with tests/peers/start-peers.sh");
        }
        m_store = Store::open(m_dir.filePath(u"feedback.db"_s), nullptr);
        QVERIFY(m_store);
    }

    void tokensVerifyAndForgeriesDoNot()
    {
        const VerpKey k = key();
        const QString t = k.token(12, 3456);
        QVERIFY(t.startsWith(u"d12r3456-"_s));
        QCOMPARE(k.verify(t)->deliveryId, 12);
        QCOMPARE(k.verify(t)->recipientId, 3456);
        QCOMPARE(k.verify(t.toUpper())->recipientId, 3456);      // an MTA may change the case
        QVERIFY(!k.verify(u"d12r3457-"_s + t.section(u'-', 1))); // another recipient, same MAC
        QVERIFY(!k.verify(t.left(t.size() - 1) + (t.endsWith(u'0') ? u'1' : u'0')));
        QVERIFY(!k.verify(u"d12r3456"_s));
        QVERIFY(!k.verify(QString()));
        QVERIFY(!VerpKey(QByteArray(32, 'x')).verify(t)); // another database's key
        QCOMPARE(VerpKey::address(u"bounces@acme.example"_s, t), u"bounces+%1@acme.example"_s.arg(t));
        QCOMPARE(VerpKey::tokenOf(u"bounces+%1@acme.example"_s.arg(t)), t);
        QCOMPARE(VerpKey::tokenOf(u"bounces@acme.example"_s), QString());
        // The key is kept: loading again gives the same tokens.
        QCOMPARE(key().token(12, 3456), t);
    }

    void concurrentFirstLoadsAgreeOnOneKey()
    {
        // The engine and the mailbox reader (or two processes) may create the key at the same
        // moment on a new database: every one of them must sign with the key that stays stored.
        for (int round = 0; round < 20; ++round) {
            const QString path = m_dir.filePath(u"verp-race-%1.db"_s.arg(round));
            QVERIFY(Store::open(path, nullptr));
            constexpr int Loaders = 4;
            std::latch start(Loaders);
            std::array<QString, Loaders> tokens;
            std::vector<std::thread> threads;
            threads.reserve(Loaders);
            for (int i = 0; i < Loaders; ++i) {
                threads.emplace_back([&, i] {
                    QString error;
                    auto store = Store::open(path, &error);
                    start.arrive_and_wait();
                    const auto k = store ? VerpKey::load(store->db(), &error) : std::nullopt;
                    tokens[size_t(i)] = k ? k->token(7, 42) : u"error: "_s + error;
                });
            }
            for (std::thread &t : threads)
                t.join();
            auto store = Store::open(path, nullptr);
            QVERIFY(store);
            QString error;
            const auto stored = VerpKey::load(store->db(), &error);
            QVERIFY2(stored, qPrintable(error));
            for (const QString &t : tokens)
                QVERIFY2(stored->verify(t), qPrintable(u"round %1: %2"_s.arg(round).arg(t)));
        }
    }

    void theEnvelopeCarriesTheVerpSenderAndEnvid()
    {
        const qint64 id = sendThroughSink("email\nann@example.test\n");
        const qint64 rid = recipientId(id, u"ann@example.test"_s);
        const QString token = key().token(id, rid);
        QSqlQuery q(m_store->db());
        q.prepare(u"SELECT transcript, message_id FROM attempts WHERE recipient_id = ?"_s);
        q.addBindValue(rid);
        QVERIFY(q.exec() && q.next());
        const QString transcript = q.value(0).toString();
        QVERIFY2(transcript.contains(u"MAIL FROM:<bounces+%1@acme.example> RET=HDRS ENVID=%1"_s.arg(token)),
                 qPrintable(transcript));
        QVERIFY2(transcript.contains(u"NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=rfc822;ann@example.test"_s),
                 qPrintable(transcript));
        QCOMPARE(q.value(1).toString(), row(id, u"ann@example.test"_s).messageId);
        QVERIFY(q.value(1).toString().startsWith(u'<'));
    }

    void reportsChangeTheLogByEachCorrelation()
    {
        const qint64 id = sendThroughSink("email\nfail@example.test\nok@example.test\nslow@example.test\n"
                                          "late@example.test\n");
        const VerpKey k = key();
        QCOMPARE(row(id, u"fail@example.test"_s).state, LogState::TakenIntoAccount);

        // By VERP token: a failure report -> Failed, hard, user unknown, quarantined at once.
        FeedbackMessage failed =
            dsn(u"fail@example.test"_s, u"failed"_s, u"5.1.1"_s, u"550 5.1.1 <fail@example.test>: User unknown"_s,
                FailureType::Hard, FailureReason::UserUnknown);
        failed.verpTokens = {k.token(id, recipientId(id, u"fail@example.test"_s))};
        auto r = apply("raw failed", failed);
        QVERIFY(r);
        QCOMPARE(r->matched, 1);
        QCOMPARE(r->changed, 1);
        LogRow fail = row(id, u"fail@example.test"_s);
        QCOMPARE(fail.state, LogState::Failed);
        QCOMPARE(fail.failureType, FailureType::Hard);
        QCOMPARE(fail.failureReason, FailureReason::UserUnknown);
        QVERIFY(fail.lastReply.contains(u"User unknown"_s));
        QCOMPARE(quarantine(u"fail@example.test"_s).first, u"quarantine"_s);

        // By ENVID: a success report -> Sent.
        FeedbackMessage relayed =
            dsn(u"ok@example.test"_s, u"relayed"_s, u"2.0.0"_s, {}, FailureType::None, FailureReason::None);
        relayed.envid = k.token(id, recipientId(id, u"ok@example.test"_s));
        QVERIFY(apply("raw relayed", relayed));
        QCOMPARE(row(id, u"ok@example.test"_s).state, LogState::Sent);

        // By the returned Message-ID (without its brackets, as some MTAs quote it): a delay
        // report updates the reason and keeps the message the relay's.
        FeedbackMessage delayed = dsn(u"slow@example.test"_s, u"delayed"_s, u"4.2.2"_s, u"452 4.2.2 Mailbox full"_s,
                                      FailureType::Soft, FailureReason::MailboxFull);
        QString mid = row(id, u"slow@example.test"_s).messageId;
        delayed.returnedMessageIds = {mid.mid(1, mid.size() - 2)};
        QVERIFY(apply("raw delayed", delayed));
        LogRow slow = row(id, u"slow@example.test"_s);
        QCOMPARE(slow.state, LogState::TakenIntoAccount);
        QCOMPARE(slow.failureType, FailureType::Soft);
        QCOMPARE(slow.failureReason, FailureReason::MailboxFull);
        QCOMPARE(slow.nextAttemptAtMs, 0); // the relay retries, not the engine

        // Delivered afterwards: Sent.
        FeedbackMessage delivered =
            dsn(u"slow@example.test"_s, u"delivered"_s, u"2.0.0"_s, {}, FailureType::None, FailureReason::None);
        delivered.returnedMessageIds = {mid};
        QVERIFY(apply("raw delivered", delivered));
        QCOMPARE(row(id, u"slow@example.test"_s).state, LogState::Sent);

        // A bounce after a success report: the later word wins, Success goes down.
        FeedbackMessage lateOk =
            dsn(u"late@example.test"_s, u"relayed"_s, u"2.0.0"_s, {}, FailureType::None, FailureReason::None);
        lateOk.envid = k.token(id, recipientId(id, u"late@example.test"_s));
        QVERIFY(apply("raw late ok", lateOk));
        QCOMPARE(row(id, u"late@example.test"_s).state, LogState::Sent);
        FeedbackMessage lateFail = dsn(u"late@example.test"_s, u"failed"_s, u"5.2.1"_s, u"550 5.2.1 account disabled"_s,
                                       FailureType::Soft, FailureReason::InactiveMailbox);
        lateFail.envid = lateOk.envid;
        QVERIFY(apply("raw late fail", lateFail));
        QCOMPARE(row(id, u"late@example.test"_s).state, LogState::Failed);
        QCOMPARE(row(id, u"late@example.test"_s).failureReason, FailureReason::InactiveMailbox);

        // Every recipient final: the delivery is Finished; Success 2 of 4.
        const auto kpis = DeliveryQueries(m_store->db()).kpis(id);
        QCOMPARE(kpis->state, DeliveryState::Finished);
        QCOMPARE(kpis->count(LogState::Sent), 2);
        QCOMPARE(kpis->successPct(), 50.0);
        QCOMPARE(kpis->failedHard, 1);
        QCOMPARE(kpis->noReport, 0);
    }

    void forgedAndUnknownReportsAreKeptUnmatched()
    {
        const qint64 id = sendThroughSink("email\nvictim@example.test\n");
        const qint64 rid = recipientId(id, u"victim@example.test"_s);
        const int before = unmatchedEvents();
        FeedbackMessage forged = dsn(u"victim@example.test"_s, u"failed"_s, u"5.1.1"_s, u"550 5.1.1 unknown"_s,
                                     FailureType::Hard, FailureReason::UserUnknown);
        // A token for this very recipient under another key, an ENVID made up from the ids, and
        // a Message-ID nobody sent: none names anyone, the address alone is never enough.
        forged.verpTokens = {VerpKey(QByteArray(32, 'k')).token(id, rid)};
        forged.envid = u"d%1r%2-0000000000000000"_s.arg(id).arg(rid);
        forged.returnedMessageIds = {u"<nobody@nowhere.example>"_s};
        auto r = apply("raw forged", forged);
        QVERIFY(r);
        QCOMPARE(r->matched, 0);
        QCOMPARE(r->unmatched, 1);
        QCOMPARE(row(id, u"victim@example.test"_s).state, LogState::TakenIntoAccount);
        QCOMPARE(unmatchedEvents(), before + 1);

        // A message that is nothing known is kept too, with its sender.
        FeedbackMessage spam;
        spam.sender = u"someone@else.example"_s;
        QVERIFY(apply("raw spam", spam));
        QCOMPARE(unmatchedEvents(), before + 2);
    }

    void theSameMessageTwiceCountsOnce()
    {
        const qint64 id = sendThroughSink("email\ntwice@example.test\n");
        FeedbackMessage arf;
        arf.kind = FeedbackMessage::Kind::Arf;
        arf.feedbackType = u"abuse"_s;
        arf.returnedMessageIds = {row(id, u"twice@example.test"_s).messageId};
        auto first = apply("raw complaint", arf);
        QVERIFY(first && !first->duplicate);
        auto second = apply("raw complaint", arf);
        QVERIFY(second && second->duplicate);
        QCOMPARE(second->feedbackMessageId, first->feedbackMessageId);
        const auto kpis = DeliveryQueries(m_store->db()).kpis(id);
        QCOMPARE(kpis->complaints, 1);
        QVERIFY(kpis->complaintWarning()); // 1 of 1 processed is over 0.1 %
        QCOMPARE(quarantine(u"twice@example.test"_s), qMakePair(u"denylisted"_s, u"complaint"_s));
        // A complaint changes no log state.
        QCOMPARE(row(id, u"twice@example.test"_s).state, LogState::TakenIntoAccount);
    }

    void anAutoReplyIsNeverABounce()
    {
        const qint64 id = sendThroughSink("email\naway@example.test\n");
        FeedbackMessage away;
        away.kind = FeedbackMessage::Kind::AutoReply;
        away.sender = u"away@example.test"_s;
        away.returnedMessageIds = {row(id, u"away@example.test"_s).messageId};
        auto r = apply("raw vacation", away);
        QVERIFY(r);
        QCOMPARE(r->matched, 1);
        QCOMPARE(r->changed, 0);
        const LogRow a = row(id, u"away@example.test"_s);
        QCOMPARE(a.state, LogState::TakenIntoAccount);
        QCOMPARE(a.failureType, FailureType::None);
    }

    void theValidityEndFinishesWithNoReport()
    {
        const qint64 id = sendThroughSink("email\nsilent@example.test\nheld@example.test\n", u"2s"_s);
        FeedbackMessage delayed =
            dsn(u"held@example.test"_s, u"delayed"_s, u"4.4.1"_s, {}, FailureType::Soft, FailureReason::Unreachable);
        delayed.envid = key().token(id, recipientId(id, u"held@example.test"_s));
        QVERIFY(apply("raw held", delayed));
        QString error;
        QVERIFY(!FeedbackApplier::closeIfDone(m_store->db(), id, QDateTime::currentMSecsSinceEpoch(), &error));
        QCOMPARE(DeliveryQueries(m_store->db()).kpis(id)->state, DeliveryState::InProgress);
        // After the validity end: the delayed one has failed (expired), the silent one has no report.
        QVERIFY(FeedbackApplier::closeIfDone(m_store->db(), id, QDateTime::currentMSecsSinceEpoch() + 3000, &error));
        const auto kpis = DeliveryQueries(m_store->db()).kpis(id);
        QCOMPARE(kpis->state, DeliveryState::Finished);
        QCOMPARE(kpis->noReport, 1);
        QCOMPARE(kpis->failedExpired, 1);
        QVERIFY(row(id, u"held@example.test"_s).validityExpired);
        QCOMPARE(row(id, u"silent@example.test"_s).state, LogState::TakenIntoAccount);
    }

    void aRunWaitingForReportsFinishesWhenTheyArrive()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"route"_s] = QJsonObject{{u"type"_s, u"relay"_s},
                                      {u"host"_s, u"127.0.0.1"_s},
                                      {u"port"_s, 2525},
                                      {u"tls"_s, u"none"_s},
                                      {u"dsn"_s, true},
                                      {u"verp"_s, true},
                                      {u"bounce_address"_s, u"bounces@acme.example"_s}};
        def[u"recipients"_s] = QJsonObject{{u"csv"_s, u"wait.csv"_s}};
        TestSupport::writeFile(m_dir, u"wait.csv"_s, "email\nw1@example.test\n");
        DeliveryService service(*m_store);
        const auto imported = service.importDefinition(TestSupport::writeDefinition(m_dir, def, u"wait.json"_s));
        QVERIFY(imported.ok);
        QVERIFY(service.analyze(imported.deliveryId).ok);
        DeliveryRun::Options o = EngineTest::fastOptions();
        o.waitForReports = true;
        DeliveryRun run(*m_store, imported.deliveryId, Clock::system(), o);
        QVERIFY2(run.prepare(), qPrintable(run.error()));
        QSignalSpy ended(&run, &DeliveryRun::ended);
        run.start();
        QTRY_COMPARE_WITH_TIMEOUT(row(imported.deliveryId, u"w1@example.test"_s).state, LogState::TakenIntoAccount,
                                  10000);
        QTest::qWait(200);
        QVERIFY(ended.isEmpty()); // still open: the report has not come
        // The report arrives through another connection, as the mailbox fetcher writes it.
        auto other = Store::open(m_store->path(), nullptr);
        FeedbackMessage ok =
            dsn(u"w1@example.test"_s, u"delivered"_s, u"2.0.0"_s, {}, FailureType::None, FailureReason::None);
        ok.envid = key().token(imported.deliveryId, recipientId(imported.deliveryId, u"w1@example.test"_s));
        other->begin();
        QString error;
        QVERIFY(FeedbackApplier(other->db(), key()).apply("raw w1", ok, {}, 0, &error));
        QVERIFY(other->commit());
        QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), 10000);
        QCOMPARE(ended.first().at(0).value<DeliveryRun::End>(), DeliveryRun::End::Finished);
        QCOMPARE(DeliveryQueries(m_store->db()).kpis(imported.deliveryId)->successPct(), 100.0);
    }

    void aCauseForEveryoneFailsTheDelivery()
    {
        // The route requires STARTTLS and smtp-sink offers none: nobody can be sent, so the
        // delivery is Failed with the cause instead of retrying everyone until the validity end.
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"route"_s] = QJsonObject{{u"type"_s, u"relay"_s},
                                      {u"host"_s, u"127.0.0.1"_s},
                                      {u"port"_s, 2525},
                                      {u"tls"_s, u"starttls-required"_s}};
        def[u"recipients"_s] = QJsonObject{{u"csv"_s, u"tls.csv"_s}};
        TestSupport::writeFile(m_dir, u"tls.csv"_s, "email\nt1@example.test\nt2@example.test\nt3@example.test\n");
        DeliveryService service(*m_store);
        const auto imported = service.importDefinition(TestSupport::writeDefinition(m_dir, def, u"tls.json"_s));
        QVERIFY(imported.ok);
        QVERIFY(service.analyze(imported.deliveryId).ok);
        QCOMPARE(EngineTest::runToEnd(*m_store, imported.deliveryId, Clock::system()),
                 DeliveryRun::End::DeliveryFailed);
        QSqlQuery q(m_store->db());
        q.prepare(u"SELECT state, last_error FROM deliveries WHERE id = ?"_s);
        q.addBindValue(imported.deliveryId);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toString(), u"failed"_s);
        QVERIFY2(q.value(1).toString().contains(u"STARTTLS"_s), qPrintable(q.value(1).toString()));
        // Nobody was sent or failed for it: they wait, pending, for the route to be fixed.
        QCOMPARE(DeliveryQueries(m_store->db()).kpis(imported.deliveryId)->count(LogState::Pending), 3);
    }
};

QTEST_GUILESS_MAIN(TstFeedbackApplier)
#include "tst_feedback_applier.moc"
