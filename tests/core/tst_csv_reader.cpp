#include "recipients/csv_reader.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

using Status = CsvReader::Status;

// The recipient list reader: RFC 4180 quoting, encodings, line numbers that match what an
// editor shows, per-record errors that do not stop the import, and chunked reading.
class TestCsvReader final : public QObject
{
    Q_OBJECT

private slots:
    void simpleRecords();
    void quotedFields_data();
    void quotedFields();
    void byteOrderMark();
    void delimiterDetection_data();
    void delimiterDetection();
    void lineEnds_data();
    void lineEnds();
    void lineNumbersAfterMultiLineRecords();
    void raggedRows();
    void invalidUtf8ContinuesWithNextRecord();
    void unterminatedQuote();
    void textAfterClosingQuote();
    void emptyInput_data();
    void emptyInput();
    void binaryInput_data();
    void binaryInput();
    void controlCharactersAfterFirstChunkAreData();
    void oversizeField();
    void oversizeQuotedFieldKeepsLineNumbers();
    void oversizeRecord();
    void readErrorIsFatal();
    void chunkBoundaries_data();
    void chunkBoundaries();
    void utf16SurrogatePairAcrossReads();
    void randomCorpusAnyChunking_data();
    void randomCorpusAnyChunking();
    void randomBytesSameResultAnyChunking();
    void streamsManyRows();
};

namespace {

// Hands out the data a few bytes per read (cycling through `steps`), so that chunk boundaries
// fall inside every construct; it may then fail, like a disk that goes away.
class TrickleDevice final : public QIODevice
{
public:
    TrickleDevice(QByteArray data, QList<qint64> steps, bool failAtEnd = false)
        : m_data(std::move(data))
        , m_steps(std::move(steps))
        , m_failAtEnd(failAtEnd)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }
    qint64 reads() const { return m_reads; }

protected:
    qint64 readData(char *out, qint64 max) override
    {
        if (m_offset == m_data.size()) {
            if (m_failAtEnd) {
                setErrorString(u"the disk went away"_s);
                return -1;
            }
            return 0;
        }
        const qint64 step = m_steps.at(m_reads++ % m_steps.size());
        const qint64 n = qMin(qMin(max, step), m_data.size() - m_offset);
        std::memcpy(out, m_data.constData() + m_offset, n);
        m_offset += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    QList<qint64> m_steps;
    bool m_failAtEnd;
    qint64 m_offset = 0;
    qint64 m_reads = 0;
};

// Produces a recipient list row by row, so that a large input never exists in memory.
class RowGenerator final : public QIODevice
{
public:
    explicit RowGenerator(qint64 rows)
        : m_rows(rows)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }
    qint64 produced() const { return m_produced; }

protected:
    qint64 readData(char *out, qint64 max) override
    {
        qint64 written = 0;
        while (written < max) {
            if (m_offset == m_pending.size()) {
                if (m_next > m_rows)
                    break;
                m_pending = makeRow(m_next++);
                m_offset = 0;
            }
            const qint64 n = qMin(max - written, m_pending.size() - m_offset);
            std::memcpy(out + written, m_pending.constData() + m_offset, n);
            m_offset += n;
            written += n;
        }
        m_produced += written;
        return written;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    static QByteArray makeRow(qint64 n)
    {
        if (n == 0)
            return "email,name,city,note\r\n"_ba;
        const QByteArray id = QByteArray::number(n);
        return "user" + id + "@example.com,Name " + id + ",Seoul,\"quoted, with \"\"quotes\"\" " + id + "\"\r\n";
    }

    qint64 m_rows;
    qint64 m_next = 0;
    QByteArray m_pending;
    qint64 m_offset = 0;
    qint64 m_produced = 0;
};

struct Read
{
    Status status;
    QStringList fields;
    qint64 line;
    QString error;
};

QList<Read> readAll(QIODevice *device, qsizetype limit = 100000)
{
    CsvReader reader(device);
    QList<Read> out;
    QStringList fields;
    for (qsizetype i = 0; i < limit; ++i) {
        const Status status = reader.next(fields);
        if (status == Status::End)
            break;
        out.append({status, fields, reader.line(), reader.error()});
        if (status == Status::Fatal)
            break;
    }
    return out;
}

QList<Read> readAll(const QByteArray &data)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    return readAll(&buffer);
}

