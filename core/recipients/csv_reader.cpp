#include "csv_reader.h"

#include <QIODevice>

#include <cstring>

using namespace Qt::StringLiterals;

namespace {

constexpr quint8 EndsUnquoted = 1;
constexpr quint8 StopsQuoted = 2;

// A text file has a few control characters at most (form feeds, a stray ^Z); more than this
// share of the first chunk means the user picked the wrong file.
constexpr qsizetype BinaryControlPercent = 10;

enum class Encoding { Ascii, Utf8, Invalid };

// Strict UTF-8 check (no overlong forms, surrogates or code points past U+10FFFF), with a
// word-at-a-time pass over the leading ASCII, which is all most fields hold.
Encoding classify(const char *text, qsizetype size)
{
    const auto *s = reinterpret_cast<const uchar *>(text);
    const uchar *const end = s + size;
    while (end - s >= 8) {
        quint64 word;
        std::memcpy(&word, s, sizeof word);
        if (word & 0x8080808080808080ULL)
            break;
        s += 8;
    }
    while (s < end && *s < 0x80)
        ++s;
    if (s == end)
        return Encoding::Ascii;

    while (s < end) {
        const uchar lead = *s;
        if (lead < 0x80) {
            ++s;
            continue;
        }
        qsizetype length;
        char32_t code;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            code = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            code = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            code = lead & 0x07;
        } else {
            return Encoding::Invalid;
        }
        if (end - s < length)
            return Encoding::Invalid;
        for (qsizetype k = 1; k < length; ++k) {
            if ((s[k] & 0xC0) != 0x80)
                return Encoding::Invalid;
            code = (code << 6) | (s[k] & 0x3F);
        }
        if (length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF)))
            return Encoding::Invalid;
        if (length == 4 && (code < 0x10000 || code > 0x10FFFF))
            return Encoding::Invalid;
        s += length;
    }
    return Encoding::Utf8;
}

bool isBinaryControl(uchar c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
}

// The first byte from i on whose class has the bit, or size: the loop over a field's bytes. Its
// indexes are locals, not the caller's RecordScan fields, so they can stay in registers.
qsizetype skipUntil(const std::array<quint8, 256> &classes, quint8 bit, const char *data, qsizetype i, qsizetype size)
{
    while (i < size && !(classes[uchar(data[i])] & bit))
        ++i;
    return i;
}

} // namespace

CsvReader::CsvReader(QIODevice *device)
    : m_device(device)
{}

bool CsvReader::setDelimiter(QChar delimiter)
{
    const char16_t c = delimiter.unicode();
    if (c == 0 || c >= 0x80 || c == u'"' || c == u'\r' || c == u'\n')
        return false;
    m_forcedDelimiter = delimiter;
    return true;
}

// Appends the next chunk. Bytes before m_pos are dropped first so the buffer holds at most
// the current record plus one chunk; offsets relative to m_pos stay valid across the call.
bool CsvReader::fill()
{
    if (m_eof || m_fatal)
        return false;
    if (m_pos > 0) {
        const qsizetype kept = m_buffer.size() - m_pos;
        std::memmove(m_buffer.data(), m_buffer.constData() + m_pos, kept);
        m_buffer.resize(kept);
        m_pos = 0;
    }
    const qsizetype old = m_buffer.size();
    if (m_wide)
        return readTranscoded(old) > 0;
    m_buffer.resize(old + ChunkSize);
    const qint64 got = m_device->read(m_buffer.data() + old, ChunkSize);
    m_buffer.resize(old + qMax<qint64>(got, 0));
    if (got < 0) {
        fatal(u"cannot read the file: "_s + m_device->errorString());
        return false;
    }
    // A device that has nothing more now is taken as finished: imports read files, and a
    // reader that waited here would block its thread on a stalled pipe.
    if (got == 0) {
        m_eof = true;
        return false;
    }
    m_bytesRead += got;
    return true;
}

