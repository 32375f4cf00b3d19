#include "smtp/smtp_capabilities.h"
#include "smtp/smtp_reply_parser.h"
#include "smtp/smtp_transaction.h"

#include <QTest>

using namespace Qt::StringLiterals;

// How one envelope becomes wire bytes for one server: dot-stuffing (B4), smuggling (B3),
// envelope injection (B2), and the ESMTP parameters sent only when offered (SIZE,
// 8BITMIME, SMTPUTF8, DSN; B6).
class TestSmtpTransaction final : public QObject
{
    Q_OBJECT

private slots:
    void capabilitiesFromEhlo();
    void dotStuffing_data();
    void dotStuffing();
    void bareLineBreaks_data();
    void bareLineBreaks();
    void xtext();
    void safePaths_data();
    void safePaths();
    void plainServerGetsNoParameters();
    void fullServerGetsParameters();
    void dsnOnlyWhenOffered();
    void envelopeInjectionRefused_data();
    void envelopeInjectionRefused();
    void smtpUtf8NeededButNotOffered();
    void smtpUtf8OnlyWhenNeeded();
    void eightBitNeedsEightBitMime();
    void sizeLimit();
    void smugglingAttemptRefused();
};

namespace {

SmtpCapabilities caps(const QByteArray &ehloLines)
{
    SmtpReplyParser parser;
    parser.feed(QByteArray("250-mx.example.test\r\n" + ehloLines + "250 \r\n"));
    return SmtpCapabilities::fromEhloReply(parser.takeReply());
}

SmtpEnvelope envelope()
{
    SmtpEnvelope e;
    e.tag = 7;
    e.mailFrom = u"bounce@sender.example"_s;
    e.rcptTo = u"user@example.test"_s;
    e.data = "Subject: hi\r\n\r\nbody\r\n";
    return e;
}

} // namespace

void TestSmtpTransaction::capabilitiesFromEhlo()
{
    const SmtpCapabilities c = caps("250-PIPELINING\r\n250-SIZE 10240000\r\n250-auth=LOGIN\r\n250-AUTH PLAIN login\r\n"
                                    "250-8bitmime\r\n250-STARTTLS\r\n");
    QVERIFY(c.has(u"pipelining"_s));
    QVERIFY(c.has(u"8BITMIME"_s));
    QVERIFY(c.has(u"STARTTLS"_s));
    QVERIFY(!c.has(u"DSN"_s));
    QVERIFY(!c.has(u"mx.example.test"_s)); // the greeting line is no extension
    QCOMPARE(c.sizeLimit(), 10240000);
    QCOMPARE(c.authMechanisms(), (QStringList{u"LOGIN"_s, u"PLAIN"_s}));
    QCOMPARE(caps("250-SIZE\r\n").sizeLimit(), 0);
    QCOMPARE(caps("250-SIZE 0\r\n").sizeLimit(), 0);
    QVERIFY(caps(QByteArray()).isEmpty());
}

void TestSmtpTransaction::dotStuffing_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("empty") << QByteArray() << QByteArray(".\r\n");
    QTest::newRow("plain") << QByteArray("a\r\nb\r\n") << QByteArray("a\r\nb\r\n.\r\n");
    QTest::newRow("dot first line") << QByteArray(".first\r\n") << QByteArray("..first\r\n.\r\n");
    QTest::newRow("lone dot") << QByteArray("a\r\n.\r\nb\r\n") << QByteArray("a\r\n..\r\nb\r\n.\r\n");
    QTest::newRow("double dot") << QByteArray("..\r\n") << QByteArray("...\r\n.\r\n");
    QTest::newRow("dot word") << QByteArray("x\r\n.foo\r\n") << QByteArray("x\r\n..foo\r\n.\r\n");
    QTest::newRow("dot mid-line") << QByteArray("a.b\r\n") << QByteArray("a.b\r\n.\r\n");
    QTest::newRow("after a QP soft break") << QByteArray("abc=\r\n.def\r\n") << QByteArray("abc=\r\n..def\r\n.\r\n");
    QTest::newRow("no final CRLF") << QByteArray("a\r\n.b") << QByteArray("a\r\n..b\r\n.\r\n");
    QTest::newRow("dot on every line") << QByteArray(".\r\n.a.\r\n.") << QByteArray("..\r\n..a.\r\n..\r\n.\r\n");
}

