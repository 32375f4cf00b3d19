// The per-recipient log view's queries (LogQueries) over a log built through the core: each
// filter, each sort, the address search, paging from both ends, the attempt history, the
// filter choices and the CSV export with formula cells neutralized.

#include "common/csv_writer.h"
#include "delivery/log_queries.h"
#include "log_fixture.h"

#include <QBuffer>
#include <QTest>

using namespace Qt::StringLiterals;

class TstLogQueries final : public QObject
{
    Q_OBJECT

    static constexpr int N = 600; // + 1 ignored line

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_id = 0;

    // Every row of the prepared view, read in pages of 37 (not a divisor of anything here).
    QList<LogRow> readAll(LogQueries &q, qint64 count)
    {
        QList<LogRow> rows;
        for (qint64 offset = 0; offset < count; offset += 37)
            rows += q.page(offset, 37);
        return rows;
    }

    static int expectedCount(const std::function<bool(int)> &pred)
    {
        int n = 0;
        for (int i = 0; i < N; ++i)
            n += pred(i) ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_store = Store::open(m_dir.filePath(u"log.db"_s), &error);
        QVERIFY2(m_store, qPrintable(error));
        m_id = LogFixture::build(*m_store, m_dir, N, &error);
        QVERIFY2(m_id > 0, qPrintable(error));
    }

