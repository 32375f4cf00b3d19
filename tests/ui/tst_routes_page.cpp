// Settings, Routes, driven through its widgets against a real database and the real Postfix
// peers: add a route, see it listed, edit and rename it, see validation errors under their
// fields, delete it, and run "Test connection" (STARTTLS with the test CA, AUTH on the
// submission port with the password from the vault). The vault runs in memory-only mode with a
// scripted prompt, as it does when no keychain answers (CI, Xvfb).

#include "password_vault.h"
#include "route_editor.h"
#include "routes_page.h"
#include "routing/route_store.h"
#include "sandbox/sandbox_config.h"
#include "sandbox/sandbox_route.h"
#include "settings_dialog.h"
#include "store/store.h"
#include "workspace/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TstRoutesPage final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_dbPath;
    QString m_ca;
    int m_prompts = 0;

    std::unique_ptr<PasswordVault> vault()
    {
        auto v = std::make_unique<PasswordVault>(PasswordVault::Mode::MemoryOnly);
        v->setPrompt([this](QWidget *, const QString &, const QString &) -> std::optional<QString> {
            ++m_prompts;
            return qEnvironmentVariable("SENDSCOPE_PEERS_PASSWORD", u"secret"_s);
        });
        return v;
    }

    template <typename T> static T *child(QWidget *page, const QString &name)
    {
        T *w = page->findChild<T *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }

    static void type(QWidget *page, const QString &field, const QString &text)
    {
        auto *edit = child<QLineEdit>(page, u"route_"_s + field);
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        QTest::keyClicks(edit, text);
    }

    static void setPort(QWidget *page, int port)
    {
        auto *spin = child<QSpinBox>(page, u"route_port"_s);
        spin->selectAll();
        QTest::keyClicks(spin, QString::number(port));
        QCOMPARE(spin->value(), port);
    }

    static void chooseTls(QWidget *page, const QString &tls)
    {
        auto *combo = child<QComboBox>(page, u"route_tls"_s);
        combo->setCurrentIndex(combo->findData(tls));
    }

    QStringList listed(QWidget *page)
    {
        QStringList names;
        auto *list = child<QListWidget>(page, u"routeList"_s);
        for (int i = 0; i < list->count(); ++i)
            names.append(list->item(i)->data(Qt::UserRole).toString());
        return names;
    }

    QJsonObject saved(const QString &name)
    {
        auto store = Store::open(m_dbPath, nullptr);
        return RouteStore(store->db()).find(name);
    }

    QString rawConfigs()
    {
        auto store = Store::open(m_dbPath, nullptr);
        QSqlQuery q(store->db());
        QString all;
        q.exec(u"SELECT name || ' ' || config FROM routes"_s);
        while (q.next())
            all += q.value(0).toString();
        return all;
    }

    void select(QWidget *page, const QString &name)
    {
        auto *list = child<QListWidget>(page, u"routeList"_s);
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->data(Qt::UserRole).toString() == name)
                list->setCurrentRow(i);
        }
    }

    static bool peersUp()
    {
        QTcpSocket s;
        s.connectToHost(u"127.0.0.1"_s, 2587);
        return s.waitForConnected(1000);
    }

    // The result rows: step id -> status name.
    static QMap<QString, QString> results(QWidget *page)
    {
        QMap<QString, QString> out;
        auto *tree = child<QTreeWidget>(page, u"testResults"_s);
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            out.insert(tree->topLevelItem(i)->data(0, Qt::UserRole).toString(),
                       tree->topLevelItem(i)->data(1, Qt::UserRole).toString());
        return out;
    }

