#include "mx_rules_worker.h"

#include "store/store.h"

MxRulesWorker::MxRulesWorker(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
{
    qRegisterMetaType<MxRuleDraft>();
    qRegisterMetaType<QList<MxRuleDraft>>();
}

// Out of line: Store is only forward-declared in the header.
MxRulesWorker::~MxRulesWorker() = default;

bool MxRulesWorker::ensureOpen()
{
    if (m_store)
        return true;
    QString error;
    m_store = Store::open(m_path, &error);
    if (!m_store)
        Q_EMIT failed(error);
    return m_store != nullptr;
}

void MxRulesWorker::load()
{
    if (!ensureOpen())
        return;
    QString error;
    const QList<MxRule> rules = MxRules::load(m_store->db(), &error);
    if (!error.isEmpty()) {
        Q_EMIT failed(error);
        return;
    }
    Q_EMIT loaded(MxRules::toDrafts(rules));
}

void MxRulesWorker::save(const QList<MxRuleDraft> &drafts)
{
    if (!ensureOpen())
        return;
    QString error;
    if (!MxRules::saveDrafts(m_store->db(), drafts, &error)) {
        Q_EMIT failed(error);
        return;
    }
    Q_EMIT saved();
    load();
}

void MxRulesWorker::restoreDefaults()
{
    if (!ensureOpen())
        return;
    QString error;
    if (!MxRules::restoreDefaults(m_store->db(), &error)) {
        Q_EMIT failed(error);
        return;
    }
    Q_EMIT saved();
    load();
}