CsvReader::Status CsvReader::fatal(const QString &message)
{
    m_fatal = true;
    m_error = message;
    return Status::Fatal;
}

// Sniffs the first chunk: BOM, binary content, then the delimiter of the first non-blank
// line. Filling a whole chunk first keeps the binary check meaningful on devices that hand
// out a few bytes per read.
void CsvReader::detect()
{
    m_detected = true;
    if (!m_device || !m_device->isReadable()) {
        fatal(u"cannot read the file: it is not open for reading"_s);
        return;
    }
    while (m_buffer.size() < ChunkSize && fill()) {
    }
    if (m_fatal)
        return;

    const char *data = m_buffer.constData();
    const qsizetype size = m_buffer.size();
    if (size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        m_hadBom = true;
        m_pos = 3;
    }

    qsizetype controls = 0;
    qsizetype firstControl = -1;
    for (qsizetype i = m_pos; i < size; ++i) {
        const auto c = uchar(data[i]);
        if (c == 0) {
            fatal(u"the file is not text (binary data at byte %1)"_s.arg(i));
            return;
        }
        if (isBinaryControl(c)) {
            ++controls;
            if (firstControl < 0)
                firstControl = i;
        }
    }
    if (controls > 0 && controls * 100 > (size - m_pos) * BinaryControlPercent) {
        fatal(u"the file is not text (binary data at byte %1)"_s.arg(firstControl));
        return;
    }

    qsizetype i = m_pos;
    while (i < size && (data[i] == '\r' || data[i] == '\n'))
        ++i;
    qsizetype commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (; i < size; ++i) {
        const char c = data[i];
        if (c == '"')
            quoted = !quoted; // a doubled quote toggles twice, which is right
        else if (quoted)
            continue;
        else if (c == '\r' || c == '\n')
            break;
        else if (c == ',')
            ++commas;
        else if (c == ';')
            ++semicolons;
        else if (c == '\t')
            ++tabs;
    }
    char delimiter = ',';
    if (!m_forcedDelimiter.isNull())
        delimiter = m_forcedDelimiter.toLatin1();
    else if (semicolons > commas && semicolons >= tabs)
        delimiter = ';';
    else if (tabs > commas && tabs > semicolons)
        delimiter = '\t';
    m_delimiter = QLatin1Char(delimiter);

    m_classes.fill(0);
    m_classes[uchar(delimiter)] |= EndsUnquoted;
    m_classes[uchar('\r')] |= EndsUnquoted | StopsQuoted;
    m_classes[uchar('\n')] |= EndsUnquoted | StopsQuoted;
    m_classes[uchar('"')] |= StopsQuoted;
}

CsvReader::Status CsvReader::next(QStringList &fields)
{
    fields.clear();
    if (m_fatal)
        return Status::Fatal;
    if (!m_detected) {
        detect();
        if (m_fatal)
            return Status::Fatal;
    }
    m_error.clear();

    // Blank lines are not records; they still count for line().
    for (;;) {
        if (m_pos == m_buffer.size() && !fill())
            return m_fatal ? Status::Fatal : Status::End;
        const char c = m_buffer.at(m_pos);
        if (c == '\n') {
            ++m_pos;
            ++m_line;
        } else if (c == '\r') {
            ++m_pos;
            ++m_line;
            if (m_pos == m_buffer.size() && !fill() && m_fatal)
                return Status::Fatal;
            if (m_pos < m_buffer.size() && m_buffer.at(m_pos) == '\n')
                ++m_pos;
        } else {
            break;
        }
    }
    m_recordLine = m_line;
    return parseRecord(fields);
}

// One record's scan, for parseRecord(): where it is, in which state, and its first problem.
// Offsets are relative to the record start, which fill() moves to the front of the buffer;
// refill() makes data and size follow it. The steps are defined in the class, so inline: they
// run for every field of the file.
struct CsvReader::RecordScan
{
    enum class State { FieldStart, Unquoted, Quoted, AfterQuote };

