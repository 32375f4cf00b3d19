#include "routes_page.h"

#include "analysis/analysis_report.h"

#include "password_vault.h"
#include "route_editor.h"
#include "workspace/workspace.h"
#include "workspace_answer.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString stepTitle(const QString &id)
{
    if (id == u"mx"_s)
        return RoutesPage::tr("MX lookup");
    if (id == u"connect"_s)
        return RoutesPage::tr("Connect");
    if (id == u"greeting"_s)
        return RoutesPage::tr("Greeting");
    if (id == u"ehlo"_s)
        return RoutesPage::tr("EHLO");
    if (id == u"starttls"_s)
        return RoutesPage::tr("TLS");
    if (id == u"certificate"_s)
        return RoutesPage::tr("Certificate");
    if (id == u"auth"_s)
        return RoutesPage::tr("AUTH");
    if (id == u"quit"_s)
        return RoutesPage::tr("QUIT");
    return id;
}

} // namespace

RoutesPage::RoutesPage(Workspace &workspace, PasswordVault *vault, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_vault(vault)
{
    // Left: the saved routes.
    m_list = new QListWidget;
    m_list->setObjectName(u"routeList"_s);
    m_add = new QPushButton(tr("Add"));
    m_add->setObjectName(u"addRoute"_s);
    m_delete = new QPushButton(tr("Delete…"));
    m_delete->setObjectName(u"deleteRoute"_s);
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_delete);
    leftLayout->addLayout(listButtons);

    // Right: the form, Save, and the connection test.
    m_editor = new RouteEditor;
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_editor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_save = new QPushButton(tr("Save"));
    m_save->setObjectName(u"saveRoute"_s);
    m_domainLabel = new QLabel(tr("Test domain:"));
    m_domain = new QLineEdit;
    m_domain->setObjectName(u"testDomain"_s);
    m_domain->setPlaceholderText(tr("example.com: its MX is tested"));
    m_testButton = new QPushButton(tr("Test connection"));
    m_testButton->setObjectName(u"testConnection"_s);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_save);
    actions->addStretch();
    actions->addWidget(m_domainLabel);
    actions->addWidget(m_domain);
    actions->addWidget(m_testButton);
    m_results = new QTreeWidget;
    m_results->setObjectName(u"testResults"_s);
    m_results->setColumnCount(2);
    m_results->setHeaderLabels({tr("Step"), tr("Result")});
    m_results->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_results->setMinimumHeight(150);
    m_status = new QLabel;
    m_status->setObjectName(u"routeStatus"_s);
    m_status->setWordWrap(true);
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(scroll, 3);
    rightLayout->addLayout(actions);
    rightLayout->addWidget(m_results, 2);
    rightLayout->addWidget(m_status);

    auto *splitter = new QSplitter;
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({180, 520});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_list, &QListWidget::currentRowChanged, this, &RoutesPage::onSelectionChanged);
    connect(m_add, &QPushButton::clicked, this, &RoutesPage::addRoute);
    connect(m_delete, &QPushButton::clicked, this, &RoutesPage::deleteRoute);
    connect(m_save, &QPushButton::clicked, this, &RoutesPage::saveRoute);
    connect(m_testButton, &QPushButton::clicked, this, &RoutesPage::testConnection);
    connect(m_editor, &RouteEditor::changed, this, [this] {
        updatePasswordHint();
        updateButtons();
    });
    connect(m_editor, &RouteEditor::mailboxTestRequested, this, &RoutesPage::testMailbox);
    connect(m_vault, &PasswordVault::passwordReady, this, [this](const QString &name, const QString &password) {
        if (name == mailboxKey(m_originalName) && name == m_waitingPasswordFor) {
            m_waitingPasswordFor.clear();
            updateButtons();
            if (password.isEmpty()) {
                setStatus(tr("No password for the bounce mailbox of %1: the test needs one.").arg(m_originalName),
                          true);
                m_editor->setMailboxTestRunning(false);
                return;
            }
            startMailboxTest(password);
            return;
        }
        if (name != m_waitingPasswordFor)
            return;
        m_waitingPasswordFor.clear();
        if (password.isEmpty()) {
            setStatus(tr("No password for route %1: the test needs one.").arg(name), true);
            updateButtons();
            return;
        }
        startTest(password);
    });
    connect(m_vault, &PasswordVault::stored, this, [this](const QString &name, bool inKeychain, const QString &error) {
        if (!inKeychain && !error.isEmpty())
            setStatus(tr("The password of %1 could not go to the keychain (%2): it is kept for this run only.")
                          .arg(name, error),
                      true);
    });

    m_editor->setEnabled(false);
    updateButtons();
    load();
}