QString describe(const QList<Read> &reads)
{
    QStringList out;
    for (const Read &read : reads) {
        const QString status = read.status == Status::Record      ? u"R"_s
                               : read.status == Status::BadRecord ? u"B"_s
                                                                  : u"F"_s;
        out << status + u'@' + QString::number(read.line) + u'[' + read.fields.join(u'|') + u']' + read.error;
    }
    return out.join(u' ');
}

} // namespace

void TestCsvReader::simpleRecords()
{
    QBuffer buffer;
    buffer.setData("email,name\nada@example.org,Ada\n"_ba);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    QStringList fields;
    QCOMPARE(reader.next(fields), Status::Record);
    QCOMPARE(fields, QStringList({u"email"_s, u"name"_s}));
    QCOMPARE(reader.line(), 1);
    QCOMPARE(reader.delimiter(), QLatin1Char(','));
    QVERIFY(!reader.hadBom());
    QCOMPARE(reader.next(fields), Status::Record);
    QCOMPARE(fields, QStringList({u"ada@example.org"_s, u"Ada"_s}));
    QCOMPARE(reader.line(), 2);
    QCOMPARE(reader.next(fields), Status::End);
    QVERIFY(fields.isEmpty());
    QCOMPARE(reader.next(fields), Status::End);
    QCOMPARE(reader.bytesRead(), buffer.size());
}

void TestCsvReader::quotedFields_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("fields");

    QTest::newRow("delimiter inside") << "\"a,b\",c\n"_ba << QStringList{u"a,b"_s, u"c"_s};
    QTest::newRow("doubled quote") << "\"say \"\"hi\"\"\",x\n"_ba << QStringList{u"say \"hi\""_s, u"x"_s};
    QTest::newRow("only a quote") << "\"\"\"\",x\n"_ba << QStringList{u"\""_s, u"x"_s};
    QTest::newRow("four quotes inside") << "\"a\"\"\"\"b\"\n"_ba << QStringList{u"a\"\"b"_s};
    QTest::newRow("empty quoted") << "\"\",\"\"\n"_ba << QStringList{QString(), QString()};
    QTest::newRow("LF inside") << "\"line 1\nline 2\",x\n"_ba << QStringList{u"line 1\nline 2"_s, u"x"_s};
    QTest::newRow("CRLF inside") << "\"a\r\nb\",x\r\n"_ba << QStringList{u"a\r\nb"_s, u"x"_s};
    QTest::newRow("CR inside") << "\"a\rb\",x\r"_ba << QStringList{u"a\rb"_s, u"x"_s};
    QTest::newRow("quote inside unquoted kept") << "5\" disk,x\n"_ba << QStringList{u"5\" disk"_s, u"x"_s};
    QTest::newRow("quoted last, no line end") << "x,\"y\""_ba << QStringList{u"x"_s, u"y"_s};
    QTest::newRow("UTF-8 quoted") << "\"홍길동, 님\",é\n"_ba << QStringList{u"홍길동, 님"_s, u"é"_s};
    QTest::newRow("spaces kept") << " a , b \n"_ba << QStringList{u" a "_s, u" b "_s};
}

void TestCsvReader::quotedFields()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, fields);
    const QList<Read> reads = readAll(input);
    QCOMPARE(reads.size(), 1);
    QCOMPARE(reads.at(0).status, Status::Record);
    QCOMPARE(reads.at(0).fields, fields);
    QCOMPARE(reads.at(0).line, 1);
}