    explicit RecordScan(CsvReader &r)
        : reader(r)
        , delimiter(r.m_delimiter.toLatin1())
        , data(r.m_buffer.constData() + r.m_pos)
        , size(r.m_buffer.size() - r.m_pos)
    {}

    CsvReader &reader;
    const char delimiter;
    State state = State::FieldStart;
    QString problem;       // the first one; it makes the record bad
    bool skipping = false; // after a problem: read on to the record's end, keep nothing
    qsizetype i = 0;
    qsizetype fieldBegin = 0;
    qsizetype fieldNumber = 0;
    bool escaped = false;
    const char *data;
    qsizetype size;

    // Runs to the delimiter or the line end; true when a line end ended the record.
    bool scanUnquoted()
    {
        i = skipUntil(reader.m_classes, EndsUnquoted, data, i, size);
        if (i == size)
            return false;
        endField(i);
        if (data[i] == delimiter) {
            ++i;
            state = State::FieldStart;
            return false;
        }
        endLine();
        return true;
    }

    // Runs to the closing quote (then AfterQuote) or to a line end inside the field, which it counts.
    void scanQuoted()
    {
        i = skipUntil(reader.m_classes, StopsQuoted, data, i, size);
        if (i == size)
            return;
        if (data[i] == '"') {
            ++i;
            state = State::AfterQuote;
        } else if (data[i] == '\n') {
            ++reader.m_line;
            ++i;
        } else if (i + 1 == size) {
            // A CR at the end of the chunk: look at the next byte before counting it.
            checkLimits();
            if (!refill()) {
                ++reader.m_line;
                ++i;
            }
        } else {
            if (data[i + 1] != '\n')
                ++reader.m_line; // a lone CR; a CRLF is counted at its LF
            ++i;
        }
    }

    // A second quote is an escaped one; anything else closes the field. True when a line end
    // ended the record.
    bool afterQuote()
    {
        const char c = data[i];
        if (c == '"') {
            escaped = true;
            ++i;
            state = State::Quoted;
            return false;
        }
        endField(i - 1);
        if (c == delimiter) {
            ++i;
            state = State::FieldStart;
        } else if (c == '\r' || c == '\n') {
            endLine();
            return true;
        } else {
            reject(u"unexpected character after closing quote in field %1"_s.arg(fieldNumber));
            state = State::Unquoted;
        }
        return false;
    }

    // The end of the input ends the record.
    void endInput()
    {
        if (!skipping && i > MaxRecordBytes)
            reject(u"record longer than %1 bytes"_s.arg(MaxRecordBytes));
        if (state == State::Quoted)
            reject(u"unterminated quoted field"_s);
        else if (state == State::AfterQuote)
            endField(i - 1);
        else if (state == State::FieldStart) {
            fieldBegin = i; // after a trailing delimiter: one more, empty, field
            endField(i);
        } else {
            endField(i);
        }
    }

    void reject(const QString &why)
    {
        if (problem.isEmpty())
            problem = why;
        skipping = true;
    }

    // Limits are checked whenever the buffer runs dry, which bounds it to a record plus a chunk.
    void checkLimits()
    {
        if (skipping)
            return;
        const qsizetype fieldEnd = state == State::AfterQuote ? i - 1 : i;
        if (state != State::FieldStart && fieldEnd - fieldBegin > MaxFieldBytes)
            reject(u"field %1 longer than %2 bytes"_s.arg(fieldNumber + 1).arg(MaxFieldBytes));
        else if (i > MaxRecordBytes)
            reject(u"record longer than %1 bytes"_s.arg(MaxRecordBytes));
    }

    // The next chunk; the bytes a skipped record has used so far are dropped first.
    bool refill()
    {
        if (skipping) {
            reader.m_pos += i;
            fieldBegin -= i;
            i = 0;
        }
        const bool more = reader.fill();
        data = reader.m_buffer.constData() + reader.m_pos;
        size = reader.m_buffer.size() - reader.m_pos;
        return more;
    }

