#include "smtp/smtp_reply_parser.h"

#include <QTest>

using namespace Qt::StringLiterals;

// The reply parser is the first thing a hostile server touches (docs/reliability.md
// B7): every reply shape a real server sends must parse, and everything else must end in a
// bounded error, whatever the chunking.
class TestSmtpReplyParser final : public QObject
{
    Q_OBJECT

private slots:
    void singleLine();
    void multiLineWithEnhancedCodes();
    void enhancedCodeShapes_data();
    void enhancedCodeShapes();
    void bareFinalLine();
    void lenientLineEnds();
    void pipelinedRepliesQueueInOrder();
    void byteByByteEqualsWhole();
    void controlCharactersNeutralized();
    void utf8Text();
    void malformedLines_data();
    void malformedLines();
    void mismatchedCodes();
    void lineLengthLimit();
    void megabyteLine_data();
    void megabyteLine();
    void tenThousandContinuationLines();
    void lineCountLimit();
    void replyByteLimit();
    void endOfInputMidReply_data();
    void endOfInputMidReply();
    void errorIsSticky();
    void pendingInput();
    void toStringForms();
};

namespace {

QList<SmtpReply> parseAll(QByteArrayView bytes, SmtpReplyParser *parser = nullptr)
{
    SmtpReplyParser local;
    SmtpReplyParser &p = parser ? *parser : local;
    p.feed(bytes);
    QList<SmtpReply> out;
    while (p.hasReply())
        out.append(p.takeReply());
    return out;
}

} // namespace

void TestSmtpReplyParser::singleLine()
{
    SmtpReplyParser parser;
    const QList<SmtpReply> replies = parseAll("220 mail.example.test ESMTP ready\r\n", &parser);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies[0].code, 220);
    QCOMPARE(replies[0].enhancedCode, QString());
    QCOMPARE(replies[0].lines, QStringList{u"mail.example.test ESMTP ready"_s});
    QVERIFY(!replies[0].local);
    QVERIFY(replies[0].isPositive());
    QVERIFY(!parser.hasError());
    QVERIFY(!parser.hasPendingInput());
}

void TestSmtpReplyParser::multiLineWithEnhancedCodes()
{
    const QList<SmtpReply> replies = parseAll("550-5.1.1 The email account that you tried to reach does not exist.\r\n"
                                              "550-5.1.1 Please try double-checking the recipient's email\r\n"
                                              "550 5.1.1 address for typos.\r\n");
    QCOMPARE(replies.size(), 1);
    const SmtpReply &r = replies[0];
    QCOMPARE(r.code, 550);
    QCOMPARE(r.enhancedCode, u"5.1.1"_s);
    QCOMPARE(r.lines.size(), 3);
    QCOMPARE(r.lines[0], u"The email account that you tried to reach does not exist."_s);
    QCOMPARE(r.lines[2], u"address for typos."_s);
    QVERIFY(r.isPermanentFailure());
    QCOMPARE(r.text(), u"The email account that you tried to reach does not exist. Please try double-checking the "
                       u"recipient's email address for typos."_s);
}

void TestSmtpReplyParser::enhancedCodeShapes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("enhanced");
    QTest::addColumn<QString>("text");

    QTest::newRow("plain") << QByteArray("250 2.1.0 Ok\r\n") << u"2.1.0"_s << u"Ok"_s;
    QTest::newRow("three-digit parts") << QByteArray("452 4.2.200 Over quota\r\n") << u"4.2.200"_s << u"Over quota"_s;
    QTest::newRow("code alone") << QByteArray("250 2.0.0\r\n") << u"2.0.0"_s << QString();
    QTest::newRow("class mismatch is text") << QByteArray("550 2.1.1 odd\r\n") << QString() << u"2.1.1 odd"_s;
    QTest::newRow("four-digit part is text") << QByteArray("550 5.1234.1 odd\r\n") << QString() << u"5.1234.1 odd"_s;
    QTest::newRow("glued to text") << QByteArray("550 5.1.1x odd\r\n") << QString() << u"5.1.1x odd"_s;
    QTest::newRow("two parts only") << QByteArray("550 5.1 odd\r\n") << QString() << u"5.1 odd"_s;
    QTest::newRow("no code, text") << QByteArray("421 Service closing\r\n") << QString() << u"Service closing"_s;
}

void TestSmtpReplyParser::enhancedCodeShapes()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, enhanced);
    QFETCH(QString, text);
    const QList<SmtpReply> replies = parseAll(input);
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies[0].enhancedCode, enhanced);
    QCOMPARE(replies[0].text(), text);
}

void TestSmtpReplyParser::bareFinalLine()
{
    // smtp-sink ends its EHLO reply with "250 " and no text; RFC 5321 also allows "250".
    const QList<SmtpReply> replies = parseAll("250-smtp-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 \r\n"
                                              "250\r\n");
    QCOMPARE(replies.size(), 2);
    QCOMPARE(replies[0].lines, (QStringList{u"smtp-sink"_s, u"PIPELINING"_s, u"8BITMIME"_s, QString()}));
    QCOMPARE(replies[1].code, 250);
    QCOMPARE(replies[1].lines, QStringList{QString()});
}

