#pragma once

#include "workspace/workspace.h"
#include "workspace_answer.h"

#include <QWidget>
#include <functional>
#include <utility>

class QComboBox;
class QLabel;
class QLayout;
class QPushButton;
class QTableWidget;

// What the settings pages over an ordered rule table share (bounce rules, MX rules): the table
// with Add / Remove / Move up / Move down beside it and Restore defaults / Revert / Save under
// them, a status line, the buttons' state (a current row, unsaved changes), removing and
// moving the current row, and showing the Workspace's answers. A page holds its rules' drafts;
// this base only asks it to drop or swap rows.
class RuleTablePage : public QWidget
{
    Q_OBJECT

public:
    ~RuleTablePage() override;

    virtual bool hasUnsavedChanges() const = 0;

public Q_SLOTS:
    virtual void reload() = 0; // Revert
    virtual void save() = 0;

protected:
    struct ButtonNames
    {
        QString add, remove, up, down, defaults, revert, save;
    };
    RuleTablePage(Workspace &workspace, QWidget *parent);

    // Creates the buttons and lays the page out: intro, the table with its buttons, extra (may
    // be null) and the status line.
    void setUpPage(QLabel *intro, QTableWidget *table, const ButtonNames &names, const QString &statusName,
                   QLayout *extra = nullptr);
    void setStatus(const QString &text, bool error);
    // After any edit or move of the current cell (ignored while m_filling).
    void onChanged();

    // A combo of machine names shown in words; a stored value it does not know is kept as it
    // is, so the core's check names it instead of the page silently changing it.
    static QComboBox *nameCombo(const QList<std::pair<QString, QString>> &choices, const QString &current,
                                QWidget *parent);
    static QString comboValue(const QTableWidget *table, int row, int column);
    // Asks (title, question) before restore() replaces the table with the built-in defaults.
    void confirmRestore(const QString &title, const QString &question, const std::function<void()> &restore);

    virtual void addRule() = 0;
    virtual void restoreDefaults() = 0;
    virtual void removeDraft(int row) = 0;     // refills the table without that row
    virtual void swapDrafts(int a, int b) = 0; // refills the table with the two rows swapped
    virtual void changed() {}                  // after the buttons' state was brought up to date

    // Shows the Workspace's answer to a read, a save or a restore: the table read back goes to
    // fill() and the page is enabled again; then the error, or onSaved() after a change that
    // was stored. Nothing happens once the page is gone.
    template <typename Draft>
    void showAnswer(QFuture<WorkspaceResult<QList<Draft>>> answer, std::function<void(const QList<Draft> &)> fill,
                    const std::function<void()> &onSaved = {})
    {
        whenAnswered(
            answer, this,
            [this, fill, onSaved](const WorkspaceResult<QList<Draft>> &r) {
                if (r.value)
                    fill(*r.value);
                setEnabled(true);
                if (!r.error.isEmpty())
                    setStatus(r.error, true);
                else if (onSaved)
                    onSaved();
            },
            [this](const QString &error) {
                setEnabled(true);
                setStatus(error, true);
            });
    }

    Workspace &m_workspace;
    bool m_filling = false;
    QTableWidget *m_table = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_save = nullptr;

private:
    void removeRule();
    void moveRule(int delta);

    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QPushButton *m_defaults = nullptr;
    QPushButton *m_revert = nullptr;
};
