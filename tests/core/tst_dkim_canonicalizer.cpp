#include "message/dkim_canonicalizer.h"

#include <QTest>

using namespace Qt::StringLiterals;

// RFC 6376 §3.4 relaxed canonicalization, including the example of §3.4.6, and the
// header/body split it works on (docs/reliability.md D1).
class TestDkimCanonicalizer final : public QObject
{
    Q_OBJECT

private slots:
    void relaxedHeader_data();
    void relaxedHeader();
    void relaxedBody_data();
    void relaxedBody();
    void split();
    void splitRejects_data();
    void splitRejects();
};

void TestDkimCanonicalizer::relaxedHeader_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("canonical");
    // RFC 6376 §3.4.6
    QTest::newRow("rfc example A") << QByteArray("A: X\r\n") << QByteArray("a:X\r\n");
    QTest::newRow("rfc example B") << QByteArray("B : Y\t\r\n\tZ  \r\n") << QByteArray("b:Y Z\r\n");
    QTest::newRow("mixed case name") << QByteArray("SuBjEcT: Hello\r\n") << QByteArray("subject:Hello\r\n");
    QTest::newRow("white space runs") << QByteArray("Subject:  a \t b\t\tc  \r\n") << QByteArray("subject:a b c\r\n");
    QTest::newRow("folded, spaces before CRLF")
        << QByteArray("Subject: one   \r\n   two \r\n\tthree\r\n") << QByteArray("subject:one two three\r\n");
    QTest::newRow("empty value") << QByteArray("X-Empty:\r\n") << QByteArray("x-empty:\r\n");
    QTest::newRow("value of white space") << QByteArray("X-Blank:   \t \r\n") << QByteArray("x-blank:\r\n");
    QTest::newRow("no space after colon") << QByteArray("To:a@b.example\r\n") << QByteArray("to:a@b.example\r\n");
    QTest::newRow("no final CRLF") << QByteArray("A: X") << QByteArray("a:X\r\n");
}

void TestDkimCanonicalizer::relaxedHeader()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, canonical);
    QCOMPARE(DkimCanonicalizer::relaxedHeader(raw), canonical);
}

void TestDkimCanonicalizer::relaxedBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("canonical");
    // RFC 6376 §3.4.6
    QTest::newRow("rfc example") << QByteArray(" C \r\nD \t E\r\n\r\n\r\n") << QByteArray(" C\r\nD E\r\n");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("only CRLFs") << QByteArray("\r\n\r\n\r\n") << QByteArray();
    QTest::newRow("only white space lines") << QByteArray("  \r\n\t\r\n \t \r\n") << QByteArray();
    QTest::newRow("no final CRLF") << QByteArray("Hello\r\nWorld") << QByteArray("Hello\r\nWorld\r\n");
    QTest::newRow("trailing white space lines") << QByteArray("a\r\n \r\n\t\r\n") << QByteArray("a\r\n");
    QTest::newRow("inner empty lines kept") << QByteArray("a\r\n\r\n\r\nb\r\n") << QByteArray("a\r\n\r\n\r\nb\r\n");
    QTest::newRow("dots untouched") << QByteArray(".\r\n..\r\n.foo\r\n") << QByteArray(".\r\n..\r\n.foo\r\n");
    QTest::newRow("white space inside lines") << QByteArray("a  b\t\tc \t\r\n") << QByteArray("a b c\r\n");
}

void TestDkimCanonicalizer::relaxedBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, canonical);
    QCOMPARE(DkimCanonicalizer::relaxedBody(body), canonical);
}

void TestDkimCanonicalizer::split()
{
    QList<DkimCanonicalizer::HeaderField> headers;
    QByteArray body;
    QString error;
    QVERIFY(DkimCanonicalizer::split("A: 1\r\nB : 2\r\n\tmore\r\nC:3\r\n\r\nbody\r\n\r\n", &headers, &body, &error));
    QCOMPARE(headers.size(), 3);
    QCOMPARE(headers.at(0).name, QByteArray("A"));
    QCOMPARE(headers.at(1).name, QByteArray("B"));
    QCOMPARE(headers.at(1).raw, QByteArray("B : 2\r\n\tmore\r\n"));
    QCOMPARE(headers.at(2).raw, QByteArray("C:3\r\n"));
    QCOMPARE(body, QByteArray("body\r\n\r\n"));

    QVERIFY(DkimCanonicalizer::split("A: 1\r\n\r\n", &headers, &body, &error));
    QCOMPARE(headers.size(), 1);
    QVERIFY(body.isEmpty());

    QVERIFY(DkimCanonicalizer::split("A: 1\r\n", &headers, &body, &error)); // no body at all
    QCOMPARE(headers.size(), 1);
    QVERIFY(body.isEmpty());
}

void TestDkimCanonicalizer::splitRejects_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("bare LF in header") << QByteArray("A: 1\nB: 2\r\n\r\nx\r\n");
    QTest::newRow("bare LF in body") << QByteArray("A: 1\r\n\r\nx\ny\r\n");
    QTest::newRow("bare CR in body") << QByteArray("A: 1\r\n\r\nx\ry\r\n");
    QTest::newRow("CR at the end") << QByteArray("A: 1\r\n\r\nx\r");
    QTest::newRow("continuation first") << QByteArray(" A: 1\r\n\r\nx\r\n");
    QTest::newRow("no colon") << QByteArray("A 1\r\n\r\nx\r\n");
}

void TestDkimCanonicalizer::splitRejects()
{
    QFETCH(QByteArray, message);
    QList<DkimCanonicalizer::HeaderField> headers;
    QByteArray body;
    QString error;
    QVERIFY(!DkimCanonicalizer::split(message, &headers, &body, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestDkimCanonicalizer)
#include "tst_dkim_canonicalizer.moc"
