#include "feedback/mailbox_config.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

// The bounce_mailbox settings (docs/product.md §3, §4): every bad field is named, and no
// setting sends a password in plaintext across a network.
class TestMailboxConfig final : public QObject
{
    Q_OBJECT

    static QJsonObject minimal()
    {
        return QJsonObject{{u"host"_s, u"imap.example.net"_s}, {u"username"_s, u"bounce"_s}};
    }

private Q_SLOTS:
    void defaults()
    {
        QStringList errors;
        const MailboxConfig c = MailboxConfig::fromJson(minimal(), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(c.port, 993);
        QCOMPARE(c.tls, MailboxConfig::Tls::Implicit);
        QCOMPARE(c.folder, u"INBOX"_s);
        QCOMPARE(c.after, MailboxConfig::After::MarkSeen);
        QCOMPARE(c.timeoutMs, 30'000);
        QCOMPARE(c.maxMessageBytes, 64 * 1024 * 1024);
        QVERIFY(c.isSet());
        QCOMPARE(c.key(), u"bounce@imap.example.net:993/INBOX"_s);
        QVERIFY(!MailboxConfig().isSet());
    }

    void roundTrip()
    {
        QJsonObject json{{u"host"_s, u"127.0.0.1"_s},  {u"port"_s, 1143},
                         {u"tls"_s, u"starttls"_s},    {u"username"_s, u"bounce"_s},
                         {u"password_env"_s, u"PW"_s}, {u"folder"_s, u"Bounces"_s},
                         {u"after"_s, u"move"_s},      {u"move_to"_s, u"Processed"_s},
                         {u"ca_file"_s, u"/ca.pem"_s}, {u"peer_name"_s, u"mx.sendscope.test"_s},
                         {u"timeout_s"_s, 12.5}};
        QStringList errors;
        const MailboxConfig c = MailboxConfig::fromJson(json, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(c.tls, MailboxConfig::Tls::StartTls);
        QCOMPARE(c.timeoutMs, 12'500);
        QCOMPARE(c.key(), u"bounce@127.0.0.1:1143/Bounces"_s);
        QCOMPARE(c.toJson(), json);
        QCOMPARE(MailboxConfig::fromJson(c.toJson(), &errors).toJson(), json);
    }

    void plaintextOnlyOnLoopback_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << true;
        QTest::newRow("127.5.6.7") << u"127.5.6.7"_s << true;
        QTest::newRow("::1") << u"::1"_s << true;
        QTest::newRow("localhost") << u"localhost"_s << true;
        QTest::newRow("network") << u"192.0.2.1"_s << false;
        QTest::newRow("name") << u"imap.example.net"_s << false;
    }

    void plaintextOnlyOnLoopback()
    {
        QFETCH(QString, host);
        QFETCH(bool, accepted);
        QJsonObject json = minimal();
        json[u"host"_s] = host;
        json[u"tls"_s] = u"none"_s;
        QStringList errors;
        const MailboxConfig c = MailboxConfig::fromJson(json, &errors);
        QCOMPARE(errors.isEmpty(), accepted);
        if (!accepted) {
            QVERIFY2(errors.value(0).startsWith(u"bounce_mailbox.tls: "_s), qPrintable(errors.value(0)));
            QVERIFY(errors.value(0).contains(u"no login in plaintext unless the server is a loopback address"_s));
        } else {
            QCOMPARE(c.port, 143);
        }
    }

    void badFields_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("port 0") << u"port"_s << QJsonValue(0) << u"bounce_mailbox.port: "_s;
        QTest::newRow("port big") << u"port"_s << QJsonValue(70000) << u"bounce_mailbox.port: "_s;
        QTest::newRow("port text") << u"port"_s << QJsonValue(u"993"_s) << u"bounce_mailbox.port: "_s;
        QTest::newRow("tls") << u"tls"_s << QJsonValue(u"ssl"_s) << u"bounce_mailbox.tls: "_s;
        QTest::newRow("after") << u"after"_s << QJsonValue(u"delete"_s) << u"bounce_mailbox.after: "_s;
        QTest::newRow("folder") << u"folder"_s << QJsonValue(u"a\r\nb"_s) << u"bounce_mailbox.folder: "_s;
        QTest::newRow("timeout") << u"timeout_s"_s << QJsonValue(-1) << u"bounce_mailbox.timeout_s: "_s;
        QTest::newRow("host") << u"host"_s << QJsonValue(u""_s) << u"bounce_mailbox.host: "_s;
        QTest::newRow("username") << u"username"_s << QJsonValue(5) << u"bounce_mailbox.username: "_s;
        QTest::newRow("move without target") << u"after"_s << QJsonValue(u"move"_s) << u"bounce_mailbox.move_to: "_s;
    }

    void badFields()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QJsonObject json = minimal();
        json[field] = value;
        QStringList errors;
        MailboxConfig::fromJson(json, &errors);
        QVERIFY(!errors.isEmpty());
        QVERIFY2(errors.first().startsWith(expected), qPrintable(errors.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestMailboxConfig)
#include "tst_mailbox_config.moc"
