#pragma once

#include <QByteArrayView>
#include <QChar>
#include <QList>
#include <QString>
#include <QStringList>

// The first rows of a recipient list as the import will read them, with what was detected:
// the delimiter, the encoding and the column that most likely holds the addresses. The
// import dialog shows it before anything is stored; it reads at most one chunk plus the rows
// it shows, so it is cheap on a file of any size.
//
// Encodings are named as QStringDecoder names them. Detection: a UTF-8 BOM, a UTF-16 BOM (or
// UTF-16 without BOM when every other byte of ASCII text is zero), else valid UTF-8; else, as
// a legacy fallback, Korean CP949 ("windows-949", a superset of EUC-KR) when ICU provides it
// and the sample decodes to Hangul, else Windows-1252, else ISO-8859-1 (always available).
class CsvPreview final
{
public:
    struct Row
    {
        qint64 line = 0;    // 1-based physical line where the record begins
        QStringList fields; // empty when error is set
        QString error;      // why the import will reject this row, or empty
    };

    bool ok = false;
    QString error; // fatal: names the file (and the line where there is one)
    QString path;
    qint64 fileSize = 0;
    QChar delimiter;          // the one in use: detected, or the override
    QChar detectedDelimiter;  // what detection found, whatever the override
    QString encoding;         // the one in use
    QString detectedEncoding; // what detection found, whatever the override
    bool bom = false;         // the file starts with a byte order mark
    QStringList header;       // trimmed, as the importer matches them
    QList<Row> rows;          // the rows after the header, at most maxRows
    bool more = false;        // the file has rows past the ones shown
    int emailColumn = -1;     // index into header of the guessed email column, or -1

    // Reads the preview. A null delimiter or an empty encoding means "detect".
    static CsvPreview read(const QString &path, int maxRows = 20, QChar delimiter = {}, const QString &encoding = {});

    // Guesses the encoding of the first bytes of a file; sets *bom when it starts with one.
    // truncated: the sample is cut from a longer file, so a partial last character is fine.
    static QString detectEncoding(QByteArrayView sample, bool truncated, bool *bom = nullptr);
    // The encodings offered for recipient lists that this build can decode, in menu order.
    static QStringList encodings();
    // The column named like an address column, else the one holding the most valid
    // addresses in rows (at least half of the non-empty cells); -1 when none qualifies.
    static int guessEmailColumn(const QStringList &header, const QList<Row> &rows);
    // The delimiters offered: comma, semicolon, TAB, vertical bar.
    static QList<QChar> delimiters();
};
