#pragma once

#include "routing/mx_rules.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <memory>

class Store;

Q_DECLARE_METATYPE(MxRuleDraft)

// The database side of the MX rules page: lives on the page's own QThread with its own Store
// connection, opened lazily there. Requests arrive as queued calls; answers are signals.
class MxRulesWorker final : public QObject
{
    Q_OBJECT

public:
    explicit MxRulesWorker(const QString &databasePath, QObject *parent = nullptr);
    ~MxRulesWorker() override;

    void load();
    void save(const QList<MxRuleDraft> &drafts);
    void restoreDefaults();

Q_SIGNALS:
    void loaded(const QList<MxRuleDraft> &drafts);
    void saved();
    void failed(const QString &error);

private:
    bool ensureOpen();

    QString m_path;
    std::unique_ptr<Store> m_store;
};
