// The MX rules settings page driven through its widgets (edit, add, move, remove, save with a
// bad value named by row and column, reload, restore the defaults), and the dashboard's
// "Held by" column worded from an engine snapshot's holds.

#include "dashboard_view.h"
#include "mx_rules_page.h"
#include "routing/mx_rules.h"
#include "store/store.h"

#include "workspace/workspace.h"

#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace {

template <typename W> W *child(QObject *parent, const QString &name)
{
    W *widget = parent->findChild<W *>(name);
    if (!widget)
        qFatal("no child %s", qPrintable(name));
    return widget;
}

void click(QWidget *page, const QString &button)
{
    QTest::mouseClick(child<QPushButton>(page, button), Qt::LeftButton);
}

// Types into a cell through its editor, as a user would.
void editCell(QTableWidget *table, int row, int column, const QString &text)
{
    table->setCurrentCell(row, column);
    table->editItem(table->item(row, column));
    QLineEdit *editor = nullptr;
    QTRY_VERIFY((editor = table->viewport()->findChild<QLineEdit *>()) && editor->isVisible());
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Delete);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(table->item(row, column)->text(), text); // the delegate commits queued
}

QString shortTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).time(), QLocale::ShortFormat);
}

} // namespace

class TstMxRulesPage final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void editSaveReloadRestore()
    {
        const QString db = m_dir.filePath(u"mx.db"_s);
        Workspace workspace(db);
        const QList<MxRuleDraft> defaults = MxRules::toDrafts(MxRules::defaults());
        auto page = std::make_unique<MxRulesPage>(workspace);
        page->show();
        auto *table = child<QTableWidget>(page.get(), u"mxRulesTable"_s);
        auto *status = child<QLabel>(page.get(), u"mxRulesStatus"_s);
        QTRY_COMPARE(table->rowCount(), int(defaults.size()));
        QCOMPARE(page->drafts(), defaults);
        QVERIFY(!page->hasUnsavedChanges());

        // A new rule above the first one: a pattern, 1 connection, 60 per hour, TLS required.
        table->selectRow(0);
        click(page.get(), u"addMxRuleButton"_s);
        QCOMPARE(table->rowCount(), int(defaults.size()) + 1);
        editCell(table, 0, 1, u"*.mail.example"_s);
        editCell(table, 0, 2, u"1"_s);
        editCell(table, 0, 4, u"60"_s);
        auto *tls = qobject_cast<QComboBox *>(table->cellWidget(0, 8));
        QVERIFY(tls);
        tls->setCurrentIndex(tls->findData(u"starttls-required"_s));
        // Its throttle: a "slow down" leaves 30 %, for 120 s, then 10 points back each time.
        QCOMPARE(table->horizontalHeaderItem(9)->text(), u"Throttled: cut to (%)"_s);
        editCell(table, 0, 9, u"30"_s);
        editCell(table, 0, 10, u"120"_s);
        editCell(table, 0, 11, u"10"_s);
        QVERIFY(page->hasUnsavedChanges());
        // Moved below the second, then back.
        click(page.get(), u"moveMxRuleDownButton"_s);
        QCOMPARE(table->item(1, 1)->text(), u"*.mail.example"_s);
        QCOMPARE(table->currentRow(), 1);
        click(page.get(), u"moveMxRuleUpButton"_s);
        QCOMPARE(table->item(0, 1)->text(), u"*.mail.example"_s);

        // A bad value is named by row and column, selected, and nothing is written.
        editCell(table, 3, 5, u"soon"_s);
        click(page.get(), u"saveMxRulesButton"_s);
        QVERIFY2(status->text().contains(u"Rule 4, Connect timeout (s): 'soon' is not a whole number"_s),
                 qPrintable(status->text()));
        QCOMPARE(table->currentRow(), 3);
        QCOMPARE(table->currentColumn(), 5);
        editCell(table, 3, 5, u"-5"_s);
        click(page.get(), u"saveMxRulesButton"_s);
        QVERIFY2(status->text().contains(u"Rule 4, Connect timeout (s): '-5' is not from 0 to 3600"_s),
                 qPrintable(status->text()));
        editCell(table, 3, 5, u"45"_s);
        editCell(table, 0, 9, u"100"_s); // a cut to 100 % would be no cut
        click(page.get(), u"saveMxRulesButton"_s);
        QVERIFY2(status->text().contains(u"Rule 1, Throttled: cut to (%): '100' is not from 0 to 99"_s),
                 qPrintable(status->text()));
        editCell(table, 0, 9, u"30"_s);
        const QList<MxRuleDraft> edited = page->drafts();
        click(page.get(), u"saveMxRulesButton"_s);
        QTRY_VERIFY2(status->text().startsWith(u"Saved"_s), qPrintable(status->text()));
        QTRY_VERIFY(page->isEnabled());
        QVERIFY(!page->hasUnsavedChanges());
        {
            auto store = Store::open(db, nullptr);
            QString error;
            const QList<MxRule> stored = MxRules::load(store->db(), &error);
            QCOMPARE(stored.size(), edited.size());
            QCOMPARE(stored.first().pattern, u"*.mail.example"_s);
            QCOMPARE(stored.first().maxConnections, 1);
            QCOMPARE(stored.first().messagesPerHour, 60);
            QCOMPARE(stored.first().tls, u"starttls-required"_s);
            QCOMPARE(stored.at(3).connectTimeoutS, 45);
            QCOMPARE(stored.first().throttleCutToPct, 30);
            QCOMPARE(stored.first().coolDownS, 120);
            QCOMPARE(stored.first().restoreStepPct, 10);
        }

        // A fresh page reads back what was saved; remove, revert, then restore the defaults.
        page = std::make_unique<MxRulesPage>(workspace);
        page->show();
        table = child<QTableWidget>(page.get(), u"mxRulesTable"_s);
        QTRY_COMPARE(table->rowCount(), int(edited.size()));
        QCOMPARE(page->drafts(), edited);
        table->selectRow(0);
        click(page.get(), u"removeMxRuleButton"_s);
        QCOMPARE(table->rowCount(), int(edited.size()) - 1);
        QVERIFY(page->hasUnsavedChanges());
        click(page.get(), u"revertMxRulesButton"_s);
        QTRY_COMPARE(page->drafts(), edited);
        click(page.get(), u"restoreMxDefaultsButton"_s);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = page->findChild<QMessageBox *>(u"restoreMxDefaultsConfirmation"_s)) && box->isVisible());
        QTest::mouseClick(box->button(QMessageBox::RestoreDefaults), Qt::LeftButton);
        QTRY_COMPARE(page->drafts(), defaults);
        QTRY_VERIFY(page->isEnabled());
        QVERIFY(!page->hasUnsavedChanges());
    }

    void dashboardShowsWhatHoldsEachDomain()
    {
        DashboardView view;
        view.resize(1200, 800);
        view.show();
        DeliveryKpis kpis;
        kpis.id = 7;
        kpis.state = DeliveryState::InProgress;
        view.setDelivery(7, u"Spring"_s, kpis);
        DashboardStats stats;
        stats.deliveryId = 7;
        stats.kpis = kpis;
        stats.domains = {
            {u"gmail.example"_s, 100, 10, 0, 0}, {u"quiet.example"_s, 50, 5, 0, 0}, {u"done.example"_s, 3, 3, 0, 0}};
        view.addStats(stats);

        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        DestinationHold held;
        held.destination = held.domain = u"gmail.example"_s;
        held.rule = u"*.google.com"_s;
        held.waiting = 12;
        held.connections = 1;
        held.maxConnections = 1;
        held.ratePerHour = 600;
        held.sliceLimit = 50;
        held.sentInSlice = 50;
        held.nextSliceAtMs = now + 120'000;
        held.levelPct = 50;
        held.throttledUntilMs = now + 240'000;
        held.throttleReply = u"421"_s;
        DestinationHold free; // active, nothing holding it
        free.destination = free.domain = u"quiet.example"_s;
        free.rule = u"*"_s;
        free.waiting = 0;
        free.connections = 1;
        free.maxConnections = 4;
        kpis.holds = {held, free};
        QSignalSpy updated(&view, &DashboardView::updated);
        view.addSnapshot(kpis);
        QVERIFY(updated.wait(2000));

        auto *table = child<QTreeWidget>(&view, u"domainTable"_s);
        QCOMPARE(table->columnCount(), 6);
        QCOMPARE(table->headerItem()->text(5), u"Held by"_s);
        QCOMPARE(table->topLevelItemCount(), 3);
        QCOMPARE(table->topLevelItem(0)->text(5),
                 u"*.google.com: throttled (421) until %1, at 50%; rate 600/h: next slice at %2; connections 1/1"_s.arg(
                     shortTime(held.throttledUntilMs), shortTime(held.nextSliceAtMs)));
        QVERIFY(table->topLevelItem(0)->toolTip(5).contains(u"this 5-minute slice: 50 of 50"_s));
        QCOMPARE(table->topLevelItem(1)->text(5), QString()); // nothing holds it
        QCOMPARE(table->topLevelItem(2)->text(5), QString());

        // A relay route: one hold for every domain that still has work; a full slice, no rule.
        DestinationHold relay;
        relay.destination = u"relay"_s;
        relay.waiting = 30;
        relay.connections = 10;
        relay.maxConnections = 10;
        kpis.holds = {relay};
        updated.clear();
        view.addSnapshot(kpis);
        QVERIFY(updated.wait(2000));
        QCOMPARE(table->topLevelItem(0)->text(5), u"route limits: connections 10/10"_s);
        QCOMPARE(table->topLevelItem(1)->text(5), u"route limits: connections 10/10"_s);
        QCOMPARE(table->topLevelItem(2)->text(5), QString()); // every recipient is done
    }

    // A delivery another process sends: no snapshot here, the holds its engine saved in the
    // database, and the soonest retry of a domain's soft bounces.
    void dashboardShowsAnotherProcessHoldsAndRetries()
    {
        DashboardView view;
        view.resize(1200, 800);
        view.show();
        DeliveryKpis kpis;
        kpis.id = 8;
        kpis.state = DeliveryState::InProgress;
        view.setDelivery(8, u"Autumn"_s, kpis);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        DashboardStats stats;
        stats.deliveryId = 8;
        stats.kpis = kpis;
        DeliveryStats::DomainRow gmail{u"gmail.example"_s, 100, 10, 0, 0};
        gmail.waiting = 90;
        DeliveryStats::DomainRow busy{u"busy.example"_s, 50, 5, 20, 0};
        busy.waiting = 20;
        busy.nextRetryAtMs = now + 900'000;
        stats.domains = {gmail, busy};
        DestinationHold held;
        held.destination = held.domain = u"gmail.example"_s;
        held.rule = u"*.google.com"_s;
        held.waiting = 12;
        held.connections = 1;
        held.maxConnections = 2;
        held.ratePerHour = 1200;
        held.sliceLimit = 100;
        held.sentInSlice = 100;
        held.nextSliceAtMs = now + 60'000;
        stats.holds = {held};
        QSignalSpy updated(&view, &DashboardView::updated);
        view.addStats(stats);
        QVERIFY(updated.wait(2000));
        auto *table = child<QTreeWidget>(&view, u"domainTable"_s);
        QCOMPARE(table->topLevelItemCount(), 2);
        QCOMPARE(table->topLevelItem(0)->text(5),
                 u"*.google.com: rate 1,200/h: next slice at %1"_s.arg(shortTime(held.nextSliceAtMs)));
        QCOMPARE(table->topLevelItem(1)->text(5), u"next retry at %1"_s.arg(shortTime(busy.nextRetryAtMs)));
    }
};

QTEST_MAIN(TstMxRulesPage)
#include "tst_mx_rules_page.moc"
