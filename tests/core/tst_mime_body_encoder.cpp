// MimeBodyEncoder's pieces that encode() relies on: line ends made CRLF whatever the text
// had, and base64's size known before encoding (encode() picks the shorter encoding by it).

#include "message/mime_body_encoder.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TstMimeBodyEncoder final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void base64SizeKnownInAdvance();
    void lineBreaksNormalized_data();
    void lineBreaksNormalized();
};

// encode() picks base64 from its predicted size without encoding it: the prediction must be exact.
void TstMimeBodyEncoder::base64SizeKnownInAdvance()
{
    for (qsizetype n = 0; n <= 1000; ++n)
        QCOMPARE(MimeBodyEncoder::base64Size(n), MimeBodyEncoder::base64(QByteArray(n, '\xEA')).size());
}

void TstMimeBodyEncoder::lineBreaksNormalized_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("crlf");
    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("LF") << u"a\nb"_s << QByteArray("a\r\nb\r\n");
    QTest::newRow("CRLF kept") << u"a\r\nb\r\n"_s << QByteArray("a\r\nb\r\n");
    QTest::newRow("bare CR") << u"a\rb\r"_s << QByteArray("a\r\nb\r\n");
    QTest::newRow("CR CR LF") << u"a\r\r\nb"_s << QByteArray("a\r\n\r\nb\r\n");
    QTest::newRow("LF CR") << u"a\n\rb"_s << QByteArray("a\r\n\r\nb\r\n");
    QTest::newRow("only breaks") << u"\n\n"_s << QByteArray("\r\n\r\n");
    QTest::newRow("korean") << u"\uC548\uB155\n\uD558\uC138\uC694"_s
                            << QByteArray("\xEC\x95\x88\xEB\x85\x95\r\n\xED\x95\x98\xEC\x84\xB8\xEC\x9A\x94\r\n");
}

void TstMimeBodyEncoder::lineBreaksNormalized()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, crlf);
    QCOMPARE(MimeBodyEncoder::normalizeLineBreaks(text), crlf);
}

QTEST_GUILESS_MAIN(TstMimeBodyEncoder)
#include "tst_mime_body_encoder.moc"
