#pragma once

#include "core_metatypes.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QList>
#include <QWidget>
#include <atomic>
#include <memory>

class LogDetailPane;
class Workspace;
template <typename T> struct WorkspaceResult;
class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;
class QToolButton;
class RecipientLogModel;

// The per-recipient log of one delivery (docs/product.md §7): a filter bar (state, reason, domain,
// address search), a table paging from SQLite that scales to 1,000,000 rows and sorts by a
// header click, a detail pane with the selected recipient's attempts and SMTP transcript, and
// "Export CSV…". Every query goes through the Workspace, which reads the log on a thread and
// connection of its own and writes an export on another.
class LogView final : public QWidget
{
    Q_OBJECT

public:
    explicit LogView(Workspace &workspace, QWidget *parent = nullptr);
    ~LogView() override;

    // Shows a delivery's log (0: none). Filters are cleared, the sort is kept.
    void setDelivery(qint64 deliveryId);
    qint64 deliveryId() const;
    // Same delivery and filter, fresh rows (F5, or the engine has moved).
    void reload();

    RecipientLogModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    LogDetailPane *detailPane() const { return m_detail; }
    QAction *exportAction() const { return m_exportAction; }
    bool isExporting() const { return m_exportCancel != nullptr; }
    // Column layout, sort and splitter, for the window to keep between runs.
    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

public Q_SLOTS:
    // Writes the rows the filter matches, in the table's order, to path (no dialog).
    void exportTo(const QString &path);

Q_SIGNALS:
    void countChanged(qint64 count);
    void exportFinished(const QString &path, qint64 rows, const QString &error);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildFilterBar(QWidget *bar);
    void connectModel();
    // Keeps a log request's future, to cancel it when the model starts a new generation.
    void track(const QFuture<void> &request);
    void showDatabaseError(const QString &error);
    void onExportDone(const QString &path);
    void applyFilter();
    void requestChoices();
    void onCountChanged(qint64 count);
    void onChoicesLoaded(qint64 deliveryId, const QList<FailureReason> &reasons, const QStringList &domains);
    void updateDetail();
    void chooseExportFile();
    void retranslate();

    Workspace &m_workspace;
    QList<QFuture<void>> m_requests; // the model's count and page requests not yet answered
    RecipientLogModel *m_model;
    QComboBox *m_stateCombo = nullptr;
    QComboBox *m_reasonCombo = nullptr;
    QComboBox *m_domainCombo = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QTimer *m_debounce = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_reasonLabel = nullptr;
    QLabel *m_domainLabel = nullptr;
    QLabel *m_countLabel = nullptr;
    QToolButton *m_exportButton = nullptr;
    QAction *m_exportAction = nullptr;
    QTableView *m_table = nullptr;
    LogDetailPane *m_detail = nullptr;
    QSplitter *m_splitter = nullptr;
    // The running export: its cancel flag (null when none runs) and its progress.
    std::shared_ptr<std::atomic_bool> m_exportCancel;
    QFutureWatcher<WorkspaceResult<qint64>> *m_exportWatcher = nullptr;
    QString m_exportStatus;
    bool m_choicesPending = false; // the filter choices of this delivery are still to be asked
};
