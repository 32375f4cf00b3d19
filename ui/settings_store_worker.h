#pragma once

#include "settings_metatypes.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

class Store;

// The database side of the quarantine page (the rule pages ask the Workspace). The page owns it, on
// its own QThread, with its own Store connection opened lazily on that thread, so the GUI
// thread never runs SQL (docs/architecture.md, "Threads and data flow"). Requests arrive as queued
// calls; answers are signals carrying plain values.
class SettingsStoreWorker final : public QObject
{
    Q_OBJECT

public:
    explicit SettingsStoreWorker(const QString &databasePath, QObject *parent = nullptr);
    ~SettingsStoreWorker() override;

    // Quarantine. generation is echoed back so the page can drop answers to older requests.
    void loadQuarantine(quint64 generation, const QuarantineFilter &filter, qint64 offset, int limit);
    void release(const QStringList &addresses);
    void denylist(const QString &address);

Q_SIGNALS:
    void quarantineLoaded(quint64 generation, qint64 total, qint64 offset, const QList<QuarantineRow> &rows);
    void released(int count);
    void denylisted(const QString &normalizedAddress);
    // Anything that failed, the database opening included; the message is for the user.
    void failed(const QString &error);

private:
    bool ensureOpen();

    QString m_path;
    std::unique_ptr<Store> m_store;
};