void TestSmtpTransaction::dotStuffing()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, wire);
    const QByteArray stuffed = SmtpTransaction::dotStuff(data);
    QCOMPARE(stuffed, wire);
    // The only CRLF.CRLF (or leading .CRLF) is the terminator.
    const QByteArray framed = "\r\n" + stuffed;
    QCOMPARE(framed.indexOf("\r\n.\r\n"), framed.size() - 5);
}

void TestSmtpTransaction::bareLineBreaks_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("bare");
    QTest::newRow("crlf") << QByteArray("a\r\nb\r\n") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("lf") << QByteArray("a\nb") << true;
    QTest::newRow("cr") << QByteArray("a\rb") << true;
    QTest::newRow("trailing cr") << QByteArray("a\r") << true;
    QTest::newRow("cr cr lf") << QByteArray("a\r\r\n") << true;
    QTest::newRow("leading lf") << QByteArray("\nabc\r\n") << true;
    QTest::newRow("lone cr between crlfs") << QByteArray("a\r\nb\rc\r\n") << true;
    QTest::newRow("smuggle lf.crlf") << QByteArray("a\r\n\n.\r\nMAIL FROM:<x>\r\n") << true;
    QTest::newRow("smuggle cr.crlf") << QByteArray("a\r.\r\n") << true;
}

void TestSmtpTransaction::bareLineBreaks()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, bare);
    QCOMPARE(SmtpTransaction::hasBareLineBreak(data), bare);
}

void TestSmtpTransaction::xtext()
{
    QCOMPARE(SmtpTransaction::xtext("abc-123@x.y"), QByteArray("abc-123@x.y"));
    QCOMPARE(SmtpTransaction::xtext("a+b=c d"), QByteArray("a+2Bb+3Dc+20d"));
    QCOMPARE(SmtpTransaction::xtext("\r\n\x7f"), QByteArray("+0D+0A+7F"));
    QCOMPARE(SmtpTransaction::xtext("\xc3\xa9"), QByteArray("+C3+A9"));
}

void TestSmtpTransaction::safePaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("safe");
    QTest::newRow("plain") << u"user@example.test"_s << true;
    QTest::newRow("null sender") << QString() << true;
    QTest::newRow("quoted space") << u"\"john doe\"@example.test"_s << true;
    QTest::newRow("quoted bracket") << u"\"a>b\"@example.test"_s << true;
    QTest::newRow("unicode") << u"사용자@example.test"_s << true;
    QTest::newRow("space") << u"a@b.c SIZE=1"_s << false;
    QTest::newRow("bracket") << u"a@b.c> RET=FULL"_s << false;
    QTest::newRow("crlf") << u"a@b.c>\r\nRCPT TO:<evil@x>"_s << false;
    QTest::newRow("lf") << u"a@b.c\nRSET"_s << false;
    QTest::newRow("nul") << u"a\u0000@b.c"_s << false;
    QTest::newRow("crlf inside quotes") << u"\"a\r\nb\"@c.d"_s << false;
    QTest::newRow("open quote") << u"\"abc@d.e"_s << false;
}

void TestSmtpTransaction::safePaths()
{
    QFETCH(QString, path);
    QFETCH(bool, safe);
    QCOMPARE(SmtpTransaction::isSafePath(path), safe);
}

void TestSmtpTransaction::plainServerGetsNoParameters()
{
    SmtpEnvelope e = envelope();
    e.ret = u"HDRS"_s;
    e.envid = u"d1.r42"_s;
    e.notify = u"FAILURE,DELAY"_s;
    e.orcpt = u"user@example.test"_s;
    const SmtpTransaction t = SmtpTransaction::build(e, SmtpCapabilities());
    QVERIFY(!t.isRefused());
    QCOMPARE(t.mailCommand, QByteArray("MAIL FROM:<bounce@sender.example>"));
    QCOMPARE(t.rcptCommand, QByteArray("RCPT TO:<user@example.test>"));
    QCOMPARE(t.wireData, QByteArray("Subject: hi\r\n\r\nbody\r\n.\r\n"));
    QCOMPARE(t.messageBytes, e.data.size());
}

