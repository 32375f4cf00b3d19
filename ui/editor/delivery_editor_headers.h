#pragma once

#include "delivery_editor_page.h"

class QCheckBox;
class QLineEdit;
class QTableWidget;

// The Headers tab: List-Unsubscribe (a URL and/or a mailto address, with one-click
// List-Unsubscribe-Post, RFC 8058) and any custom headers.
class DeliveryEditorHeadersPage final : public DeliveryEditorPage
{
    Q_OBJECT

public:
    explicit DeliveryEditorHeadersPage(QWidget *parent = nullptr);

    void load(const QJsonObject &definition) override;
    void write(QJsonObject *definition) const override;
    QList<DeliveryDefinition::Error> localErrors() const override;

private:
    void addRow(const QString &name = {}, const QString &value = {});
    QList<QPair<QString, QString>> customHeaders() const;

    QLineEdit *m_url;
    QLineEdit *m_mailto;
    QCheckBox *m_oneClick;
    QTableWidget *m_table;
};