void TestCsvReader::byteOrderMark()
{
    for (const bool bom : {true, false}) {
        QBuffer buffer;
        buffer.setData((bom ? "\xEF\xBB\xBF"_ba : QByteArray()) + "email;name\n\"a@b.c\";Bé\n"_ba);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        QStringList fields;
        QCOMPARE(reader.next(fields), Status::Record);
        QCOMPARE(reader.hadBom(), bom);
        QCOMPARE(reader.delimiter(), QLatin1Char(';'));
        QCOMPARE(fields.value(0), u"email"_s); // no U+FEFF glued to the first header
        QCOMPARE(reader.line(), 1);
        QCOMPARE(reader.next(fields), Status::Record);
        QCOMPARE(fields, QStringList({u"a@b.c"_s, u"Bé"_s}));
        QCOMPARE(reader.line(), 2);
    }
}

void TestCsvReader::delimiterDetection_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QChar>("delimiter");
    QTest::addColumn<QStringList>("first");

    QTest::newRow("comma") << "a,b,c\n1,2,3\n"_ba << QChar(u',') << QStringList{u"a"_s, u"b"_s, u"c"_s};
    QTest::newRow("semicolon") << "a;b;c\n1;2;3\n"_ba << QChar(u';') << QStringList{u"a"_s, u"b"_s, u"c"_s};
    QTest::newRow("tab") << "a\tb\tc\n1\t2\t3\n"_ba << QChar(u'\t') << QStringList{u"a"_s, u"b"_s, u"c"_s};
    QTest::newRow("single column") << "email\na@b.c\n"_ba << QChar(u',') << QStringList{u"email"_s};
    QTest::newRow("most frequent wins") << "a;b;c,d\n"_ba << QChar(u';') << QStringList{u"a"_s, u"b"_s, u"c,d"_s};
    QTest::newRow("tab beats comma") << "a,b\tc\td\n"_ba << QChar(u'\t') << QStringList{u"a,b"_s, u"c"_s, u"d"_s};
    QTest::newRow("tie goes to comma") << "a,b;c\n"_ba << QChar(u',') << QStringList{u"a"_s, u"b;c"_s};
    QTest::newRow("quoted ones ignored") << "\"x;y;z\",b\n"_ba << QChar(u',') << QStringList{u"x;y;z"_s, u"b"_s};
    QTest::newRow("quoted line end ignored")
        << "\"a\nb;c;d\";e\n"_ba << QChar(u';') << QStringList{u"a\nb;c;d"_s, u"e"_s};
    QTest::newRow("only the first line counts") << "a,b\nc;d;e;f;g\n"_ba << QChar(u',') << QStringList{u"a"_s, u"b"_s};
    QTest::newRow("leading blank lines skipped") << "\r\n\na;b\n"_ba << QChar(u';') << QStringList{u"a"_s, u"b"_s};
}

void TestCsvReader::delimiterDetection()
{
    QFETCH(QByteArray, input);
    QFETCH(QChar, delimiter);
    QFETCH(QStringList, first);

    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    QStringList fields;
    QCOMPARE(reader.next(fields), Status::Record);
    QCOMPARE(reader.delimiter(), delimiter);
    QCOMPARE(fields, first);
}

void TestCsvReader::lineEnds_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("LF") << "a\nb\nc\n"_ba << u"R@1[a] R@2[b] R@3[c]"_s;
    QTest::newRow("CRLF") << "a\r\nb\r\nc\r\n"_ba << u"R@1[a] R@2[b] R@3[c]"_s;
    QTest::newRow("CR") << "a\rb\rc\r"_ba << u"R@1[a] R@2[b] R@3[c]"_s;
    QTest::newRow("mixed") << "a\rb\r\nc\nd"_ba << u"R@1[a] R@2[b] R@3[c] R@4[d]"_s;
    QTest::newRow("no final line end") << "a,b\nc,d"_ba << u"R@1[a|b] R@2[c|d]"_s;
    QTest::newRow("blank lines LF") << "\n\na\n\n\nb\n\n"_ba << u"R@3[a] R@6[b]"_s;
    QTest::newRow("blank lines CRLF") << "a\r\n\r\n\r\nb\r\n"_ba << u"R@1[a] R@4[b]"_s;
    QTest::newRow("blank lines CR") << "a\r\r\rb\r"_ba << u"R@1[a] R@4[b]"_s;
    QTest::newRow("CR then CRLF blank") << "a\r\r\nb"_ba << u"R@1[a] R@3[b]"_s;
    QTest::newRow("LF CR is two line ends") << "a\n\rb"_ba << u"R@1[a] R@3[b]"_s;
}