private Q_SLOTS:
    void init() { m_prompts = 0; }

    void initTestCase()
    {
        m_dbPath = m_dir.filePath(u"routes.db"_s);
        QVERIFY(Store::open(m_dbPath, nullptr));
        m_ca = qEnvironmentVariable("SENDSCOPE_PEERS_DIR", u"/var/tmp/sendscope-peers"_s) + u"/tls/ca.pem"_s;
    }

    void dialogShellSwitchesPages()
    {
        SettingsDialog dialog;
        auto *first = new QLabel(u"one"_s);
        auto *second = new QLabel(u"two"_s);
        QCOMPARE(dialog.addPage(u"Routes"_s, first), 0);
        QCOMPARE(dialog.addPage(u"DKIM keys"_s, second), 1);
        QCOMPARE(dialog.pageCount(), 2);
        auto *stack = dialog.findChild<QListWidget *>(u"settingsPages"_s);
        QCOMPARE(stack->currentRow(), 0);
        QVERIFY(dialog.showPage(u"DKIM keys"_s));
        QCOMPARE(first->isVisibleTo(&dialog), false);
        QCOMPARE(second->isVisibleTo(&dialog), true);
        QVERIFY(!dialog.showPage(u"nothing"_s));
    }

    // Without a D-Bus session (CI, Xvfb) no keychain answers: the vault says so, keeps the
    // password for the run and asks for the others, never writing them anywhere.
    void keychainUnavailableFallsBackToMemory()
    {
        if (qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("a D-Bus session is available: this checks the fallback without one");
        PasswordVault v(PasswordVault::Mode::Keychain);
        v.setPrompt([this](QWidget *, const QString &, const QString &) -> std::optional<QString> {
            ++m_prompts;
            return u"typed"_s;
        });
        QSignalSpy stored(&v, &PasswordVault::stored);
        QSignalSpy unavailable(&v, &PasswordVault::keychainUnavailable);
        v.store(u"fallback"_s, u"kept"_s);
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, 10000);
        QCOMPARE(stored.first().at(1).toBool(), false); // not in a keychain
        QCOMPARE(unavailable.size(), 1);
        QVERIFY(!v.usesKeychain());
        QSignalSpy ready(&v, &PasswordVault::passwordReady);
        v.fetch(u"fallback"_s, u"news"_s, nullptr);
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(ready.first().at(1).toString(), u"kept"_s);
        // Two callers at once get one prompt and one answer; later ones get it from memory.
        v.fetch(u"other"_s, u"news"_s, nullptr);
        v.fetch(u"other"_s, u"news"_s, nullptr);
        QTRY_COMPARE(ready.size(), 2);
        QCOMPARE(ready.at(1).at(1).toString(), u"typed"_s);
        v.fetch(u"other"_s, u"news"_s, nullptr);
        QTRY_COMPARE(ready.size(), 3);
        QCOMPARE(ready.at(2).at(1).toString(), u"typed"_s);
        QCOMPARE(m_prompts, 1); // once per run
        m_prompts = 0;
    }

    // The sandbox route is listed as such and is not opened in the relay/direct form.
    void sandboxRouteIsNotEditedHere()
    {
        const QString path = m_dir.filePath(u"sandbox-routes.db"_s);
        {
            QString error;
            std::unique_ptr<Store> store = Store::open(path, &error);
            QVERIFY2(store, qPrintable(error));
            QVERIFY2(SandboxRoute::save(store->db(), u"Sandbox"_s, SandboxConfig::defaults(), &error),
                     qPrintable(error));
        }
        auto v = vault();
        auto workspace = std::make_unique<Workspace>(path);
        auto *page = new RoutesPage(*workspace, v.get());
        SettingsDialog dialog;
        dialog.addPage(u"Routes"_s, page);
        dialog.show();
        auto *list = child<QListWidget>(page, u"routeList"_s);
        QTRY_COMPARE(list->count(), 1);
        QVERIFY2(list->item(0)->text().contains(u"sandbox"_s), qPrintable(list->item(0)->text()));
        select(page, u"Sandbox"_s);
        QVERIFY(!page->findChild<QLineEdit *>(u"route_name"_s)->isEnabled());
        QVERIFY(page->findChild<QLineEdit *>(u"route_name"_s)->text().isEmpty());
    }

    // docs/product.md §4: the feedback fields of a route (bounce address, VERP, DSN NOTIFY, the
    // bounce mailbox) are saved, shown again as saved, the mailbox password goes to the vault
    // only; plaintext to a mailbox that is not on loopback is refused under its field; and the
    // mailbox's own Test connection logs in to the Dovecot peer (IMAPS with the test CA).
    // A pool of saved relays made in the form: its members and weights, the relay-only rows
    // hidden, an unknown member named under Members, and a route's keys the form does not show
    // (a warm-up, an inline member) kept when it is edited.
    void poolOfSavedRelays()
    {
        const QString path = m_dbPath;
        m_dbPath = m_dir.filePath(u"pool-routes.db"_s);
        const auto restore = qScopeGuard([this, path] { m_dbPath = path; });
        {
            auto store = Store::open(m_dbPath, nullptr);
            QStringList errors;
            RouteStore routes(store->db());
            for (const QString &name : {u"relay-a"_s, u"relay-b"_s})
                QVERIFY(routes.save(
                    QJsonObject{{u"name"_s, name}, {u"type"_s, u"relay"_s}, {u"host"_s, u"127.0.0.1"_s}}, {}, &errors));
            const QJsonObject warmup{
                {u"name"_s, u"ip-192.0.2.9"_s}, {u"start"_s, u"2026-12-01"_s}, {u"daily"_s, QJsonArray{50, 100}}};
            QVERIFY2(routes.save(QJsonObject{{u"name"_s, u"fleet-with-warmup"_s},
                                             {u"type"_s, u"pool"_s},
                                             {u"warmup"_s, warmup},
                                             {u"members"_s, QJsonArray{QJsonObject{{u"saved"_s, u"relay-a"_s}},
                                                                       QJsonObject{{u"host"_s, u"10.0.0.7"_s},
                                                                                   {u"port"_s, 2525},
                                                                                   {u"tls"_s, u"none"_s},
                                                                                   {u"weight"_s, 3}}}}},
                                 {}, &errors),
                     qPrintable(errors.join(u'\n')));
        }
        auto v = vault();
        SettingsDialog dialog;
        auto workspace = std::make_unique<Workspace>(m_dbPath);
        auto *page = new RoutesPage(*workspace, v.get());
        dialog.addPage(u"Routes"_s, page);
        dialog.resize(1180, 800);
        dialog.show();
        QTRY_VERIFY(listed(page).contains(u"relay-b"_s));

        QTest::mouseClick(child<QPushButton>(page, u"addRoute"_s), Qt::LeftButton);
        type(page, u"name"_s, u"fleet"_s);
        auto *routeType = child<QComboBox>(page, u"route_type"_s);
        routeType->setCurrentIndex(routeType->findData(u"pool"_s));
        QVERIFY(child<QWidget>(page, u"route_host"_s)->isHidden() ||
                !child<QWidget>(page, u"route_host"_s)->isVisibleTo(page));
        QVERIFY(!child<QWidget>(page, u"route_port"_s)->isVisibleTo(page));
        QVERIFY(child<QWidget>(page, u"route_members"_s)->isVisibleTo(page));
        QVERIFY(!child<QPushButton>(page, u"testConnection"_s)->isEnabled()); // each member is tested on its own
        auto *members = child<QTableWidget>(page, u"route_members_table"_s);
        auto addMember = [&](const QString &name, const QString &weight) {
            QTest::mouseClick(child<QPushButton>(page, u"addPoolMember"_s), Qt::LeftButton);
            const int row = members->rowCount() - 1;
            members->item(row, 0)->setText(name);
            members->item(row, 1)->setText(weight);
        };
        addMember(u"relay-a"_s, u"2"_s);
        addMember(u"relay-c"_s, u"1"_s);
        QTest::mouseClick(child<QPushButton>(page, u"saveRoute"_s), Qt::LeftButton);
        auto *membersError = child<QLabel>(page, u"error_members"_s);
        QTRY_VERIFY(!membersError->isHidden());
        QVERIFY2(membersError->text().contains(u"no saved relay or direct route is named 'relay-c'"_s),
                 qPrintable(membersError->text()));
        members->item(1, 0)->setText(u"relay-b"_s);
        QTest::mouseClick(child<QPushButton>(page, u"saveRoute"_s), Qt::LeftButton);
        QTRY_VERIFY(listed(page).contains(u"fleet"_s));
        QJsonObject stored = saved(u"fleet"_s);
        QCOMPARE(stored.value(u"type"_s).toString(), u"pool"_s);
        QCOMPARE(stored.value(u"members"_s).toArray(),
                 QJsonArray({QJsonObject{{u"saved"_s, u"relay-a"_s}, {u"weight"_s, 2}},
                             QJsonObject{{u"saved"_s, u"relay-b"_s}, {u"weight"_s, 1}}}));
        QVERIFY(!stored.contains(u"host"_s));
        QVERIFY(!stored.contains(u"max_connections"_s)); // the members' sum, as the pool is sent

        // Edited in the form, the warm-up and the inline member stay as they were.
        select(page, u"fleet-with-warmup"_s);
        QTRY_COMPARE(child<QLineEdit>(page, u"route_name"_s)->text(), u"fleet-with-warmup"_s);
        QCOMPARE(members->rowCount(), 2);
        QCOMPARE(members->item(1, 0)->text(), u"10.0.0.7:2525"_s);
        QCOMPARE(members->item(1, 1)->text(), u"3"_s);
        members->item(0, 1)->setText(u"4"_s);
        QTest::mouseClick(child<QPushButton>(page, u"saveRoute"_s), Qt::LeftButton);
        QTRY_COMPARE(
            saved(u"fleet-with-warmup"_s).value(u"members"_s).toArray().at(0).toObject().value(u"weight"_s).toInt(), 4);
        stored = saved(u"fleet-with-warmup"_s);
        QCOMPARE(stored.value(u"warmup"_s).toObject().value(u"name"_s).toString(), u"ip-192.0.2.9"_s);
        const QJsonObject inlineMember = stored.value(u"members"_s).toArray().at(1).toObject();
        QCOMPARE(inlineMember.value(u"host"_s).toString(), u"10.0.0.7"_s);
        QCOMPARE(inlineMember.value(u"tls"_s).toString(), u"none"_s);
        QCOMPARE(inlineMember.value(u"weight"_s).toInt(), 3);
    }

    void bounceMailboxFieldsRoundTrip()
    {
        const QString path = m_dbPath;
        m_dbPath = m_dir.filePath(u"feedback-routes.db"_s); // saved() and rawConfigs() read this one
        const auto restore = qScopeGuard([this, path] { m_dbPath = path; });
        auto v = vault();
        SettingsDialog dialog;
        auto workspace = std::make_unique<Workspace>(m_dbPath);
        auto *page = new RoutesPage(*workspace, v.get());
        dialog.addPage(u"Routes"_s, page);
        dialog.resize(1180, 800);
        dialog.show();
        QTest::mouseClick(child<QPushButton>(page, u"addRoute"_s), Qt::LeftButton);
        type(page, u"name"_s, u"Reports relay"_s);
        type(page, u"host"_s, u"127.0.0.1"_s);
        type(page, u"bounce_address"_s, u"bounce@sendscope.test"_s);
        child<QCheckBox>(page, u"route_verp"_s)->click();
        child<QCheckBox>(page, u"route_dsn"_s)->click();
        auto *delay = child<QCheckBox>(page, u"route_dsn_notify_delay"_s);
        QVERIFY(delay->isEnabled() && delay->isChecked());
        delay->click();
        child<QGroupBox>(page, u"route_bounce_mailbox"_s)->setChecked(true);
        type(page, u"bounce_mailbox.host"_s, u"imap.acme.example"_s);
        auto *mbTls = child<QComboBox>(page, u"route_bounce_mailbox.tls"_s);
        mbTls->setCurrentIndex(mbTls->findData(u"none"_s));
        type(page, u"bounce_mailbox.username"_s, u"bounce"_s);
        type(page, u"bounce_mailbox.password"_s, u"mailbox-secret"_s);

        // Plaintext to a host that is not loopback: refused, named under the mailbox's TLS.
        QTest::mouseClick(child<QPushButton>(page, u"saveRoute"_s), Qt::LeftButton);
        auto *tlsError = child<QLabel>(page, u"error_bounce_mailbox.tls"_s);
        QTRY_VERIFY(!tlsError->isHidden());
        QVERIFY2(tlsError->text().contains(u"loopback"_s), qPrintable(tlsError->text()));
        QVERIFY(saved(u"Reports relay"_s).isEmpty());

        type(page, u"bounce_mailbox.host"_s, u"127.0.0.1"_s);
        mbTls->setCurrentIndex(mbTls->findData(u"implicit"_s));
        QCOMPARE(child<QSpinBox>(page, u"route_bounce_mailbox.port"_s)->value(), 993);
        auto *mbPort = child<QSpinBox>(page, u"route_bounce_mailbox.port"_s);
        mbPort->selectAll();
        QTest::keyClicks(mbPort, u"1993"_s);
        auto *after = child<QComboBox>(page, u"route_bounce_mailbox.after"_s);
        after->setCurrentIndex(after->findData(u"move"_s));
        type(page, u"bounce_mailbox.move_to"_s, u"Processed"_s);
        type(page, u"bounce_mailbox.ca_file"_s, m_ca);
        QTest::mouseClick(child<QPushButton>(page, u"saveRoute"_s), Qt::LeftButton);
        QTRY_VERIFY(listed(page).contains(u"Reports relay"_s));
        const QJsonObject stored = saved(u"Reports relay"_s);
        QCOMPARE(stored.value(u"bounce_address"_s).toString(), u"bounce@sendscope.test"_s);
        QCOMPARE(stored.value(u"verp"_s).toBool(), true);
        QCOMPARE(stored.value(u"dsn"_s).toBool(), true);
        QCOMPARE(stored.value(u"dsn_notify"_s).toString(), u"SUCCESS,FAILURE"_s);
        const QJsonObject mb = stored.value(u"bounce_mailbox"_s).toObject();
        QCOMPARE(mb.value(u"host"_s).toString(), u"127.0.0.1"_s);
        QCOMPARE(mb.value(u"port"_s).toInt(), 1993);
        QCOMPARE(mb.value(u"tls"_s).toString(), u"implicit"_s);
        QCOMPARE(mb.value(u"username"_s).toString(), u"bounce"_s);
        QCOMPARE(mb.value(u"after"_s).toString(), u"move"_s);
        QCOMPARE(mb.value(u"move_to"_s).toString(), u"Processed"_s);
        QCOMPARE(mb.value(u"ca_file"_s).toString(), m_ca);
        QVERIFY(!rawConfigs().contains(u"mailbox-secret"_s));
        QSignalSpy ready(v.get(), &PasswordVault::passwordReady);
        v->fetch(u"Reports relay/bounce-mailbox"_s, u"bounce"_s, nullptr);
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(ready.first().at(1).toString(), u"mailbox-secret"_s);

        // Shown again as saved.
        select(page, u"Reports relay"_s);
        QTRY_COMPARE(child<QLineEdit>(page, u"route_bounce_mailbox.host"_s)->text(), u"127.0.0.1"_s);
        QCOMPARE(child<QLineEdit>(page, u"route_bounce_address"_s)->text(), u"bounce@sendscope.test"_s);
        QVERIFY(child<QCheckBox>(page, u"route_verp"_s)->isChecked());
        QVERIFY(!child<QCheckBox>(page, u"route_dsn_notify_delay"_s)->isChecked());
        QVERIFY(child<QCheckBox>(page, u"route_dsn_notify_failure"_s)->isChecked());
        QCOMPARE(child<QSpinBox>(page, u"route_bounce_mailbox.port"_s)->value(), 1993);
        QCOMPARE(child<QLineEdit>(page, u"route_bounce_mailbox.move_to"_s)->text(), u"Processed"_s);
        QVERIFY(child<QLineEdit>(page, u"route_bounce_mailbox.password"_s)->text().isEmpty());

        // VERP without a bounce address is refused under VERP.
        type(page, u"bounce_address"_s, QString());
        QTest::mouseClick(child<QPushButton>(page, u"saveRoute"_s), Qt::LeftButton);
        auto *verpError = child<QLabel>(page, u"error_verp"_s);
        QTRY_VERIFY(!verpError->isHidden());
        QVERIFY2(verpError->text().contains(u"bounce_address"_s), qPrintable(verpError->text()));

        if (!peersUp()) {
            if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
                QFAIL("the test peers are not running (tests/peers/start-peers.sh)");
            QSKIP("the test peers are not running: the mailbox test needs Dovecot");
        }
        // The mailbox test with the password typed now (the right one for the peer).
        type(page, u"bounce_address"_s, u"bounce@sendscope.test"_s);
        type(page, u"bounce_mailbox.password"_s, qEnvironmentVariable("SENDSCOPE_PEERS_PASSWORD", u"secret"_s));
        QSignalSpy tested(page, &RoutesPage::mailboxTestFinished);
        QTest::mouseClick(child<QPushButton>(page, u"testMailbox"_s), Qt::LeftButton);
        // The click may already deliver the result (a loopback test is quick): count, don't wait.
        QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 30000);
        auto *steps = child<QTreeWidget>(page, u"mailboxTestResults"_s);
        QStringList ids;
        for (int i = 0; i < steps->topLevelItemCount(); ++i)
            ids.append(steps->topLevelItem(i)->text(0));
        QVERIFY2(tested.first().at(0).toBool(),
                 qPrintable(ids.join(u", "_s) + u" / "_s + child<QLabel>(page, u"routeStatus"_s)->text()));
        QVERIFY2(ids.contains(u"login"_s) && ids.contains(u"certificate"_s), qPrintable(ids.join(u", "_s)));

        // A wrong password fails at the login step, in red.
        type(page, u"bounce_mailbox.password"_s, u"wrong"_s);
        tested.clear();
        QTest::mouseClick(child<QPushButton>(page, u"testMailbox"_s), Qt::LeftButton);
        // The click may already deliver the result (a loopback test is quick): count, don't wait.
        QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 30000);
        QCOMPARE(tested.first().at(0).toBool(), false);
    }

    void addEditRenameDelete()
    {
        auto v = vault();
        SettingsDialog dialog;
        auto workspace = std::make_unique<Workspace>(m_dbPath);
        auto *page = new RoutesPage(*workspace, v.get());
        dialog.addPage(u"Routes"_s, page);
        dialog.show();
        QSignalSpy changed(page, &RoutesPage::routesChanged);

        // Add: the form starts empty; Save without a name shows the error under Name.
        QTest::mouseClick(child<QPushButton>(page, u"addRoute"_s), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(page, u"saveRoute"_s), Qt::LeftButton);
        auto *nameError = child<QLabel>(page, u"error_name"_s);
        QTRY_VERIFY(!nameError->isHidden());
        QVERIFY2(nameError->text().contains(u"required"_s), qPrintable(nameError->text()));
        QVERIFY(!child<QLabel>(page, u"error_host"_s)->isHidden()); // a relay needs a host
        QVERIFY(listed(page).isEmpty());

        type(page, u"name"_s, u"Acme relay"_s);
        type(page, u"host"_s, u"smtp.acme.example"_s);
        type(page, u"username"_s, u"news"_s);
        type(page, u"password"_s, u"hunter2"_s);
        child<QCheckBox>(page, u"route_acceptance_means_sent"_s)->click();
        QTest::mouseClick(child<QPushButton>(page, u"saveRoute"_s), Qt::LeftButton);
        QTRY_COMPARE(listed(page), QStringList{u"Acme relay"_s});
        QVERIFY(nameError->isHidden());
        QCOMPARE(changed.size(), 1);
        const QJsonObject stored = saved(u"Acme relay"_s);
        QCOMPARE(stored.value(u"host"_s).toString(), u"smtp.acme.example"_s);
        QCOMPARE(stored.value(u"port"_s).toInt(), 587);
        QCOMPARE(stored.value(u"acceptance_means_sent"_s).toBool(), true);
        QCOMPARE(stored.value(u"username"_s).toString(), u"news"_s);
        QVERIFY(!rawConfigs().contains(u"hunter2"_s)); // never in the database
        // ... but in the vault, under the route's name.
        QSignalSpy ready(v.get(), &PasswordVault::passwordReady);
        v->fetch(u"Acme relay"_s, u"news"_s, nullptr);
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(ready.first().at(1).toString(), u"hunter2"_s);
        QCOMPARE(m_prompts, 0);

        // Edit: another port, HELO name and name.
        select(page, u"Acme relay"_s);
        QCOMPARE(child<QLineEdit>(page, u"route_name"_s)->text(), u"Acme relay"_s);
        QVERIFY(child<QLineEdit>(page, u"route_password"_s)->text().isEmpty());
        type(page, u"helo"_s, u"mail.acme.example"_s);
        type(page, u"name"_s, u"Acme"_s);
        setPort(page, 2525);
        QTest::mouseClick(child<QPushButton>(page, u"saveRoute"_s), Qt::LeftButton);
        QTRY_COMPARE(listed(page), QStringList{u"Acme"_s});
        QCOMPARE(saved(u"Acme"_s).value(u"port"_s).toInt(), 2525);
        QCOMPARE(saved(u"Acme"_s).value(u"helo"_s).toString(), u"mail.acme.example"_s);
        QVERIFY(saved(u"Acme relay"_s).isEmpty());
        ready.clear();
        v->fetch(u"Acme"_s, u"news"_s, nullptr); // the password followed the rename
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(ready.first().at(1).toString(), u"hunter2"_s);

        // A second route; then the name of the first is refused for it.
        QTest::mouseClick(child<QPushButton>(page, u"addRoute"_s), Qt::LeftButton);
        type(page, u"name"_s, u"Acme"_s);
        child<QComboBox>(page, u"route_type"_s)->setCurrentIndex(1); // direct
        QVERIFY(child<QWidget>(page, u"route_host"_s)->parentWidget()->isHidden());
        QTest::mouseClick(child<QPushButton>(page, u"saveRoute"_s), Qt::LeftButton);
        QTRY_VERIFY(!nameError->isHidden());
        QVERIFY2(nameError->text().contains(u"already exists"_s), qPrintable(nameError->text()));
        type(page, u"name"_s, u"Direct"_s);
        QTest::mouseClick(child<QPushButton>(page, u"saveRoute"_s), Qt::LeftButton);
        QTRY_COMPARE(listed(page), (QStringList{u"Acme"_s, u"Direct"_s}));
        QCOMPARE(saved(u"Direct"_s).value(u"type"_s).toString(), u"direct"_s);

        // Delete, confirmed in the message box.
        select(page, u"Acme"_s);
        QTest::mouseClick(child<QPushButton>(page, u"deleteRoute"_s), Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = page->findChild<QMessageBox *>(u"confirmDeleteRoute"_s)) != nullptr);
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_COMPARE(listed(page), QStringList{u"Direct"_s});
        QVERIFY(saved(u"Acme"_s).isEmpty());
        QCOMPARE(child<QLineEdit>(page, u"route_name"_s)->text(), QString());
        ready.clear();
        v->fetch(u"Acme"_s, u"news"_s, nullptr); // gone from the vault: asked again
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(m_prompts, 1);
        m_prompts = 0;
    }

    void testConnectionShowsEachStep()
    {
        if (!peersUp())
            QSKIP("the Postfix peers are not running; start them with tests/peers/start-peers.sh");
        auto v = vault();
        Workspace workspace(m_dbPath);
        RoutesPage page(workspace, v.get());
        page.show();
        QSignalSpy finished(&page, &RoutesPage::testFinished);

        QTest::mouseClick(child<QPushButton>(&page, u"addRoute"_s), Qt::LeftButton);
        type(&page, u"name"_s, u"Postfix"_s);
        type(&page, u"host"_s, u"127.0.0.1"_s);
        setPort(&page, 2587);
        type(&page, u"ca_file"_s, m_ca);
        QTest::mouseClick(child<QPushButton>(&page, u"testConnection"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 40000);
        QCOMPARE(finished.first().at(0).toBool(), true);
        const auto rows = results(&page);
        QCOMPARE(rows.size(), 7);
        for (const QString &id : {u"connect"_s, u"greeting"_s, u"ehlo"_s, u"starttls"_s, u"certificate"_s, u"quit"_s})
            QCOMPARE(rows.value(id), u"ok"_s);
        QCOMPARE(rows.value(u"auth"_s), u"skipped"_s);
        auto *tree = child<QTreeWidget>(&page, u"testResults"_s);
        QVERIFY(tree->topLevelItem(4)->childCount() > 0); // the certificate's subject, issuer, expiry
        QVERIFY(child<QLabel>(&page, u"routeStatus"_s)->text().contains(u"passed"_s));

        // Without the test CA, the certificate step fails and says why.
        type(&page, u"ca_file"_s, QString());
        QCOMPARE(child<QLineEdit>(&page, u"route_ca_file"_s)->text(), QString());
        QTest::mouseClick(child<QPushButton>(&page, u"testConnection"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 40000);
        QCOMPARE(finished.last().at(0).toBool(), false);
        QCOMPARE(results(&page).value(u"certificate"_s), u"failed"_s);
    }

    void testWithAuthAsksThePasswordOncePerRun()
    {
        if (!peersUp())
            QSKIP("the Postfix peers are not running; start them with tests/peers/start-peers.sh");
        auto v = vault();
        Workspace workspace(m_dbPath);
        RoutesPage page(workspace, v.get());
        page.show();
        QSignalSpy finished(&page, &RoutesPage::testFinished);
        QTest::mouseClick(child<QPushButton>(&page, u"addRoute"_s), Qt::LeftButton);
        type(&page, u"name"_s, u"Submission"_s);
        type(&page, u"host"_s, u"127.0.0.1"_s);
        setPort(&page, 2586);
        type(&page, u"ca_file"_s, m_ca);
        type(&page, u"username"_s, qEnvironmentVariable("SENDSCOPE_PEERS_USER", u"bounce"_s));
        // A new route needs the password typed for a test.
        QTest::mouseClick(child<QPushButton>(&page, u"testConnection"_s), Qt::LeftButton);
        QVERIFY(!child<QLabel>(&page, u"error_password"_s)->isHidden());
        QTest::mouseClick(child<QPushButton>(&page, u"saveRoute"_s), Qt::LeftButton);
        QTRY_VERIFY(listed(&page).contains(u"Submission"_s));

        // Saved without a password: the vault asks (no keychain), once for the run.
        for (int run = 1; run <= 2; ++run) {
            QTest::mouseClick(child<QPushButton>(&page, u"testConnection"_s), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), run, 40000);
            QCOMPARE(finished.last().at(0).toBool(), true);
            QCOMPARE(results(&page).value(u"auth"_s), u"ok"_s);
            QCOMPARE(m_prompts, 1);
        }

        // A wrong password typed in the form: AUTH fails, with the server's reply.
        type(&page, u"password"_s, u"not-the-password"_s);
        QTest::mouseClick(child<QPushButton>(&page, u"testConnection"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 40000);
        QCOMPARE(finished.last().at(0).toBool(), false);
        QCOMPARE(results(&page).value(u"auth"_s), u"failed"_s);
        m_prompts = 0;
    }
};

QTEST_MAIN(TstRoutesPage)
#include "tst_routes_page.moc"
