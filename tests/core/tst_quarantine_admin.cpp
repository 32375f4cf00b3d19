// The quarantine as a person manages it: pages filtered by address and status, release back
// to Valid with the counter reset, and denylisting a checked, normalized address.
#include "feedback/quarantine_admin.h"
#include "store/store.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Status = QuarantineEntry::Status;

class TstQuarantineAdmin final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store = Store::open(m_dir.filePath(u"q%1.db"_s.arg(++m_n)), nullptr);
        QVERIFY(m_store);
        QSqlDatabase db = m_store->db();
        QString error;
        constexpr qint64 Day = Quarantine::Day;
        QVERIFY(Quarantine::record(db, u"gone@a.example"_s, FailureReason::UserUnknown, Day, &error));
        QVERIFY(Quarantine::record(db, u"full@a.example"_s, FailureReason::MailboxFull, Day, &error));
        QVERIFY(Quarantine::record(db, u"down@b.example"_s, FailureReason::Unreachable, 2 * Day, &error));
        QVERIFY(Quarantine::denylist(db, u"spamtrap@b.example"_s, 3 * Day, &error));
        QVERIFY(Quarantine::record(db, u"odd_name%@c.example"_s, FailureReason::UserUnknown, Day, &error));
    }

    void pagesAndFilters()
    {
        QSqlDatabase db = m_store->db();
        QString error;
        QCOMPARE(QuarantineAdmin::count(db, {}, &error), 5);
        QList<QuarantineRow> rows = QuarantineAdmin::page(db, {}, 0, 2, &error);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).address, u"down@b.example"_s); // by address
        QCOMPARE(rows.at(1).address, u"full@a.example"_s);
        QCOMPARE(rows.at(1).status, Status::WithErrors);
        QCOMPARE(rows.at(1).errorCount, 1);
        QCOMPARE(rows.at(1).lastError, u"mailbox_full"_s);
        QCOMPARE(rows.at(1).lastErrorAtMs, Quarantine::Day);
        rows = QuarantineAdmin::page(db, {}, 4, 10, &error);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).address, u"spamtrap@b.example"_s);

        QuarantineFilter f;
        f.search = u"B.EXAMPLE"_s; // case-insensitive
        QCOMPARE(QuarantineAdmin::count(db, f, &error), 2);
        f.status = Status::Denylisted;
        QCOMPARE(QuarantineAdmin::count(db, f, &error), 1);
        f.search.clear();
        f.status = Status::Quarantine;
        rows = QuarantineAdmin::page(db, f, 0, 100, &error);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).address, u"gone@a.example"_s);

        // '%' and '_' in a search are literal characters, not wildcards.
        f = {};
        f.search = u"_name%"_s;
        QCOMPARE(QuarantineAdmin::count(db, f, &error), 1);
        f.search = u"%"_s;
        QCOMPARE(QuarantineAdmin::count(db, f, &error), 1);
        f.search = u"e_a"_s; // would match "gone@a" if '_' were a wildcard
        QCOMPARE(QuarantineAdmin::count(db, f, &error), 0);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void releaseResetsTheCounter()
    {
        QSqlDatabase db = m_store->db();
        QString error;
        const int changed = QuarantineAdmin::release(
            db, {u"gone@a.example"_s, u"spamtrap@b.example"_s, u"nobody@x.example"_s}, 5 * Quarantine::Day, &error);
        QCOMPARE(changed, 2);
        QuarantineFilter f;
        f.status = Status::Valid;
        const QList<QuarantineRow> rows = QuarantineAdmin::page(db, f, 0, 100, &error);
        QCOMPARE(rows.size(), 2);
        for (const QuarantineRow &r : rows) {
            QCOMPARE(r.errorCount, 0);
            QCOMPARE(r.updatedAtMs, 5 * Quarantine::Day);
        }
        // Released already: nothing left to change.
        QCOMPARE(QuarantineAdmin::release(db, {u"gone@a.example"_s}, 6 * Quarantine::Day, &error), 0);
        QCOMPARE(QuarantineAdmin::release(db, {}, 6 * Quarantine::Day, &error), 0);
    }

    void denylistChecksAndNormalizes()
    {
        QSqlDatabase db = m_store->db();
        QString error;
        QCOMPARE(QuarantineAdmin::denylist(db, u"  Someone@Example.ORG "_s, 7, &error), u"Someone@example.org"_s);
        QuarantineFilter f;
        f.status = Status::Denylisted;
        QCOMPARE(QuarantineAdmin::count(db, f, &error), 2);
        // An address already quarantined moves to the denylist.
        QCOMPARE(QuarantineAdmin::denylist(db, u"gone@a.example"_s, 8, &error), u"gone@a.example"_s);
        QCOMPARE(QuarantineAdmin::count(db, f, &error), 3);

        QVERIFY(QuarantineAdmin::denylist(db, u"not an address"_s, 9, &error).isEmpty());
        QVERIFY2(error.startsWith(u"Address 'not an address'"_s), qPrintable(error));
        QVERIFY(QuarantineAdmin::denylist(db, u"  "_s, 9, &error).isEmpty());
        QCOMPARE(error, u"Address: required"_s);
        QCOMPARE(QuarantineAdmin::count(db, f, &error), 3);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TstQuarantineAdmin)
#include "tst_quarantine_admin.moc"