void TestCsvReader::lineEnds()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    QCOMPARE(describe(readAll(input)), expected);
}

void TestCsvReader::lineNumbersAfterMultiLineRecords()
{
    const QByteArray input = "email,note\n"
                             "a@x.y,\"two\nlines\"\n"
                             "b@x.y,\"three\r\nCRLF\r\nlines\"\r\n"
                             "\n"
                             "c@x.y,\"lone\rCR\"\n"
                             "d@x.y,\"\n\n\n\"\n"
                             "e@x.y,end\n"_ba;
    const QList<Read> reads = readAll(input);
    QCOMPARE(reads.size(), 6);
    const QList<qint64> lines{1, 2, 4, 8, 10, 14};
    for (qsizetype i = 0; i < reads.size(); ++i) {
        QCOMPARE(reads.at(i).status, Status::Record);
        QCOMPARE(reads.at(i).line, lines.at(i));
    }
    QCOMPARE(reads.at(2).fields.value(1), u"three\r\nCRLF\r\nlines"_s);
    QCOMPARE(reads.at(5).fields, QStringList({u"e@x.y"_s, u"end"_s}));
}

void TestCsvReader::raggedRows()
{
    // The reader reports rows as they are; deciding what a short row means is the importer's job.
    QCOMPARE(describe(readAll("a,b,c\n1\n1,2,3,4\n,\n\"\"\nx,y,\n"_ba)),
             u"R@1[a|b|c] R@2[1] R@3[1|2|3|4] R@4[|] R@5[] R@6[x|y|]"_s);
    QCOMPARE(readAll("a,b,c\n,\n"_ba).at(1).fields.size(), 2);
    QCOMPARE(readAll("a,b,c\n\"\"\n"_ba).at(1).fields.size(), 1);
    QCOMPARE(readAll("a,b,\n"_ba).at(0).fields.size(), 3);
    QCOMPARE(readAll("a,b,"_ba).at(0).fields.size(), 3);
}

void TestCsvReader::invalidUtf8ContinuesWithNextRecord()
{
    const QByteArray input = "email,name\n"
                             "a@x.y,\xFF\n"                  // not a lead byte
                             "b@x.y,\xC3\xA9\n"              // é
                             "c@x.y,\"x\ny\",\xED\xA0\x80\n" // a UTF-16 surrogate, after a two-line field
                             "d@x.y,\xC0\xAF\n"              // overlong '/'
                             "\xE2\x82,e@x.y\n"              // truncated sequence in field 1
                             "f@x.y,\xF4\x90\x80\x80\n"      // past U+10FFFF
                             "\"g@x.y\",\"\xE2\x82\xAC\"\n"_ba;
    const QList<Read> reads = readAll(input);
    QCOMPARE(describe(reads), u"R@1[email|name] B@2[]invalid UTF-8 in field 2 R@3[b@x.y|é] "
                              "B@4[]invalid UTF-8 in field 3 B@6[]invalid UTF-8 in field 2 "
                              "B@7[]invalid UTF-8 in field 1 B@8[]invalid UTF-8 in field 2 R@9[g@x.y|€]"_s);
}

void TestCsvReader::unterminatedQuote()
{
    QCOMPARE(describe(readAll("email,name\na@x.y,\"open\nstill open\n"_ba)),
             u"R@1[email|name] B@2[]unterminated quoted field"_s);
    QCOMPARE(describe(readAll("\""_ba)), u"B@1[]unterminated quoted field"_s);
}

void TestCsvReader::textAfterClosingQuote()
{
    QCOMPARE(describe(readAll("\"ab\"c,d\nnext,row\n"_ba)),
             u"B@1[]unexpected character after closing quote in field 1 R@2[next|row]"_s);
    // A quoted line end later in the bad record is still honoured when finding its end.
    QCOMPARE(describe(readAll("a,\"b\" ,\"x\ny\"\nnext\n"_ba)),
             u"B@1[]unexpected character after closing quote in field 2 R@3[next]"_s);
}