    // Always inline: called out of line, it would take the scan's address, and the scan would then
    // stay in memory rather than in registers (cachegrind: 2% more instructions for a whole file).
    Q_ALWAYS_INLINE void endField(qsizetype end)
    {
        ++fieldNumber;
        if (skipping)
            return;
        if (end - fieldBegin > MaxFieldBytes)
            reject(u"field %1 longer than %2 bytes"_s.arg(fieldNumber).arg(MaxFieldBytes));
        else
            reader.m_spans.append({fieldBegin, end, escaped});
    }

    // Consumes the line end at data[i]; a CR may need the next chunk to see its LF.
    void endLine()
    {
        if (!skipping && i > MaxRecordBytes)
            reject(u"record longer than %1 bytes"_s.arg(MaxRecordBytes));
        ++reader.m_line;
        if (data[i++] == '\r') {
            if (i == size && !refill())
                return;
            if (data[i] == '\n')
                ++i;
        }
    }
};

// Scans one record as bytes from m_pos. After the first problem the record is still read to
// its end (so the next record starts in the right place) but its fields are no longer kept,
// and its bytes may be dropped, which bounds memory for oversized records.
CsvReader::Status CsvReader::parseRecord(QStringList &fields)
{
    using State = RecordScan::State;
    m_spans.clear();
    RecordScan s(*this);

    for (;;) {
        if (s.i == s.size) {
            s.checkLimits();
            if (s.refill())
                continue;
            if (m_fatal)
                return Status::Fatal;
            s.endInput();
            break;
        }

        if (s.state == State::FieldStart) {
            s.escaped = false;
            if (s.data[s.i] == '"') {
                s.fieldBegin = ++s.i;
                s.state = State::Quoted;
                continue;
            }
            s.fieldBegin = s.i;
            s.state = State::Unquoted;
        }

        if (s.state == State::Unquoted) {
            if (s.scanUnquoted())
                break;
            continue;
        }

        if (s.state == State::Quoted) {
            s.scanQuoted();
            continue;
        }

        if (s.afterQuote())
            break;
    }

    const char *record = s.data;
    m_pos += s.i;
    if (!s.problem.isEmpty()) {
        m_error = s.problem;
        return Status::BadRecord;
    }
    return decodeFields(record, fields);
}

CsvReader::Status CsvReader::decodeFields(const char *record, QStringList &fields)
{
    fields.reserve(m_spans.size());
    for (qsizetype k = 0; k < m_spans.size(); ++k) {
        const FieldSpan &span = m_spans.at(k);
        const char *text = record + span.begin;
        qsizetype size = span.end - span.begin;
        if (span.escaped) {
            m_scratch.resize(size);
            char *out = m_scratch.data();
            for (qsizetype j = 0; j < size; ++j) {
                *out++ = text[j];
                if (text[j] == '"')
                    ++j; // the parser only let doubled quotes into a quoted field
            }
            text = m_scratch.constData();
            size = out - text;
        }
        const Encoding kind = classify(text, size);
        if (kind == Encoding::Ascii) {
            fields.append(QString::fromLatin1(text, size));
        } else if (m_legacy) {
            // Valid UTF-8 bytes can still be legacy text (two Latin-1 letters), so decode anyway.
            fields.append(m_legacy->decode(QByteArrayView(text, size)));
            if (m_legacy->hasError()) {
                m_legacy.emplace(m_encoding.toLatin1().constData(), QStringConverter::Flag::Stateless);
                fields.clear();
                m_error = u"invalid %1 in field %2"_s.arg(m_encoding).arg(k + 1);
                return Status::BadRecord;
            }
        } else if (kind == Encoding::Utf8) {
            fields.append(QString::fromUtf8(text, size));
        } else {
            fields.clear();
            m_error = u"invalid UTF-8 in field %1"_s.arg(k + 1);
            return Status::BadRecord;
        }
    }
    return Status::Record;
}
