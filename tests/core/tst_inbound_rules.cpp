// The inbound-mail rule table (docs/product.md §4): defaults, stored table seeded once, drafts
// checked with the rule position and field named, and trying the rules on a pasted message.
#include "feedback/inbound_rules.h"
#include "store/store.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TstInboundRules final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<Store> open(const QString &name)
    {
        QString error;
        auto store = Store::open(m_dir.filePath(name), &error);
        if (!store)
            qFatal("%s", qPrintable(error));
        return store;
    }

private Q_SLOTS:
    void defaultsAreValidDrafts()
    {
        const QList<InboundRule> defaults = InboundRules::defaults();
        QVERIFY(defaults.size() >= 10);
        InboundRules::Problem problem;
        const auto parsed = InboundRules::parse(InboundRules::toDrafts(defaults), &problem);
        QVERIFY2(parsed, qPrintable(problem.toString()));
        QCOMPARE(InboundRules::toDrafts(*parsed), InboundRules::toDrafts(defaults));
    }

    void loadSeedsDefaultsOnce()
    {
        auto store = open(u"seed.db"_s);
        QString error;
        QList<InboundRule> rules = InboundRules::load(store->db(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(InboundRules::toDrafts(rules), InboundRules::toDrafts(InboundRules::defaults()));
        QSqlQuery q(store->db());
        QVERIFY(q.exec(u"SELECT COUNT(*) FROM inbound_rules"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), int(InboundRules::defaults().size()));

        // An edited table stays as edited, in order.
        QList<InboundRuleDraft> drafts{
            {u"^bounces@"_s, {}, u"no such user"_s, u"bounce"_s, u"hard"_s, u"user_unknown"_s, true},
            {{}, u"^away"_s, {}, u"auto_reply"_s, u"ignored"_s, {}, false}};
        QVERIFY2(InboundRules::save(store->db(), drafts, &error), qPrintable(error));
        rules = InboundRules::load(store->db(), &error);
        QCOMPARE(InboundRules::toDrafts(rules), drafts);
        QVERIFY(InboundRules::restoreDefaults(store->db(), &error));
        QCOMPARE(InboundRules::toDrafts(InboundRules::load(store->db(), &error)),
                 InboundRules::toDrafts(InboundRules::defaults()));
    }

    void badDraftsNamePositionAndField_data()
    {
        QTest::addColumn<InboundRuleDraft>("draft");
        QTest::addColumn<QString>("field");
        QTest::newRow("regex") << InboundRuleDraft{{}, u"(unclosed"_s, {}, u"bounce"_s, {}, {}, true}
                               << u"subject pattern"_s;
        QTest::newRow("kind") << InboundRuleDraft{u"x"_s, {}, {}, u"spam"_s, {}, {}, true} << u"kind"_s;
        QTest::newRow("type") << InboundRuleDraft{u"x"_s, {}, {}, u"bounce"_s, u"fatal"_s, {}, true}
                              << u"failure type"_s;
        QTest::newRow("reason") << InboundRuleDraft{u"x"_s, {}, {}, u"bounce"_s, u"hard"_s, u"gone"_s, true}
                                << u"failure reason"_s;
        QTest::newRow("matches everything") << InboundRuleDraft{{}, {}, {}, u"bounce"_s, {}, {}, true} << u"patterns"_s;
    }

    void badDraftsNamePositionAndField()
    {
        QFETCH(InboundRuleDraft, draft);
        QFETCH(QString, field);
        const InboundRuleDraft good{u"x"_s, {}, {}, u"bounce"_s, {}, {}, true};
        InboundRules::Problem problem;
        QVERIFY(!InboundRules::parse({good, draft}, &problem));
        QCOMPARE(problem.position, 2);
        QCOMPARE(problem.field, field);
        QVERIFY(problem.toString().startsWith(u"Rule 2, "_s + field + u": "_s));
        // Nothing is written when a draft is bad.
        auto store = open(u"bad.db"_s);
        QString error;
        InboundRules::load(store->db(), &error);
        QVERIFY(!InboundRules::save(store->db(), QList<InboundRuleDraft>{good, draft}, &error));
        QVERIFY(error.startsWith(u"Rule 2"_s));
        QCOMPARE(InboundRules::load(store->db(), &error).size(), InboundRules::defaults().size());
    }

    void firstEnabledMatchWins()
    {
        const QByteArray raw = "From: bounces@example.net\r\nSubject: oops\r\n\r\n"
                               "No such user here: <kim@example.org>\r\n";
        QList<InboundRule> rules = *InboundRules::parse(
            {{u"^bounces@"_s, {}, u"NO SUCH USER"_s, u"bounce"_s, u"hard"_s, u"user_unknown"_s, false},
             {u"^bounces@"_s, {}, u"no such user"_s, u"bounce"_s, u"hard"_s, u"inactive_mailbox"_s, true},
             {u"bounces"_s, {}, {}, u"auto_reply"_s, u"ignored"_s, {}, true}},
            nullptr);
        const InboundRules::TestResult r = InboundRules::test(rules, raw);
        QVERIFY(r.ok());
        QCOMPARE(r.rule, 2);
        QCOMPARE(r.message.kind, FeedbackMessage::Kind::Bounce);
        QCOMPARE(r.message.recipients.size(), 1);
        QCOMPARE(r.message.recipients.first().address, u"kim@example.org"_s);
        // No reply code, but the reply rules know the words: they decide, not the rule's reason.
        QCOMPARE(r.message.recipients.first().reason, FailureReason::UserUnknown);
        QVERIFY(r.message.recipients.first().rule.startsWith(u"reply:"_s));
        rules[1].enabled = false;
        QCOMPARE(InboundRules::test(rules, raw).message.kind, FeedbackMessage::Kind::AutoReply);
        QVERIFY(!InboundRules::test(rules, "  \r\n").ok());
    }
};

QTEST_GUILESS_MAIN(TstInboundRules)
#include "tst_inbound_rules.moc"
