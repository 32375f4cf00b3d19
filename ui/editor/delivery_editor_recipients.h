#pragma once

#include "delivery/delivery_editing.h"
#include "delivery_editor_page.h"

class QLabel;
class QPushButton;

// The Recipients tab: what the last CSV import left (file, counts, fields) and the button
// that asks for the CSV import dialog. The import itself belongs to that dialog.
class DeliveryEditorRecipientsPage final : public DeliveryEditorPage
{
    Q_OBJECT

public:
    explicit DeliveryEditorRecipientsPage(QWidget *parent = nullptr);

    // The recipient list is not part of what the form writes: the import owns it.
    void load(const QJsonObject &) override {}
    void write(QJsonObject *) const override {}

    void setDelivery(const EditableDelivery &delivery);
    void setImportEnabled(bool enabled);

Q_SIGNALS:
    void importRequested();

private:
    QLabel *m_source;
    QLabel *m_imported;
    QLabel *m_rejected;
    QLabel *m_fields;
    QPushButton *m_import;
};
