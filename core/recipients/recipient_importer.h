#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <functional>

// Streams a CSV recipient list into the recipients table of one delivery. It runs inside the
// caller's transaction: on a fatal error the caller rolls back and nothing has changed.
// Rows that cannot be read are skipped and recorded with their line and reason; rows whose
// address is missing or invalid are kept, so the analysis can exclude them with a reason.
class RecipientImporter final
{
public:
    struct Reject
    {
        qint64 line = 0;
        QString reason;
    };

    struct Result
    {
        bool ok = false;
        QString error;              // fatal: names the file (and line where there is one)
        bool inputError = true;     // false when the fatal error came from the database, not the file
        QStringList fields;         // the header, in file order
        qint64 imported = 0;        // rows stored
        qint64 rejected = 0;        // rows skipped
        QList<Reject> firstRejects; // at most MaxRejectsKept, in file order
    };

    static constexpr qsizetype MaxRejectsKept = 1000;

    // progress(bytesRead, totalBytes) is called every few thousand rows; returning false cancels.
    using Progress = std::function<bool(qint64, qint64)>;

    // How to read the file; the defaults detect the delimiter and read UTF-8.
    struct Options
    {
        QChar delimiter;  // null: detected from the first line
        QString encoding; // empty: UTF-8; else a name CsvReader::setEncoding accepts
    };

    static Result run(QSqlDatabase db, qint64 deliveryId, const QString &csvPath, const QString &emailColumn,
                      const Progress &progress = {});
    static Result run(QSqlDatabase db, qint64 deliveryId, const QString &csvPath, const QString &emailColumn,
                      const Options &options, const Progress &progress = {});
};