    void schemaHasTheLogIndex()
    {
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"SELECT 1 FROM sqlite_master WHERE name = 'recipient_log_by_delivery'"_s));
        QVERIFY(q.next());
    }

    void unfilteredInLineOrderFromBothEnds()
    {
        LogQueries q(m_store->db());
        QCOMPARE(q.prepare(m_id, {}), qint64(N + 1));
        QVERIFY(!q.isMaterialized());
        const QList<LogRow> rows = readAll(q, N + 1);
        QCOMPARE(rows.size(), N + 1);
        for (int i = 0; i < N; ++i)
            QCOMPARE(rows[i].email, LogFixture::emailOf(i));
        QCOMPARE(rows[N].state, LogState::Ignored);
        QCOMPARE(rows[N].failureReason, FailureReason::InvalidAddress);
        // The last page (read from the other end) is in the same order as a forward read.
        const QList<LogRow> last = q.page(N + 1 - 10, 10);
        QCOMPARE(last.size(), 10);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(last[i].recipientId, rows[N + 1 - 10 + i].recipientId);
        // Descending: the reverse of ascending.
        LogFilter desc;
        desc.descending = true;
        QCOMPARE(q.prepare(m_id, desc), qint64(N + 1));
        const QList<LogRow> reversed = readAll(q, N + 1);
        QCOMPARE(reversed.size(), N + 1);
        for (int i = 0; i <= N; ++i)
            QCOMPARE(reversed[i].recipientId, rows[N - i].recipientId);
        QVERIFY(q.page(N + 1, 10).isEmpty());
    }

    void filterByState()
    {
        LogQueries q(m_store->db());
        LogFilter f;
        f.state = LogState::Sent;
        QCOMPARE(q.prepare(m_id, f), qint64(expectedCount([](int i) { return i % 5 == 1; })));
        QVERIFY(!q.isMaterialized());
        const auto rows = readAll(q, N);
        QCOMPARE(rows.size(), expectedCount([](int i) { return i % 5 == 1; }));
        for (const LogRow &r : rows) {
            QCOMPARE(r.state, LogState::Sent);
            QCOMPARE(r.wait, LogWait::None);
        }
        f.state = LogState::Failed;
        QCOMPARE(q.prepare(m_id, f), qint64(expectedCount([](int i) { return i % 5 == 2; })));
        f.state = LogState::Canceled;
        QCOMPARE(q.prepare(m_id, f), qint64(0));
        QVERIFY(q.page(0, 10).isEmpty());
    }

    void filterByReasonDomainAndSearch()
    {
        LogQueries q(m_store->db());
        LogFilter f;
        f.reason = FailureReason::MailboxFull;
        const int soft = expectedCount([](int i) { return i % 5 == 3; });
        QCOMPARE(q.prepare(m_id, f), qint64(soft));
        QVERIFY(q.isMaterialized());
        for (const LogRow &r : readAll(q, soft)) {
            QCOMPARE(r.failureReason, FailureReason::MailboxFull);
            QCOMPARE(r.failureType, FailureType::Soft);
            QCOMPARE(r.nextAttemptAtMs > QDateTime::currentMSecsSinceEpoch(), true);
        }

        f = {};
        f.domain = u"D1.example"_s; // case does not matter
        QCOMPARE(q.prepare(m_id, f), qint64(expectedCount([](int i) { return i % 3 == 1; })));
        for (const LogRow &r : readAll(q, N))
            QVERIFY(r.email.endsWith(u"@d1.example"_s));

        f = {};
        f.search = u"USER12"_s; // user12, user120..129
        QCOMPARE(q.prepare(m_id, f), qint64(11));
        for (const LogRow &r : q.page(0, 100))
            QVERIFY(r.email.startsWith(u"user12"_s));

        // Everything at once: an intersection.
        f = {};
        f.state = LogState::Failed;
        f.reason = FailureReason::UserUnknown;
        f.domain = u"d2.example"_s;
        f.search = u"5"_s;
        const int both =
            expectedCount([](int i) { return i % 5 == 2 && i % 3 == 2 && QString::number(i).contains(u'5'); });
        QVERIFY(both > 0);
        QCOMPARE(q.prepare(m_id, f), qint64(both));
        QCOMPARE(q.page(0, 1000).size(), both);
        // A search is a substring, never a pattern.
        f = {};
        f.search = u"%"_s;
        QCOMPARE(q.prepare(m_id, f), qint64(0));
    }

    void sortByColumns()
    {
        LogQueries q(m_store->db());
        LogFilter f;
        f.sort = LogSort::Email;
        QCOMPARE(q.prepare(m_id, f), qint64(N + 1));
        QVERIFY(q.isMaterialized());
        QList<LogRow> rows = readAll(q, N + 1);
        QCOMPARE(rows.size(), N + 1);
        for (int i = 1; i < rows.size(); ++i)
            QVERIFY2(rows[i - 1].email.compare(rows[i].email, Qt::CaseInsensitive) <= 0, qPrintable(rows[i].email));

        f.sort = LogSort::Attempts;
        f.descending = true;
        q.prepare(m_id, f);
        rows = readAll(q, N + 1);
        QCOMPARE(rows.first().attempts, 1);
        QCOMPARE(rows.last().attempts, 0);
        for (int i = 1; i < rows.size(); ++i) {
            QVERIFY(rows[i - 1].attempts >= rows[i].attempts);
            if (rows[i - 1].attempts == rows[i].attempts) // ties in recipient order, same direction
                QVERIFY(rows[i - 1].recipientId > rows[i].recipientId);
        }

        f.sort = LogSort::State;
        f.descending = false;
        q.prepare(m_id, f);
        rows = readAll(q, N + 1);
        QCOMPARE(rows.first().state, LogState::Pending);
        QCOMPARE(rows.last().state, LogState::Ignored);
        for (int i = 1; i < rows.size(); ++i)
            QVERIFY(int(rows[i - 1].state) <= int(rows[i].state));

        f.sort = LogSort::LastReply;
        q.prepare(m_id, f);
        rows = readAll(q, N + 1);
        for (int i = 1; i < rows.size(); ++i)
            QVERIFY(rows[i - 1].lastReply <= rows[i].lastReply);
    }

    void whyWaiting()
    {
        LogQueries q(m_store->db());
        q.prepare(m_id, {});
        const QList<LogRow> rows = q.page(0, 5);
        QCOMPARE(rows.size(), 5);
        // The delivery was analyzed but never confirmed: the pending row waits for that.
        QCOMPARE(rows[0].wait, LogWait::NotConfirmed);
        QCOMPARE(rows[1].wait, LogWait::None);           // sent
        QCOMPARE(rows[2].wait, LogWait::None);           // failed
        QCOMPARE(rows[4].wait, LogWait::AwaitingReport); // taken into account
        QCOMPARE(rows[3].failureType, FailureType::Soft);

        LogWaitInput in;
        in.state = LogState::Pending;
        in.failureType = FailureType::Soft;
        in.nextAttemptAtMs = 2000;
        in.deliveryState = DeliveryState::InProgress;
        QCOMPARE(LogWaits::of(in, 1000), LogWait::RetryScheduled);
        QCOMPARE(LogWaits::of(in, 3000), LogWait::ConnectionLimits);
        in.inFlight = true;
        QCOMPARE(LogWaits::of(in, 1000), LogWait::InFlight);
        in.inFlight = false;
        in.deliveryState = DeliveryState::Paused;
        QCOMPARE(LogWaits::of(in, 1000), LogWait::Paused);
        in.deliveryState = DeliveryState::Pending;
        in.deliveryStartAtMs = 5000;
        QCOMPARE(LogWaits::of(in, 1000), LogWait::ScheduledStart);
        in.validityExpired = true;
        QCOMPARE(LogWaits::of(in, 1000), LogWait::ValidityExpired);
    }

    void attemptHistory()
    {
        LogQueries q(m_store->db());
        q.prepare(m_id, {});
        const QList<LogRow> rows = q.page(0, 5);
        const QList<LogAttempt> none = q.attempts(rows[0].recipientId);
        QVERIFY(none.isEmpty());
        const QList<LogAttempt> two = q.attempts(rows[3].recipientId);
        QCOMPARE(two.size(), 2);
        QCOMPARE(two[0].replyCode, 421);
        QCOMPARE(two[0].reason, FailureReason::Refused);
        QCOMPARE(two[1].reply, LogFixture::formulaReply());
        QCOMPARE(two[1].outcome, u"temporary"_s);
        QVERIFY(two[0].startedAtMs < two[1].startedAtMs);
        QVERIFY(two[1].transcript.contains(u"RCPT TO:<user3@d0.example>"_s));
        QCOMPARE(two[1].remoteHost, u"127.0.0.1"_s);
    }

    void filterChoices()
    {
        LogQueries q(m_store->db());
        const QList<FailureReason> reasons = q.reasons(m_id);
        QCOMPARE(reasons.size(), 3);
        QVERIFY(reasons.contains(FailureReason::UserUnknown));
        QVERIFY(reasons.contains(FailureReason::MailboxFull));
        QVERIFY(reasons.contains(FailureReason::InvalidAddress));
        const QStringList domains = q.domains(m_id, 100);
        QCOMPARE(QSet<QString>(domains.begin(), domains.end()),
                 (QSet<QString>{u"d0.example"_s, u"d1.example"_s, u"d2.example"_s}));
    }

    void neutralizedCells()
    {
        for (const QString &danger : {u"=1+1"_s, u"+1"_s, u"-1"_s, u"@SUM(A1)"_s, u"\tx"_s, u"\rx"_s}) {
            const QString cell = CsvWriter::cell(danger);
            const QString unquoted = cell.startsWith(u'"') ? cell.mid(1, cell.size() - 2) : cell;
            QVERIFY2(unquoted.startsWith(u'\''), qPrintable(cell));
            QCOMPARE(unquoted.mid(1), danger);
        }
        QCOMPARE(CsvWriter::cell(u"a=b"_s), u"a=b"_s);
        QCOMPARE(CsvWriter::cell(u"x,y"_s), u"\"x,y\""_s);
    }

    void exportCsv()
    {
        LogQueries q(m_store->db());
        LogFilter f;
        f.state = LogState::Pending;
        f.sort = LogSort::Email;
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QList<qint64> progress;
        const qint64 n = q.exportCsv(m_id, f, &buffer, [&](qint64 done) {
            progress.append(done);
            return true;
        });
        const int expected = expectedCount([](int i) { return i % 5 == 0 || i % 5 == 3; });
        QCOMPARE(n, qint64(expected));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last(), n);
        const QList<QByteArray> lines = buffer.data().split('\n');
        QCOMPARE(lines.first().trimmed(), CsvWriter::record(LogQueries::csvHeader()).trimmed().toUtf8());
        QCOMPARE(lines.size(), expected + 2); // header, rows, the empty piece after the last CRLF
        // The formula reply of user3 is neutralized; the e-mail order holds.
        bool found = false;
        QByteArray previous;
        for (int i = 1; i <= expected; ++i) {
            const QByteArray email =
                lines[i].left(lines[i].indexOf(',', lines[i].indexOf(',') + 1)).mid(lines[i].indexOf(',') + 1);
            QVERIFY(previous.isEmpty() || previous.compare(email, Qt::CaseInsensitive) <= 0);
            previous = email;
            if (email == "user3@d0.example") {
                found = true;
                QVERIFY2(lines[i].contains(",'=cmd|' /C calc'!A0,"), lines[i].constData());
                QVERIFY(lines[i].contains(",retry_scheduled,") || lines[i].contains(",not_confirmed,"));
            }
            QVERIFY(!lines[i].contains(",=")); // no cell starts with '='
        }
        QVERIFY(found);

        // A canceled export stops and says so.
        QBuffer other;
        QVERIFY(other.open(QIODevice::WriteOnly));
        QCOMPARE(q.exportCsv(m_id, {}, &other, [](qint64) { return false; }), qint64(-1));
        QVERIFY(q.lastError().contains(u"canceled"_s));
    }
};

QTEST_GUILESS_MAIN(TstLogQueries)
#include "tst_log_queries.moc"
