// Synchronous reply qualification (docs/product.md §4): the default table, precedence of enhanced
// codes over texts over classes, editing and storing the table.
#include "feedback/reply_qualifier.h"
#include "store/store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TstReplyQualifier final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("enhanced");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("reason");
        // Postfix's real replies and smtp-sink's scripted ones.
        QTest::newRow("postfix unknown user")
            << 550 << u"5.1.1"_s
            << u"<nobody@example.test>: Recipient address rejected: User unknown in local recipient table"_s
            << u"hard"_s << u"user_unknown"_s;
        QTest::newRow("mailbox full 452") << 452 << u"4.2.2"_s << u"Mailbox full"_s << u"soft"_s << u"mailbox_full"_s;
        QTest::newRow("mailbox full 552") << 552 << u"5.2.2"_s << u"Mailbox full"_s << u"soft"_s << u"mailbox_full"_s;
        QTest::newRow("policy 5.7.1") << 550 << u"5.7.1"_s << u"Message rejected as spam"_s << u"soft"_s
                                      << u"refused"_s;
        QTest::newRow("throttle 4.7.0") << 450 << u"4.7.0"_s << u"Too many messages, slow down"_s << u"soft"_s
                                        << u"refused"_s;
        QTest::newRow("too large") << 552 << u"5.3.4"_s << u"Message size exceeds fixed limit"_s << u"ignored"_s
                                   << u"message_too_large"_s;
        QTest::newRow("disabled") << 550 << u"5.2.1"_s << u"The email account that you tried to reach is disabled"_s
                                  << u"soft"_s << u"inactive_mailbox"_s;
        QTest::newRow("text only unknown")
            << 550 << QString() << u"No such user here"_s << u"hard"_s << u"user_unknown"_s;
        QTest::newRow("text only full 4xx")
            << 452 << QString() << u"User over quota"_s << u"soft"_s << u"mailbox_full"_s;
        QTest::newRow("421") << 421 << u"4.0.0"_s << u"Server closing connection"_s << u"soft"_s << u"unreachable"_s;
        QTest::newRow("unknown 4xx") << 451 << u"4.3.0"_s << u"Error: command failed"_s << u"soft"_s
                                     << u"not_defined"_s;
        QTest::newRow("unknown 5xx") << 554 << u"5.3.0"_s << u"Error: command failed"_s << u"hard"_s
                                     << u"not_defined"_s;
        // A 4xx "user unknown" text is not a hard bounce: the class rule in the text row guards it.
        QTest::newRow("4xx user unknown text")
            << 450 << QString() << u"User unknown, try later"_s << u"soft"_s << u"not_defined"_s;
        QTest::newRow("enhanced code wins over text")
            << 550 << u"5.1.1"_s << u"mailbox full"_s << u"hard"_s << u"user_unknown"_s;
    }

    void defaults()
    {
        QFETCH(int, code);
        QFETCH(QString, enhanced);
        QFETCH(QString, text);
        QFETCH(QString, type);
        QFETCH(QString, reason);
        const Qualification q = ReplyQualifier().qualify(code, enhanced, text);
        QCOMPARE(LogStates::name(q.type), type);
        QCOMPARE(LogStates::name(q.reason), reason);
    }

    void editedTableApplies()
    {
        QList<QualificationRule> rules = ReplyQualifier::defaultRules();
        rules.prepend({u""_s, u"greylist"_s, u"4"_s, FailureType::Soft, FailureReason::Refused, true});
        const ReplyQualifier q(rules);
        QCOMPARE(q.qualify(450, u"4.3.0"_s, u"Greylisted, come back later"_s).reason, FailureReason::Refused);
        QCOMPARE(q.qualify(450, u"4.3.0"_s, u"Greylisted, come back later"_s).ruleIndex, 0);
        rules[0].enabled = false;
        QCOMPARE(ReplyQualifier(rules).qualify(450, u"4.3.0"_s, u"Greylisted"_s).reason, FailureReason::NotDefined);
    }

    void brokenPatternNeverMatches()
    {
        const ReplyQualifier q({{u""_s, u"([unclosed"_s, u""_s, FailureType::Hard, FailureReason::UserUnknown, true}});
        const Qualification r = q.qualify(450, {}, u"anything"_s);
        QCOMPARE(r.ruleIndex, -1);
        QCOMPARE(r.type, FailureType::Soft);
    }

    void storedAndSeeded()
    {
        QTemporaryDir dir;
        auto store = Store::open(dir.filePath(u"q.db"_s), nullptr);
        QString error;
        QList<QualificationRule> rules = ReplyQualifier::load(store->db(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(rules.size(), ReplyQualifier::defaultRules().size());
        rules.removeFirst();
        QVERIFY(ReplyQualifier::save(store->db(), rules, &error));
        const QList<QualificationRule> again = ReplyQualifier::load(store->db(), &error);
        QCOMPARE(again.size(), rules.size());
        QCOMPARE(again.first().enhancedCode, rules.first().enhancedCode);
        QCOMPARE(again.first().reason, rules.first().reason);
        // Without the 5.1.1 row, a Postfix unknown user is still hard through its text.
        QCOMPARE(ReplyQualifier(again).qualify(550, u"5.1.1"_s, u"Recipient address rejected: User unknown"_s).reason,
                 FailureReason::UserUnknown);
    }

    void failedCommitIsRolledBack()
    {
        QTemporaryDir dir;
        QString error;
        auto store = Store::open(dir.filePath(u"q.db"_s), &error);
        QVERIFY2(store, qPrintable(error));
        QSqlDatabase db = store->db();
        const QList<QualificationRule> before = ReplyQualifier::load(db, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // A deferred foreign key that the save breaks makes its COMMIT fail; SQLite then keeps
        // the transaction open, with the write lock.
        QSqlQuery q(db);
        QVERIFY(q.exec(u"CREATE TEMP TABLE parent (id INTEGER PRIMARY KEY)"_s));
        QVERIFY(q.exec(
            u"CREATE TEMP TABLE child (parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)"_s));
        QVERIFY(q.exec(u"CREATE TEMP TRIGGER break_commit AFTER INSERT ON main.qualification_rules "
                       "BEGIN INSERT INTO child VALUES (42); END"_s));
        QList<QualificationRule> edited = before;
        edited.removeFirst();
        QVERIFY(!ReplyQualifier::save(db, edited, &error));
        QVERIFY(!error.isEmpty());
        // The connection is out of the transaction and the table is the one before the save.
        QVERIFY2(q.exec(u"BEGIN IMMEDIATE"_s), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(u"ROLLBACK"_s));
        QVERIFY(q.exec(u"DROP TRIGGER temp.break_commit"_s));
        QCOMPARE(ReplyQualifier::load(db, &error).size(), before.size());
    }
};

QTEST_GUILESS_MAIN(TstReplyQualifier)
#include "tst_reply_qualifier.moc"
