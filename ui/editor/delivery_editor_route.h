#pragma once

#include "delivery_editor_page.h"

class QComboBox;
class QLineEdit;
class QSpinBox;

// The route and DKIM half of the Sending tab: a saved route, direct delivery or an inline
// relay (host, port, TLS), and the DKIM signing keys.
class DeliveryEditorRoutePage final : public DeliveryEditorPage
{
    Q_OBJECT

public:
    explicit DeliveryEditorRoutePage(QWidget *parent = nullptr);

    void load(const QJsonObject &definition) override;
    void write(QJsonObject *definition) const override;

    // The routes saved in the database (loaded off the GUI thread).
    void setRouteNames(const QStringList &names);

private:
    void selectRoute(const QString &key);
    void updateRelayForm();
    QLineEdit *keyFileRow(QLineEdit *edit, const QString &name, QWidget **row);

    QComboBox *m_route;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QComboBox *m_tls;
    QLineEdit *m_dkimDomain;
    QLineEdit *m_dkimSelector;
    QLineEdit *m_dkimKeyFile;
    QLineEdit *m_edSelector;
    QLineEdit *m_edKeyFile;
    QJsonObject m_inlineRoute; // as loaded: keeps settings the quick form does not show
};