void TestCsvReader::emptyInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("bom");
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("BOM only") << "\xEF\xBB\xBF"_ba << true;
    QTest::newRow("blank lines only") << "\r\n\n\r\r\n"_ba << false;
}

void TestCsvReader::emptyInput()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, bom);
    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    QStringList fields{u"stale"_s};
    QCOMPARE(reader.next(fields), Status::End);
    QVERIFY(fields.isEmpty());
    QCOMPARE(reader.hadBom(), bom);
    QVERIFY(reader.error().isEmpty());
}

void TestCsvReader::binaryInput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error");

    QTest::newRow("zip") << QByteArray("PK\x03\x04\x14\x00\x00\x00", 8) + QByteArray(200, 'x')
                         << u"the file is not text (binary data at byte 5)"_s;
    QTest::newRow("UTF-16") << QByteArray("\xFF\xFE"
                                          "e\0m\0a\0i\0l\0",
                                          12)
                            << u"the file is not text (binary data at byte 3)"_s;
    QTest::newRow("NUL late in first chunk")
        << QByteArray(60000, 'a') + QByteArray(1, '\0') << u"the file is not text (binary data at byte 60000)"_s;
    QByteArray controls;
    for (int i = 0; i < 100; ++i)
        controls += i % 5 == 0 ? '\x01' : 'a';
    QTest::newRow("many control characters") << "ab"_ba + controls << u"the file is not text (binary data at byte 2)"_s;
}

void TestCsvReader::binaryInput()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    QStringList fields;
    QCOMPARE(reader.next(fields), Status::Fatal);
    QCOMPARE(reader.error(), error);
    QCOMPARE(reader.next(fields), Status::Fatal); // final
    QCOMPARE(reader.error(), error);
}

void TestCsvReader::controlCharactersAfterFirstChunkAreData()
{
    // Only the first chunk is sniffed; a stray control byte later is field data that the
    // address rules will refuse, not a reason to drop the whole file.
    QByteArray input = "email\n"_ba;
    while (input.size() < 70000)
        input += "someone@example.com\n";
    input += QByteArray("x\0y@example.com\n", 16);
    const QList<Read> reads = readAll(input);
    QCOMPARE(reads.constLast().status, Status::Record);
    QCOMPARE(reads.constLast().fields.value(0), u"x"_s + QChar(0) + u"y@example.com"_s);
}

void TestCsvReader::oversizeField()
{
    const QByteArray exact(CsvReader::MaxFieldBytes, 'x');
    const QByteArray over(CsvReader::MaxFieldBytes + 1, 'x');
    const QByteArray input = "a,b\n1," + exact + "\n2," + over + ",z\n3,\"" + over + "\"\n4,ok\n";
    const QList<Read> reads = readAll(input);
    QCOMPARE(reads.size(), 5);
    QCOMPARE(reads.at(1).status, Status::Record);
    QCOMPARE(reads.at(1).fields.value(1).size(), CsvReader::MaxFieldBytes);
    QCOMPARE(reads.at(2).status, Status::BadRecord);
    QCOMPARE(reads.at(2).error, u"field 2 longer than 1048576 bytes"_s);
    QCOMPARE(reads.at(2).line, 3);
    QCOMPARE(reads.at(3).status, Status::BadRecord);
    QCOMPARE(reads.at(3).error, u"field 2 longer than 1048576 bytes"_s);
    QCOMPARE(reads.at(4).status, Status::Record);
    QCOMPARE(reads.at(4).fields, QStringList({u"4"_s, u"ok"_s}));
    QCOMPARE(reads.at(4).line, 5);
}

