// The delivery editor driven through its widgets against a real database: errors appear next to
// their fields as the user types and block Save; what is saved is what the core reads back.

#include "delivery/delivery_editing.h"
#include "delivery/delivery_service.h"
#include "delivery_editor_content.h"
#include "delivery_editor_dialog.h"
#include "store/store.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace Qt::StringLiterals;

class TstDeliveryEditor final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dbPath;

    template <typename T> static T *child(const QWidget &parent, const QString &name)
    {
        T *w = parent.findChild<T *>(name);
        if (!w)
            qFatal("no widget named %s", qPrintable(name));
        return w;
    }

    static void showTab(DeliveryEditorDialog &dialog, const QString &pageName)
    {
        auto *tabs = child<QTabWidget>(dialog, u"editorTabs"_s);
        QWidget *page = dialog.findChild<QWidget *>(pageName);
        while (page && tabs->indexOf(page) < 0)
            page = page->parentWidget();
        QVERIFY2(page, qPrintable(pageName));
        tabs->setCurrentWidget(page);
    }

    static void retype(QLineEdit *edit, const QString &text)
    {
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

    static bool errorShown(const DeliveryEditorDialog &dialog, const QString &field)
    {
        return !child<QLabel>(dialog, u"error_"_s + field)->isHidden();
    }

    std::unique_ptr<Store> store()
    {
        QString error;
        auto s = Store::open(m_dbPath, &error);
        if (!s)
            qFatal("%s", qPrintable(error));
        return s;
    }

    std::optional<EditableDelivery> readBack(qint64 id)
    {
        auto s = store();
        return DeliveryEditing(*s).load(id);
    }

    // A delivery with two recipients, imported as sendscope-cli does.
    // route: instead of the relay on 127.0.0.1:2525.
    qint64 imported(const QJsonObject &route = {})
    {
        QFile csv(m_dir.filePath(u"list.csv"_s));
        if (!csv.open(QIODevice::WriteOnly))
            qFatal("cannot write the CSV");
        csv.write("email,first_name\nalice@example.com,Alice\nbob@example.com,Bob\n");
        csv.close();
        const QJsonObject def{
            {u"name"_s, u"Imported"_s},
            {u"from"_s, QJsonObject{{u"name"_s, u"Acme"_s}, {u"address"_s, u"news@acme.example"_s}}},
            {u"subject"_s, u"Hi {{first_name}}"_s},
            {u"html"_s, u"<p>Dear {{first_name|friend}}</p>"_s},
            {u"recipients"_s, QJsonObject{{u"csv"_s, u"list.csv"_s}}},
            {u"route"_s, QJsonObject{{u"type"_s, u"relay"_s},
                                     {u"host"_s, u"127.0.0.1"_s},
                                     {u"port"_s, 2525},
                                     {u"tls"_s, u"none"_s},
                                     {u"helo"_s, u"sender.test"_s}}},
            {u"headers"_s, QJsonObject{{u"List-Unsubscribe"_s, u"<https://acme.example/u>, <mailto:u@acme.example>"_s},
                                       {u"X-Campaign"_s, u"spring"_s}}},
            {u"contact_date"_s, u"2026-12-01T09:00:00+09:00"_s},
        };
        QFile f(m_dir.filePath(u"def.json"_s));
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write the definition");
        QJsonObject written = def;
        if (!route.isEmpty())
            written[u"route"_s] = route;
        f.write(QJsonDocument(written).toJson());
        f.close();
        auto s = store();
        DeliveryService service(*s);
        const auto r = service.importDefinition(f.fileName());
        if (!r.ok)
            qFatal("%s", qPrintable(r.errors.join(u'\n')));
        return r.deliveryId;
    }

    void fillValidNew(DeliveryEditorDialog &dialog)
    {
        showTab(dialog, u"generalPage"_s);
        QTest::keyClicks(child<QLineEdit>(dialog, u"nameEdit"_s), u"Autumn news"_s);
        QTest::keyClicks(child<QLineEdit>(dialog, u"fromAddressEdit"_s), u"news@acme.example"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_dbPath = m_dir.filePath(u"editor.db"_s);
        store(); // created once, so every dialog opens an existing file
    }

    void newDeliveryValidatesAsYouTypeAndSaves()
    {
        Workspace workspace(m_dbPath);
        DeliveryEditorDialog dialog(workspace, 0);
        dialog.show();
        auto *save = child<QPushButton>(dialog, u"saveButton"_s);
        auto *ok = child<QPushButton>(dialog, u"okButton"_s);
        // An empty form: the name is required.
        QVERIFY(errorShown(dialog, u"name"_s));
        QVERIFY(!save->isEnabled());

        QTest::keyClicks(child<QLineEdit>(dialog, u"nameEdit"_s), u"Autumn news"_s);
        QVERIFY(!errorShown(dialog, u"name"_s));
        QTest::keyClicks(child<QLineEdit>(dialog, u"fromNameEdit"_s), u"Acme"_s);
        auto *from = child<QLineEdit>(dialog, u"fromAddressEdit"_s);
        QTest::keyClicks(from, u"news@@acme"_s);
        QVERIFY(errorShown(dialog, u"from.address"_s));
        auto *fromError = child<QLabel>(dialog, u"error_from.address"_s);
        QVERIFY2(fromError->text().contains(u"not a valid address"_s), qPrintable(fromError->text()));
        QCOMPARE(fromError->toolTip(), fromError->text());
        QVERIFY(!save->isEnabled());
        QVERIFY(!ok->isEnabled());
        retype(from, u"news@acme.example"_s);
        QVERIFY(!errorShown(dialog, u"from.address"_s));
        QVERIFY(save->isEnabled());

        QTest::keyClicks(child<QLineEdit>(dialog, u"replyToEdit"_s), u"help"_s);
        QVERIFY(errorShown(dialog, u"reply_to"_s));
        QVERIFY(!save->isEnabled());
        QTest::keyClicks(child<QLineEdit>(dialog, u"replyToEdit"_s), u"@acme.example"_s);
        QVERIFY(save->isEnabled());

        auto *subject = child<QLineEdit>(dialog, u"subjectEdit"_s);
        QTest::keyClicks(subject, u"Hello "_s);
        // The picker offers "email" before any import and inserts at the cursor.
        auto *menu = child<QMenu>(dialog, u"subjectFieldMenu"_s);
        QCOMPARE(menu->actions().size(), 1);
        menu->actions().constFirst()->trigger();
        QCOMPARE(subject->text(), u"Hello {{email}}"_s);

        showTab(dialog, u"contentPage"_s);
        auto *html = child<QPlainTextEdit>(dialog, u"htmlEdit"_s);
        QTest::keyClicks(html, u"<p>Spring <b>sale</b></p>"_s);
        auto *preview = child<QTextBrowser>(dialog, u"htmlPreview"_s);
        QTRY_COMPARE(preview->toPlainText(), u"Spring sale"_s);
        QCOMPARE(child<QPlainTextEdit>(dialog, u"textEdit"_s)->toPlainText(), u"Spring sale"_s);
        QVERIFY(child<QLabel>(dialog, u"subjectPreview"_s)->text().contains(u"Hello "_s));

        QSignalSpy saved(&dialog, &DeliveryEditorDialog::saved);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE(saved.count(), 1);
        const qint64 id = saved.at(0).at(0).toLongLong();
        QVERIFY(id > 0);
        QCOMPARE(dialog.deliveryId(), id);
        QVERIFY(dialog.isVisible()); // Save keeps the dialog open; OK closes it

        const auto d = readBack(id);
        QVERIFY(d);
        QCOMPARE(d->name, u"Autumn news"_s);
        QCOMPARE(d->state, DeliveryState::BeingEdited);
        const QJsonObject def = d->definition;
        QCOMPARE(def.value(u"from"_s).toObject().value(u"name"_s).toString(), u"Acme"_s);
        QCOMPARE(def.value(u"from"_s).toObject().value(u"address"_s).toString(), u"news@acme.example"_s);
        QCOMPARE(def.value(u"reply_to"_s).toString(), u"help@acme.example"_s);
        QCOMPARE(def.value(u"subject"_s).toString(), u"Hello {{email}}"_s);
        QCOMPARE(def.value(u"html"_s).toString(), u"<p>Spring <b>sale</b></p>"_s);
        QCOMPARE(def.value(u"text"_s).toString(), u"Spring sale"_s);
        QCOMPARE(def.value(u"validity"_s).toString(), u"5d"_s);

        // A second save updates the same delivery.
        QTest::keyClicks(child<QLineEdit>(dialog, u"nameEdit"_s), u" 2"_s);
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_COMPARE(saved.count(), 2);
        QCOMPARE(saved.at(1).at(0).toLongLong(), id);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(readBack(id)->name, u"Autumn news 2"_s);
    }

    void scheduleDurationsAndCalendarWaves()
    {
        Workspace workspace(m_dbPath);
        DeliveryEditorDialog dialog(workspace, 0);
        dialog.show();
        fillValidNew(dialog);
        auto *save = child<QPushButton>(dialog, u"saveButton"_s);
        QVERIFY(save->isEnabled());
        showTab(dialog, u"schedulePage"_s);

        auto *retry = child<QLineEdit>(dialog, u"retryPeriodEdit"_s);
        retype(retry, u"10 minutes"_s);
        QVERIFY(errorShown(dialog, u"retry.period"_s));
        QVERIFY(!save->isEnabled());
        retype(retry, u"10m"_s);
        QVERIFY(!errorShown(dialog, u"retry.period"_s));
        retype(child<QLineEdit>(dialog, u"retryMaxEdit"_s), u"5m"_s);
        QVERIFY(errorShown(dialog, u"retry.max_period"_s));
        retype(child<QLineEdit>(dialog, u"retryMaxEdit"_s), u"2h"_s);
        retype(child<QLineEdit>(dialog, u"validityEdit"_s), u"1d12h"_s);
        QVERIFY(save->isEnabled());

        // Contact date in an explicit zone.
        child<QCheckBox>(dialog, u"sendLaterCheck"_s)->setChecked(true);
        auto *zone = child<QComboBox>(dialog, u"timeZoneCombo"_s);
        zone->setCurrentIndex(zone->findData(QByteArrayLiteral("Asia/Seoul")));
        QVERIFY(zone->currentIndex() >= 0);
        QCOMPARE(child<QLabel>(dialog, u"timeZoneOffset"_s)->text(), u"UTC+09:00"_s);
        child<QDateTimeEdit>(dialog, u"contactDateEdit"_s)->setDateTime(QDateTime(QDate(2026, 12, 1), QTime(9, 0)));

        auto *mode = child<QComboBox>(dialog, u"wavesModeCombo"_s);
        mode->setCurrentIndex(mode->findData(u"calendar"_s));
        QVERIFY(errorShown(dialog, u"waves.calendar"_s)); // no wave yet
        QVERIFY(!save->isEnabled());
        auto *table = child<QTableWidget>(dialog, u"wavesCalendarTable"_s);
        auto *add = child<QPushButton>(dialog, u"addWaveButton"_s);
        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), u"0s"_s);
        table->item(0, 1)->setText(u"100"_s);
        QVERIFY(!errorShown(dialog, u"waves.calendar"_s));
        QTest::mouseClick(add, Qt::LeftButton);
        table->item(1, 0)->setText(u"2x"_s);
        table->item(1, 1)->setText(u"50%"_s);
        QVERIFY(errorShown(dialog, u"waves.calendar"_s));
        QVERIFY2(child<QLabel>(dialog, u"error_waves.calendar"_s)->text().startsWith(u"[1].delay: "_s),
                 qPrintable(child<QLabel>(dialog, u"error_waves.calendar"_s)->text()));
        QVERIFY(!save->isEnabled());
        table->item(1, 0)->setText(u"3h"_s);
        QVERIFY(!errorShown(dialog, u"waves.calendar"_s));
        QVERIFY(save->isEnabled());

        QSignalSpy saved(&dialog, &DeliveryEditorDialog::saved);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE(saved.count(), 1);
        const QJsonObject def = readBack(saved.at(0).at(0).toLongLong())->definition;
        QCOMPARE(def.value(u"retry"_s).toObject().value(u"period"_s).toString(), u"10m"_s);
        QCOMPARE(def.value(u"retry"_s).toObject().value(u"max_period"_s).toString(), u"2h"_s);
        QCOMPARE(def.value(u"validity"_s).toString(), u"1d12h"_s);
        QCOMPARE(def.value(u"contact_date"_s).toString(), u"2026-12-01T09:00:00+09:00"_s);
        const QJsonObject waves = def.value(u"waves"_s).toObject();
        QCOMPARE(waves.value(u"mode"_s).toString(), u"calendar"_s);
        const QJsonArray rows = waves.value(u"calendar"_s).toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).toObject().value(u"size"_s).toString(), u"100"_s);
        QCOMPARE(rows.at(1).toObject().value(u"delay"_s).toString(), u"3h"_s);
        QCOMPARE(rows.at(1).toObject().value(u"size"_s).toString(), u"50%"_s);
    }

    void headersAndRoute()
    {
        Workspace workspace(m_dbPath);
        DeliveryEditorDialog dialog(workspace, 0);
        dialog.show();
        fillValidNew(dialog);
        auto *save = child<QPushButton>(dialog, u"saveButton"_s);
        showTab(dialog, u"headersPage"_s);
        child<QCheckBox>(dialog, u"oneClickCheck"_s)->setChecked(true);
        QVERIFY(errorShown(dialog, u"headers.List-Unsubscribe-Post"_s)); // one-click needs a URL
        QVERIFY(!save->isEnabled());
        QTest::keyClicks(child<QLineEdit>(dialog, u"unsubscribeUrlEdit"_s), u"https://acme.example/u/{{email}}"_s);
        QVERIFY(save->isEnabled());
        auto *table = child<QTableWidget>(dialog, u"customHeadersTable"_s);
        QTest::mouseClick(child<QPushButton>(dialog, u"addHeaderButton"_s), Qt::LeftButton);
        table->item(0, 0)->setText(u"Bad Name"_s);
        table->item(0, 1)->setText(u"x"_s);
        QVERIFY(errorShown(dialog, u"headers"_s));
        QVERIFY(!save->isEnabled());
        table->item(0, 0)->setText(u"X-Campaign"_s);
        QVERIFY(save->isEnabled());

        showTab(dialog, u"routePage"_s);
        auto *route = child<QComboBox>(dialog, u"routeCombo"_s);
        route->setCurrentIndex(route->findData(u"relay"_s));
        QVERIFY(errorShown(dialog, u"route"_s)); // a relay needs a host
        QTest::keyClicks(child<QLineEdit>(dialog, u"relayHostEdit"_s), u"127.0.0.1"_s);
        QVERIFY(!errorShown(dialog, u"route"_s));
        child<QComboBox>(dialog, u"relayTlsCombo"_s)->setCurrentIndex(3); // none

        QSignalSpy saved(&dialog, &DeliveryEditorDialog::saved);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_COMPARE(saved.count(), 1);
        const QJsonObject def = readBack(saved.at(0).at(0).toLongLong())->definition;
        const QJsonObject headers = def.value(u"headers"_s).toObject();
        QCOMPARE(headers.value(u"List-Unsubscribe"_s).toString(), u"<https://acme.example/u/{{email}}>"_s);
        QCOMPARE(headers.value(u"List-Unsubscribe-Post"_s).toString(), u"List-Unsubscribe=One-Click"_s);
        QCOMPARE(headers.value(u"X-Campaign"_s).toString(), u"x"_s);
        const QJsonObject r = def.value(u"route"_s).toObject();
        QCOMPARE(r.value(u"host"_s).toString(), u"127.0.0.1"_s);
        QCOMPARE(r.value(u"tls"_s).toString(), u"none"_s);
    }

    void editsAnExistingDelivery()
    {
        const qint64 id = imported();
        {
            auto s = store();
            QVERIFY(DeliveryService(*s).analyze(id).ok);
        }
        Workspace workspace(m_dbPath);
        DeliveryEditorDialog dialog(workspace, id);
        dialog.show();
        auto *name = child<QLineEdit>(dialog, u"nameEdit"_s);
        QTRY_COMPARE(name->text(), u"Imported"_s);
        QCOMPARE(child<QLineEdit>(dialog, u"subjectEdit"_s)->text(), u"Hi {{first_name}}"_s);
        QCOMPARE(child<QLabel>(dialog, u"recipientsImported"_s)->text(), u"2"_s);
        QCOMPARE(child<QLabel>(dialog, u"recipientsFields"_s)->text(), u"email, first_name"_s);
        QCOMPARE(child<QMenu>(dialog, u"subjectFieldMenu"_s)->actions().size(), 2);
        // What the form has no widget for is kept, and what it shows comes back as stored.
        QCOMPARE(child<QLineEdit>(dialog, u"unsubscribeUrlEdit"_s)->text(), u"https://acme.example/u"_s);
        QCOMPARE(child<QLineEdit>(dialog, u"unsubscribeMailtoEdit"_s)->text(), u"u@acme.example"_s);
        QCOMPARE(child<QTableWidget>(dialog, u"customHeadersTable"_s)->rowCount(), 1);
        QCOMPARE(child<QLineEdit>(dialog, u"relayHostEdit"_s)->text(), u"127.0.0.1"_s);
        QCOMPARE(child<QLabel>(dialog, u"timeZoneOffset"_s)->text(), u"UTC+09:00"_s);

        // The preview personalizes as a chosen recipient.
        showTab(dialog, u"contentPage"_s);
        auto *as = child<QComboBox>(dialog, u"previewRecipientCombo"_s);
        QTRY_COMPARE(as->count(), 3);
        auto *preview = child<QTextBrowser>(dialog, u"htmlPreview"_s);
        QCOMPARE(preview->toPlainText(), u"Dear friend"_s);
        as->setCurrentIndex(as->findText(u"bob@example.com"_s));
        QCOMPARE(preview->toPlainText(), u"Dear Bob"_s);
        QCOMPARE(child<QLabel>(dialog, u"subjectPreview"_s)->text(), u"Subject: Hi Bob"_s);

        showTab(dialog, u"generalPage"_s);
        retype(child<QLineEdit>(dialog, u"subjectEdit"_s), u"News for {{first_name}}"_s);
        QSignalSpy saved(&dialog, &DeliveryEditorDialog::saved);
        QTest::mouseClick(child<QPushButton>(dialog, u"okButton"_s), Qt::LeftButton);
        QTRY_COMPARE(saved.count(), 1);
        QCOMPARE(saved.at(0).at(0).toLongLong(), id);
        const auto d = readBack(id);
        QCOMPARE(d->state, DeliveryState::BeingEdited); // edited after analysis: analyze again
        QCOMPARE(d->definition.value(u"subject"_s).toString(), u"News for {{first_name}}"_s);
        QCOMPARE(d->definition.value(u"route"_s).toObject().value(u"helo"_s).toString(), u"sender.test"_s);
        QCOMPARE(d->definition.value(u"contact_date"_s).toString(), u"2026-12-01T09:00:00+09:00"_s);
        QCOMPARE(d->definition.value(u"headers"_s).toObject().value(u"X-Campaign"_s).toString(), u"spring"_s);
        QCOMPARE(d->importedRows, 2);
    }

    // A route the page has no form for (a pool) is shown as such and kept as written.
    void inlinePoolRouteIsKept()
    {
        const QJsonObject pool{
            {u"type"_s, u"pool"_s},
            {u"members"_s,
             QJsonArray{
                 QJsonObject{{u"host"_s, u"127.0.0.1"_s}, {u"port"_s, 2525}, {u"tls"_s, u"none"_s}, {u"weight"_s, 2}},
                 QJsonObject{{u"host"_s, u"127.0.0.1"_s}, {u"port"_s, 2530}, {u"tls"_s, u"none"_s}}}}};
        const qint64 id = imported(pool);
        const QJsonObject stored = readBack(id)->definition.value(u"route"_s).toObject();
        Workspace workspace(m_dbPath);
        DeliveryEditorDialog dialog(workspace, id);
        dialog.show();
        QTRY_COMPARE(child<QLineEdit>(dialog, u"nameEdit"_s)->text(), u"Imported"_s);
        auto *route = child<QComboBox>(dialog, u"routeCombo"_s);
        QCOMPARE(route->currentData().toString(), u"inline"_s);
        QCOMPARE(route->currentText(), u"Pool of 2 relay(s), as written in the definition"_s);
        QVERIFY(!child<QLineEdit>(dialog, u"relayHostEdit"_s)->isEnabled());
        retype(child<QLineEdit>(dialog, u"subjectEdit"_s), u"Pooled {{first_name}}"_s);
        QSignalSpy saved(&dialog, &DeliveryEditorDialog::saved);
        QTest::mouseClick(child<QPushButton>(dialog, u"okButton"_s), Qt::LeftButton);
        QTRY_COMPARE(saved.count(), 1);
        const auto d = readBack(id);
        QCOMPARE(d->definition.value(u"subject"_s).toString(), u"Pooled {{first_name}}"_s);
        QCOMPARE(d->definition.value(u"route"_s).toObject(), stored);
        QCOMPARE(stored.value(u"members"_s).toArray().size(), 2);
    }

    void confirmedDeliveryIsReadOnly()
    {
        const qint64 id = imported();
        {
            auto s = store();
            QSqlQuery q(s->db());
            QVERIFY(q.exec(u"UPDATE deliveries SET state = 'finished' WHERE id = %1"_s.arg(id)));
        }
        Workspace workspace(m_dbPath);
        DeliveryEditorDialog dialog(workspace, id);
        dialog.show();
        auto *status = child<QLabel>(dialog, u"editorStatus"_s);
        QTRY_VERIFY(status->text().contains(u"can no longer be edited"_s));
        QVERIFY(!child<QPushButton>(dialog, u"saveButton"_s)->isEnabled());
        QVERIFY(!child<QLineEdit>(dialog, u"nameEdit"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(dialog, u"importCsvButton"_s)->isEnabled());
    }

    void importCsvSavesANewDeliveryFirst()
    {
        Workspace workspace(m_dbPath);
        DeliveryEditorDialog dialog(workspace, 0);
        dialog.show();
        auto *import = child<QPushButton>(dialog, u"importCsvButton"_s);
        QVERIFY(!import->isEnabled()); // nothing valid to save yet
        fillValidNew(dialog);
        QVERIFY(import->isEnabled());
        showTab(dialog, u"recipientsPage"_s);
        QSignalSpy requested(&dialog, &DeliveryEditorDialog::importCsvRequested);
        QTest::mouseClick(import, Qt::LeftButton);
        QTRY_COMPARE(requested.count(), 1);
        const qint64 id = requested.at(0).at(0).toLongLong();
        QVERIFY(id > 0);
        QCOMPARE(readBack(id)->name, u"Autumn news"_s);
        // Once it exists, the button asks at once.
        QTest::mouseClick(import, Qt::LeftButton);
        QCOMPARE(requested.count(), 2);
        QCOMPARE(requested.at(1).at(0).toLongLong(), id);
    }

    // "Import from file…" reads the file off the GUI thread and fills the part; a file that
    // cannot be read or is not UTF-8 is named in the status line.
    void importsContentFromFiles()
    {
        Workspace workspace(m_dbPath);
        DeliveryEditorDialog dialog(workspace, 0);
        QFile html(m_dir.filePath(u"body.html"_s));
        QVERIFY(html.open(QIODevice::WriteOnly));
        html.write("\xEF\xBB\xBF<h1>Caf\xC3\xA9</h1>");
        html.close();
        auto *content = dialog.findChild<DeliveryEditorContentPage *>();
        QVERIFY(content);
        using Part = DeliveryEditorContentPage::Part;
        Q_EMIT content->fileRequested(Part(0), html.fileName());
        QTRY_COMPARE(child<QPlainTextEdit>(dialog, u"htmlEdit"_s)->toPlainText(), u"<h1>Caf\u00e9</h1>"_s);
        Q_EMIT content->fileRequested(Part(1), html.fileName());
        QTRY_VERIFY(!child<QCheckBox>(dialog, u"deriveTextCheck"_s)->isChecked());
        Q_EMIT content->fileRequested(Part(1), m_dir.filePath(u"missing.txt"_s));
        QTRY_VERIFY(child<QLabel>(dialog, u"editorStatus"_s)->text().contains(u"Cannot read"_s));
        QFile latin1(m_dir.filePath(u"latin1.txt"_s));
        QVERIFY(latin1.open(QIODevice::WriteOnly));
        latin1.write("Caf\xE9");
        latin1.close();
        Q_EMIT content->fileRequested(Part(1), latin1.fileName());
        QTRY_VERIFY2(child<QLabel>(dialog, u"editorStatus"_s)->text().contains(u"not valid UTF-8"_s),
                     qPrintable(child<QLabel>(dialog, u"editorStatus"_s)->text()));
    }

    // The main window's Duplicate… and Delete go through the Workspace: a copy with its
    // recipients; a delete refused while in progress; a delivery that is gone is named.
    void workspaceDuplicatesAndDeletes()
    {
        const qint64 id = imported();
        Workspace workspace(m_dbPath);
        const WorkspaceResult<qint64> copied = workspace.duplicateDelivery(id).result();
        QVERIFY2(copied.ok(), qPrintable(copied.error));
        const qint64 copy = *copied.value;
        QVERIFY(copy > id);
        QCOMPARE(readBack(copy)->name, u"Imported (copy)"_s);
        QCOMPARE(readBack(copy)->importedRows, 2);

        {
            auto s = store();
            QSqlQuery q(s->db());
            QVERIFY(q.exec(u"UPDATE deliveries SET state = 'in_progress' WHERE id = %1"_s.arg(copy)));
        }
        const WorkspaceResult<bool> refused = workspace.deleteDelivery(copy).result();
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error.contains(u"in progress"_s), qPrintable(refused.error));
        QVERIFY(workspace.deleteDelivery(id).result().ok());
        QVERIFY(!readBack(id));
        const WorkspaceResult<qint64> gone = workspace.duplicateDelivery(id).result();
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error, u"no delivery with id %1"_s.arg(id));
    }
};

QTEST_MAIN(TstDeliveryEditor)
#include "tst_delivery_editor.moc"