void TestSmtpReplyParser::lenientLineEnds()
{
    // Bare LF endings are out of spec, but refusing them buys nothing on the reading side.
    const QList<SmtpReply> replies = parseAll("250-first\n250 second\n");
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies[0].lines, (QStringList{u"first"_s, u"second"_s}));
}

void TestSmtpReplyParser::pipelinedRepliesQueueInOrder()
{
    const QList<SmtpReply> replies =
        parseAll("250 2.1.0 Ok\r\n550 5.1.1 <x@y>: User unknown\r\n354 End data with <CR><LF>.<CR><LF>\r\n");
    QCOMPARE(replies.size(), 3);
    QCOMPARE(replies[0].code, 250);
    QCOMPARE(replies[1].code, 550);
    QCOMPARE(replies[1].enhancedCode, u"5.1.1"_s);
    QCOMPARE(replies[2].code, 354);
    QVERIFY(replies[2].isIntermediate());
}

void TestSmtpReplyParser::byteByByteEqualsWhole()
{
    const QByteArray stream = "220-mx.example.test ESMTP\r\n220 welcome\r\n"
                              "250-mx.example.test\r\n250-SIZE 10240000\r\n250-AUTH PLAIN LOGIN\r\n250 \r\n"
                              "250 2.1.0 Ok\r\n452-4.2.2 Mailbox full\r\n452 4.2.2 try later\r\n";
    const QList<SmtpReply> whole = parseAll(stream);
    QCOMPARE(whole.size(), 4);

    SmtpReplyParser parser;
    QList<SmtpReply> pieces;
    for (char c : stream) {
        parser.feed(QByteArrayView(&c, 1));
        while (parser.hasReply())
            pieces.append(parser.takeReply());
    }
    QVERIFY(!parser.hasError());
    QCOMPARE(pieces, whole);
}

void TestSmtpReplyParser::controlCharactersNeutralized()
{
    const QList<SmtpReply> replies = parseAll(QByteArray("250 a\x1b[31mb\0"
                                                         "c\rd\te\x7f\r\n",
                                                         20));
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies[0].text(), u"a?[31mb?c?d\te?"_s);
}

void TestSmtpReplyParser::utf8Text()
{
    const QList<SmtpReply> replies = parseAll("550 5.1.1 사용자 없음\r\n");
    QCOMPARE(replies.size(), 1);
    QCOMPARE(replies[0].text(), u"사용자 없음"_s);
}

void TestSmtpReplyParser::malformedLines_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("2x0") << QByteArray("2x0 hello\r\n");
    QTest::newRow("1xx") << QByteArray("199 hello\r\n");
    QTest::newRow("6xx") << QByteArray("600 hello\r\n");
    QTest::newRow("second digit 6") << QByteArray("260 hello\r\n");
    QTest::newRow("two digits") << QByteArray("25\r\n");
    QTest::newRow("empty line") << QByteArray("\r\n");
    QTest::newRow("four digits") << QByteArray("2500 hello\r\n");
    QTest::newRow("bad separator") << QByteArray("250_hello\r\n");
    QTest::newRow("leading space") << QByteArray(" 250 hello\r\n");
    QTest::newRow("bad continuation code") << QByteArray("250-ok\r\n2x0 hello\r\n");
}

void TestSmtpReplyParser::malformedLines()
{
    QFETCH(QByteArray, input);
    SmtpReplyParser parser;
    parser.feed(input);
    QVERIFY(parser.hasError());
    QVERIFY(!parser.hasReply());
    QVERIFY(!parser.errorString().isEmpty());
}

void TestSmtpReplyParser::mismatchedCodes()
{
    SmtpReplyParser parser;
    parser.feed("250-first\r\n251 second\r\n");
    QVERIFY(parser.hasError());
    QVERIFY(!parser.hasReply());
    QVERIFY(parser.errorString().contains(u"changed"_s));
}

void TestSmtpReplyParser::lineLengthLimit()
{
    const QByteArray atLimit = "250 " + QByteArray(SmtpReplyParser::MaxLineLength - 4, 'a') + "\r\n";
    SmtpReplyParser ok;
    ok.feed(atLimit);
    QVERIFY(!ok.hasError());
    QVERIFY(ok.hasReply());

    const QByteArray overLimit = "250 " + QByteArray(SmtpReplyParser::MaxLineLength - 3, 'a') + "\r\n";
    SmtpReplyParser bad;
    bad.feed(overLimit);
    QVERIFY(bad.hasError());
    QVERIFY(!bad.hasReply());
}

void TestSmtpReplyParser::megabyteLine_data()
{
    QTest::addColumn<qsizetype>("chunk");
    QTest::newRow("one chunk") << qsizetype(2 * 1024 * 1024);
    QTest::newRow("16 KiB chunks") << qsizetype(16 * 1024);
    QTest::newRow("1 byte then rest") << qsizetype(1);
}

