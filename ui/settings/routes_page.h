#pragma once

#include "routing/route_tester.h"

#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QWidget>
#include <functional>

class PasswordVault;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTreeWidget;
class RouteEditor;
class Workspace;

// Settings, Routes (docs/product.md §6): the saved routes, a form to add, edit or delete one, and
// "Test connection", which shows each step of the set-up (connect, greeting, EHLO, STARTTLS,
// certificate, AUTH, QUIT) with its result. Routes are read, written and tested through the
// Workspace, off the GUI thread; passwords go to the PasswordVault, never to the database.
class RoutesPage final : public QWidget
{
    Q_OBJECT

public:
    RoutesPage(Workspace &workspace, PasswordVault *vault, QWidget *parent = nullptr);
    ~RoutesPage() override;

    // The names of the saved routes, as listed.
    QStringList routeNames() const;

Q_SIGNALS:
    // After each change of the saved routes (for a route picker elsewhere to reload).
    void routesChanged();
    // A test finished; ok when every step passed (for tests and status bars).
    void testFinished(bool ok);
    void mailboxTestFinished(bool ok);

private:
    void load();
    void onLoaded(const QList<QJsonObject> &routes, const QString &error);
    void onSaved(const QString &name, const QString &originalName, const QStringList &errors);
    void onRemoved(const QString &name, const QString &error);
    void onSelectionChanged();
    void addRoute();
    void saveRoute();
    void deleteRoute();
    void testConnection();
    void startTest(const QString &password);
    void onTestStep(const RouteTester::Step &step);
    void onTestFinished(bool ok, const QStringList &errors, const QString &transcript);
    void updatePasswordHint();
    void testMailbox();
    void startMailboxTest(const QString &password);
    // The keychain entry of a route's bounce mailbox password.
    static QString mailboxKey(const QString &routeName);
    void updateButtons();
    void setStatus(const QString &text, bool error = false);

    Workspace &m_workspace;
    PasswordVault *m_vault;
    QList<QJsonObject> m_routes;
    QString m_originalName; // the saved route being edited; empty for a new one
    QString m_selectAfterLoad;
    QString m_pendingPassword; // typed while saving, stored once the route is saved
    QString m_waitingPasswordFor;
    QString m_pendingMailboxPassword;
    std::function<void()> m_abortTest; // stops the connection test running, if any, with the page
    bool m_mailboxTesting = false;

    QListWidget *m_list = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_delete = nullptr;
    RouteEditor *m_editor = nullptr;
    QPushButton *m_save = nullptr;
    QLineEdit *m_domain = nullptr;
    QLabel *m_domainLabel = nullptr;
    QPushButton *m_testButton = nullptr;
    QTreeWidget *m_results = nullptr;
    QLabel *m_status = nullptr;
    bool m_reloadEditor = false; // after a save: the form shows the route as stored
    bool m_testing = false;
    bool m_editing = false;
};
