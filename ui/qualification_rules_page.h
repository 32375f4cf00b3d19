#pragma once

#include "settings_metatypes.h"

#include <QThread>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class SettingsStoreWorker;

// Settings page: the ordered reply qualification rules (product.md §4) as an editable table —
// add, remove, reorder, save (checked by the core; a bad row is named by its position),
// restore the built-in defaults — and a line to try a pasted SMTP reply against the rules as
// they stand in the table, saved or not. The database is read and written on the page's own
// thread.
class QualificationRulesPage final : public QWidget
{
    Q_OBJECT

public:
    explicit QualificationRulesPage(const QString &databasePath, QWidget *parent = nullptr);
    ~QualificationRulesPage() override;

    // The rules as the table holds them now.
    QList<QualificationRuleDraft> drafts() const;
    bool hasUnsavedChanges() const;

public Q_SLOTS:
    void reload();
    void save();

Q_SIGNALS:
    void saved();

private:
    void fillTable(const QList<QualificationRuleDraft> &drafts);
    void setRow(int row, const QualificationRuleDraft &draft);
    void addRule();
    void removeRule();
    void moveRule(int delta);
    void restoreDefaults();
    void onChanged();
    void updateTest();
    void setStatus(const QString &text, bool error);

    QThread m_thread;
    SettingsStoreWorker *m_worker = nullptr;
    QList<QualificationRuleDraft> m_saved;
    bool m_filling = false;

    QTableWidget *m_table = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_up = nullptr;
    QPushButton *m_down = nullptr;
    QPushButton *m_defaults = nullptr;
    QPushButton *m_revert = nullptr;
    QPushButton *m_save = nullptr;
    QLineEdit *m_testReply = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_status = nullptr;
};
