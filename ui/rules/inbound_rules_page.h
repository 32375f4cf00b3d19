#pragma once

#include "settings_metatypes.h"

#include "rule_table_page.h"

#include <QTimer>

class QLabel;
class QPlainTextEdit;

// Settings page: the ordered inbound-mail rules (docs/product.md §4) that recognize what comes
// back to the bounce mailbox without being a standard report — text bounces of qmail, Exim,
// Exchange and others, vacation replies, unsubscribe requests — as an editable table: add,
// remove, reorder, save (checked by the core; a bad row is named by its position), restore the
// built-in defaults, and a box to paste a whole message and see what the classifier makes of it
// with the rules as they stand in the table, saved or not. The database is read and written on
// the page's own thread.
class InboundRulesPage final : public RuleTablePage
{
    Q_OBJECT

public:
    explicit InboundRulesPage(Workspace &workspace, QWidget *parent = nullptr);

    // The rules as the table holds them now.
    QList<InboundRuleDraft> drafts() const;
    bool hasUnsavedChanges() const override;

    // A pasted message longer than this is tested on its first MaxTestBytes only.
    static constexpr qsizetype MaxTestBytes = 256 * 1024;

public Q_SLOTS:
    void reload() override;
    void save() override;

Q_SIGNALS:
    void saved();

private:
    void showStored(const QList<InboundRuleDraft> &drafts); // the stored table, as read back
    void onSaved();
    void fillTable(const QList<InboundRuleDraft> &drafts);
    void setRow(int row, const InboundRuleDraft &draft);
    void addRule() override;
    void restoreDefaults() override;
    void removeDraft(int row) override;
    void swapDrafts(int a, int b) override;
    // A table edit, like typing in the box, tries the message again once things settle.
    void changed() override { m_testTimer.start(); }
    void updateTest();
    void showTest(const InboundRules::TestResult &result, bool cut);

    QList<InboundRuleDraft> m_saved;
    QPlainTextEdit *m_testMessage = nullptr;
    QTimer m_testTimer;
    quint64 m_testGeneration = 0; // the latest test asked for; older answers are dropped
    QLabel *m_testResult = nullptr;
};
