// Each rule of the analysis (docs/product.md §5): exclusions with their reasons, control rules,
// DKIM checks, waves and the pre-flight plan, asserted on the report and on the log rows.
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "routing/mx_rules.h"
#include "store/store.h"
#include "test_support.h"

#include <QJsonArray>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;
using Level = AnalysisReport::Level;

class TstAnalyzer final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    ManualClock m_clock{1'795'000'000'000}; // 2026-11-18

    struct Run
    {
        qint64 id = 0;
        AnalysisReport report;
    };

    Run analyze(const QByteArray &csv, const QJsonObject &def = TestSupport::cleanDefinition())
    {
        TestSupport::writeFile(m_dir, u"list.csv"_s, csv);
        const QString path = TestSupport::writeDefinition(m_dir, def);
        DeliveryService service(*m_store, m_clock);
        const auto imported = service.importDefinition(path);
        if (!imported.ok)
            qFatal("import failed: %s", qPrintable(imported.errors.join(u'\n')));
        const auto analyzed = service.analyze(imported.deliveryId);
        if (!analyzed.ok)
            qFatal("analysis failed: %s", qPrintable(analyzed.error));
        return {imported.deliveryId, analyzed.report};
    }

    static bool has(const AnalysisReport &r, Level level, const QString &rule, const QString &text = {})
    {
        for (const auto &l : r.lines) {
            if (l.level == level && l.rule == rule && l.message.contains(text))
                return true;
        }
        return false;
    }

    static QString dump(const AnalysisReport &r) { return r.toText(); }

    // An MX rule that limits only the rate (0: no limit).
    static MxRule rateRule(const QString &pattern, int perHour)
    {
        MxRule rule;
        rule.pattern = pattern;
        rule.messagesPerHour = perHour;
        return rule;
    }

    QMap<QString, QString> reasonsByEmail(qint64 id)
    {
        QMap<QString, QString> out;
        DeliveryQueries(m_store->db()).forEachLogRow(id, {}, [&](const LogRow &row) {
            out.insert(u"%1#%2"_s.arg(row.email).arg(row.line),
                       LogStates::name(row.state) + u'/' + LogStates::name(row.failureReason));
            return true;
        });
        return out;
    }

    QString writeKey(const char *algorithm, int bits, const QString &name)
    {
        EVP_PKEY *key = bits > 0 ? EVP_PKEY_Q_keygen(nullptr, nullptr, algorithm, size_t(bits))
                                 : EVP_PKEY_Q_keygen(nullptr, nullptr, algorithm);
        BIO *bio = BIO_new(BIO_s_mem());
        PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
        char *data = nullptr;
        const long len = BIO_get_mem_data(bio, &data);
        QString path = TestSupport::writeFile(m_dir, name, QByteArray(data, int(len)));
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        BIO_free(bio);
        EVP_PKEY_free(key);
        return path;
    }

