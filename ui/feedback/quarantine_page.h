#pragma once

#include "feedback/quarantine_admin.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QTreeWidget;
class Workspace;

// Settings page: the address quarantine shared by every delivery (docs/product.md §4), a page of
// rows at a time, searched by address and filtered by status; the selected addresses can be
// released (back to Valid, counter reset) and an address can be denylisted. The database is
// read and written through the Workspace.
class QuarantinePage final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int PageSize = 200;

    explicit QuarantinePage(Workspace &workspace, QWidget *parent = nullptr);
    ~QuarantinePage() override;

    qint64 totalCount() const { return m_total; }

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    // Addresses were released or denylisted (analyses from now on see the change).
    void quarantineChanged();

private:
    void requestPage(qint64 offset);
    void showPage(quint64 generation, qint64 total, qint64 offset, const QList<QuarantineRow> &rows);
    void releaseSelected();
    void addToDenylist();
    void updateButtons();
    void setStatus(const QString &text, bool error);

    void changed(const QString &message); // after a release or a denylisting

    Workspace &m_workspace;
    quint64 m_generation = 0;
    qint64 m_offset = 0;
    qint64 m_total = 0;

    QLineEdit *m_search = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QTimer *m_searchDelay = nullptr;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_previous = nullptr;
    QPushButton *m_next = nullptr;
    QLabel *m_range = nullptr;
    QPushButton *m_release = nullptr;
    QLineEdit *m_denyAddress = nullptr;
    QPushButton *m_deny = nullptr;
    QLabel *m_status = nullptr;
};
