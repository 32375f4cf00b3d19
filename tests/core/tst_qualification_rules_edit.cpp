// Editing the qualification table: drafts are checked field by field (a bad row named by its
// position, nothing written), saved in order and read back by the engine's loader, the
// defaults restored, and a pasted reply tried against the rules.
#include "feedback/qualification_rules.h"
#include "store/store.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Problem = QualificationRules::Problem;

class TstQualificationRulesEdit final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void draftsRoundTrip()
    {
        const QList<QualificationRule> defaults = ReplyQualifier::defaultRules();
        Problem problem;
        const auto parsed = QualificationRules::parse(QualificationRules::toDrafts(defaults), &problem);
        QVERIFY2(parsed, qPrintable(problem.toString()));
        QCOMPARE(parsed->size(), defaults.size());
        for (qsizetype i = 0; i < defaults.size(); ++i) {
            QCOMPARE(parsed->at(i).enhancedCode, defaults.at(i).enhancedCode);
            QCOMPARE(parsed->at(i).textPattern, defaults.at(i).textPattern);
            QCOMPARE(parsed->at(i).replyClass, defaults.at(i).replyClass);
            QCOMPARE(parsed->at(i).type, defaults.at(i).type);
            QCOMPARE(parsed->at(i).reason, defaults.at(i).reason);
        }
    }

    void badDraftsAreNamed_data()
    {
        QTest::addColumn<QualificationRuleDraft>("draft");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        const QualificationRuleDraft ok{u"5.1.1"_s, {}, {}, u"hard"_s, u"user_unknown"_s, true};
        QualificationRuleDraft d = ok;
        d.type = u"permanent"_s;
        QTest::newRow("type") << d << u"failure type"_s << u"permanent"_s;
        d = ok;
        d.type = u""_s;
        QTest::newRow("empty type") << d << u"failure type"_s << u"hard, soft, ignored"_s;
        d = ok;
        d.reason = u"duplicate"_s; // an analysis exclusion, never a reply's meaning
        QTest::newRow("exclusion reason") << d << u"failure reason"_s << u"duplicate"_s;
        d = ok;
        d.reason = u"bogus"_s;
        QTest::newRow("unknown reason") << d << u"failure reason"_s << u"user_unknown"_s;
        d = ok;
        d.enhancedCode = u"5.1"_s;
        QTest::newRow("code") << d << u"enhanced code"_s << u"5.1"_s;
        d = ok;
        d.enhancedCode = u"550"_s;
        QTest::newRow("code is a reply code") << d << u"enhanced code"_s << u"550"_s;
        d = ok;
        d.textPattern = u"user (unknown"_s;
        QTest::newRow("pattern") << d << u"text pattern"_s << u"user (unknown"_s;
        d = ok;
        d.replyClass = u"2"_s;
        QTest::newRow("class") << d << u"reply class"_s << u"'2'"_s;
    }

    void badDraftsAreNamed()
    {
        QFETCH(QualificationRuleDraft, draft);
        QFETCH(QString, field);
        QFETCH(QString, value);
        QList<QualificationRuleDraft> drafts = QualificationRules::toDrafts(ReplyQualifier::defaultRules());
        drafts.insert(2, draft); // the third row
        Problem problem;
        QVERIFY(!QualificationRules::parse(drafts, &problem));
        QCOMPARE(problem.position, 3);
        QCOMPARE(problem.field, field);
        QVERIFY2(problem.message.contains(value), qPrintable(problem.message));
        QVERIFY(problem.toString().startsWith(u"Rule 3, "_s + field));
    }

    void wildcardsAndClassesAreAccepted()
    {
        const QList<QualificationRuleDraft> drafts{
            {u"5.7.*"_s, {}, {}, u"soft"_s, u"refused"_s, true},
            {u"4.*"_s, {}, u"4"_s, u"soft"_s, u"unreachable"_s, false},
            {{}, u"^"_s, u"421"_s, u" ignored "_s, u"message_too_large"_s, true},
        };
        Problem problem;
        const auto rules = QualificationRules::parse(drafts, &problem);
        QVERIFY2(rules, qPrintable(problem.toString()));
        QCOMPARE(rules->at(1).enabled, false);
        QCOMPARE(rules->at(2).type, FailureType::Ignored);
    }

    void saveReloadAndRestore()
    {
        QTemporaryDir dir;
        auto store = Store::open(dir.filePath(u"r.db"_s), nullptr);
        QVERIFY(store);
        QSqlDatabase db = store->db();
        QString error;
        QList<QualificationRuleDraft> drafts = QualificationRules::toDrafts(ReplyQualifier::load(db, &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // A provider text rule moved to the top, and the 5.1.1 rule turned off.
        drafts.prepend({{}, u"mailbox quota"_s, u"5"_s, u"soft"_s, u"mailbox_full"_s, true});
        drafts[1].enabled = false;
        QVERIFY2(QualificationRules::save(db, drafts, &error), qPrintable(error));
        const QList<QualificationRule> loaded = ReplyQualifier::load(db, &error);
        QCOMPARE(QualificationRules::toDrafts(loaded), drafts);

        // A bad row writes nothing.
        QList<QualificationRuleDraft> bad = drafts;
        bad[4].reason = u"nope"_s;
        QVERIFY(!QualificationRules::save(db, bad, &error));
        QVERIFY2(error.startsWith(u"Rule 5, failure reason"_s), qPrintable(error));
        QCOMPARE(QualificationRules::toDrafts(ReplyQualifier::load(db, &error)), drafts);

        QVERIFY2(QualificationRules::restoreDefaults(db, &error), qPrintable(error));
        QCOMPARE(QualificationRules::toDrafts(ReplyQualifier::load(db, &error)),
                 QualificationRules::toDrafts(ReplyQualifier::defaultRules()));
        QSqlQuery q(db);
        QVERIFY(q.exec(u"SELECT min(position), max(position), count(*) FROM qualification_rules"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE(q.value(1).toInt(), int(ReplyQualifier::defaultRules().size()) - 1);
    }

    void testAReply()
    {
        const QList<QualificationRule> rules = ReplyQualifier::defaultRules();
        auto r = QualificationRules::test(rules, u"550 5.1.1 <x@y>: Recipient address rejected"_s);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.reply.code, 550);
        QCOMPARE(r.reply.enhancedCode, u"5.1.1"_s);
        QCOMPARE(r.qualification.ruleIndex, 0);
        QCOMPARE(r.qualification.type, FailureType::Hard);
        QCOMPARE(r.qualification.reason, FailureReason::UserUnknown);

        // Without an enhanced code the provider texts decide; multi-line replies are read whole.
        r = QualificationRules::test(rules, u"452-Sorry\n452 mailbox is full"_s);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.qualification.reason, FailureReason::MailboxFull);
        QCOMPARE(rules.at(r.qualification.ruleIndex).textPattern.isEmpty(), false);

        // With the first rule off, the next one that matches wins.
        QList<QualificationRule> edited = rules;
        edited[0].enabled = false;
        r = QualificationRules::test(edited, u"550 5.1.1 <x@y>: Recipient address rejected"_s);
        QVERIFY(r.qualification.ruleIndex > 0);
        QCOMPARE(r.qualification.reason, FailureReason::UserUnknown);

        QVERIFY(!QualificationRules::test(rules, u"hello"_s).ok());
        QVERIFY(!QualificationRules::test(rules, u""_s).ok());
        QVERIFY(QualificationRules::test(rules, u"250 2.0.0 Ok"_s).error.contains(u"not a failure"_s));
        r = QualificationRules::test({}, u"554 go away"_s);
        QVERIFY(r.ok());
        QCOMPARE(r.qualification.ruleIndex, -1);
        QCOMPARE(r.qualification.type, FailureType::Hard);
    }
};

QTEST_GUILESS_MAIN(TstQualificationRulesEdit)
#include "tst_qualification_rules_edit.moc"