void TestCsvReader::oversizeQuotedFieldKeepsLineNumbers()
{
    // A runaway quoted field with many lines inside is skipped as one record, and the lines it
    // spans still count.
    QByteArray big;
    while (big.size() <= CsvReader::MaxRecordBytes + 100000)
        big += "line of a very long quoted note\r\n";
    const qint64 bigLines = big.count('\n');
    const QByteArray input = "a,b\n1,\"" + big + "\"\n2,ok\n";
    const QList<Read> reads = readAll(input);
    QCOMPARE(reads.size(), 3);
    QCOMPARE(reads.at(1).status, Status::BadRecord);
    QCOMPARE(reads.at(1).line, 2);
    QVERIFY2(reads.at(1).error.startsWith(u"field 2 longer than"_s), qPrintable(reads.at(1).error));
    QCOMPARE(reads.at(2).status, Status::Record);
    QCOMPARE(reads.at(2).line, 3 + bigLines);
}

void TestCsvReader::oversizeRecord()
{
    const QByteArray field(CsvReader::MaxFieldBytes - 10, 'y');
    QByteArray record = "r";
    for (int i = 0; i < 5; ++i)
        record += "," + field;
    const QByteArray input = "a,b\n" + record + "\nlast,row\n";
    const QList<Read> reads = readAll(input);
    QCOMPARE(describe(reads), u"R@1[a|b] B@2[]record longer than 4194304 bytes R@3[last|row]"_s);
}

void TestCsvReader::readErrorIsFatal()
{
    QByteArray data = "email\n"_ba;
    while (data.size() < 200000)
        data += "someone@example.com\n";
    TrickleDevice device(data, {4096}, true);
    const QList<Read> reads = readAll(&device);
    QVERIFY(reads.size() > 1);
    QCOMPARE(reads.constLast().status, Status::Fatal);
    QCOMPARE(reads.constLast().error, u"cannot read the file: the disk went away"_s);
    const qsizetype rows = (data.size() - 6) / 20;
    QCOMPARE(reads.size(), 1 + rows + 1); // every row came before the error
}

void TestCsvReader::chunkBoundaries_data()
{
    QTest::addColumn<QByteArray>("tail");
    QTest::addColumn<QString>("expected");

    QTest::newRow("CRLF") << "a,b\r\nc,d\r\n"_ba << u"R@0[a|b] R@1[c|d]"_s;
    QTest::newRow("lone CR") << "a,b\rc,d\r"_ba << u"R@0[a|b] R@1[c|d]"_s;
    QTest::newRow("quoted CRLF") << "\"x\r\ny\",\"p\"\"q\"\r\nc,d\n"_ba << u"R@0[x\r\ny|p\"q] R@2[c|d]"_s;
    QTest::newRow("quoted CR") << "\"x\ry\",\"\"\"\"\rc,d\n"_ba << u"R@0[x\ry|\"] R@2[c|d]"_s;
    QTest::newRow("blank CRLF lines") << "\r\n\r\n\ra\r\n"_ba << u"R@3[a]"_s;
    QTest::newRow("UTF-8") << "\"한국어\",é\n"_ba << u"R@0[한국어|é]"_s;
    QTest::newRow("after quote") << "\"ab\"c,d\ne,f\n"_ba
                                 << u"B@0[]unexpected character after closing quote in field 1 R@1[e|f]"_s;
}

void TestCsvReader::chunkBoundaries()
{
    QFETCH(QByteArray, tail);
    QFETCH(QString, expected);

    // Pad with whole rows so the interesting bytes start just before, at and after the first
    // 64 KiB boundary of the reader.
    constexpr qsizetype Boundary = 64 * 1024;
    for (qsizetype shift = -12; shift <= 12; ++shift) {
        QByteArray input = "h\n"_ba;
        qint64 rows = 1;
        const qsizetype target = Boundary + shift;
        while (input.size() + 11 <= target) {
            input += "12345678\n";
            ++rows;
        }
        input += QByteArray(target - input.size() - 1, 'p') + '\n';
        ++rows;
        QCOMPARE(input.size(), target);
        input += tail;

        for (const bool trickle : {false, true}) {
            std::unique_ptr<QIODevice> device;
            if (trickle) {
                device = std::make_unique<TrickleDevice>(input, QList<qint64>{1});
            } else {
                auto buffer = std::make_unique<QBuffer>();
                buffer->setData(input);
                buffer->open(QIODevice::ReadOnly);
                device = std::move(buffer);
            }
            QList<Read> reads = readAll(device.get());
            QCOMPARE(reads.size() >= rows, true);
            reads.remove(0, rows);
            for (Read &read : reads)
                read.line -= rows + 1; // as lines of the tail, 0-based
            QCOMPARE(describe(reads), expected);
        }
    }
}

