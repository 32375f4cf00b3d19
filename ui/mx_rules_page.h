#pragma once

#include "routing/mx_rules.h"

#include <QThread>
#include <QWidget>

class MxRulesWorker;
class QLabel;
class QPushButton;
class QTableWidget;

// Settings page: the ordered MX rules (product.md §6) as an editable table — host pattern,
// connections, messages per connection, messages per hour, timeouts, TLS — with add, remove,
// reorder, save (checked first: a bad value is named by its row and column) and restore the
// built-in defaults. The database is read and written on the page's own thread.
class MxRulesPage final : public QWidget
{
    Q_OBJECT

public:
    explicit MxRulesPage(const QString &databasePath, QWidget *parent = nullptr);
    ~MxRulesPage() override;

    QList<MxRuleDraft> drafts() const;
    bool hasUnsavedChanges() const;

public Q_SLOTS:
    void reload();
    void save();

Q_SIGNALS:
    void saved();

private:
    void fillTable(const QList<MxRuleDraft> &drafts);
    void setRow(int row, const MxRuleDraft &draft);
    void addRule();
    void removeRule();
    void moveRule(int delta);
    void restoreDefaults();
    void onChanged();
    void setStatus(const QString &text, bool error);
    QString problemText(const MxRules::Problem &problem) const;

    QThread m_thread;
    MxRulesWorker *m_worker = nullptr;
    QList<MxRuleDraft> m_saved;
    bool m_filling = false;

    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QPushButton *m_defaults = nullptr;
    QPushButton *m_revert = nullptr;
    QPushButton *m_save = nullptr;
    QLabel *m_status = nullptr;
};
