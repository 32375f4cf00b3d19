#pragma once

#include "recipients/csv_preview.h"
#include "recipients/recipient_list_import.h"

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class Store;

// The CSV import dialog's hands: reads previews and runs the replacing import on its own
// thread, with its own Store connection (opened on first use), so the dialog never touches
// the file or the database itself. Requests are queued calls; answers are signals.
class CsvImportWorker final : public QObject
{
    Q_OBJECT

public:
    explicit CsvImportWorker(const QString &databasePath, QObject *parent = nullptr);
    ~CsvImportWorker() override;

    // Thread-safe, called directly from the GUI thread: stops a running import (it rolls
    // back) or the next one queued. clearCancel() arms the flag again before a new import.
    void cancel() { m_cancel.store(true); }
    void clearCancel() { m_cancel.store(false); }

    // Request slots: call them through queued invocations.
    void preview(quint64 generation, const QString &path, QChar delimiter, const QString &encoding);
    void import(const RecipientListImport::Request &request);

    static constexpr int PreviewRows = 20;

Q_SIGNALS:
    void previewReady(quint64 generation, const CsvPreview &preview);
    // At most every ProgressIntervalMs, plus once at the end of the file.
    void progress(qint64 bytesRead, qint64 totalBytes);
    void importFinished(const RecipientListImport::Result &result);

private:
    static constexpr int ProgressIntervalMs = 50;

    QString m_databasePath;
    std::unique_ptr<Store> m_store;
    std::atomic_bool m_cancel = false;
};

Q_DECLARE_METATYPE(CsvPreview)
Q_DECLARE_METATYPE(RecipientListImport::Result)