// A character outside the BMP whose two UTF-16 halves arrive in different reads is one
// character, not two replacement characters (found by tests/fuzz/fuzz_csv_reader.cpp).
void TestCsvReader::utf16SurrogatePairAcrossReads()
{
    const QString text = u"email,name\na@b.c,x\U0001F600y\n"_s;
    for (const QStringConverter::Encoding encoding : {QStringConverter::Utf16LE, QStringConverter::Utf16BE}) {
        const QByteArray input = QStringEncoder(encoding)(text);
        for (const qint64 step : {1, 2, 3, 5, 7}) {
            TrickleDevice device(input, {step});
            CsvReader reader(&device);
            QVERIFY(reader.setEncoding(encoding == QStringConverter::Utf16LE ? u"UTF-16LE"_s : u"UTF-16BE"_s));
            QStringList fields;
            QCOMPARE(reader.next(fields), Status::Record);
            QCOMPARE(reader.next(fields), Status::Record);
            QCOMPARE(fields, (QStringList{u"a@b.c"_s, u"x\U0001F600y"_s}));
            QCOMPARE(reader.next(fields), Status::End);
        }
    }
    // A high surrogate at the very end is read as it is when the input comes in one read.
    const QByteArray cut = QByteArray(QStringEncoder(QStringConverter::Utf16LE)(u"a\nb"_s)) + "\x3D\xD8"_ba;
    const auto read = [](QIODevice *device) {
        CsvReader reader(device);
        QList<Read> out;
        if (!reader.setEncoding(u"UTF-16LE"_s))
            return out;
        QStringList fields;
        for (Status status; (status = reader.next(fields)) != Status::End;)
            out.append({status, fields, reader.line(), reader.error()});
        return out;
    };
    QBuffer buffer;
    buffer.setData(cut);
    buffer.open(QIODevice::ReadOnly);
    const QList<Read> whole = read(&buffer);
    QCOMPARE(whole.size(), 2);
    QCOMPARE(whole.at(1).line, 2);
    for (const qint64 step : {1, 2, 3}) {
        TrickleDevice device(cut, {step});
        QCOMPARE(describe(read(&device)), describe(whole));
    }
}

void TestCsvReader::randomCorpusAnyChunking_data()
{
    QTest::addColumn<QList<qint64>>("steps");
    QTest::newRow("one byte") << QList<qint64>{1};
    QTest::newRow("odd sizes") << QList<qint64>{1, 2, 3, 5, 7, 11, 13, 4093};
    QTest::newRow("large") << QList<qint64>{100000};
}

