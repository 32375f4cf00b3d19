#pragma once

#include "settings_metatypes.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

class Store;

// The database side of the reply rules, inbound-mail rules and quarantine pages. Each page owns one, on
// its own QThread, with its own Store connection opened lazily on that thread, so the GUI
// thread never runs SQL (docs/architecture.md, "Threads and data flow"). Requests arrive as queued
// calls; answers are signals carrying plain values.
class SettingsStoreWorker final : public QObject
{
    Q_OBJECT

public:
    explicit SettingsStoreWorker(const QString &databasePath, QObject *parent = nullptr);
    ~SettingsStoreWorker() override;

    // Qualification rules.
    void loadRules();
    void saveRules(const QList<QualificationRuleDraft> &drafts);
    void restoreDefaultRules();

    // Inbound-mail rules.
    void loadInboundRules();
    void saveInboundRules(const QList<InboundRuleDraft> &drafts);
    void restoreDefaultInboundRules();

    // Quarantine. generation is echoed back so the page can drop answers to older requests.
    void loadQuarantine(quint64 generation, const QuarantineFilter &filter, qint64 offset, int limit);
    void release(const QStringList &addresses);
    void denylist(const QString &address);

Q_SIGNALS:
    void rulesLoaded(const QList<QualificationRuleDraft> &drafts);
    void rulesSaved();
    void inboundRulesLoaded(const QList<InboundRuleDraft> &drafts);
    void inboundRulesSaved();
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