RoutesPage::~RoutesPage()
{
    if (m_abortTest)
        m_abortTest(); // a test still running is aborted
}

void RoutesPage::load()
{
    whenAnswered(
        m_workspace.routes(), this,
        [this](const WorkspaceResult<QList<QJsonObject>> &r) {
            onLoaded(r.value.value_or(QList<QJsonObject>()), r.error);
        },
        [this](const QString &error) { onLoaded({}, error); });
}

QStringList RoutesPage::routeNames() const
{
    QStringList names;
    for (const QJsonObject &r : m_routes)
        names.append(r.value(u"name"_s).toString());
    return names;
}

void RoutesPage::onLoaded(const QList<QJsonObject> &routes, const QString &error)
{
    if (!error.isEmpty())
        setStatus(error, true);
    m_routes = routes;
    const QSignalBlocker block(m_list);
    m_list->clear();
    int select = -1;
    if (m_selectAfterLoad.isEmpty())
        m_selectAfterLoad = m_originalName; // keep the route being edited selected
    for (const QJsonObject &r : routes) {
        const QString name = r.value(u"name"_s).toString();
        const QString typeName = r.value(u"type"_s).toString();
        const QString type = typeName == u"direct"_s    ? tr("direct")
                             : typeName == u"sandbox"_s ? tr("sandbox: nothing leaves this computer")
                             : typeName == u"pool"_s    ? tr("pool of relays")
                                                        : tr("relay");
        auto *item = new QListWidgetItem(tr("%1 (%2)").arg(name, type), m_list);
        item->setData(Qt::UserRole, name);
        if (name == m_selectAfterLoad)
            select = m_list->count() - 1;
    }
    m_selectAfterLoad.clear();
    if (select >= 0) {
        m_list->setCurrentRow(select);
        m_originalName = m_routes.at(select).value(u"name"_s).toString();
        if (std::exchange(m_reloadEditor, false)) {
            m_editor->setRoute(m_routes.at(select)); // the password field empties: it is stored
            m_editor->setEnabled(true);
        }
    } else if (!m_editing || !m_originalName.isEmpty()) {
        // The edited route is gone (deleted): the form empties.
        m_originalName.clear();
        m_editing = false;
        m_editor->setRoute({});
        m_editor->setEnabled(false);
    }
    updatePasswordHint();
    updateButtons();
}

void RoutesPage::onSelectionChanged()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_routes.size())
        return;
    m_results->clear();
    if (m_routes.at(row).value(u"type"_s).toString() == u"sandbox"_s) {
        // Its outcomes per domain have their own dialog; this form knows relay and direct only.
        m_editing = false;
        m_originalName.clear();
        m_editor->setRoute({});
        m_editor->setEnabled(false);
        setStatus(tr("The sandbox route is edited in File > Sandbox outcomes…"));
        updatePasswordHint();
        updateButtons();
        return;
    }
    m_editing = true;
    m_originalName = m_routes.at(row).value(u"name"_s).toString();
    m_editor->setRoute(m_routes.at(row));
    m_editor->setEnabled(true);
    setStatus(QString());
    updatePasswordHint();
    updateButtons();
}

void RoutesPage::addRoute()
{
    const QSignalBlocker block(m_list);
    m_list->clearSelection();
    m_list->setCurrentRow(-1);
    m_editing = true;
    m_originalName.clear();
    m_editor->setRoute({});
    m_editor->setEnabled(true);
    m_editor->findChild<QLineEdit *>(u"route_name"_s)->setFocus();
    m_results->clear();
    setStatus(tr("New route: fill in the form, then Save."));
    updatePasswordHint();
    updateButtons();
}

void RoutesPage::saveRoute()
{
    m_pendingPassword = m_editor->password();
    m_pendingMailboxPassword = m_editor->mailboxPassword();
    m_save->setEnabled(false);
    setStatus(tr("Saving…"));
    const QJsonObject route = m_editor->route();
    const QString name = route.value(u"name"_s).toString();
    const QString originalName = m_originalName;
    whenAnswered(
        m_workspace.saveRoute(route, originalName), this,
        [this, name, originalName](const QStringList &errors) { onSaved(name, originalName, errors); },
        [this, name, originalName](const QString &error) { onSaved(name, originalName, {error}); });
}

