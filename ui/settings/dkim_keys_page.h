#pragma once

#include "message/dkim_key_store.h"

#include <QWidget>

class Workspace;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

// Settings page: the DKIM keys kept in the keys folder (one 0600 PEM file per domain and
// selector), generating and importing keys, deleting them, and the DNS TXT record to publish
// for the selected key. All file work and key generation run off the GUI thread, through the
// Workspace.
class DkimKeysPage final : public QWidget
{
    Q_OBJECT

public:
    // keysFolder: where the keys live (the app passes Workspace::dkimKeysFolder()); created on
    // first use.
    DkimKeysPage(Workspace &workspace, const QString &keysFolder, QWidget *parent = nullptr);
    ~DkimKeysPage() override;

    QString keysFolder() const { return m_folder; }
    // The zone file line of the selected key, as "Copy" puts it on the clipboard.
    QString selectedRecord() const;

Q_SIGNALS:
    // A key was added or deleted (for pages that offer the keys in a list).
    void keysChanged();

private:
    void showEntries(const QList<DkimKeyStore::Entry> &entries, const QString &error);
    void list();
    void onAdded(const DkimKeyStore::Entry &entry, const QString &warning);
    void onFailed(const QString &error);
    void openDialog(bool generate);
    void deleteSelected();
    void showSelected();
    void setBusy(const QString &what);
    void setStatus(const QString &text, bool error);
    const DkimKeyStore::Entry *selectedEntry() const;

    Workspace &m_workspace;
    QString m_folder;
    QList<DkimKeyStore::Entry> m_entries;
    QString m_selectAfterLoad; // the txt name of a key just added

    QTreeWidget *m_list = nullptr;
    QPushButton *m_generate = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_delete = nullptr;
    QLineEdit *m_recordName = nullptr;
    QPlainTextEdit *m_recordValue = nullptr;
    QPushButton *m_copy = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
};
