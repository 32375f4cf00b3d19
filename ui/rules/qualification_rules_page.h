#pragma once

#include "settings_metatypes.h"

#include "rule_table_page.h"

class QLabel;
class QLineEdit;

// Settings page: the ordered reply qualification rules (docs/product.md §4) as an editable table —
// add, remove, reorder, save (checked by the core; a bad row is named by its position),
// restore the built-in defaults — and a line to try a pasted SMTP reply against the rules as
// they stand in the table, saved or not. The database is read and written on the page's own
// thread.
class QualificationRulesPage final : public RuleTablePage
{
    Q_OBJECT

public:
    explicit QualificationRulesPage(Workspace &workspace, QWidget *parent = nullptr);

    // The rules as the table holds them now.
    QList<QualificationRuleDraft> drafts() const;
    bool hasUnsavedChanges() const override;

public Q_SLOTS:
    void reload() override;
    void save() override;

Q_SIGNALS:
    void saved();

private:
    void showStored(const QList<QualificationRuleDraft> &drafts); // the stored table, as read back
    void onSaved();
    void fillTable(const QList<QualificationRuleDraft> &drafts);
    void setRow(int row, const QualificationRuleDraft &draft);
    void addRule() override;
    void restoreDefaults() override;
    void removeDraft(int row) override;
    void swapDrafts(int a, int b) override;
    void changed() override { updateTest(); }
    void updateTest();

    QList<QualificationRuleDraft> m_saved;
    QLineEdit *m_testReply = nullptr;
    QLabel *m_testResult = nullptr;
};
