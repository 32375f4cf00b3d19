// A saved pool whose saved members each need a password the application keeps: confirming the
// send in the window asks for every member's password, one after the other, and the run then
// has them all (issue 12). The members are two saved routes to Postfix's submission port with
// AUTH (tests/peers); a member left without its password would stop the run before it starts.

#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "delivery_actions.h"
#include "main_window.h"
#include "password_vault.h"
#include "routing/route_store.h"
#include "store/store.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TstPoolPasswords final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyMembersPasswordIsAsked();

private:
    QTemporaryDir m_dir;
    QString m_dbPath;
    qint64 m_id = 0;
};

void TstPoolPasswords::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, 2586);
    if (!probe.waitForConnected(2000)) {
        if (qEnvironmentVariableIsSet("SENDSCOPE_REQUIRE_PEERS"))
            QFAIL("Postfix's submission port 2586 is not listening (tests/peers/start-peers.sh)");
        QSKIP("Postfix's submission port 2586 is not listening; start the peers with tests/peers/start-peers.sh");
    }
    QVERIFY(m_dir.isValid());
    m_dbPath = m_dir.filePath(u"pool.db"_s);
    std::unique_ptr<Store> store = Store::open(m_dbPath, nullptr);
    QVERIFY(store);
    const QString ca = qEnvironmentVariable("SENDSCOPE_PEERS_DIR", u"/var/tmp/sendscope-peers"_s) + u"/tls/ca.pem"_s;
    RouteStore routes(store->db());
    QStringList errors;
    for (const QString &name : {u"sub-a"_s, u"sub-b"_s}) {
        QVERIFY(routes.save(QJsonObject{{u"name"_s, name},
                                        {u"type"_s, u"relay"_s},
                                        {u"host"_s, u"127.0.0.1"_s},
                                        {u"port"_s, 2586},
                                        {u"tls"_s, u"starttls-required"_s},
                                        {u"ca_file"_s, ca},
                                        {u"max_connections"_s, 1},
                                        {u"username"_s, qEnvironmentVariable("SENDSCOPE_PEERS_USER", u"bounce"_s)}},
                            {}, &errors));
    }
    QVERIFY(routes.save(QJsonObject{{u"name"_s, u"fleet"_s},
                                    {u"type"_s, u"pool"_s},
                                    {u"acceptance_means_sent"_s, true},
                                    {u"members"_s, QJsonArray{QJsonObject{{u"saved"_s, u"sub-a"_s}},
                                                              QJsonObject{{u"saved"_s, u"sub-b"_s}}}}},
                        {}, &errors));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));

    QFile csv(m_dir.filePath(u"list.csv"_s));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("email\na@discard.test\nb@discard.test\nc@discard.test\nd@discard.test\n"); // accepted, thrown away
    csv.close();
    const QJsonObject def{
        {u"name"_s, u"Pool passwords"_s},
        {u"from"_s, QJsonObject{{u"name"_s, u"Sendscope test"_s}, {u"address"_s, u"bounce@sendscope.test"_s}}},
        {u"subject"_s, u"Hello"_s},
        {u"text"_s, u"Hello. Unsubscribe: https://acme.example/u"_s},
        {u"headers"_s, QJsonObject{{u"List-Unsubscribe"_s, u"<https://acme.example/u>"_s},
                                   {u"List-Unsubscribe-Post"_s, u"List-Unsubscribe=One-Click"_s}}},
        {u"recipients"_s, QJsonObject{{u"csv"_s, u"list.csv"_s}}},
        {u"route"_s, u"fleet"_s},
    };
    QFile json(m_dir.filePath(u"delivery.json"_s));
    QVERIFY(json.open(QIODevice::WriteOnly));
    json.write(QJsonDocument(def).toJson());
    json.close();
    DeliveryService service(*store);
    const auto imported = service.importDefinition(json.fileName());
    QVERIFY2(imported.ok, qPrintable(imported.errors.join(u'\n')));
    m_id = imported.deliveryId;
    const auto analyzed = service.analyze(m_id);
    QVERIFY2(analyzed.ok && !analyzed.report.blocked(), qPrintable(analyzed.report.toText()));
}

void TstPoolPasswords::everyMembersPasswordIsAsked()
{
    QStringList asked;
    {
        Workspace workspace(m_dbPath);
        MainWindow window(workspace);
        window.passwordVault()->setPrompt(
            [&asked](QWidget *, const QString &routeName, const QString &) -> std::optional<QString> {
                asked.append(routeName);
                return qEnvironmentVariable("SENDSCOPE_PEERS_PASSWORD", u"secret"_s);
            });
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.selectDelivery(m_id) && window.currentDeliveryId() == m_id, 10000);
        DeliveryActions *actions = window.deliveryActions();
        QTRY_VERIFY_WITH_TIMEOUT(actions->confirm->isEnabled(), 10000);
        actions->confirm->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox *>(u"confirmSendBox"_s)) != nullptr && box->isVisible());
        box->findChild<QPushButton *>(u"confirmSendButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 2, 20000);
        QCOMPARE(asked, QStringList({u"sub-a"_s, u"sub-b"_s}));
        QVERIFY(!window.findChild<QMessageBox *>(u"passwordMissingBox"_s));

        // Every recipient sent through the pool's two members, with their passwords.
        std::unique_ptr<Store> store = Store::open(m_dbPath, nullptr);
        QVERIFY(store);
        QTRY_COMPARE_WITH_TIMEOUT(DeliveryQueries(store->db()).kpis(m_id).value().count(LogState::Sent), 4, 30000);
    }
}

QTEST_MAIN(TstPoolPasswords)
#include "tst_pool_passwords.moc"
