#include "settings_store_worker.h"

#include "common/clock.h"
#include "store/store.h"

SettingsStoreWorker::SettingsStoreWorker(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
{
    SettingsMetaTypes::registerAll();
}

// Out of line: Store is only forward-declared in the header.
SettingsStoreWorker::~SettingsStoreWorker() = default;

bool SettingsStoreWorker::ensureOpen()
{
    if (m_store)
        return true;
    QString error;
    m_store = Store::open(m_path, &error);
    if (!m_store)
        Q_EMIT failed(error);
    return m_store != nullptr;
}

void SettingsStoreWorker::loadQuarantine(quint64 generation, const QuarantineFilter &filter, qint64 offset, int limit)
{
    if (!ensureOpen())
        return;
    QString error;
    const qint64 total = QuarantineAdmin::count(m_store->db(), filter, &error);
    if (total < 0) {
        Q_EMIT failed(error);
        return;
    }
    // A page past the end (rows released meanwhile) falls back to the last page.
    if (offset >= total && total > 0)
        offset = ((total - 1) / qMax(1, limit)) * qMax(1, limit);
    const QList<QuarantineRow> rows = QuarantineAdmin::page(m_store->db(), filter, offset, limit, &error);
    if (!error.isEmpty()) {
        Q_EMIT failed(error);
        return;
    }
    Q_EMIT quarantineLoaded(generation, total, offset, rows);
}

void SettingsStoreWorker::release(const QStringList &addresses)
{
    if (!ensureOpen())
        return;
    QString error;
    const int count = QuarantineAdmin::release(m_store->db(), addresses, Clock::system().nowMs(), &error);
    if (count < 0)
        Q_EMIT failed(error);
    else
        Q_EMIT released(count);
}

void SettingsStoreWorker::denylist(const QString &address)
{
    if (!ensureOpen())
        return;
    QString error;
    const QString normalized = QuarantineAdmin::denylist(m_store->db(), address, Clock::system().nowMs(), &error);
    if (normalized.isEmpty())
        Q_EMIT failed(error);
    else
        Q_EMIT denylisted(normalized);
}
