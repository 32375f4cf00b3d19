#include "csv_import_worker.h"

#include "store/store.h"

using namespace Qt::StringLiterals;

CsvImportWorker::CsvImportWorker(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_databasePath(databasePath)
{
    qRegisterMetaType<CsvPreview>();
    qRegisterMetaType<RecipientListImport::Result>();
}

// Out of line: Store is only forward-declared in the header.
CsvImportWorker::~CsvImportWorker() = default;

void CsvImportWorker::preview(quint64 generation, const QString &path, QChar delimiter, const QString &encoding)
{
    Q_EMIT previewReady(generation, CsvPreview::read(path, PreviewRows, delimiter, encoding));
}

void CsvImportWorker::import(const RecipientListImport::Request &request)
{
    if (!m_store) {
        QString error;
        m_store = Store::open(m_databasePath, &error);
        if (!m_store) {
            RecipientListImport::Result result;
            result.error = error;
            Q_EMIT importFinished(result);
            return;
        }
    }
    QElapsedTimer sinceLast;
    sinceLast.start();
    const auto report = [&](qint64 done, qint64 total) {
        if (done >= total || sinceLast.elapsed() >= ProgressIntervalMs) {
            sinceLast.restart();
            Q_EMIT progress(done, total);
        }
    };
    Q_EMIT importFinished(RecipientListImport::run(*m_store, request, &m_cancel, report));
}
