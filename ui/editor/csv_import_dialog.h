#pragma once

#include "recipients/csv_preview.h"
#include "recipients/recipient_list_import.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QTimer>
#include <atomic>
#include <memory>

class CsvPreviewModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTableView;
class Workspace;

// "Import CSV…" for a delivery being edited: choose a file, check the preview with the
// detected delimiter, encoding and email column (each can be overridden), then import. The
// import replaces the delivery's recipients in one transaction on the database's thread (the
// window stays responsive); Cancel rolls it back, leaving the previous list. The result shows the
// imported and rejected counts and the rejected rows with their line and reason.
class CsvImportDialog final : public QDialog
{
    Q_OBJECT

public:
    CsvImportDialog(Workspace &workspace, qint64 deliveryId, QWidget *parent = nullptr);
    ~CsvImportDialog() override;

    qint64 deliveryId() const { return m_deliveryId; }
    bool isImporting() const { return m_importing; }
    // Fills the file field and reads its preview, as choosing the file in Browse… does.
    void setCsvPath(const QString &path);

    // How an encoding and a delimiter are shown in the combos.
    static QString encodingLabel(const QString &encoding);
    static QString delimiterLabel(QChar delimiter);

Q_SIGNALS:
    // The import committed: the delivery now has rows recipients (rejected rows were skipped).
    void imported(qint64 deliveryId, qint64 rows, qint64 rejected);

public Q_SLOTS:
    void reject() override; // while importing: cancels first, closes once rolled back

protected:
    void keyPressEvent(QKeyEvent *event) override; // Return presses no button

private:
    void browse();
    QString currentPath() const;
    void requestPreview();
    void onPreview(quint64 generation, const CsvPreview &preview);
    void onEmailColumnChanged();
    void startImport();
    void cancelImport();
    void onImportFinished(const RecipientListImport::Result &result);
    void showResult(const RecipientListImport::Result &result);
    void setImporting(bool importing);
    void showError(const QString &error);
    void updateImportButton();
    QChar chosenDelimiter() const;
    QString chosenEncoding() const;

    const qint64 m_deliveryId;
    Workspace &m_workspace;
    std::shared_ptr<std::atomic_bool> m_cancelImport; // the running import's
    QFutureWatcher<RecipientListImport::Result> m_importWatcher;

    QStackedWidget *m_pages;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QComboBox *m_delimiter;
    QComboBox *m_encoding;
    QComboBox *m_emailColumn;
    QLabel *m_detected;
    QLabel *m_error;
    QTableView *m_previewTable;
    CsvPreviewModel *m_previewModel;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QLabel *m_status;
    QLabel *m_result;
    QTableView *m_rejectsTable;
    QStandardItemModel *m_rejectsModel;
    QPushButton *m_import;
    QPushButton *m_close;
    QTimer m_typingDelay;

    CsvPreview m_preview;     // the last preview received
    quint64 m_generation = 0; // of the last preview requested; older answers are dropped
    QString m_requested;      // path + overrides of the last preview requested
    QString m_overridesFor;   // the path the overrides were chosen for
    QChar m_delimiterOverride;
    QString m_encodingOverride;
    bool m_importing = false;
    bool m_closeWhenDone = false;
};