void RoutesPage::onSaved(const QString &name, const QString &originalName, const QStringList &errors)
{
    updateButtons();
    if (!errors.isEmpty()) {
        m_editor->showErrors(errors);
        setStatus(tr("Not saved: correct the fields marked in red."), true);
        m_pendingPassword.clear();
        m_pendingMailboxPassword.clear();
        return;
    }
    m_editor->showErrors({});
    if (!originalName.isEmpty() && originalName != name) {
        m_vault->rename(originalName, name);
        m_vault->rename(mailboxKey(originalName), mailboxKey(name));
    }
    if (!m_pendingPassword.isEmpty())
        m_vault->store(name, m_pendingPassword);
    if (!m_pendingMailboxPassword.isEmpty())
        m_vault->store(mailboxKey(name), m_pendingMailboxPassword);
    m_pendingPassword.fill(u'\0');
    m_pendingPassword.clear();
    m_pendingMailboxPassword.fill(u'\0');
    m_pendingMailboxPassword.clear();
    m_originalName = name;
    m_selectAfterLoad = name;
    m_reloadEditor = true;
    setStatus(tr("Route %1 saved.").arg(name));
    load();
    Q_EMIT routesChanged();
}

void RoutesPage::deleteRoute()
{
    if (m_originalName.isEmpty())
        return;
    const QString name = m_originalName;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete route"),
                                tr("Delete the route %1? Deliveries that name it can no longer be sent.").arg(name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"confirmDeleteRoute"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, name](int result) {
        if (result != QMessageBox::Yes)
            return;
        whenAnswered(
            m_workspace.removeRoute(name), this,
            [this, name](const WorkspaceResult<bool> &r) { onRemoved(name, r.error); },
            [this, name](const QString &error) { onRemoved(name, error); });
    });
    box->open();
}

void RoutesPage::onRemoved(const QString &name, const QString &error)
{
    if (!error.isEmpty()) {
        setStatus(error, true);
        return;
    }
    m_vault->remove(name);
    m_vault->remove(mailboxKey(name));
    if (m_originalName == name) {
        m_originalName.clear();
        m_editing = false;
    }
    setStatus(tr("Route %1 deleted.").arg(name));
    load();
    Q_EMIT routesChanged();
}

void RoutesPage::testConnection()
{
    if (m_testing)
        return;
    const QJsonObject route = m_editor->route();
    const bool needsPassword =
        !route.value(u"username"_s).toString().isEmpty() && route.value(u"password_env"_s).toString().isEmpty();
    if (!m_editor->password().isEmpty() || !needsPassword) {
        startTest(m_editor->password());
        return;
    }
    if (m_originalName.isEmpty()) {
        m_editor->showErrors({tr("route.password: enter the password to test this new route")});
        return;
    }
    m_waitingPasswordFor = m_originalName;
    m_testButton->setEnabled(false);
    setStatus(tr("Getting the password of %1…").arg(m_originalName));
    m_vault->fetch(m_originalName, route.value(u"username"_s).toString(), this);
}

QString RoutesPage::mailboxKey(const QString &routeName)
{
    return routeName + u"/bounce-mailbox"_s;
}

void RoutesPage::testMailbox()
{
    if (m_mailboxTesting)
        return;
    m_editor->setMailboxTestRunning(true);
    if (!m_editor->mailboxPassword().isEmpty()) {
        startMailboxTest(m_editor->mailboxPassword());
        return;
    }
    if (m_originalName.isEmpty()) {
        m_editor->showErrors({tr("route.bounce_mailbox.password: enter the password to test this mailbox")});
        m_editor->setMailboxTestRunning(false);
        return;
    }
    m_waitingPasswordFor = mailboxKey(m_originalName);
    updateButtons();
    setStatus(tr("Getting the bounce mailbox password of %1…").arg(m_originalName));
    const QJsonObject mailbox = m_editor->route().value(u"bounce_mailbox"_s).toObject();
    m_vault->fetch(m_waitingPasswordFor, mailbox.value(u"username"_s).toString(), this);
}

void RoutesPage::startMailboxTest(const QString &password)
{
    m_editor->showErrors({});
    m_editor->setMailboxTestRunning(true);
    setStatus(tr("Testing the bounce mailbox…"));
    m_mailboxTesting = true;
    whenAnswered(
        Workspace::testBounceMailbox(m_editor->route(), password), this,
        [this](const Workspace::MailboxTest &test) {
            m_mailboxTesting = false;
            m_editor->setMailboxTestRunning(false);
            const QList<ImapClient::TestStep> &steps = test.steps;
            QStringList errors = test.errors;
            if (test.noMailbox)
                errors.append(u"route.bounce_mailbox: "_s + tr("fill in the bounce mailbox first"));
            bool ok = errors.isEmpty() && !steps.isEmpty();
            for (const ImapClient::TestStep &step : steps) {
                ok = ok && step.status != ImapClient::TestStep::Status::Failed;
                m_editor->addMailboxTestStep(step.id, int(step.status), step.summary, step.detail);
            }
            if (!errors.isEmpty()) {
                m_editor->showErrors(errors);
                setStatus(tr("The mailbox test could not start: correct the fields marked in red."), true);
            } else if (ok) {
                setStatus(tr("Bounce mailbox test passed: logged in and opened the folder."));
            } else {
                setStatus(tr("Bounce mailbox test failed: see the step marked in red."), true);
            }
            Q_EMIT mailboxTestFinished(ok);
        },
        [](const QString &) {});
}

