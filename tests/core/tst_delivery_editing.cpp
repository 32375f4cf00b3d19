// Editing a delivery through the core (the GUI editor's API): create without recipients,
// load, update (and what an update undoes), duplicate, delete, and every refusal.
#include "delivery/delivery_editing.h"
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "store/store.h"
#include "test_support.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::writeFile;

class TstDeliveryEditing final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    ManualClock m_clock{1'000'000};

    static DeliveryDefinition definition(const QString &name = u"Spring sale"_s)
    {
        QJsonObject json = TestSupport::cleanDefinition();
        json.insert(u"name"_s, name);
        json.insert(u"recipients"_s, QJsonObject{{u"csv"_s, QString()}});
        QList<DeliveryDefinition::Error> errors;
        DeliveryDefinition def = DeliveryDefinition::fromJson(json, QString(), &errors);
        def.csvFile.clear();
        return def;
    }

    // A delivery imported from a CSV the way sendscope-cli does it.
    qint64 imported()
    {
        writeFile(m_dir, u"list.csv"_s,
                  "email,first_name\r\nalice@example.com,Alice\r\nbob@example.com,Bob\r\ndave@example.com,D,"
                  "extra\r\ncarol@example.com,Carol\r\n");
        DeliveryService service(*m_store, m_clock);
        const auto r = service.importDefinition(TestSupport::writeDefinition(m_dir, TestSupport::cleanDefinition()));
        if (!r.ok)
            qFatal("import failed: %s", qPrintable(r.errors.join(u'\n')));
        return r.deliveryId;
    }

    qint64 count(const QString &sql, qint64 id)
    {
        QSqlQuery q(m_store->db());
        q.prepare(sql);
        q.addBindValue(id);
        if (!q.exec() || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0).toLongLong();
    }

    QString state(qint64 id)
    {
        QSqlQuery q(m_store->db());
        q.prepare(u"SELECT state FROM deliveries WHERE id = ?"_s);
        q.addBindValue(id);
        return q.exec() && q.next() ? q.value(0).toString() : QString();
    }

    void setState(qint64 id, const QString &s)
    {
        QSqlQuery q(m_store->db());
        q.prepare(u"UPDATE deliveries SET state = ? WHERE id = ?"_s);
        q.addBindValue(s);
        q.addBindValue(id);
        QVERIFY(q.exec());
    }