void TestSmtpReplyParser::megabyteLine()
{
    QFETCH(qsizetype, chunk);
    const QByteArray hostile = "250 " + QByteArray(1024 * 1024, 'A') + "\r\n250 after\r\n";
    SmtpReplyParser parser;
    qsizetype fed = 0;
    while (fed < hostile.size() && !parser.hasError()) {
        const qsizetype n = fed == 0 ? chunk : 16 * 1024;
        parser.feed(QByteArrayView(hostile).sliced(fed, qMin(n, hostile.size() - fed)));
        fed += n;
    }
    QVERIFY(parser.hasError());
    QVERIFY(!parser.hasReply());
    // The error came early: nowhere near the megabyte was needed to decide.
    QVERIFY(fed <= qMax(chunk, qsizetype(SmtpReplyParser::MaxLineLength + 16 * 1024)));
    QVERIFY(!parser.hasPendingInput());
}

void TestSmtpReplyParser::tenThousandContinuationLines()
{
    QByteArray hostile;
    for (int i = 0; i < 10'000; ++i)
        hostile += "250-line " + QByteArray::number(i) + "\r\n";
    hostile += "250 end\r\n";
    SmtpReplyParser parser;
    parser.feed(hostile);
    QVERIFY(parser.hasError());
    QVERIFY(!parser.hasReply());
    QVERIFY(parser.errorString().contains(u"lines"_s));
}

void TestSmtpReplyParser::lineCountLimit()
{
    QByteArray reply;
    for (int i = 1; i < SmtpReplyParser::MaxLines; ++i)
        reply += "250-x\r\n";
    SmtpReplyParser ok;
    ok.feed(QByteArray(reply + "250 last\r\n"));
    QVERIFY(!ok.hasError());
    QCOMPARE(ok.takeReply().lines.size(), SmtpReplyParser::MaxLines);

    SmtpReplyParser bad;
    bad.feed(QByteArray(reply + "250-x\r\n250 last\r\n"));
    QVERIFY(bad.hasError());
}

void TestSmtpReplyParser::replyByteLimit()
{
    // 20 lines of 4 KiB are each within the line limit, but 80 KiB exceeds the reply limit.
    QByteArray reply;
    for (int i = 0; i < 20; ++i)
        reply += "250-" + QByteArray(4000, 'b') + "\r\n";
    reply += "250 end\r\n";
    SmtpReplyParser parser;
    parser.feed(reply);
    QVERIFY(parser.hasError());
    QVERIFY(parser.errorString().contains(u"bytes"_s));
}

void TestSmtpReplyParser::endOfInputMidReply_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("error");
    QTest::newRow("complete") << QByteArray("250 ok\r\n") << false;
    QTest::newRow("nothing") << QByteArray() << false;
    QTest::newRow("after a continuation line") << QByteArray("250-ok\r\n") << true;
    QTest::newRow("unterminated line") << QByteArray("250 ok") << true;
    QTest::newRow("code only") << QByteArray("25") << true;
}

void TestSmtpReplyParser::endOfInputMidReply()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, error);
    SmtpReplyParser parser;
    parser.feed(input);
    parser.endOfInput();
    QCOMPARE(parser.hasError(), error);
}

void TestSmtpReplyParser::errorIsSticky()
{
    SmtpReplyParser parser;
    parser.feed("250 first\r\n2x0 bad\r\n250 after\r\n");
    QVERIFY(parser.hasError());
    QCOMPARE(parser.takeReply().text(), u"first"_s); // what came before the error stays readable
    QVERIFY(!parser.hasReply());
    parser.feed("250 more\r\n");
    QVERIFY(!parser.hasReply());
    parser.reset();
    QVERIFY(!parser.hasError());
    parser.feed("250 fresh\r\n");
    QVERIFY(parser.hasReply());
}

void TestSmtpReplyParser::pendingInput()
{
    SmtpReplyParser parser;
    QVERIFY(!parser.hasPendingInput());
    parser.feed("220 Ready to start TLS\r\n");
    QVERIFY(parser.hasPendingInput()); // the queued reply
    parser.takeReply();
    QVERIFY(!parser.hasPendingInput());
    parser.feed("220 Ready\r\n250");
    parser.takeReply();
    QVERIFY(parser.hasPendingInput()); // the partial line after it
    parser.reset();
    parser.feed("250-a\r\n");
    QVERIFY(parser.hasPendingInput()); // a multi-line reply under way
}

void TestSmtpReplyParser::toStringForms()
{
    QCOMPARE(parseAll("550 5.1.1 <x@y>: User unknown\r\n").first().toString(), u"550 5.1.1 <x@y>: User unknown"_s);
    QCOMPARE(parseAll("250 \r\n").first().toString(), u"250"_s);
    const SmtpReply local = SmtpReply::makeLocal(451, u"4.4.2"_s, u"connection lost"_s);
    QVERIFY(local.local);
    QVERIFY(local.isTransientFailure());
    QCOMPARE(local.toString(), u"451 4.4.2 connection lost"_s);
}

QTEST_APPLESS_MAIN(TestSmtpReplyParser)

#include "tst_smtp_reply_parser.moc"
