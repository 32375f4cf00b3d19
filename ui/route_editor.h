#pragma once

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

// The form of one route (docs/product.md §1): type, host, port, TLS policy, username and password,
// acceptance_means_sent, HELO name, CA file, limits and, for a direct route, the MX override
// table. It edits the route's JSON (the password is apart: it never goes into the JSON) and
// shows each validation error next to its field ("route.port: ..." under Port).
class RouteEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit RouteEditor(QWidget *parent = nullptr);

    // Fills the form from a route's JSON; an empty object gives a new relay route's defaults.
    void setRoute(const QJsonObject &route);
    QJsonObject route() const;
    QString password() const;
    // What the password field says when left empty (kept in the keychain, asked once per run...).
    void setPasswordHint(const QString &hint);

    // Errors as RouteStore gives them ("route.<field>: message"); each goes under its field,
    // the others to the top. An empty list clears them.
    void showErrors(const QStringList &errors);
    bool isDirect() const;

Q_SIGNALS:
    void changed();

private:
    void addRow(QFormLayout *form, const QString &field, const QString &label, QWidget *editor);
    void updateForType();
    void onTlsChanged();
    void addMxRow(const QString &domain, const QString &target);
    void browseCaFile();

    QLabel *m_generalError = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_type = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QComboBox *m_tls = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_passwordEnv = nullptr;
    QCheckBox *m_acceptanceMeansSent = nullptr;
    QCheckBox *m_dsn = nullptr;
    QLineEdit *m_helo = nullptr;
    QLineEdit *m_caFile = nullptr;
    QSpinBox *m_maxConnections = nullptr;
    QSpinBox *m_maxPerDomain = nullptr;
    QSpinBox *m_maxPerConnection = nullptr;
    QSpinBox *m_maxInFlight = nullptr;
    QTableWidget *m_mx = nullptr;
    QWidget *m_mxBox = nullptr;
    QHash<QString, QLabel *> m_errors;      // field -> its error label
    QHash<QString, QWidget *> m_rowWidgets; // field -> the row's editor (to hide rows)
    QFormLayout *m_form = nullptr;
    int m_previousTls = -1;
};
