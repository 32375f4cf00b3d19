#include "delivery_editor_recipients.h"

#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

DeliveryEditorRecipientsPage::DeliveryEditorRecipientsPage(QWidget *parent)
    : DeliveryEditorPage(parent)
    , m_source(new QLabel(this))
    , m_imported(new QLabel(this))
    , m_rejected(new QLabel(this))
    , m_fields(new QLabel(this))
    , m_import(new QPushButton(tr("&Import CSV…"), this))
{
    setObjectName(u"recipientsPage"_s);
    m_source->setObjectName(u"recipientsSource"_s);
    m_imported->setObjectName(u"recipientsImported"_s);
    m_rejected->setObjectName(u"recipientsRejected"_s);
    m_fields->setObjectName(u"recipientsFields"_s);
    m_import->setObjectName(u"importCsvButton"_s);
    m_import->setToolTip(tr("Import the recipient list from a CSV file (a new delivery is saved first)"));
    for (QLabel *l : {m_source, m_imported, m_rejected, m_fields}) {
        l->setTextFormat(Qt::PlainText);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
    }

    auto *form = new QFormLayout;
    form->addRow(tr("Source file:"), m_source);
    form->addRow(tr("Imported rows:"), m_imported);
    form->addRow(tr("Rejected rows:"), m_rejected);
    form->addRow(tr("Fields:"), m_fields);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_import, 0, Qt::AlignLeft);
    layout->addStretch(1);

    connect(m_import, &QPushButton::clicked, this, &DeliveryEditorRecipientsPage::importRequested);
    setDelivery({});
}

void DeliveryEditorRecipientsPage::setDelivery(const EditableDelivery &delivery)
{
    const QLocale locale;
    m_source->setText(delivery.sourceFile.isEmpty() ? tr("No recipients imported yet") : delivery.sourceFile);
    m_imported->setText(locale.toString(delivery.importedRows));
    m_rejected->setText(locale.toString(delivery.rejectedRows));
    m_fields->setText(delivery.fields.isEmpty() ? tr("None") : delivery.fields.join(u", "_s));
}

void DeliveryEditorRecipientsPage::setImportEnabled(bool enabled)
{
    m_import->setEnabled(enabled);
}
