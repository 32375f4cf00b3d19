#include "smtp/smtp_authenticator.h"

#include <QTest>

using namespace Qt::StringLiterals;

// AUTH PLAIN and LOGIN lines, and the promise that matters most (docs/reliability.md
// F4): what a transcript may show never holds the password, the user name or their base64.
class TestSmtpAuthenticator final : public QObject
{
    Q_OBJECT

private slots:
    void choosesMechanism();
    void plain();
    void login();
    void failures();
};

namespace {

const QString User = u"user@example.test"_s;
const QString Password = u"p\u00e4ss w0rd"_s;

SmtpReply reply(int code, const QString &text = QString())
{
    SmtpReply r;
    r.code = code;
    r.lines = QStringList{text};
    return r;
}

void verifyRedacted(const QString &shown)
{
    QVERIFY(!shown.contains(User));
    QVERIFY(!shown.contains(Password));
    QVERIFY(!shown.contains(QString::fromLatin1(User.toUtf8().toBase64())));
    QVERIFY(!shown.contains(QString::fromLatin1(Password.toUtf8().toBase64())));
}

} // namespace

void TestSmtpAuthenticator::choosesMechanism()
{
    QCOMPARE(SmtpAuthenticator::chooseMechanism({u"LOGIN"_s, u"PLAIN"_s}), u"PLAIN"_s);
    QCOMPARE(SmtpAuthenticator::chooseMechanism({u"CRAM-MD5"_s, u"login"_s}), u"LOGIN"_s);
    QCOMPARE(SmtpAuthenticator::chooseMechanism({u"XOAUTH2"_s}), QString());
    QCOMPARE(SmtpAuthenticator::chooseMechanism({}), QString());
}

void TestSmtpAuthenticator::plain()
{
    SmtpAuthenticator auth(User, Password);
    const SmtpAuthenticator::Line first = auth.start(u"PLAIN"_s);
    const QByteArray expected = "AUTH PLAIN " + QByteArray('\0' + User.toUtf8() + '\0' + Password.toUtf8()).toBase64();
    QCOMPARE(first.bytes, expected);
    QCOMPARE(first.shownAs, u"AUTH PLAIN <redacted>"_s);
    verifyRedacted(first.shownAs);
    SmtpAuthenticator::Line next;
    QCOMPARE(auth.onReply(reply(235, u"2.7.0 Authentication successful"_s), &next), SmtpAuthenticator::Step::Done);
}

void TestSmtpAuthenticator::login()
{
    SmtpAuthenticator auth(User, Password);
    const SmtpAuthenticator::Line first = auth.start(u"LOGIN"_s);
    QCOMPARE(first.bytes, QByteArray("AUTH LOGIN"));
    SmtpAuthenticator::Line user;
    QCOMPARE(auth.onReply(reply(334, u"VXNlcm5hbWU6"_s), &user), SmtpAuthenticator::Step::Send);
    QCOMPARE(user.bytes, User.toUtf8().toBase64());
    verifyRedacted(user.shownAs);
    SmtpAuthenticator::Line password;
    QCOMPARE(auth.onReply(reply(334, u"UGFzc3dvcmQ6"_s), &password), SmtpAuthenticator::Step::Send);
    QCOMPARE(password.bytes, Password.toUtf8().toBase64());
    verifyRedacted(password.shownAs);
    SmtpAuthenticator::Line none;
    QCOMPARE(auth.onReply(reply(235), &none), SmtpAuthenticator::Step::Done);
}

void TestSmtpAuthenticator::failures()
{
    SmtpAuthenticator plain(User, Password);
    plain.start(u"PLAIN"_s);
    SmtpAuthenticator::Line next;
    QCOMPARE(plain.onReply(reply(535, u"5.7.8 Authentication failed"_s), &next), SmtpAuthenticator::Step::Failed);
    plain.start(u"PLAIN"_s);
    // PLAIN sent its initial response; a challenge now is a protocol violation.
    QCOMPARE(plain.onReply(reply(334), &next), SmtpAuthenticator::Step::Failed);

    SmtpAuthenticator login(User, Password);
    login.start(u"LOGIN"_s);
    QCOMPARE(login.onReply(reply(334), &next), SmtpAuthenticator::Step::Send);
    QCOMPARE(login.onReply(reply(334), &next), SmtpAuthenticator::Step::Send);
    // A third prompt would make us send something we do not have.
    QCOMPARE(login.onReply(reply(334), &next), SmtpAuthenticator::Step::Failed);
    login.start(u"LOGIN"_s);
    QCOMPARE(login.onReply(reply(454, u"4.7.0 Temporary authentication failure"_s), &next),
             SmtpAuthenticator::Step::Failed);
}

QTEST_APPLESS_MAIN(TestSmtpAuthenticator)

#include "tst_smtp_authenticator.moc"