void RoutesPage::startTest(const QString &password)
{
    m_testing = true;
    m_results->clear();
    m_editor->showErrors({});
    setStatus(tr("Testing the connection…"));
    updateButtons();
    // Each step is shown as it ends; the last event says how the test ended.
    auto *watcher = new QFutureWatcher<Workspace::RouteTestEvent>(this);
    connect(watcher, &QFutureWatcherBase::resultsReadyAt, this, [this, watcher](int begin, int end) {
        for (int i = begin; i < end; ++i) {
            const Workspace::RouteTestEvent event = watcher->resultAt(i);
            if (event.finished)
                onTestFinished(event.ok, event.errors, event.transcript);
            else
                onTestStep(event.step);
        }
    });
    connect(watcher, &QFutureWatcherBase::finished, watcher, &QObject::deleteLater);
    Workspace::RouteTest test = m_workspace.testRoute(m_editor->route(), password, m_domain->text());
    m_abortTest = test.abort;
    watcher->setFuture(test.events);
}

void RoutesPage::onTestStep(const RouteTester::Step &step)
{
    // In the application's language when the core marked its template (a server's reply stays as said).
    const QString summary =
        step.source.isEmpty()
            ? step.summary
            : AnalysisReport::fill(QCoreApplication::translate("RouteTester", step.source.constData()), step.args);
    auto *item = new QTreeWidgetItem(m_results, {stepTitle(step.id), summary});
    item->setData(0, Qt::UserRole, step.id);
    item->setData(1, Qt::UserRole, RouteTester::statusName(step.status));
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    if (step.status == RouteTester::Step::Status::Ok)
        icon = QStyle::SP_DialogApplyButton;
    else if (step.status == RouteTester::Step::Status::Failed)
        icon = QStyle::SP_MessageBoxCritical;
    item->setIcon(0, style()->standardIcon(icon));
    item->setToolTip(1, step.detail.isEmpty() ? summary : summary + u'\n' + step.detail);
    const QStringList lines = step.detail.split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines)
        new QTreeWidgetItem(item, {QString(), line});
    if (step.status == RouteTester::Step::Status::Failed)
        item->setExpanded(true);
}

void RoutesPage::onTestFinished(bool ok, const QStringList &errors, const QString &transcript)
{
    m_testing = false;
    updateButtons();
    if (!errors.isEmpty()) {
        m_editor->showErrors(errors);
        setStatus(tr("The test could not start: %1").arg(errors.join(u"; "_s)), true);
    } else if (ok) {
        setStatus(tr("Connection test passed. No mail was sent."));
    } else {
        setStatus(tr("Connection test failed: see the step marked in red."), true);
    }
    m_results->setToolTip(transcript);
    Q_EMIT testFinished(ok);
}

void RoutesPage::updatePasswordHint()
{
    const QJsonObject route = m_editor->route();
    if (m_originalName.isEmpty())
        m_editor->setMailboxPasswordHint(m_vault->usesKeychain() ? tr("stored in the system keychain")
                                                                 : tr("kept for this run only (no keychain)"));
    else
        m_editor->setMailboxPasswordHint(m_vault->usesKeychain() ? tr("unchanged (in the system keychain)")
                                                                 : tr("unchanged (asked once per run: no keychain)"));
    if (route.value(u"username"_s).toString().isEmpty())
        m_editor->setPasswordHint(tr("no username, no password"));
    else if (m_originalName.isEmpty())
        m_editor->setPasswordHint(m_vault->usesKeychain() ? tr("stored in the system keychain")
                                                          : tr("kept for this run only (no keychain)"));
    else
        m_editor->setPasswordHint(m_vault->usesKeychain() ? tr("unchanged (in the system keychain)")
                                                          : tr("unchanged (asked once per run: no keychain)"));
}

void RoutesPage::updateButtons()
{
    const bool direct = m_editor->isDirect();
    m_domain->setVisible(direct);
    m_domainLabel->setVisible(direct);
    m_save->setEnabled(m_editing);
    m_delete->setEnabled(!m_originalName.isEmpty());
    // A pool has no connection of its own: each member is tested as its saved route.
    m_testButton->setEnabled(m_editing && !m_testing && m_waitingPasswordFor.isEmpty() && !m_editor->isPool());
    m_testButton->setToolTip(m_editor->isPool() ? tr("Test each member of the pool as its own saved route")
                                                : QString());
}

void RoutesPage::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? u"color: #b3261e"_s : QString());
}
