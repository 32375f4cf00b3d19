#include "dkim_keys_worker.h"

DkimKeysWorker::DkimKeysWorker(const QString &folder, QObject *parent)
    : QObject(parent)
    , m_store(folder)
{
    SettingsMetaTypes::registerAll();
}

void DkimKeysWorker::list()
{
    QString error;
    const QList<DkimKeyStore::Entry> entries = m_store.list(&error);
    Q_EMIT listed(entries, error);
}

void DkimKeysWorker::generate(const QString &domain, const QString &selector, DkimKey::Algorithm algorithm, int bits)
{
    QString error;
    const DkimKeyStore::Entry entry = m_store.generate(domain, selector, algorithm, bits, &error);
    if (entry.isNull())
        Q_EMIT failed(error);
    else
        Q_EMIT added(entry, QString());
}

void DkimKeysWorker::importKey(const QString &pemPath, const QString &domain, const QString &selector)
{
    QString error, warning;
    const DkimKeyStore::Entry entry = m_store.import(pemPath, domain, selector, &error, &warning);
    if (entry.isNull())
        Q_EMIT failed(error);
    else
        Q_EMIT added(entry, warning);
}

void DkimKeysWorker::remove(const QString &domain, const QString &selector)
{
    QString error;
    if (m_store.remove(domain, selector, &error))
        Q_EMIT removed(DkimKeyStore::txtName(domain, selector));
    else
        Q_EMIT failed(error);
}
