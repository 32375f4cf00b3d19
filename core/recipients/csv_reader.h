#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringDecoder>
#include <QStringList>

#include <array>
#include <optional>

class QIODevice;

// Streaming RFC 4180 reader for recipient lists. It reads one record at a time from a
// QIODevice with a bounded buffer, so a file of any size is read in constant memory.
// It detects a UTF-8 BOM and the delimiter (',', ';' or TAB) from the first line; both the
// delimiter and the encoding can be set instead (setDelimiter, setEncoding) before reading.
//
// Fields are scanned as bytes and decoded once each, so a bad byte sequence costs one
// record, not the file. A quote inside an unquoted field is kept as a literal character;
// text after a closing quote makes the record bad. Fatal is final: later calls return it again.
class CsvReader final
{
public:
    enum class Status {
        Record,    // a record was read into fields
        BadRecord, // a record could not be decoded; error() says why; reading may continue
        End,       // no more records
        Fatal,     // the input cannot be read as CSV at all (binary, unreadable); error() says why
    };

    explicit CsvReader(QIODevice *device);

    // Overrides the delimiter detection. Call before the first next(); returns false (and
    // changes nothing) for a character that cannot delimit: non-ASCII, a quote, CR or LF.
    bool setDelimiter(QChar delimiter);
    // Reads the input in another encoding than UTF-8: any name QStringDecoder knows ("UTF-16LE",
    // "windows-949", "windows-1252", "ISO-8859-1"...). UTF-16 input is transcoded as it is read;
    // an ASCII-compatible encoding is decoded field by field, so a bad byte sequence still costs
    // one record. "UTF-8" or an empty name restores the default. Returns false for an unknown name.
    bool setEncoding(const QString &name);
    QString encoding() const { return m_encoding; }

    // Reads the next non-blank record. line() is then the 1-based physical line where it began.
    Status next(QStringList &fields);

    qint64 line() const { return m_recordLine; }
    QString error() const { return m_error; }
    QChar delimiter() const { return m_delimiter; }
    bool hadBom() const { return m_hadBom; }
    // Bytes read from the device (before any transcoding).
    qint64 bytesRead() const { return m_bytesRead; }

    // Largest accepted field and record, in bytes; a longer one is a BadRecord.
    static constexpr qint64 MaxFieldBytes = 1 << 20;
    static constexpr qint64 MaxRecordBytes = 4 << 20;

private:
    // Where a kept field lies, relative to the start of its record in m_buffer.
    struct FieldSpan
    {
        qsizetype begin;
        qsizetype end;
        bool escaped; // holds doubled quotes that must be collapsed
    };

    static constexpr qsizetype ChunkSize = 64 * 1024;

    struct RecordScan; // parseRecord()'s scan of one record (csv_reader.cpp)

    bool fill();
    qint64 readTranscoded(qsizetype old);
    void detect();
    Status parseRecord(QStringList &fields);
    Status decodeFields(const char *record, QStringList &fields);
    Status fatal(const QString &message);

    QIODevice *m_device;
    QByteArray m_buffer;
    qsizetype m_pos = 0; // start of the unconsumed bytes; the current record begins here
    bool m_eof = false;
    bool m_fatal = false;
    bool m_detected = false;
    bool m_hadBom = false;
    QChar m_delimiter = QLatin1Char(',');
    QChar m_forcedDelimiter;
    QString m_encoding = QStringLiteral("UTF-8");
    std::optional<QStringDecoder> m_wide;   // UTF-16 input, transcoded to UTF-8 as it is read
    QChar m_wideHigh;                       // a high surrogate that ended the last UTF-16 chunk, held for its pair
    std::optional<QStringDecoder> m_legacy; // an ASCII-compatible legacy encoding, per field
    // Per byte value: bit 0 ends an unquoted field, bit 1 stops the scan of a quoted one.
    std::array<quint8, 256> m_classes{};
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
    qint64 m_bytesRead = 0;
    QString m_error;
    QList<FieldSpan> m_spans; // reused from record to record to avoid reallocations
    QByteArray m_scratch;     // holds a field while its doubled quotes are collapsed
};