private Q_SLOTS:
    // A line made from a template keeps it and its arguments (stored and read back), so the GUI
    // can show it in its language; an argument's own "%1" is not filled again.
    void linesKeepTheirTemplate()
    {
        AnalysisReport r;
        r.add(AnalysisReport::Level::Warning, u"subject.length"_s,
              QT_TRANSLATE_NOOP("AnalysisReport", "The subject is %1 characters long; many clients cut it after %2."),
              {u"120"_s, u"%1"_s});
        r.add(AnalysisReport::Level::Error, u"dkim.key"_s, u"cannot read key.pem"_s);
        QCOMPARE(r.lines.first().message, u"The subject is 120 characters long; many clients cut it after %1."_s);
        const AnalysisReport back = AnalysisReport::fromJson(r.toJson());
        QCOMPARE(back.lines.size(), 2);
        QCOMPARE(back.lines.first().source,
                 QByteArray("The subject is %1 characters long; many clients cut it after %2."));
        QCOMPARE(back.lines.first().args, QStringList({u"120"_s, u"%1"_s}));
        QCOMPARE(back.lines.first().message, r.lines.first().message);
        QVERIFY(back.lines.last().source.isEmpty());
        QCOMPARE(AnalysisReport::fill(u"%2 then %1, 100%"_s, {u"a"_s, u"b"_s}), u"b then a, 100%"_s);
    }

    void init()
    {
        m_store =
            Store::open(m_dir.filePath(u"a-%1.db"_s.arg(QString::fromLatin1(QTest::currentTestFunction()))), nullptr);
        QVERIFY(m_store);
    }
    void cleanup() { m_store.reset(); }

    void cleanDeliveryIsReady()
    {
        const Run r = analyze("email,first_name\na@example.com,A\nb@example.org,B\n");
        QVERIFY2(!r.report.blocked(), qPrintable(dump(r.report)));
        QCOMPARE(r.report.targeted, 2);
        QCOMPARE(r.report.toDeliver, 2);
        QCOMPARE(r.report.toExclude, 0);
        const auto k = DeliveryQueries(m_store->db()).kpis(r.id).value();
        QCOMPARE(k.state, DeliveryState::Analyzed);
        QCOMPARE(k.count(LogState::Pending), 2);
        QCOMPARE(k.toDeliver, 2);
        QCOMPARE(k.successPct(), 0.0);
    }

    void quarantineEndedByTimeIsSentAgain()
    {
        // A mailbox full 31 days ago is released by the analysis itself; 5 days ago it is not.
        const qint64 day = 24LL * 3600 * 1000;
        const qint64 now = m_clock.nowMs();
        QSqlQuery q(m_store->db());
        q.prepare(u"INSERT INTO quarantine (address, status, error_count, last_error, last_error_at, updated_at) "
                  "VALUES ('old-full@example.com', 'quarantine', 5, 'mailbox_full', ?, 0), "
                  "('new-full@example.com', 'quarantine', 5, 'mailbox_full', ?, 0)"_s);
        q.addBindValue(now - 31 * day);
        q.addBindValue(now - 5 * day);
        QVERIFY(q.exec());
        const Run r = analyze("email\nold-full@example.com\nnew-full@example.com\n");
        const auto reasons = reasonsByEmail(r.id);
        QCOMPARE(reasons.value(u"old-full@example.com#2"_s), u"pending/"_s);
        QCOMPARE(reasons.value(u"new-full@example.com#3"_s), u"ignored/quarantined"_s);
    }

    void exclusionsWithReasons()
    {
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"INSERT INTO quarantine (address, status, updated_at) VALUES "
                       "('q@example.com', 'quarantine', 0), ('deny@example.com', 'denylisted', 0), "
                       "('fine@example.com', 'with_errors', 0)"_s));
        const Run r = analyze("email,first_name\n"
                              "a@example.com,A\n"      // 2 kept
                              ",Nobody\n"              // 3 address not specified
                              "a@@example.com,Bad\n"   // 4 invalid
                              "a@EXAMPLE.com,Dup\n"    // 5 duplicate (domain case)
                              "A@example.com,Case\n"   // 6 kept: the local part keeps its case
                              "q@example.com,Q\n"      // 7 quarantined
                              "deny@example.com,D\n"   // 8 denylisted
                              "fine@example.com,F\n"); // 9 kept: errors but not in quarantine
        const auto reasons = reasonsByEmail(r.id);
        QCOMPARE(reasons.value(u"a@example.com#2"_s), u"pending/"_s);
        QCOMPARE(reasons.value(u"#3"_s), u"ignored/address_not_specified"_s);
        QCOMPARE(reasons.value(u"a@@example.com#4"_s), u"ignored/invalid_address"_s);
        QCOMPARE(reasons.value(u"a@EXAMPLE.com#5"_s), u"ignored/duplicate"_s);
        QCOMPARE(reasons.value(u"A@example.com#6"_s), u"pending/"_s);
        QCOMPARE(reasons.value(u"q@example.com#7"_s), u"ignored/quarantined"_s);
        QCOMPARE(reasons.value(u"deny@example.com#8"_s), u"ignored/denylisted"_s);
        QCOMPARE(reasons.value(u"fine@example.com#9"_s), u"pending/"_s);
        QCOMPARE(r.report.toDeliver, 3);
        QCOMPARE(r.report.toExclude, 5);
        QCOMPARE(r.report.exclusions.value(u"duplicate"_s), 1);
        QCOMPARE(r.report.exclusions.value(u"invalid_address"_s), 1);
        QVERIFY(!r.report.blocked());
        const auto k = DeliveryQueries(m_store->db()).kpis(r.id).value();
        QCOMPARE(k.excluded, 5);
        QCOMPARE(k.toDeliver, 3);
        QCOMPARE(k.targeted, 8);
        // The invalid address keeps its detail for the log.
        const auto rows = DeliveryQueries(m_store->db())
                              .logPage(r.id, {LogState::Ignored, FailureReason::InvalidAddress, {}, {}}, 0, 10);
        QCOMPARE(rows.size(), 1);
        QVERIFY(!rows.first().lastReply.isEmpty());
    }

    void targetLimitedInSize()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"target_limit"_s] = 2;
        const Run r =
            analyze("email\na@example.com\na@example.com\nb@example.com\nc@example.com\nd@example.com\n", def);
        QCOMPARE(r.report.toDeliver, 2);
        QCOMPARE(r.report.exclusions.value(u"target_limited"_s), 2);
        QCOMPARE(r.report.exclusions.value(u"duplicate"_s), 1);
        const auto reasons = reasonsByEmail(r.id);
        QCOMPARE(reasons.value(u"b@example.com#4"_s), u"pending/"_s);
        QCOMPARE(reasons.value(u"c@example.com#5"_s), u"ignored/target_limited"_s);
    }

    void senderMustBeValid()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"from"_s] = QJsonObject{{u"address"_s, u"news at acme"_s}};
        const Run r = analyze("email\na@example.com\n", def);
        QVERIFY(r.report.blocked());
        QVERIFY2(has(r.report, Level::Error, u"sender.address"_s), qPrintable(dump(r.report)));
        QCOMPARE(DeliveryQueries(m_store->db()).kpis(r.id)->state, DeliveryState::AnalysisFailed);
    }

    void subjectPresentAndShort()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"subject"_s] = u"  "_s;
        QVERIFY(has(analyze("email\na@example.com\n", def).report, Level::Error, u"subject.missing"_s));
        def[u"subject"_s] = QString(79, u'x');
        const Run r = analyze("email\na@example.com\n", def);
        QVERIFY(has(r.report, Level::Warning, u"subject.length"_s, u"79"_s));
        QVERIFY(!r.report.blocked());
        def[u"subject"_s] = QString(78, u'x');
        QVERIFY(!has(analyze("email\na@example.com\n", def).report, Level::Warning, u"subject.length"_s));
    }

    void unbalancedPersonalizationBlocks()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"subject"_s] = u"Hello {{first_name"_s;
        const Run r = analyze("email,first_name\na@example.com,A\n", def);
        QVERIFY(r.report.blocked());
        QVERIFY2(has(r.report, Level::Error, u"personalization.syntax"_s, u"subject"_s), qPrintable(dump(r.report)));
    }

    void unknownFieldBlocks()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"html"_s] = u"<p>{{nickname}}</p> unsubscribe"_s;
        const Run r = analyze("email,first_name\na@example.com,A\n", def);
        QVERIFY(r.report.blocked());
        QVERIFY(has(r.report, Level::Error, u"personalization.field"_s, u"'nickname'"_s));
        // With a default, a missing column is only a warning: every recipient gets the default.
        def[u"html"_s] = u"<p>{{nickname|friend}}</p> unsubscribe"_s;
        const Run r2 = analyze("email,first_name\na@example.com,A\n", def);
        QVERIFY(!r2.report.blocked());
        QVERIFY(has(r2.report, Level::Warning, u"personalization.field"_s));
    }

    void everyFieldResolvesForEveryRecipient()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"subject"_s] = u"Hello {{first_name}}"_s;
        QByteArray csv = "email,first_name\n";
        for (int i = 0; i < 8; ++i)
            csv += "u" + QByteArray::number(i) + "@example.com," + (i % 2 ? "" : "N") + "\n";
        const Run r = analyze(csv, def);
        QVERIFY(r.report.blocked());
        // The first rows are listed by line, then the rest counted.
        QVERIFY2(has(r.report, Level::Error, u"personalization.empty"_s, u"empty for 4 recipient(s)"_s),
                 qPrintable(dump(r.report)));
        QVERIFY(has(r.report, Level::Error, u"personalization.empty"_s, u"lines 3, 5, 7, 9"_s));
        // Excluded recipients do not count.
        const Run r2 = analyze("email,first_name\na@example.com,A\nbad,\n", def);
        QVERIFY2(!r2.report.blocked(), qPrintable(dump(r2.report)));
    }

    void unsubscribeLinksAndHeaders()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"html"_s] = u"<p>No link</p>"_s;
        def[u"text"_s] = u"No link"_s;
        def.remove(u"headers"_s);
        const Run r = analyze("email\na@example.com\n", def);
        QVERIFY(has(r.report, Level::Warning, u"content.unsubscribe_html"_s));
        QVERIFY(has(r.report, Level::Warning, u"content.unsubscribe_text"_s));
        QVERIFY(has(r.report, Level::Warning, u"headers.list_unsubscribe"_s));
        QVERIFY(!r.report.blocked());
        def[u"headers"_s] = QJsonObject{{u"List-Unsubscribe"_s, u"<mailto:u@acme.example>"_s}};
        QVERIFY(has(analyze("email\na@example.com\n", def).report, Level::Warning, u"headers.one_click"_s));
        const Run clean = analyze("email\na@example.com\n");
        QVERIFY(!has(clean.report, Level::Warning, u"headers.one_click"_s));
        QVERIFY(!has(clean.report, Level::Warning, u"content.unsubscribe_html"_s));
    }

    void messageSizeOver100KbWarns()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"html"_s] = u"<p>{{bio|}}</p> unsubscribe"_s;
        const QByteArray big(120 * 1024, 'x');
        const Run r = analyze("email,bio\nsmall@example.com,short\nbig@example.com," + big + "\n", def);
        QVERIFY2(has(r.report, Level::Warning, u"message.size"_s, u"first at line 3"_s), qPrintable(dump(r.report)));
        QVERIFY(has(r.report, Level::Warning, u"message.size"_s, u"1 message(s)"_s));
    }

    void proofTargetAtMost100()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        QJsonArray proofs;
        for (int i = 0; i < 101; ++i)
            proofs.append(u"p%1@acme.example"_s.arg(i));
        def[u"proofs"_s] = proofs;
        QVERIFY(has(analyze("email\na@example.com\n", def).report, Level::Error, u"proof.count"_s));
        proofs.removeLast();
        def[u"proofs"_s] = proofs;
        QVERIFY(!analyze("email\na@example.com\n", def).report.blocked());
        def[u"proofs"_s] = QJsonArray{u"not-an-address"_s};
        QVERIFY(has(analyze("email\na@example.com\n", def).report, Level::Error, u"proof.address"_s));
    }

    void routeRequired()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def.remove(u"route"_s);
        QVERIFY(has(analyze("email\na@example.com\n", def).report, Level::Error, u"route.missing"_s));
    }

    void wavesSliceAndFitTheValidity()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"waves"_s] = QJsonObject{{u"mode"_s, u"same_size"_s}, {u"size"_s, u"40%"_s}, {u"interval"_s, u"1h"_s}};
        QByteArray csv = "email\n";
        for (int i = 0; i < 10; ++i)
            csv += "w" + QByteArray::number(i) + "@example.com\n";
        csv += "w0@example.com\n"; // a duplicate takes no place in a wave
        const Run r = analyze(csv, def);
        QVERIFY2(!r.report.blocked(), qPrintable(dump(r.report)));
        QVERIFY(has(r.report, Level::Info, u"waves.plan"_s, u"3 wave(s)"_s));
        QList<int> waves;
        DeliveryQueries(m_store->db()).forEachLogRow(r.id, {LogState::Pending, {}, {}, {}}, [&](const LogRow &row) {
            waves.append(row.wave);
            return true;
        });
        QCOMPARE(waves, (QList<int>{0, 0, 0, 0, 1, 1, 1, 1, 2, 2}));

        def[u"validity"_s] = u"90m"_s; // the third wave would start at +2h
        const Run late = analyze(csv, def);
        QVERIFY(has(late.report, Level::Error, u"waves.validity"_s));

        def[u"validity"_s] = u"5d"_s;
        def[u"waves"_s] =
            QJsonObject{{u"mode"_s, u"calendar"_s},
                        {u"calendar"_s, QJsonArray{QJsonObject{{u"delay"_s, u"0s"_s}, {u"size"_s, 3}},
                                                   QJsonObject{{u"delay"_s, u"2h"_s}, {u"size"_s, u"50%"_s}},
                                                   QJsonObject{{u"delay"_s, u"1d"_s}, {u"size"_s, 100}}}}};
        const Run cal = analyze(csv, def);
        waves.clear();
        DeliveryQueries(m_store->db()).forEachLogRow(cal.id, {LogState::Pending, {}, {}, {}}, [&](const LogRow &row) {
            waves.append(row.wave);
            return true;
        });
        QCOMPARE(waves, (QList<int>{0, 0, 0, 1, 1, 1, 1, 1, 2, 2}));
    }

    void dkimRules()
    {
        QJsonObject def = TestSupport::cleanDefinition();
        QVERIFY(has(analyze("email\na@example.com\n", def).report, Level::Warning, u"dkim.missing"_s));

        def[u"dkim"_s] = QJsonObject{{u"domain"_s, u"acme.example"_s},
                                     {u"selector"_s, u"s1"_s},
                                     {u"key_file"_s, writeKey("RSA", 2048, u"rsa2048.pem"_s)}};
        Run r = analyze("email\na@example.com\n", def);
        QVERIFY2(has(r.report, Level::Info, u"dkim.key"_s, u"2048"_s), qPrintable(dump(r.report)));
        QVERIFY(!has(r.report, Level::Warning, u"dkim.key_size"_s));

        def[u"dkim"_s] = QJsonObject{{u"domain"_s, u"acme.example"_s},
                                     {u"selector"_s, u"s1"_s},
                                     {u"key_file"_s, writeKey("RSA", 1024, u"rsa1024.pem"_s)}};
        QVERIFY(has(analyze("email\na@example.com\n", def).report, Level::Warning, u"dkim.key_size"_s, u"1024"_s));

        def[u"dkim"_s] = QJsonObject{{u"domain"_s, u"acme.example"_s},
                                     {u"selector"_s, u"s1"_s},
                                     {u"key_file"_s, writeKey("RSA", 768, u"rsa768.pem"_s)}};
        QVERIFY(has(analyze("email\na@example.com\n", def).report, Level::Error, u"dkim.key_size"_s));

        def[u"dkim"_s] = QJsonObject{{u"domain"_s, u"other.example"_s},
                                     {u"selector"_s, u"s1"_s},
                                     {u"key_file"_s, writeKey("ED25519", 0, u"ed.pem"_s)}};
        r = analyze("email\na@example.com\n", def);
        QVERIFY(has(r.report, Level::Warning, u"dkim.alignment"_s));
        QVERIFY(has(r.report, Level::Warning, u"dkim.ed25519_alone"_s));
        QVERIFY2(!r.report.blocked(), qPrintable(dump(r.report))); // a warning here, and the engine signs

        // A key others can read is warned about, whether through its group or everyone.
        const QString shared = writeKey("RSA", 2048, u"shared.pem"_s);
        def[u"dkim"_s] =
            QJsonObject{{u"domain"_s, u"acme.example"_s}, {u"selector"_s, u"s1"_s}, {u"key_file"_s, shared}};
        QVERIFY(!has(analyze("email\na@example.com\n", def).report, Level::Warning, u"dkim.key_permissions"_s));
        for (const auto extra : {QFileDevice::ReadGroup, QFileDevice::ReadOther}) {
            QFile::setPermissions(shared, QFileDevice::ReadOwner | QFileDevice::WriteOwner | extra);
            QVERIFY(has(analyze("email\na@example.com\n", def).report, Level::Warning, u"dkim.key_permissions"_s));
        }

        TestSupport::writeFile(m_dir, u"garbage.pem"_s, "not a key");
        def[u"dkim"_s] =
            QJsonObject{{u"domain"_s, u"acme.example"_s}, {u"selector"_s, u"s1"_s}, {u"key_file"_s, u"garbage.pem"_s}};
        r = analyze("email\na@example.com\n", def);
        QVERIFY(has(r.report, Level::Error, u"dkim.key"_s, u"garbage.pem"_s));
    }

    // What the message builder would refuse for every recipient blocks the analysis, named by
    // its definition field, in the builder's own words.
    void whatTheBuilderRefusesBlocks_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("field");
        QTest::newRow("Bcc header") << u"headers"_s << QJsonValue(QJsonObject{{u"Bcc"_s, u"archive@acme.example"_s}})
                                    << u"headers.Bcc: custom header Bcc is written by the message builder"_s;
        QTest::newRow("Sender header") << u"headers"_s << QJsonValue(QJsonObject{{u"sender"_s, u"x@acme.example"_s}})
                                       << u"headers.sender"_s;
        QTest::newRow("control character in the From name")
            << u"from"_s
            << QJsonValue(QJsonObject{{u"name"_s, u"Acme\u0007News"_s}, {u"address"_s, u"news@acme.example"_s}})
            << u"from.name: From name contains a line break or control character"_s;
        QTest::newRow("control character in the subject")
            << u"subject"_s << QJsonValue(u"Hello\u001b[31m"_s) << u"subject: Subject contains"_s;
        QTest::newRow("unfoldable header line")
            << u"headers"_s << QJsonValue(QJsonObject{{u"X-Campaign"_s, QString(1200, u'z')}})
            << u"headers.X-Campaign: the X-Campaign header has a line longer than 998 characters"_s;
    }

    void whatTheBuilderRefusesBlocks()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, field);
        QJsonObject def = TestSupport::cleanDefinition();
        def[key] = value;
        const Run r = analyze("email\na@example.com\n", def);
        QVERIFY2(has(r.report, Level::Error, u"message.build"_s, field), qPrintable(dump(r.report)));
        QVERIFY(r.report.blocked());
        // The clean definition builds, and so does one whose whole body is a field.
        QVERIFY(!has(analyze("email\na@example.com\n").report, Level::Error, u"message.build"_s));
        QJsonObject fieldBody = TestSupport::cleanDefinition();
        fieldBody[u"html"_s] = u"{{body}}"_s;
        fieldBody.remove(u"text"_s);
        const Run r2 = analyze("email,body\na@example.com,<p>Hello</p>\n", fieldBody);
        QVERIFY2(!has(r2.report, Level::Error, u"message.build"_s), qPrintable(dump(r2.report)));
    }

    void preflightPlanByDomain()
    {
        const Run r = analyze("email\na@gmail.example\nb@gmail.example\nc@GMAIL.example\nd@naver.example\n"
                              "bad@\ne@daum.example\n");
        QCOMPARE(r.report.destinations.size(), 3);
        QCOMPARE(r.report.destinations.at(0).domain, u"gmail.example"_s);
        QCOMPARE(r.report.destinations.at(0).count, 3);
        QCOMPARE(r.report.destinations.at(1).count, 1);
        qint64 sum = 0;
        for (const auto &p : r.report.destinations)
            sum += p.count;
        QCOMPARE(sum, r.report.toDeliver);
    }

    // The plan by MX provider on a relay route: every domain goes to the relay, whose MX rule
    // (120 an hour: 10 per 5-minute slice) makes 30 recipients take three slices, 600 s.
    void preflightPlanOnARelay()
    {
        QString error;
        QVERIFY2(MxRules::save(m_store->db(), {rateRule(u"127.0.0.1"_s, 120), rateRule(u"*"_s, 0)}, &error),
                 qPrintable(error));
        const auto restore = qScopeGuard([this] { MxRules::restoreDefaults(m_store->db(), nullptr); });
        QByteArray csv = "email\n";
        for (int i = 0; i < 30; ++i)
            csv += "u" + QByteArray::number(i) + "@d" + QByteArray::number(i % 3) + ".example\n";
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"validity"_s] = u"1h"_s;
        const Run fits = analyze(csv, def);
        QCOMPARE(fits.report.plan.size(), 1);
        const AnalysisReport::PlanGroup g = fits.report.plan.first();
        QCOMPARE(g.group, u"127.0.0.1"_s);
        QCOMPARE(g.rule, u"127.0.0.1"_s);
        QCOMPARE(g.ratePerHour, 120);
        QCOMPARE(g.recipients, 30);
        QCOMPARE(g.domains.size(), 3);
        QCOMPARE(g.estimatedSeconds, 600);
        QVERIFY(g.fitsValidity);
        QVERIFY(!has(fits.report, Level::Warning, u"plan.validity"_s));
        // Kept with the delivery as JSON, and given to analyze --json the same way.
        const AnalysisReport back = AnalysisReport::fromJson(fits.report.toJson());
        QCOMPARE(back.plan.size(), 1);
        QCOMPARE(back.plan.first().estimatedSeconds, 600);
        QCOMPARE(back.plan.first().domains, g.domains);
        QCOMPARE(back.destinations.size(), 3);

        def[u"validity"_s] = u"5m"_s;
        const Run late = analyze(csv, def);
        QVERIFY(!late.report.plan.first().fitsValidity);
        QVERIFY2(has(late.report, Level::Warning, u"plan.validity"_s, u"127.0.0.1"_s), qPrintable(dump(late.report)));
        QVERIFY(!late.report.blocked());
    }

    // On the direct route each domain's best MX host (the peers' DNS server) picks the rule: two
    // domains served by *.mx-failover.test are one provider, limited per destination (the larger
    // domain sets the time); a domain without MX is its own host; one the DNS does not know too.
    void preflightPlanByMxProvider()
    {
        const QString dns = qEnvironmentVariable("SENDSCOPE_PEERS_DNS", u"127.0.0.153"_s);
        if (!qEnvironmentVariableIsSet("SENDSCOPE_PEERS_DNS") && !qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
            QSKIP("the peers' DNS server is not running (tests/peers/start-peers.sh)");
        QString error;
        QVERIFY(MxRules::save(m_store->db(), {rateRule(u"*.mx-failover.test"_s, 360), rateRule(u"*"_s, 0)}, &error));
        const auto restore = qScopeGuard([this] { MxRules::restoreDefaults(m_store->db(), nullptr); });
        QByteArray csv = "email\n";
        for (int i = 0; i < 60; ++i)
            csv += "f" + QByteArray::number(i) + "@mx-failover.test\n";
        for (int i = 0; i < 40; ++i)
            csv += "p" + QByteArray::number(i) + "@mx-partial.test\n";
        csv += "a@a-only.test\nb@a-only.test\nz@nowhere.test\n";
        QJsonObject def = TestSupport::cleanDefinition();
        def[u"validity"_s] = u"2h"_s;
        def[u"route"_s] = QJsonObject{{u"type"_s, u"direct"_s}, {u"dns_server"_s, dns}};
        const Run r = analyze(csv, def);
        QCOMPARE(r.report.plan.size(), 3);
        const AnalysisReport::PlanGroup &provider = r.report.plan.at(0);
        QCOMPARE(provider.group, u"*.mx-failover.test"_s);
        QCOMPARE(provider.domains, (QStringList{u"mx-failover.test"_s, u"mx-partial.test"_s}));
        QCOMPARE(provider.recipients, 100);
        // 360 an hour is 30 per slice: the 60 of the larger domain take two slices.
        QCOMPARE(provider.estimatedSeconds, 300);
        QCOMPARE(r.report.plan.at(1).group, u"a-only.test"_s);
        QCOMPARE(r.report.plan.at(1).rule, u"*"_s);
        QCOMPARE(r.report.plan.at(1).estimatedSeconds, -1);
        QCOMPARE(r.report.plan.at(2).group, u"nowhere.test"_s);
        QVERIFY2(has(r.report, Level::Info, u"plan.dns"_s, u"1 of 4 domain(s)"_s), qPrintable(dump(r.report)));
    }

    void emptyListBlocks()
    {
        QVERIFY(has(analyze("email\n").report, Level::Error, u"target.empty"_s));
        QVERIFY(has(analyze("email\nbad\n").report, Level::Error, u"target.nothing_to_deliver"_s));
    }

    void reanalysisReplacesTheLog()
    {
        const Run r = analyze("email\na@example.com\nb@example.com\n");
        DeliveryService service(*m_store, m_clock);
        const auto again = service.analyze(r.id);
        QVERIFY(again.ok);
        QCOMPARE(DeliveryQueries(m_store->db()).logCount(r.id), 2);
        // Message-IDs are stable per (delivery, recipient) across analyses.
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"SELECT count(DISTINCT message_id) FROM recipient_log"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
    }

    void reportIsStoredAndRoundTrips()
    {
        const Run r = analyze("email\na@example.com\nbad\n");
        const auto stored = DeliveryQueries(m_store->db()).analysisReport(r.id);
        QVERIFY(stored);
        QCOMPARE(stored->toJson(), r.report.toJson());
    }
};

QTEST_GUILESS_MAIN(TstAnalyzer)
#include "tst_analyzer.moc"