void TestCsvReader::randomCorpusAnyChunking()
{
    QFETCH(QList<qint64>, steps);

    // A fixed seed keeps failures reproducible.
    QRandomGenerator random(20240611);
    const QList<QByteArray> pieces{"x", "abc", ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", " ", "é", "한", "@", "\t"};
    const QList<QByteArray> lineEnds{"\n", "\r\n", "\r"};
    QByteArray input = "name,email,note\n";
    struct Expected
    {
        QStringList fields;
        qsizetype offset;
    };
    QList<Expected> expected{{{u"name"_s, u"email"_s, u"note"_s}, 0}};
    QByteArray lastEnd = "\n";
    while (input.size() < 300000) {
        if (random.bounded(8) == 0) {
            // A blank line; after a lone CR it must not start with LF or it would join it.
            lastEnd = lastEnd == "\r" ? QByteArray("\r") : lineEnds.at(random.bounded(3));
            input += lastEnd;
            continue;
        }
        const qsizetype offset = input.size();
        QStringList fields;
        const int count = 1 + random.bounded(4);
        for (int f = 0; f < count; ++f) {
            QByteArray value;
            const int length = random.bounded(6);
            for (int k = 0; k < length; ++k)
                value += pieces.at(random.bounded(pieces.size()));
            const bool special =
                value.contains(',') || value.contains('"') || value.contains('\n') || value.contains('\r');
            // A lone empty field would be a blank line, so it is always quoted.
            const bool quote = special || random.bounded(3) == 0 || (count == 1 && value.isEmpty());
            if (f > 0)
                input += ',';
            input += quote ? '"' + QByteArray(value).replace("\"", "\"\"") + '"' : value;
            fields << QString::fromUtf8(value);
        }
        lastEnd = lineEnds.at(random.bounded(3));
        input += lastEnd;
        expected.append({fields, offset});
    }

    // Physical lines as an editor counts them: LF, CRLF and lone CR each end one.
    QList<qint64> lines;
    qint64 line = 1;
    for (qsizetype i = 0, next = 0; next < expected.size(); ++i) {
        if (i == expected.at(next).offset) {
            lines.append(line);
            ++next;
        }
        if (input.at(i) == '\n' || (input.at(i) == '\r' && (i + 1 == input.size() || input.at(i + 1) != '\n')))
            ++line;
    }

    TrickleDevice device(input, steps);
    const QList<Read> reads = readAll(&device);
    QCOMPARE(reads.size(), expected.size());
    for (qsizetype i = 0; i < reads.size(); ++i) {
        QCOMPARE(reads.at(i).status, Status::Record);
        QCOMPARE(reads.at(i).fields, expected.at(i).fields);
        QCOMPARE(reads.at(i).line, lines.at(i));
    }
    if (steps == QList<qint64>{1})
        QCOMPARE(device.reads(), input.size());
}

void TestCsvReader::randomBytesSameResultAnyChunking()
{
    // Malformed input too must not depend on where reads happen to split it. The padding moves
    // the random bytes past the first chunk, which the reader sniffs in one piece.
    QRandomGenerator random(77);
    const QList<QByteArray> pieces{"a", ",", "\"", "\"\"", "\n", "\r", "\r\n", "\xC3\xA9", "\xC3", "\xFF", " "};
    QByteArray padding = "h\n"_ba;
    while (padding.size() < 64 * 1024 - 40)
        padding += "row\n";
    qsizetype badRecords = 0;
    for (int round = 0; round < 150; ++round) {
        QByteArray input = padding + QByteArray(random.bounded(40), 'p');
        const int length = random.bounded(60);
        for (int k = 0; k < length; ++k)
            input += pieces.at(random.bounded(pieces.size()));
        const QString whole = describe(readAll(input));
        TrickleDevice trickle(input, {1, 2, 3});
        QCOMPARE(describe(readAll(&trickle)), whole);
        badRecords += whole.count(u" B@"_s);
    }
    QVERIFY(badRecords > 20); // the rounds did reach the error paths
}

void TestCsvReader::streamsManyRows()
{
    constexpr qint64 Rows = 200000;
    RowGenerator device(Rows);
    CsvReader reader(&device);
    QStringList fields;
    qint64 records = 0;
    QElapsedTimer timer;
    timer.start();
    Status status;
    while ((status = reader.next(fields)) == Status::Record) {
        ++records;
        if (records == Rows + 1) {
            QCOMPARE(fields, QStringList({u"user200000@example.com"_s, u"Name 200000"_s, u"Seoul"_s,
                                          u"quoted, with \"quotes\" 200000"_s}));
        }
    }
    QCOMPARE(status, Status::End);
    QCOMPARE(records, Rows + 1);
    QCOMPARE(reader.line(), Rows + 1);
    QCOMPARE(reader.bytesRead(), device.produced());
    qInfo("read %lld rows (%lld bytes) in %lld ms", records, reader.bytesRead(), timer.elapsed());
}

QTEST_APPLESS_MAIN(TestCsvReader)

#include "tst_csv_reader.moc"