private Q_SLOTS:
    void init()
    {
        QString error;
        m_store =
            Store::open(m_dir.filePath(u"edit-%1.db"_s.arg(QString::fromLatin1(QTest::currentTestFunction()))), &error);
        QVERIFY2(m_store, qPrintable(error));
    }
    void cleanup() { m_store.reset(); }

    void createStoresADeliveryWithoutRecipients()
    {
        DeliveryEditing editing(*m_store, m_clock);
        const qint64 id = editing.create(definition());
        QVERIFY2(id > 0, qPrintable(editing.lastError()));
        const auto d = editing.load(id);
        QVERIFY(d);
        QCOMPARE(d->name, u"Spring sale"_s);
        QCOMPARE(d->state, DeliveryState::BeingEdited);
        QVERIFY(d->editable);
        QCOMPARE(d->importedRows, 0);
        QVERIFY(d->fields.isEmpty());
        QCOMPARE(d->definition.value(u"subject"_s).toString(), u"Hello {{first_name|there}}"_s);
        QCOMPARE(d->definition.value(u"from"_s).toObject().value(u"address"_s).toString(), u"news@acme.example"_s);
        QCOMPARE(count(u"SELECT COUNT(*) FROM recipients WHERE delivery_id = ?"_s, id), 0);
        // It shows in the delivery list like an imported one.
        DeliveryQueries queries(m_store->db());
        QCOMPARE(queries.deliveries().size(), 1);
        QCOMPARE(queries.deliveries().constFirst().name, u"Spring sale"_s);
    }

    void createRefusesAnInvalidDefinition()
    {
        DeliveryEditing editing(*m_store, m_clock);
        DeliveryDefinition def = definition();
        def.fromAddress = u"news@@acme"_s;
        QCOMPARE(editing.create(def), 0);
        QVERIFY2(editing.lastError().contains(u"from.address"_s), qPrintable(editing.lastError()));
        def = definition(u" "_s);
        QCOMPARE(editing.create(def), 0);
        QVERIFY2(editing.lastError().contains(u"'name'"_s), qPrintable(editing.lastError()));
        QCOMPARE(count(u"SELECT COUNT(*) FROM deliveries WHERE id > ?"_s, 0), 0);
    }

    void checkNamesEachField()
    {
        QJsonObject json = TestSupport::cleanDefinition();
        json.insert(u"recipients"_s, QJsonObject{{u"csv"_s, u""_s}});
        QVERIFY(DeliveryEditing::check(json).isEmpty()); // no recipient file yet is fine here
        json.insert(u"reply_to"_s, u"support at acme"_s);
        json.insert(u"validity"_s, u"5 days"_s);
        json.insert(u"proofs"_s, QJsonArray{u"ok@acme.example"_s, u"bad@"_s});
        const auto errors = DeliveryEditing::check(json);
        QStringList fields;
        for (const auto &e : errors)
            fields.append(e.field);
        fields.sort();
        QCOMPARE(fields, (QStringList{u"proofs[1]"_s, u"reply_to"_s, u"validity"_s}));
    }

    void loadRefusesAMissingDelivery()
    {
        DeliveryEditing editing(*m_store, m_clock);
        QVERIFY(!editing.load(42));
        QCOMPARE(editing.lastError(), u"no delivery with id 42"_s);
        QVERIFY(!editing.update(42, definition()));
        QCOMPARE(editing.lastError(), u"no delivery with id 42"_s);
        QCOMPARE(editing.duplicate(42), 0);
        QVERIFY(!editing.remove(42));
        QCOMPARE(editing.lastError(), u"no delivery with id 42"_s);
    }

    void updateUndoesTheAnalysisAndKeepsTheRecipients()
    {
        const qint64 id = imported();
        DeliveryService service(*m_store, m_clock);
        QVERIFY(service.analyze(id).ok);
        QCOMPARE(state(id), u"analyzed"_s);
        QCOMPARE(count(u"SELECT COUNT(*) FROM recipient_log WHERE delivery_id = ?"_s, id), 3);

        DeliveryEditing editing(*m_store, m_clock);
        DeliveryDefinition def = definition(u"Renamed"_s);
        def.subject = u"New subject"_s;
        def.csvFile = u"/elsewhere.csv"_s; // the form does not own the recipient list
        QVERIFY2(editing.update(id, def), qPrintable(editing.lastError()));
        QCOMPARE(state(id), u"being_edited"_s);
        QCOMPARE(count(u"SELECT COUNT(*) FROM recipient_log WHERE delivery_id = ?"_s, id), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM deliveries WHERE id = ? AND analysis_report IS NULL"_s, id), 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM recipients WHERE delivery_id = ?"_s, id), 3);
        const auto d = editing.load(id);
        QCOMPARE(d->name, u"Renamed"_s);
        QCOMPARE(d->definition.value(u"subject"_s).toString(), u"New subject"_s);
        QCOMPARE(d->definition.value(u"recipients"_s).toObject().value(u"csv"_s).toString(),
                 m_dir.filePath(u"list.csv"_s));
        QCOMPARE(d->fields, (QStringList{u"email"_s, u"first_name"_s}));
        QCOMPARE(d->rejectedRows, 1);

        // And it can be analyzed again from the new definition.
        const auto again = service.analyze(id);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(count(u"SELECT COUNT(*) FROM recipient_log WHERE delivery_id = ?"_s, id), 3);
    }

    void updateIsRefusedOnceConfirmed_data()
    {
        QTest::addColumn<QString>("state");
        for (const char *s : {"pending", "in_progress", "paused", "stopped", "finished", "failed"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }
    void updateIsRefusedOnceConfirmed()
    {
        QFETCH(QString, state);
        const qint64 id = imported();
        setState(id, state);
        DeliveryEditing editing(*m_store, m_clock);
        QVERIFY(!editing.update(id, definition(u"Changed"_s)));
        QCOMPARE(editing.lastError(),
                 u"delivery %1 is %2: only a delivery that has not been confirmed can be edited"_s.arg(id).arg(state));
        QCOMPARE(editing.load(id)->name, u"Test delivery"_s);
        QVERIFY(!editing.load(id)->editable);
        QCOMPARE(this->state(id), state);
    }

    void updateRefusesAnInvalidDefinition()
    {
        DeliveryEditing editing(*m_store, m_clock);
        const qint64 id = editing.create(definition());
        DeliveryDefinition def = definition();
        def.retryPeriodMs = 3600'000;
        def.retryMaxPeriodMs = 60'000;
        QVERIFY(!editing.update(id, def));
        QCOMPARE(editing.lastError(), u"field 'retry.max_period': must not be shorter than retry.period"_s);
    }

    void duplicateCopiesDefinitionAndRecipients()
    {
        const qint64 id = imported();
        DeliveryService service(*m_store, m_clock);
        QVERIFY(service.analyze(id).ok);
        setState(id, u"finished"_s); // any state can be copied

        DeliveryEditing editing(*m_store, m_clock);
        const qint64 copy = editing.duplicate(id);
        QVERIFY2(copy > 0 && copy != id, qPrintable(editing.lastError()));
        const auto d = editing.load(copy);
        QCOMPARE(d->name, u"Test delivery (copy)"_s);
        QCOMPARE(d->definition.value(u"name"_s).toString(), u"Test delivery (copy)"_s);
        QCOMPARE(d->state, DeliveryState::BeingEdited);
        QCOMPARE(d->definition.value(u"subject"_s), editing.load(id)->definition.value(u"subject"_s));
        QCOMPARE(d->fields, (QStringList{u"email"_s, u"first_name"_s}));
        QCOMPARE(d->importedRows, 3);
        QCOMPARE(d->rejectedRows, 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM recipients WHERE delivery_id = ?"_s, copy), 3);
        QCOMPARE(count(u"SELECT COUNT(*) FROM import_rejects WHERE delivery_id = ?"_s, copy), 1);
        QCOMPARE(count(u"SELECT COUNT(*) FROM recipient_log WHERE delivery_id = ?"_s, copy), 0);
        QCOMPARE(count(u"SELECT COUNT(*) FROM deliveries WHERE id = ? AND analysis_report IS NULL"_s, copy), 1);
        // Same rows in the same order, and a Message-ID token of its own.
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"SELECT group_concat(email || '|' || fields, ';') FROM (SELECT delivery_id, email, fields FROM "
                       "recipients ORDER BY id) GROUP BY delivery_id ORDER BY delivery_id"_s));
        QVERIFY(q.next());
        const QString original = q.value(0).toString();
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), original);
        QCOMPARE(count(u"SELECT COUNT(DISTINCT message_token) FROM deliveries WHERE id >= ?"_s, id), 2);
        // The original is untouched.
        QCOMPARE(state(id), u"finished"_s);
        QCOMPARE(count(u"SELECT COUNT(*) FROM recipient_log WHERE delivery_id = ?"_s, id), 3);
        // The copy analyzes on its own.
        QVERIFY(service.analyze(copy).ok);
        QCOMPARE(state(copy), u"analyzed"_s);
    }

    void removeCascades()
    {
        const qint64 id = imported();
        const qint64 other = imported();
        DeliveryService service(*m_store, m_clock);
        QVERIFY(service.analyze(id).ok);
        DeliveryEditing editing(*m_store, m_clock);
        QVERIFY2(editing.remove(id), qPrintable(editing.lastError()));
        QVERIFY(!editing.load(id));
        for (const char *table : {"recipients", "recipient_log", "import_rejects"}) {
            QCOMPARE(count(u"SELECT COUNT(*) FROM %1 WHERE delivery_id = ?"_s.arg(QLatin1StringView(table)), id), 0);
        }
        QCOMPARE(count(u"SELECT COUNT(*) FROM recipients WHERE delivery_id = ?"_s, other), 3);
    }

    void removeIsRefusedWhileInProgress()
    {
        const qint64 id = imported();
        setState(id, u"in_progress"_s);
        DeliveryEditing editing(*m_store, m_clock);
        QVERIFY(!editing.remove(id));
        QCOMPARE(editing.lastError(), u"delivery %1 is in progress: pause or stop it before deleting it"_s.arg(id));
        QCOMPARE(count(u"SELECT COUNT(*) FROM recipients WHERE delivery_id = ?"_s, id), 3);
        setState(id, u"paused"_s);
        QVERIFY2(editing.remove(id), qPrintable(editing.lastError()));
        QCOMPARE(count(u"SELECT COUNT(*) FROM deliveries WHERE id = ?"_s, id), 0);
    }

    void firstRecipientsAndRouteNames()
    {
        const qint64 id = imported();
        DeliveryEditing editing(*m_store, m_clock);
        const auto sample = editing.firstRecipients(id, 2);
        QCOMPARE(sample.size(), 2);
        QCOMPARE(sample.at(0).email, u"alice@example.com"_s);
        QCOMPARE(sample.at(1).values.value(u"first_name"_s), u"Bob"_s);
        QCOMPARE(editing.firstRecipients(id, 50).size(), 3);
        QVERIFY(editing.firstRecipients(id + 1, 50).isEmpty());

        QVERIFY(editing.routeNames().isEmpty());
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"INSERT INTO routes (name, type, config) VALUES ('relay-b', 'relay', '{}'), "
                       "('direct-a', 'direct', '{}')"_s));
        QCOMPARE(editing.routeNames(), (QStringList{u"direct-a"_s, u"relay-b"_s}));
    }
};

QTEST_GUILESS_MAIN(TstDeliveryEditing)
#include "tst_delivery_editing.moc"
