// The engine against a full Postfix on loopback (tests/peers): STARTTLS verified against the
// test CA, implicit TLS, AUTH on the submission port, Postfix's real "550 5.1.1" for an
// unknown user and its real 4xx deferrals. Outcomes are asserted in the database.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "engine/delivery_run.h"
#include "store/store.h"
#include "test_support.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

class TstEnginePostfix final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    QString m_ca;
    int m_count = 0;

    static bool listening(quint16 port)
    {
        QTcpSocket s;
        s.connectToHost(u"127.0.0.1"_s, port);
        return s.waitForConnected(1000);
    }

    qint64 prepare(const QByteArray &csv, const QJsonObject &route)
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"route"_s] = route;
        def[u"from"_s] = QJsonObject{{u"name"_s, u"Sendscope test"_s}, {u"address"_s, u"bounce@sendscope.test"_s}};
        const QString name = u"p%1"_s.arg(++m_count);
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

    void run(qint64 id)
    {
        DeliveryRun::Options o;
        o.tickMs = 20;
        o.commitIntervalMs = 2;
        DeliveryRun r(*m_store, id, Clock::system(), o);
        if (!r.prepare())
            qFatal("prepare: %s", qPrintable(r.error()));
        QSignalSpy ended(&r, &DeliveryRun::ended);
        r.start();
        // Deferred recipients keep the run alive until their retry: end it once every
        // recipient has one recorded outcome.
        auto untried = [&] {
            QSqlQuery q(m_store->db());
            q.prepare(u"SELECT count(*) FROM recipient_log WHERE delivery_id = ? AND state <> 'ignored' "
                      "AND (attempts = 0 OR in_flight = 1)"_s);
            q.addBindValue(id);
            return q.exec() && q.next() ? q.value(0).toInt() : -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty() || untried() == 0, 30000);
        if (ended.isEmpty()) {
            r.pause();
            if (ended.isEmpty())
                ended.wait(10000);
        }
        QVERIFY(!ended.isEmpty());
        QVERIFY2(r.storageFault().isEmpty(), qPrintable(r.storageFault())); // ended, not held by the database
    }

    QMap<QString, LogRow> byEmail(qint64 id)
    {
        QMap<QString, LogRow> out;
        DeliveryQueries(m_store->db()).forEachLogRow(id, {}, [&](const LogRow &r) {
            out.insert(r.email, r);
            return true;
        });
        return out;
    }

    QString transcript(qint64 id, const QString &email)
    {
        QSqlQuery q(m_store->db());
        q.prepare(u"SELECT a.transcript FROM attempts a JOIN recipients r ON r.id = a.recipient_id "
                  "WHERE a.delivery_id = ? AND r.email = ? ORDER BY a.id DESC LIMIT 1"_s);
        q.addBindValue(id);
        q.addBindValue(email);
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }

    QJsonObject route(int port, const QString &tls)
    {
        return QJsonObject{{u"type"_s, u"relay"_s}, {u"host"_s, u"127.0.0.1"_s}, {u"port"_s, port},
                           {u"tls"_s, tls},         {u"ca_file"_s, m_ca},        {u"max_connections"_s, 2}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString dir = qEnvironmentVariable("SENDSCOPE_PEERS_DIR", u"/var/tmp/sendscope-peers"_s);
        m_ca = dir + u"/tls/ca.pem"_s;
        if (!QFile::exists(m_ca) || !listening(2587) || !listening(2465) || !listening(2586)) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL("the Postfix peers are not running (tests/peers/start-peers.sh)");
            QSKIP("the Postfix peers are not running; start them with tests/peers/start-peers.sh");
        }
        m_store = Store::open(m_dir.filePath(u"postfix.db"_s), nullptr);
        QVERIFY(m_store);
    }

    void starttlsRealRepliesFromPostfix()
    {
        const qint64 id = prepare("email\nuser@sendscope.test\nnobody-here@sendscope.test\nsomeone@defer.test\n",
                                  route(2587, u"starttls-required"_s));
        run(id);
        const auto rows = byEmail(id);
        // Accepted by the relay: taken into account (Sent comes with its delivery report).
        QCOMPARE(rows[u"user@sendscope.test"_s].state, LogState::TakenIntoAccount);
        QVERIFY(rows[u"user@sendscope.test"_s].lastReply.startsWith(u"250"_s));
        // Postfix's own unknown-user rejection: a hard bounce.
        QCOMPARE(rows[u"nobody-here@sendscope.test"_s].state, LogState::Failed);
        QCOMPARE(rows[u"nobody-here@sendscope.test"_s].failureReason, FailureReason::UserUnknown);
        QVERIFY2(rows[u"nobody-here@sendscope.test"_s].lastReply.startsWith(u"550 5.1.1"_s),
                 qPrintable(rows[u"nobody-here@sendscope.test"_s].lastReply));
        // A real deferral: soft, retried later.
        QCOMPARE(rows[u"someone@defer.test"_s].failureType, FailureType::Soft);
        QVERIFY(rows[u"someone@defer.test"_s].lastReply.startsWith(u"450"_s));
        QVERIFY(rows[u"someone@defer.test"_s].nextAttemptAtMs > 0);
        const QString t = transcript(id, u"user@sendscope.test"_s);
        QVERIFY2(t.contains(u"STARTTLS"_s), qPrintable(t));
    }

    void implicitTls()
    {
        const qint64 id = prepare("email\nuser@sendscope.test\n", route(2465, u"implicit"_s));
        run(id);
        QCOMPARE(byEmail(id)[u"user@sendscope.test"_s].state, LogState::TakenIntoAccount);
        const QString t = transcript(id, u"user@sendscope.test"_s);
        QVERIFY2(!t.contains(u"STARTTLS"_s), qPrintable(t));
    }

    void authOnSubmissionAfterStarttls()
    {
        qputenv("SENDSCOPE_TEST_SUBMISSION_PASSWORD", qgetenv("SENDSCOPE_PEERS_PASSWORD").isEmpty()
                                                          ? QByteArray("secret")
                                                          : qgetenv("SENDSCOPE_PEERS_PASSWORD"));
        QJsonObject r = route(2586, u"starttls-required"_s);
        r[u"username"_s] = qEnvironmentVariable("SENDSCOPE_PEERS_USER", u"bounce"_s);
        r[u"password_env"_s] = u"SENDSCOPE_TEST_SUBMISSION_PASSWORD"_s;
        const qint64 id = prepare("email\nuser@sendscope.test\n", r);
        run(id);
        QCOMPARE(byEmail(id)[u"user@sendscope.test"_s].state, LogState::TakenIntoAccount);
        const QString t = transcript(id, u"user@sendscope.test"_s);
        QVERIFY2(t.contains(u"AUTH"_s), qPrintable(t));
        QVERIFY(!t.contains(u"secret"_s));
        QVERIFY(!t.contains(QString::fromLatin1(QByteArray("\0bounce\0secret", 14).toBase64())));
    }

    void wrongPasswordIsTemporaryAndSaysSo()
    {
        qputenv("SENDSCOPE_TEST_WRONG_PASSWORD", "not-the-password");
        QJsonObject r = route(2586, u"starttls-required"_s);
        r[u"username"_s] = u"bounce"_s;
        r[u"password_env"_s] = u"SENDSCOPE_TEST_WRONG_PASSWORD"_s;
        const qint64 id = prepare("email\nuser@sendscope.test\n", r);
        run(id);
        const LogRow row = byEmail(id)[u"user@sendscope.test"_s];
        QCOMPARE(row.failureType, FailureType::Soft); // a sender problem, not the recipient's
        QVERIFY2(row.lastReply.startsWith(u"535"_s), qPrintable(row.lastReply));
    }
};

QTEST_GUILESS_MAIN(TstEnginePostfix)
#include "tst_engine_postfix.moc"
