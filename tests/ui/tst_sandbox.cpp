// The sandbox in the window: a brand new database opens with the Sandbox route and the sample
// delivery, labelled as the sandbox; the sandbox settings dialog edits the outcome table and
// stores it in the route's config.
#include "delivery_list_model.h"
#include "main_window.h"
#include "sandbox/sample_delivery.h"
#include "sandbox/sandbox_route.h"
#include "sandbox_banner.h"
#include "sandbox_dialog.h"
#include "store/store.h"
#include "workspace/workspace.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TstSandbox final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // The stored table, read after every widget has gone (the test's own connection).
    static std::optional<SandboxConfig> storedConfig(const QString &path, QString *error)
    {
        std::unique_ptr<Store> store = Store::open(path, error);
        if (!store)
            return std::nullopt;
        return SandboxRoute::load(store->db(), u"Sandbox"_s, error);
    }

    static void selectOutcome(QComboBox *combo, SandboxConfig::Outcome outcome)
    {
        // By keyboard, as a user would: from the first entry down to the wanted one.
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Home);
        for (int i = 0; i < combo->findData(int(outcome)); ++i)
            QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(SandboxConfig::Outcome(combo->currentData().toInt()), outcome);
    }

    static int rowOf(QTableWidget *table, const QString &domain)
    {
        for (int row = 0; row < table->rowCount(); ++row) {
            if (qobject_cast<QLineEdit *>(table->cellWidget(row, 0))->text() == domain)
                return row;
        }
        return -1;
    }

