#include "common/csv_writer.h"
#include "common/duration.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TstDuration final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("seconds") << u"90s"_s << qint64(90000);
        QTest::newRow("minutes") << u"15m"_s << qint64(900000);
        QTest::newRow("hours") << u"4h"_s << qint64(4 * 3600000);
        QTest::newRow("days") << u"5d"_s << qint64(5LL * 86400000);
        QTest::newRow("combined") << u"1h30m"_s << qint64(5400000);
        QTest::newRow("spaces trimmed") << u" 2s "_s << qint64(2000);
        QTest::newRow("zero") << u"0s"_s << qint64(0);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        QCOMPARE(Duration::parseMs(text), std::optional<qint64>(ms));
    }
    void invalid_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *t : {"", "5", "d", "5x", "1.5h", "-5m", "5 m", "99999999999999999999d", "５d"})
            QTest::newRow(t) << QString::fromUtf8(t);
        // Parts each within range whose sum is not (signed overflow; tests/fuzz/fuzz_delivery_definition).
        QTest::newRow("parts overflow") << u"4611686018427387s4611686018427387s4611686018427387s"_s;
        QTest::newRow("parts over half") << u"53375995583d53375995583d"_s;
    }
    void invalid()
    {
        QFETCH(QString, text);
        QVERIFY(!Duration::parseMs(text));
    }
    void formatRoundTrips()
    {
        for (qint64 ms : {1000LL, 90000LL, 5400000LL, 5LL * 86400000, 86400000LL + 1000})
            QCOMPARE(Duration::parseMs(Duration::format(ms)), std::optional<qint64>(ms));
        QCOMPARE(Duration::format(0), u"0s"_s);
        QCOMPARE(Duration::format(5400000), u"1h30m"_s);
    }
    void csvCells()
    {
        QCOMPARE(CsvWriter::cell(u"plain"_s), u"plain"_s);
        QCOMPARE(CsvWriter::cell(u"a,b"_s), u"\"a,b\""_s);
        QCOMPARE(CsvWriter::cell(u"say \"hi\""_s), u"\"say \"\"hi\"\"\""_s);
        QCOMPARE(CsvWriter::cell(u"line\nbreak"_s), u"\"line\nbreak\""_s);
        for (const QString &formula :
             {u"=HYPERLINK(\"http://x\")"_s, u"+1"_s, u"-1"_s, u"@SUM(A1)"_s, u"\tx"_s, u"\rx"_s})
            QVERIFY2(CsvWriter::cell(formula).remove(u'"').startsWith(u'\''), qPrintable(formula));
        QCOMPARE(CsvWriter::cell(u"=1"_s, false), u"=1"_s);
        QCOMPARE(CsvWriter::record({u"a"_s, u"b c"_s}), u"a,b c\r\n"_s);
    }
};

QTEST_APPLESS_MAIN(TstDuration)
#include "tst_duration.moc"
