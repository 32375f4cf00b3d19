#pragma once

#include "routing/mx_rules.h"

#include "rule_table_page.h"

// Settings page: the ordered MX rules (docs/product.md §6) as an editable table — host pattern,
// connections, messages per connection, messages per hour, timeouts, TLS — with add, remove,
// reorder, save (checked first: a bad value is named by its row and column) and restore the
// built-in defaults. The database is read and written on the page's own thread.
class MxRulesPage final : public RuleTablePage
{
    Q_OBJECT

public:
    explicit MxRulesPage(Workspace &workspace, QWidget *parent = nullptr);

    QList<MxRuleDraft> drafts() const;
    bool hasUnsavedChanges() const override;

public Q_SLOTS:
    void reload() override;
    void save() override;

Q_SIGNALS:
    void saved();

private:
    void showStored(const QList<MxRuleDraft> &drafts); // the stored table, as read back
    void onSaved();
    void fillTable(const QList<MxRuleDraft> &drafts);
    void setRow(int row, const MxRuleDraft &draft);
    void addRule() override;
    void restoreDefaults() override;
    void removeDraft(int row) override;
    void swapDrafts(int a, int b) override;
    QString problemText(const MxRules::Problem &problem) const;

    QList<MxRuleDraft> m_saved;
};
