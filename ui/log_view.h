#pragma once

#include "core_metatypes.h"

#include <QPointer>
#include <QThread>
#include <QWidget>

class LogDetailPane;
class LogExportThread;
class LogWorker;
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
// "Export CSV…". Every query runs on the view's own LogWorker thread (its own connection);
// an export on a thread of its own.
class LogView final : public QWidget
{
    Q_OBJECT

public:
    explicit LogView(const QString &databasePath, QWidget *parent = nullptr);
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
    bool isExporting() const { return !m_export.isNull(); }
    // Column layout, sort and splitter, for the window to keep between runs.
    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

public Q_SLOTS:
    // Writes the rows the filter matches, in the table's order, to path (no dialog).
    void exportTo(const QString &path);

Q_SIGNALS:
    void countChanged(qint64 count);
    void exportFinished(const QString &path, qint64 rows, const QString &error);
    // To the worker (queued).
    void openRequested();
    void attemptsRequested(qint64 recipientId);
    void choicesRequested(qint64 deliveryId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildFilterBar(QWidget *bar);
    void startWorker(const QString &databasePath);
    void applyFilter();
    void requestChoices();
    void onCountChanged(qint64 count);
    void onChoicesLoaded(qint64 deliveryId, const QList<FailureReason> &reasons, const QStringList &domains);
    void updateDetail();
    void chooseExportFile();
    void retranslate();

    const QString m_databasePath;
    QThread m_thread;
    LogWorker *m_worker = nullptr; // lives on m_thread, deleted there when it finishes
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
    QPointer<LogExportThread> m_export;
    QString m_exportStatus;
    bool m_choicesPending = false; // the filter choices of this delivery are still to be asked
};
