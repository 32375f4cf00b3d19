#include "csv_preview.h"

#include "address_validator.h"
#include "csv_reader.h"

#include <QFile>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype SampleBytes = 64 * 1024;

const QString Utf8 = u"UTF-8"_s;
const QString Utf16Le = u"UTF-16LE"_s;
const QString Utf16Be = u"UTF-16BE"_s;
const QString Korean = u"windows-949"_s;
const QString Western = u"windows-1252"_s;
const QString Latin1 = u"ISO-8859-1"_s;

bool available(const QString &name)
{
    return QStringDecoder(name.toLatin1().constData()).isValid();
}

// Drops an incomplete UTF-8 sequence at the end of a sample cut from a longer file.
QByteArrayView withoutPartialTail(QByteArrayView s)
{
    qsizetype i = s.size();
    for (int back = 0; back < 4 && i > 0; ++back) {
        const auto c = uchar(s.at(i - 1));
        if ((c & 0xC0) != 0x80) {
            const int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return need > back + 1 ? s.first(i - 1) : s;
        }
        --i;
    }
    return s;
}

bool validUtf8(QByteArrayView s)
{
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    const QString text = decoder.decode(s);
    return !decoder.hasError();
}

// CP949 when the non-ASCII text decodes cleanly and is mostly Hangul: Latin-1 text read as
// CP949 gives Hanja, private-use or unmapped characters instead.
bool looksKorean(QByteArrayView s)
{
    if (!available(Korean))
        return false;
    QStringDecoder decoder(Korean.toLatin1().constData(), QStringConverter::Flag::Stateless);
    const QString text = decoder.decode(s);
    if (decoder.hasError())
        return false;
    qsizetype nonAscii = 0, hangul = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x80)
            continue;
        ++nonAscii;
        if ((u >= 0xAC00 && u <= 0xD7A3) || (u >= 0x3130 && u <= 0x318F))
            ++hangul;
        else if (u == 0xFFFD || u == 0x1A || (u >= 0xE000 && u <= 0xF8FF))
            return false;
    }
    return nonAscii > 0 && hangul * 10 >= nonAscii * 8;
}

// UTF-16 without BOM: ASCII text has a zero in every other byte.
QString utf16WithoutBom(QByteArrayView s)
{
    const qsizetype pairs = qMin<qsizetype>(s.size() / 2, 4096);
    if (pairs < 2)
        return {};
    qsizetype evenZeros = 0, oddZeros = 0;
    for (qsizetype i = 0; i < pairs; ++i) {
        evenZeros += s.at(2 * i) == 0;
        oddZeros += s.at(2 * i + 1) == 0;
    }
    if (oddZeros * 10 >= pairs * 7 && evenZeros * 10 < pairs)
        return Utf16Le;
    if (evenZeros * 10 >= pairs * 7 && oddZeros * 10 < pairs)
        return Utf16Be;
    return {};
}

QString displayLine(const QString &path, qint64 line, const QString &what)
{
    return u"%1: line %2: %3"_s.arg(path, QString::number(line), what);
}

} // namespace

QStringList CsvPreview::encodings()
{
    QStringList out = {Utf8, Utf16Le, Utf16Be};
    for (const QString &name : {Korean, Western})
        if (available(name))
            out.append(name);
    out.append(Latin1);
    return out;
}

QList<QChar> CsvPreview::delimiters()
{
    return {QLatin1Char(','), QLatin1Char(';'), QLatin1Char('\t'), QLatin1Char('|')};
}

QString CsvPreview::detectEncoding(QByteArrayView sample, bool truncated, bool *bom)
{
    if (bom)
        *bom = true;
    if (sample.startsWith("\xEF\xBB\xBF"))
        return Utf8;
    if (sample.startsWith("\xFF\xFE"))
        return Utf16Le;
    if (sample.startsWith("\xFE\xFF"))
        return Utf16Be;
    if (bom)
        *bom = false;
    if (QString wide = utf16WithoutBom(sample); !wide.isEmpty())
        return wide;
    if (validUtf8(truncated ? withoutPartialTail(sample) : sample))
        return Utf8;
    if (looksKorean(sample))
        return Korean;
    return available(Western) ? Western : Latin1;
}

