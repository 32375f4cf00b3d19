// The quarantine rules of docs/product.md §4: at once for unknown users, a counter with a one-day
// gap and a ten-day reset for soft address errors, never for sender-side refusals.
#include "feedback/quarantine.h"
#include "store/store.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Status = QuarantineEntry::Status;
constexpr qint64 Day = Quarantine::Day;

class TstQuarantine final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void userUnknownAtOnce()
    {
        const QuarantineEntry e = Quarantine::next({}, FailureReason::UserUnknown, 1000);
        QCOMPARE(e.status, Status::Quarantine);
        QCOMPARE(e.lastError, u"user_unknown"_s);
    }

    void neverForSenderProblems()
    {
        for (FailureReason r : {FailureReason::Refused, FailureReason::MessageTooLarge, FailureReason::NotDefined})
            QCOMPARE(Quarantine::next({}, r, 1000).status, Status::Valid);
    }

    void counterNeedsADayBetweenErrors()
    {
        QuarantineEntry e;
        qint64 t = 10 * Day;
        e = Quarantine::next(e, FailureReason::MailboxFull, t);
        QCOMPARE(e.status, Status::WithErrors);
        QCOMPARE(e.errorCount, 1);
        e = Quarantine::next(e, FailureReason::MailboxFull, t + Day - 1); // same incident
        QCOMPARE(e.errorCount, 1);
        for (int i = 2; i <= 4; ++i) {
            t += Day;
            e = Quarantine::next(e, FailureReason::Unreachable, t);
            QCOMPARE(e.errorCount, i);
            QCOMPARE(e.status, Status::WithErrors);
        }
        t += Day;
        e = Quarantine::next(e, FailureReason::InactiveMailbox, t);
        QCOMPARE(e.errorCount, 5);
        QCOMPARE(e.status, Status::Quarantine);
    }

    void counterResetsAfterTenQuietDays()
    {
        QuarantineEntry e;
        e = Quarantine::next(e, FailureReason::InvalidDomain, Day);
        e = Quarantine::next(e, FailureReason::InvalidDomain, 2 * Day);
        QCOMPARE(e.errorCount, 2);
        e = Quarantine::next(e, FailureReason::InvalidDomain, 12 * Day);
        QCOMPARE(e.errorCount, 1);
    }

    void denylistIsKept()
    {
        QuarantineEntry e;
        e.status = Status::Denylisted;
        QCOMPARE(Quarantine::next(e, FailureReason::UserUnknown, 1).status, Status::Denylisted);
    }

    void storedReleaseAndExpiry()
    {
        QTemporaryDir dir;
        auto store = Store::open(dir.filePath(u"q.db"_s), nullptr);
        QSqlDatabase db = store->db();
        QString error;
        QVERIFY(Quarantine::record(db, u"gone@example.com"_s, FailureReason::UserUnknown, Day, &error));
        QVERIFY(Quarantine::record(db, u"refused@example.com"_s, FailureReason::Refused, Day, &error));
        for (int i = 0; i < 5; ++i)
            QVERIFY(Quarantine::record(db, u"full@example.com"_s, FailureReason::MailboxFull, (i + 1) * Day, &error));
        auto status = [&](const QString &a) {
            QSqlQuery q(db);
            q.prepare(u"SELECT status FROM quarantine WHERE address = ?"_s);
            q.addBindValue(a);
            return q.exec() && q.next() ? q.value(0).toString() : u"(none)"_s;
        };
        QCOMPARE(status(u"gone@example.com"_s), u"quarantine"_s);
        QCOMPARE(status(u"refused@example.com"_s), u"(none)"_s);
        QCOMPARE(status(u"full@example.com"_s), u"quarantine"_s);
        // Mailbox full is released 30 days after its last error; unknown users are not.
        QVERIFY(Quarantine::expire(db, 36 * Day, &error));
        QCOMPARE(status(u"full@example.com"_s), u"valid"_s);
        QCOMPARE(status(u"gone@example.com"_s), u"quarantine"_s);
        QVERIFY(Quarantine::release(db, u"gone@example.com"_s, 37 * Day, &error));
        QCOMPARE(status(u"gone@example.com"_s), u"valid"_s);
        QVERIFY(Quarantine::denylist(db, u"gone@example.com"_s, 38 * Day, &error));
        QCOMPARE(status(u"gone@example.com"_s), u"denylisted"_s);
    }
};

QTEST_GUILESS_MAIN(TstQuarantine)
#include "tst_quarantine.moc"
