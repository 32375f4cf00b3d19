#include "delivery_editor_general.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>

using namespace Qt::StringLiterals;

DeliveryEditorGeneralPage::DeliveryEditorGeneralPage(QWidget *parent)
    : DeliveryEditorPage(parent)
    , m_name(new QLineEdit(this))
    , m_fromName(new QLineEdit(this))
    , m_fromAddress(new QLineEdit(this))
    , m_replyTo(new QLineEdit(this))
    , m_subject(new QLineEdit(this))
    , m_fieldButton(new QToolButton(this))
    , m_fieldMenu(new QMenu(this))
{
    setObjectName(u"generalPage"_s);
    m_name->setObjectName(u"nameEdit"_s);
    m_fromName->setObjectName(u"fromNameEdit"_s);
    m_fromAddress->setObjectName(u"fromAddressEdit"_s);
    m_fromAddress->setPlaceholderText(tr("news@example.com"));
    m_replyTo->setObjectName(u"replyToEdit"_s);
    m_replyTo->setPlaceholderText(tr("Optional"));
    m_subject->setObjectName(u"subjectEdit"_s);
    m_subject->setPlaceholderText(tr("Hello {{first_name|there}}"));
    m_fieldButton->setObjectName(u"subjectFieldButton"_s);
    m_fieldButton->setText(tr("Insert field"));
    m_fieldButton->setToolTip(tr("Insert a personalization field from the recipient list at the cursor"));
    m_fieldButton->setPopupMode(QToolButton::InstantPopup);
    m_fieldButton->setMenu(m_fieldMenu);
    m_fieldMenu->setObjectName(u"subjectFieldMenu"_s);

    auto *subjectRow = new QWidget(this);
    auto *subjectLayout = new QHBoxLayout(subjectRow);
    subjectLayout->setContentsMargins(0, 0, 0, 0);
    subjectLayout->addWidget(m_subject, 1);
    subjectLayout->addWidget(m_fieldButton);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), withError(m_name, u"name"_s));
    form->addRow(tr("From n&ame:"), withError(m_fromName, u"from.name"_s));
    form->addRow(tr("&From address:"), withError(m_fromAddress, u"from.address"_s));
    form->addRow(tr("&Reply-To:"), withError(m_replyTo, u"reply_to"_s));
    form->addRow(tr("&Subject:"), withError(subjectRow, u"subject"_s));

    for (QLineEdit *e : {m_name, m_fromName, m_fromAddress, m_replyTo, m_subject})
        connect(e, &QLineEdit::textChanged, this, &DeliveryEditorPage::changed);
    setFields({});
}

void DeliveryEditorGeneralPage::setFields(const QStringList &fields)
{
    m_fieldMenu->clear();
    const QStringList offered = fields.isEmpty() ? QStringList{u"email"_s} : fields;
    for (const QString &field : offered) {
        QAction *action = m_fieldMenu->addAction(field);
        action->setObjectName(u"insertField_"_s + field);
        connect(action, &QAction::triggered, this, [this, field] { insertField(field); });
    }
}

void DeliveryEditorGeneralPage::insertField(const QString &field)
{
    m_subject->insert(u"{{"_s + field + u"}}"_s);
    m_subject->setFocus();
}

QString DeliveryEditorGeneralPage::subject() const
{
    return m_subject->text();
}

void DeliveryEditorGeneralPage::load(const QJsonObject &definition)
{
    const QJsonObject from = definition.value(u"from"_s).toObject();
    m_name->setText(definition.value(u"name"_s).toString());
    m_fromName->setText(from.value(u"name"_s).toString());
    m_fromAddress->setText(from.value(u"address"_s).toString());
    m_replyTo->setText(definition.value(u"reply_to"_s).toString());
    m_subject->setText(definition.value(u"subject"_s).toString());
}

void DeliveryEditorGeneralPage::write(QJsonObject *definition) const
{
    definition->insert(u"name"_s, m_name->text());
    definition->insert(u"from"_s, QJsonObject{{u"name"_s, m_fromName->text()}, {u"address"_s, m_fromAddress->text()}});
    if (m_replyTo->text().trimmed().isEmpty())
        definition->remove(u"reply_to"_s);
    else
        definition->insert(u"reply_to"_s, m_replyTo->text().trimmed());
    definition->insert(u"subject"_s, m_subject->text());
}