int CsvPreview::guessEmailColumn(const QStringList &header, const QList<Row> &rows)
{
    static const QStringList names = {u"email"_s,          u"e-mail"_s,        u"mail"_s,     u"email address"_s,
                                      u"e-mail address"_s, u"email_address"_s, u"courriel"_s, u"이메일"_s,
                                      u"메일"_s,           u"전자우편"_s,      u"メール"_s};
    for (const QString &name : names) {
        for (int i = 0; i < header.size(); ++i)
            if (header.at(i).compare(name, Qt::CaseInsensitive) == 0)
                return i;
    }
    for (int i = 0; i < header.size(); ++i)
        if (header.at(i).contains(u"mail"_s, Qt::CaseInsensitive))
            return i;

    int best = -1;
    qsizetype bestValid = 0;
    for (int i = 0; i < header.size(); ++i) {
        qsizetype valid = 0, filled = 0;
        for (const Row &row : rows) {
            if (i >= row.fields.size() || row.fields.at(i).trimmed().isEmpty())
                continue;
            ++filled;
            valid += AddressValidator::check(row.fields.at(i)).isValid();
        }
        if (valid > bestValid && valid * 2 >= filled) {
            best = i;
            bestValid = valid;
        }
    }
    return best;
}

CsvPreview CsvPreview::read(const QString &path, int maxRows, QChar delimiter, const QString &encoding)
{
    CsvPreview p;
    p.path = path;
    if (path.trimmed().isEmpty()) {
        p.error = u"no file chosen"_s;
        return p;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        p.error = u"%1: cannot read the recipient list: %2"_s.arg(path, file.errorString());
        return p;
    }
    p.fileSize = file.size();
    const QByteArray sample = file.peek(SampleBytes);
    p.detectedEncoding = detectEncoding(sample, sample.size() < p.fileSize, &p.bom);
    p.encoding = encoding.isEmpty() ? p.detectedEncoding : encoding;

    // The delimiter detection runs on the file as the import will read it, override or not.
    {
        QFile again(path);
        CsvReader sniffer(&again);
        QStringList ignored;
        if (again.open(QIODevice::ReadOnly) && sniffer.setEncoding(p.encoding) &&
            sniffer.next(ignored) != CsvReader::Status::Fatal)
            p.detectedDelimiter = sniffer.delimiter();
    }

    CsvReader reader(&file);
    if (!reader.setEncoding(p.encoding)) {
        p.error = u"%1: unknown encoding '%2'"_s.arg(path, p.encoding);
        return p;
    }
    if (!delimiter.isNull() && !reader.setDelimiter(delimiter)) {
        p.error = u"%1: '%2' cannot be a delimiter"_s.arg(path, delimiter);
        return p;
    }
    QStringList fields;
    CsvReader::Status st = reader.next(fields);
    p.delimiter = reader.delimiter();
    if (st == CsvReader::Status::Fatal) {
        p.error = u"%1: %2"_s.arg(path, reader.error());
        return p;
    }
    if (st == CsvReader::Status::End) {
        p.error = u"%1: the file is empty; the first line must name the columns"_s.arg(path);
        return p;
    }
    if (st == CsvReader::Status::BadRecord) {
        p.error = displayLine(path, reader.line(), u"cannot read the header row: "_s + reader.error());
        return p;
    }
    for (QString &h : fields)
        h = h.trimmed();
    for (int i = 0; i < fields.size(); ++i) {
        if (!fields.at(i).isEmpty() && fields.indexOf(fields.at(i)) != i) {
            p.error = displayLine(path, reader.line(), u"the column name '%1' appears twice"_s.arg(fields.at(i)));
            return p;
        }
    }
    p.header = fields;

    while (p.rows.size() < maxRows) {
        st = reader.next(fields);
        if (st == CsvReader::Status::End)
            break;
        if (st == CsvReader::Status::Fatal) {
            p.error = displayLine(path, reader.line(), reader.error());
            return p;
        }
        Row row;
        row.line = reader.line();
        if (st == CsvReader::Status::BadRecord) {
            row.error = reader.error();
        } else {
            while (fields.size() > p.header.size() && fields.constLast().isEmpty())
                fields.removeLast();
            if (fields.size() != p.header.size())
                row.error = u"the row has %1 fields, the header has %2"_s.arg(QString::number(fields.size()),
                                                                              QString::number(p.header.size()));
            row.fields = fields;
        }
        p.rows.append(row);
    }
    p.more = p.rows.size() == maxRows && reader.next(fields) != CsvReader::Status::End;
    p.emailColumn = guessEmailColumn(p.header, p.rows);
    p.ok = true;
    return p;
}
