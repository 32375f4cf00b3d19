#pragma once

#include "delivery/delivery_editing.h"

#include <QDialog>
#include <QJsonObject>
#include <QList>

class DeliveryEditorContentPage;
class DeliveryEditorGeneralPage;
class DeliveryEditorHeadersPage;
class DeliveryEditorPage;
class DeliveryEditorRecipientsPage;
class DeliveryEditorRoutePage;
class DeliveryEditorSchedulePage;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTabWidget;
class Workspace;

// The delivery editor (New delivery…, Edit delivery…): General, Content, Recipients, Sending
// and Headers tabs over one delivery definition. Every keystroke re-checks the definition with
// the core's rules and shows each error next to its field; Save and OK stay disabled while any
// error remains. Reads and writes go through the Workspace; message files are read off the GUI thread.
class DeliveryEditorDialog final : public QDialog
{
    Q_OBJECT

public:
    // deliveryId 0: a new delivery, created on the first save.
    DeliveryEditorDialog(Workspace &workspace, qint64 deliveryId, QWidget *parent = nullptr);
    ~DeliveryEditorDialog() override;

    qint64 deliveryId() const { return m_id; }
    bool hasErrors() const { return m_errorCount > 0; }
    // Re-reads what the recipient import left: call it when the CSV import dialog is done.
    void reloadRecipients();

    // Recipients offered by the preview's "Preview as".
    static constexpr int PreviewRecipients = 50;

Q_SIGNALS:
    // After each successful save (OK or Save).
    void saved(qint64 deliveryId);
    // "Import CSV…" on the Recipients tab; a new delivery has been saved first.
    void importCsvRequested(qint64 deliveryId);

private:
    void requestDelivery();
    void requestRecipients();
    void readFile(int part, const QString &path);
    QWidget *sendingTab();
    QJsonObject definition() const;
    void validate();
    void updateButtons();
    void save(bool thenClose, bool thenImport);
    void onLoaded(const EditableDelivery &delivery);
    void onSaved(qint64 deliveryId);
    void onSaveFailed(const QString &error);
    void onFailed(const QString &error);
    void updateTitle();
    void setMessage(const QString &message, bool isError = false);
    void showStatus();

    Workspace &m_workspace;
    qint64 m_id;
    QTabWidget *m_tabs;
    DeliveryEditorGeneralPage *m_general;
    DeliveryEditorContentPage *m_content;
    DeliveryEditorRecipientsPage *m_recipients;
    DeliveryEditorRoutePage *m_route;
    DeliveryEditorSchedulePage *m_schedule;
    DeliveryEditorHeadersPage *m_headers;
    QList<DeliveryEditorPage *> m_pages;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_ok;
    QPushButton *m_save;
    QJsonObject m_base; // the definition as loaded: keeps what no page shows (proofs, target limit)
    QString m_name;
    QString m_message;
    bool m_messageIsError = false;
    QString m_unshownErrors;
    int m_errorCount = 0;
    bool m_loaded = false;
    bool m_editable = true;
    bool m_saving = false;
    bool m_closeAfterSave = false;
    bool m_importAfterSave = false;
};