void TestSmtpTransaction::fullServerGetsParameters()
{
    SmtpEnvelope e = envelope();
    e.mailFrom.clear();
    e.data = "Subject: caf\xc3\xa9\r\n\r\n.\r\n";
    e.ret = u"full"_s;
    e.envid = u"d1+r42"_s;
    e.notify = u"success,failure"_s;
    e.orcpt = u"rfc822;User@Example.test"_s;
    const SmtpTransaction t =
        SmtpTransaction::build(e, caps("250-SIZE 1000\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n"));
    QVERIFY(!t.isRefused());
    QCOMPARE(t.mailCommand, QByteArray("MAIL FROM:<> SIZE=21 BODY=8BITMIME RET=FULL ENVID=d1+2Br42"));
    QCOMPARE(t.rcptCommand,
             QByteArray("RCPT TO:<user@example.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;User@Example.test"));
    QCOMPARE(t.wireData, QByteArray("Subject: caf\xc3\xa9\r\n\r\n..\r\n.\r\n"));
}

void TestSmtpTransaction::dsnOnlyWhenOffered()
{
    SmtpEnvelope e = envelope();
    e.notify = u"NEVER"_s;
    QCOMPARE(SmtpTransaction::build(e, caps("250-PIPELINING\r\n")).rcptCommand,
             QByteArray("RCPT TO:<user@example.test>"));
    QCOMPARE(SmtpTransaction::build(e, caps("250-DSN\r\n")).rcptCommand,
             QByteArray("RCPT TO:<user@example.test> NOTIFY=NEVER"));
    e.notify = u"NEVER,SUCCESS\r\nRSET"_s;
    QVERIFY(SmtpTransaction::build(e, caps("250-DSN\r\n")).isRefused());
    e.notify.clear();
    e.ret = u"FULL\r\nRCPT TO:<x@y>"_s;
    QVERIFY(SmtpTransaction::build(e, caps("250-DSN\r\n")).isRefused());
    e.ret.clear();
    e.envid = u"id\r\nRCPT TO:<x@y>"_s; // xtext-encoded, so harmless on the wire
    const SmtpTransaction t = SmtpTransaction::build(e, caps("250-DSN\r\n"));
    QVERIFY(!t.isRefused());
    QCOMPARE(t.mailCommand, QByteArray("MAIL FROM:<bounce@sender.example> ENVID=id+0D+0ARCPT+20TO:<x@y>"));
    e.envid = QString(101, u'x');
    QVERIFY(SmtpTransaction::build(e, caps("250-DSN\r\n")).isRefused());
}

void TestSmtpTransaction::envelopeInjectionRefused_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("phase");
    QTest::addColumn<QString>("enhanced");
    QTest::newRow("rcpt crlf") << u"a@b.c"_s << u"a@b.c>\r\nRCPT TO:<evil@x>"_s << u"rcpt"_s << u"5.1.3"_s;
    QTest::newRow("rcpt lf") << u"a@b.c"_s << u"a@b.c\nDATA"_s << u"rcpt"_s << u"5.1.3"_s;
    QTest::newRow("rcpt parameter") << u"a@b.c"_s << u"a@b.c> NOTIFY=NEVER"_s << u"rcpt"_s << u"5.1.3"_s;
    QTest::newRow("rcpt empty") << u"a@b.c"_s << QString() << u"rcpt"_s << u"5.1.3"_s;
    QTest::newRow("from crlf") << u"a@b.c>\r\nRSET"_s << u"x@y.z"_s << u"mail"_s << u"5.1.7"_s;
    QTest::newRow("from nul") << u"a\u0000@b.c"_s << u"x@y.z"_s << u"mail"_s << u"5.1.7"_s;
}