private Q_SLOTS:
    void freshDatabaseGetsTheSample()
    {
        const QString path = m_dir.filePath(u"fresh.db"_s);
        {
            Workspace windowWorkspace(path);
            MainWindow window(windowWorkspace);
            window.show();
            DeliveryListModel *model = window.deliveryListModel();
            QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 15000);
            const QModelIndex name = model->index(0, DeliveryListModel::NameColumn);
            QCOMPARE(name.data().toString(), u"[Sandbox] Sample delivery (sandbox)"_s);
            QVERIFY(name.data(DeliveryListModel::SandboxRole).toBool());
            QVERIFY(name.data(Qt::ToolTipRole).toString().contains(u"sandbox route"_s));
            QCOMPARE(model->summary(0).kpis.toDeliver, qint64(SampleDelivery::RecipientCount));
        }
        QString error;
        const auto config = storedConfig(path, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(*config, SandboxConfig::defaults());

        // Opened again: still one delivery, one route.
        {
            Workspace windowWorkspace(path);
            MainWindow window(windowWorkspace);
            QSignalSpy loaded(&window, &MainWindow::initialLoadFinished);
            window.show();
            QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 15000);
            QCOMPARE(window.deliveryListModel()->rowCount(), 1);
        }
    }

    void dialogEditsAndStoresTheOutcomes()
    {
        const QString path = m_dir.filePath(u"dialog.db"_s);
        {
            std::unique_ptr<Store> store = Store::open(path, nullptr);
            QVERIFY(store);
            QVERIFY(SampleDelivery::createOnFirstRun(*store, m_dir.path()).created);
        }
        Workspace workspace(path);
        SandboxDialog dialog(workspace);
        QSignalSpy loaded(&dialog, &SandboxDialog::loaded);
        QSignalSpy saved(&dialog, &SandboxDialog::saved);
        dialog.show();
        QTRY_COMPARE(loaded.count(), 1);
        auto *table = dialog.findChild<QTableWidget *>(u"outcomeTable"_s);
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 3);
        QVERIFY(dialog.findChild<SandboxBanner *>());
        QVERIFY(rowOf(table, u"bounce.example"_s) >= 0);

        // bounce.example now accepts; throttled.example goes; slow.test is added as a soft bounce.
        selectOutcome(qobject_cast<QComboBox *>(table->cellWidget(rowOf(table, u"bounce.example"_s), 1)),
                      SandboxConfig::Outcome::Accept);
        table->selectRow(rowOf(table, u"throttled.example"_s));
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"removeDomain"_s), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 2);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"addDomain"_s), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 3);
        auto *domain = qobject_cast<QLineEdit *>(table->cellWidget(2, 0));
        QTest::keyClicks(domain, u"Slow.Test"_s);
        selectOutcome(qobject_cast<QComboBox *>(table->cellWidget(2, 1)), SandboxConfig::Outcome::SoftBounce);
        selectOutcome(dialog.findChild<QComboBox *>(u"defaultOutcome"_s), SandboxConfig::Outcome::HardBounce);
        auto *latency = dialog.findChild<QSpinBox *>(u"latency"_s);
        latency->selectAll();
        QTest::keyClicks(latency, u"150"_s);
        QCOMPARE(latency->value(), 150);

        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QTest::mouseClick(buttons->button(QDialogButtonBox::Save), Qt::LeftButton);
        QTRY_COMPARE(saved.count(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        QString error;
        const auto config = storedConfig(path, &error);
        QVERIFY2(config, qPrintable(error));
        const QMap<QString, SandboxConfig::Outcome> expected{
            {u"bounce.example"_s, SandboxConfig::Outcome::Accept},
            {u"mailbox-full.example"_s, SandboxConfig::Outcome::SoftBounce},
            {u"slow.test"_s, SandboxConfig::Outcome::SoftBounce}};
        QCOMPARE(config->outcomes, expected);
        QCOMPARE(config->defaultOutcome, SandboxConfig::Outcome::HardBounce);
        QCOMPARE(config->latencyMs, 150);
    }

    void dialogRefusesABadRow()
    {
        const QString path = m_dir.filePath(u"bad.db"_s);
        {
            std::unique_ptr<Store> store = Store::open(path, nullptr);
            QVERIFY(store);
            QVERIFY(SampleDelivery::createOnFirstRun(*store, m_dir.path()).created);
        }
        Workspace workspace(path);
        SandboxDialog dialog(workspace);
        QSignalSpy loaded(&dialog, &SandboxDialog::loaded);
        QSignalSpy saved(&dialog, &SandboxDialog::saved);
        dialog.show();
        QTRY_COMPARE(loaded.count(), 1);
        auto *table = dialog.findChild<QTableWidget *>(u"outcomeTable"_s);
        auto *save = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
        auto *status = dialog.findChild<QLabel *>(u"status"_s);

        QTest::mouseClick(dialog.findChild<QPushButton *>(u"addDomain"_s), Qt::LeftButton);
        QTest::mouseClick(save, Qt::LeftButton);
        QCOMPARE(status->text(), u"Row 4: enter a domain, or remove the row."_s);
        QTest::keyClicks(qobject_cast<QLineEdit *>(table->cellWidget(3, 0)), u"not a domain"_s);
        QTest::mouseClick(save, Qt::LeftButton);
        QCOMPARE(status->text(), u"Row 4: “not a domain” is not a domain name."_s);
        qobject_cast<QLineEdit *>(table->cellWidget(3, 0))->clear();
        QTest::keyClicks(qobject_cast<QLineEdit *>(table->cellWidget(3, 0)), u"bounce.example"_s);
        QTest::mouseClick(save, Qt::LeftButton);
        QCOMPARE(status->text(), u"Row 4: bounce.example is listed twice."_s);
        QTest::qWait(100);
        QCOMPARE(saved.count(), 0);
        QVERIFY(dialog.isVisible());

        // A relay route of that name is never turned into a sandbox.
        {
            std::unique_ptr<Store> store = Store::open(path, nullptr);
            QSqlQuery q(store->db());
            QVERIFY(q.exec(u"INSERT INTO routes (name, type, config) VALUES ('Relay', 'relay', '{}')"_s));
        }
        Workspace relayWorkspace(path);
        SandboxDialog relay(relayWorkspace, u"Relay"_s);
        QSignalSpy relayLoaded(&relay, &SandboxDialog::loaded);
        relay.show();
        QTRY_COMPARE(relayLoaded.count(), 1);
        auto *relayStatus = relay.findChild<QLabel *>(u"status"_s);
        QVERIFY2(relayStatus->text().contains(u"no sandbox route named 'Relay'"_s), qPrintable(relayStatus->text()));
        QTest::mouseClick(relay.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save), Qt::LeftButton);
        QTRY_VERIFY(relayStatus->text().startsWith(u"Not saved: route.name: 'Relay' is already a relay route"_s));
    }

    void bannerSaysWhatItIs()
    {
        SandboxBanner banner;
        QVERIFY(banner.text().contains(
            u"Sandbox route: messages go to a local test sink on this computer and never reach anyone."_s));
        QCOMPARE(SandboxBanner::tagged(u"X"_s), u"[Sandbox] X"_s);
    }
};

QTEST_MAIN(TstSandbox)
#include "tst_sandbox.moc"
