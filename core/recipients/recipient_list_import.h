#pragma once

#include "common/clock.h"
#include "recipient_importer.h"

#include <QChar>
#include <QString>

#include <atomic>
#include <functional>

class Store;

// Replaces the recipients of an existing delivery with those of a CSV file (the editor's
// "Import CSV"). Everything happens in one transaction on the given Store: the old recipients,
// their log rows and import rejects are deleted, the file is imported through
// RecipientImporter, and the delivery's fields, counts, email column and source file are
// updated; the delivery goes back to being_edited and loses its analysis. On cancel or any
// fatal error the transaction is rolled back, so the previous list is left as it was.
// Only a delivery that has not been confirmed (being_edited, analyzed, analysis_failed) can
// have its recipients replaced.
class RecipientListImport final
{
public:
    struct Request
    {
        qint64 deliveryId = 0;
        QString csvPath;
        QString emailColumn; // a header name, matched case-insensitively
        QChar delimiter;     // null: detect
        QString encoding;    // empty: UTF-8
    };

    struct Result
    {
        bool ok = false;
        bool canceled = false;
        bool badInput = false; // the error is the user's (file, column, state), not a runtime failure
        QString error;
        RecipientImporter::Result recipients; // counts and first rejects when ok
    };

    // progress(bytesRead, totalBytes) is called every thousand rows or so, on the calling
    // thread. cancel may be set from any thread; it is checked at the same rate.
    using Progress = std::function<void(qint64, qint64)>;

    static Result run(Store &store, const Request &request, const std::atomic_bool *cancel = nullptr,
                      const Progress &progress = {}, const Clock &clock = Clock::system());
};