void TestSmtpTransaction::envelopeInjectionRefused()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, phase);
    QFETCH(QString, enhanced);
    SmtpEnvelope e = envelope();
    e.mailFrom = from;
    e.rcptTo = to;
    const SmtpTransaction t = SmtpTransaction::build(e, caps("250-DSN\r\n250-SMTPUTF8\r\n"));
    QVERIFY(t.isRefused());
    QVERIFY(t.refusal.local);
    QVERIFY(t.refusal.isPermanentFailure());
    QCOMPARE(t.refusal.enhancedCode, enhanced);
    QCOMPARE(t.refusalPhase, phase);
    QVERIFY(t.mailCommand.isEmpty());
    QVERIFY(t.rcptCommand.isEmpty());
}

void TestSmtpTransaction::smtpUtf8NeededButNotOffered()
{
    SmtpEnvelope e = envelope();
    e.rcptTo = u"사용자@example.test"_s;
    SmtpTransaction t = SmtpTransaction::build(e, caps("250-8BITMIME\r\n"));
    QVERIFY(t.isRefused());
    QCOMPARE(t.refusal.code, 553);
    QCOMPARE(t.refusal.enhancedCode, u"5.6.7"_s);
    QVERIFY(t.refusal.text().contains(u"needs SMTPUTF8"_s));
    QCOMPARE(t.refusalPhase, u"mail"_s);

    e = envelope();
    e.smtpUtf8 = true;
    QVERIFY(SmtpTransaction::build(e, caps("250-8BITMIME\r\n")).isRefused());
}

void TestSmtpTransaction::smtpUtf8OnlyWhenNeeded()
{
    const SmtpCapabilities utf8 = caps("250-8BITMIME\r\n250-SMTPUTF8\r\n");
    SmtpEnvelope e = envelope();
    QCOMPARE(SmtpTransaction::build(e, utf8).mailCommand, QByteArray("MAIL FROM:<bounce@sender.example>"));
    e.rcptTo = u"사용자@example.test"_s;
    const SmtpTransaction t = SmtpTransaction::build(e, utf8);
    QCOMPARE(t.mailCommand, QByteArray("MAIL FROM:<bounce@sender.example> SMTPUTF8"));
    QCOMPARE(t.rcptCommand, u"RCPT TO:<사용자@example.test>"_s.toUtf8());
}

void TestSmtpTransaction::eightBitNeedsEightBitMime()
{
    SmtpEnvelope e = envelope();
    e.data = "Subject: x\r\n\r\ncaf\xc3\xa9\r\n";
    const SmtpTransaction refused = SmtpTransaction::build(e, caps("250-PIPELINING\r\n"));
    QVERIFY(refused.isRefused());
    QCOMPARE(refused.refusal.enhancedCode, u"5.6.3"_s);
    QCOMPARE(SmtpTransaction::build(e, caps("250-8BITMIME\r\n")).mailCommand,
             QByteArray("MAIL FROM:<bounce@sender.example> BODY=8BITMIME"));
}

void TestSmtpTransaction::sizeLimit()
{
    SmtpEnvelope e = envelope();
    e.data = QByteArray(2000, 'x') + "\r\n";
    const SmtpTransaction refused = SmtpTransaction::build(e, caps("250-SIZE 1000\r\n"));
    QVERIFY(refused.isRefused());
    QCOMPARE(refused.refusal.code, 552);
    QCOMPARE(refused.refusal.enhancedCode, u"5.3.4"_s);
    QCOMPARE(refused.refusalPhase, u"mail"_s);
    const SmtpTransaction fits = SmtpTransaction::build(e, caps("250-SIZE 2002\r\n"));
    QVERIFY(!fits.isRefused());
    QCOMPARE(fits.mailCommand, QByteArray("MAIL FROM:<bounce@sender.example> SIZE=2002"));
}

void TestSmtpTransaction::smugglingAttemptRefused()
{
    SmtpEnvelope e = envelope();
    e.data = "Subject: x\r\n\r\nhello\n.\r\nMAIL FROM:<ceo@victim.example>\r\n";
    const SmtpTransaction t = SmtpTransaction::build(e, caps("250-8BITMIME\r\n"));
    QVERIFY(t.isRefused());
    QCOMPARE(t.refusalPhase, u"data"_s);
    QVERIFY(t.wireData.isEmpty());
}

QTEST_APPLESS_MAIN(TestSmtpTransaction)

#include "tst_smtp_transaction.moc"
