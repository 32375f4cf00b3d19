// Recipient events applied to the stored log through DeliveryService::applyEvents (the one
// path every sender uses), and the KPIs computed back from the log.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "store/store.h"
#include "test_support.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

class TstLogEvents final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    ManualClock m_clock{1'795'000'000'000};
    qint64 m_id = 0;
    QList<qint64> m_recipients;

    static LogEvent ev(LogEvent::Kind kind, FailureReason reason = FailureReason::None)
    {
        LogEvent e;
        e.kind = kind;
        e.reason = reason;
        e.reply = u"reply"_s;
        e.validityEndMs = 1'795'000'000'000 + 3600'000;
        e.retryAtMs = 1'795'000'000'000 + 900'000;
        return e;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_store = Store::open(m_dir.filePath(u"events.db"_s), nullptr);
        TestSupport::writeFile(m_dir, u"list.csv"_s,
                               "email\na@example.com\nb@example.com\nc@example.com\nd@example.com\nbad\n");
        DeliveryService service(*m_store, m_clock);
        const auto imported =
            service.importDefinition(TestSupport::writeDefinition(m_dir, TestSupport::cleanDefinition()));
        QVERIFY(imported.ok);
        m_id = imported.deliveryId;
        QVERIFY(service.analyze(m_id).ok);
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"SELECT recipient_id FROM recipient_log WHERE state = 'pending' ORDER BY recipient_id"_s));
        while (q.next())
            m_recipients.append(q.value(0).toLongLong());
        QCOMPARE(m_recipients.size(), 4);
    }

    void eventsMoveKpisComputedFromTheLog()
    {
        DeliveryService service(*m_store, m_clock);
        DeliveryQueries queries(m_store->db());
        const qint64 a = m_recipients[0], b = m_recipients[1], c = m_recipients[2], d = m_recipients[3];
        bool ok = false;
        auto results = service.applyEvents({{a, ev(LogEvent::Kind::AttemptStarted)},
                                            {a, ev(LogEvent::Kind::HandedToMta)},
                                            {b, ev(LogEvent::Kind::AttemptStarted)},
                                            {b, ev(LogEvent::Kind::HandedToMta)},
                                            {c, ev(LogEvent::Kind::AttemptStarted)},
                                            {c, ev(LogEvent::Kind::HandedToMta)}},
                                           &ok);
        QVERIFY(ok);
        for (const auto &r : results)
            QVERIFY2(r.transition.accepted, qPrintable(r.transition.error));
        auto k = queries.kpis(m_id).value();
        QCOMPARE(k.count(LogState::TakenIntoAccount), 3);
        QCOMPARE(k.processed, 3);
        QCOMPARE(k.successPct(), 0.0); // taken into account does not raise Success

        results = service.applyEvents({{a, ev(LogEvent::Kind::DestinationAccepted)},
                                       {b, ev(LogEvent::Kind::HardBounce, FailureReason::UserUnknown)},
                                       {c, ev(LogEvent::Kind::SoftBounce, FailureReason::MailboxFull)}},
                                      &ok);
        QVERIFY(ok);
        k = queries.kpis(m_id).value();
        QCOMPARE(k.count(LogState::Sent), 1);
        QCOMPARE(k.count(LogState::Failed), 1);
        QCOMPARE(k.count(LogState::TakenIntoAccount), 1);
        QCOMPARE(k.inRetry, 1);
        QCOMPARE(k.toDeliver, 4);
        QCOMPARE(k.successPct(), 25.0);

        // A refused event changes nothing and says why.
        results = service.applyEvents(
            {{a, ev(LogEvent::Kind::HardBounce, FailureReason::UserUnknown)}, {d, ev(LogEvent::Kind::Canceled)}}, &ok);
        QVERIFY(ok);
        QVERIFY(!results[0].transition.accepted);
        QVERIFY(results[1].transition.accepted);
        k = queries.kpis(m_id).value();
        QCOMPARE(k.count(LogState::Sent), 1);
        QCOMPARE(k.count(LogState::Canceled), 1);

        // The retry succeeds before the validity end.
        results = service.applyEvents(
            {{c, ev(LogEvent::Kind::AttemptStarted)}, {c, ev(LogEvent::Kind::DestinationAccepted)}}, &ok);
        k = queries.kpis(m_id).value();
        QCOMPARE(k.inRetry, 0);
        QCOMPARE(k.successPct(), 50.0);
        const auto rows = queries.logPage(m_id, {LogState::Sent, {}, {}, {}}, 0, 10);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[1].attempts, 2);
        QCOMPARE(rows[1].updatedAtMs, m_clock.nowMs());
    }

    void unknownRecipient()
    {
        DeliveryService service(*m_store, m_clock);
        bool ok = false;
        const auto results = service.applyEvents({{999999, ev(LogEvent::Kind::AttemptStarted)}}, &ok);
        QVERIFY(ok);
        QVERIFY(!results[0].transition.accepted);
        QVERIFY(results[0].transition.error.contains(u"no log row"_s));
    }

    void failedCommitIsRolledBack()
    {
        DeliveryService service(*m_store, m_clock);
        const auto imported =
            service.importDefinition(TestSupport::writeDefinition(m_dir, TestSupport::cleanDefinition()));
        QVERIFY(imported.ok);
        QVERIFY(service.analyze(imported.deliveryId).ok);
        QSqlQuery q(m_store->db());
        q.prepare(u"SELECT recipient_id FROM recipient_log WHERE delivery_id = ? AND state = 'pending' LIMIT 1"_s);
        q.addBindValue(imported.deliveryId);
        QVERIFY(q.exec() && q.next());
        const qint64 recipient = q.value(0).toLongLong();
        q.finish();
        // A deferred foreign key that the event breaks makes the COMMIT fail; SQLite then keeps
        // the transaction open, with the write lock.
        QVERIFY(q.exec(u"CREATE TEMP TABLE parent (id INTEGER PRIMARY KEY)"_s));
        QVERIFY(q.exec(
            u"CREATE TEMP TABLE child (parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)"_s));
        QVERIFY(q.exec(u"CREATE TEMP TRIGGER break_commit AFTER UPDATE ON main.recipient_log "
                       "BEGIN INSERT INTO child VALUES (42); END"_s));
        bool ok = true;
        const auto results = service.applyEvents({{recipient, ev(LogEvent::Kind::AttemptStarted)}}, &ok);
        QVERIFY(!ok);
        QVERIFY(results.isEmpty());
        QVERIFY(!service.lastError().isEmpty());
        // The connection is out of the transaction and the row is as it was.
        QVERIFY2(q.exec(u"BEGIN IMMEDIATE"_s), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(u"ROLLBACK"_s));
        QVERIFY(q.exec(u"DROP TRIGGER temp.break_commit"_s));
        q.prepare(u"SELECT in_flight, attempts FROM recipient_log WHERE recipient_id = ?"_s);
        q.addBindValue(recipient);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE(q.value(1).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TstLogEvents)
#include "tst_log_events.moc"
