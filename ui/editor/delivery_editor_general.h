#pragma once

#include "delivery_editor_page.h"

class QLineEdit;
class QMenu;
class QToolButton;

// The General tab: name, sender, Reply-To and the subject with a personalization field picker.
class DeliveryEditorGeneralPage final : public DeliveryEditorPage
{
    Q_OBJECT

public:
    explicit DeliveryEditorGeneralPage(QWidget *parent = nullptr);

    void load(const QJsonObject &definition) override;
    void write(QJsonObject *definition) const override;
    // The imported CSV's fields offered by the picker ("email" before any import).
    void setFields(const QStringList &fields);
    QString subject() const;

private:
    void insertField(const QString &field);

    QLineEdit *m_name;
    QLineEdit *m_fromName;
    QLineEdit *m_fromAddress;
    QLineEdit *m_replyTo;
    QLineEdit *m_subject;
    QToolButton *m_fieldButton;
    QMenu *m_fieldMenu;
};
