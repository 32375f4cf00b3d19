#pragma once

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTreeWidget;
struct RouteConfig;

// The form of one route (docs/product.md §1): type, host, port, TLS policy, username and password,
// acceptance_means_sent, HELO name, CA file, limits and, for a direct route, the MX override
// table, for a pool its members (saved relay or direct routes) and weights; for the feedback loop (docs/product.md §4)
// the bounce address, VERP, DSN with its NOTIFY choices and the "Bounce mailbox" group (IMAP host, TLS, login, folder,
// what to do after reading, CA file, its own Test connection). It edits the route's JSON (the password is apart: it
// never goes into the JSON) and shows each validation error next to its field ("route.port: ..." under Port).
class RouteEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit RouteEditor(QWidget *parent = nullptr);

    // Fills the form from a route's JSON; an empty object gives a new relay route's defaults.
    void setRoute(const QJsonObject &route);
    QJsonObject route() const;
    QString password() const;
    // The bounce mailbox's password (kept in the keychain under "<route>/bounce-mailbox").
    QString mailboxPassword() const;
    void setMailboxPasswordHint(const QString &hint);
    bool hasMailbox() const;
    // The bounce mailbox test's steps, shown in the group (an empty list clears them).
    void clearMailboxTest();
    void addMailboxTestStep(const QString &id, int status, const QString &summary, const QString &detail);
    void setMailboxTestRunning(bool running);
    // What the password field says when left empty (kept in the keychain, asked once per run...).
    void setPasswordHint(const QString &hint);

    // Errors as RouteStore gives them ("route.<field>: message"); each goes under its field,
    // the others to the top. An empty list clears them.
    void showErrors(const QStringList &errors);
    bool isDirect() const;
    bool isPool() const;

Q_SIGNALS:
    void changed();
    void mailboxTestRequested();

private:
    void addRow(QFormLayout *form, const QString &field, const QString &label, QWidget *editor);
    void updateForType();
    void onTlsChanged();
    void addMxRow(const QString &domain, const QString &target);
    void buildPoolRows();
    void addMemberRow(const QString &label, int weight, const QJsonObject &inlineRoute);
    void setPoolAndExtras(const QJsonObject &json, const RouteConfig &route);
    void putPoolAndExtras(QJsonObject *route) const;
    void browseCaFile();
    // route_editor_feedback.cpp: the bounce address, VERP, DSN and bounce mailbox rows.
    void buildFeedbackRows();
    void setFeedback(const RouteConfig &route);
    void putFeedback(QJsonObject *route) const;
    void updateFeedbackRows();

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
    QCheckBox *m_notifySuccess = nullptr;
    QCheckBox *m_notifyFailure = nullptr;
    QCheckBox *m_notifyDelay = nullptr;
    QLineEdit *m_bounceAddress = nullptr;
    QCheckBox *m_verp = nullptr;
    QGroupBox *m_mailbox = nullptr;
    QFormLayout *m_mailboxForm = nullptr;
    QLineEdit *m_mbHost = nullptr;
    QSpinBox *m_mbPort = nullptr;
    QComboBox *m_mbTls = nullptr;
    QLineEdit *m_mbUser = nullptr;
    QLineEdit *m_mbPassword = nullptr;
    QLineEdit *m_mbFolder = nullptr;
    QComboBox *m_mbAfter = nullptr;
    QLineEdit *m_mbMoveTo = nullptr;
    QLineEdit *m_mbCaFile = nullptr;
    QSpinBox *m_mbPoll = nullptr;
    QPushButton *m_mbTest = nullptr;
    QTreeWidget *m_mbResults = nullptr;
    QJsonObject m_mbExtra; // keys the form does not show (password_env, peer_name, ...), kept as they were
    QLineEdit *m_helo = nullptr;
    QLineEdit *m_caFile = nullptr;
    QSpinBox *m_maxConnections = nullptr;
    QSpinBox *m_maxPerDomain = nullptr;
    QSpinBox *m_maxPerConnection = nullptr;
    QSpinBox *m_maxInFlight = nullptr;
    QTableWidget *m_mx = nullptr;
    QTableWidget *m_members = nullptr; // pool: saved relay or direct route (or an inline one's label), weight
    QWidget *m_membersBox = nullptr;
    QJsonObject m_extra;              // keys the form does not show (warmup, timeouts, ...), kept as they were
    QString m_extraType;              // the type the route had when m_extra was taken
    int m_defaultMaxConnections = -1; // pool: the members' sum shown, not given (-1: given)
    int m_defaultMaxInFlight = -1;
    QWidget *m_mxBox = nullptr;
    QHash<QString, QLabel *> m_errors;      // field -> its error label
    QHash<QString, QWidget *> m_rowWidgets; // field -> the row's editor (to hide rows)
    QFormLayout *m_form = nullptr;
    int m_previousTls = -1;
};
