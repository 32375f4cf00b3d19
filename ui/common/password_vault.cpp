#include "password_vault.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QPointer>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace {

// The keychain said something other than "no such entry": it cannot be used this run.
bool isBackendFailure(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented ||
           error == QKeychain::AccessDenied || error == QKeychain::OtherError;
}

} // namespace

PasswordVault::PasswordVault(Mode mode, QObject *parent)
    : QObject(parent)
    , m_mode(mode)
{
    m_prompt = [](QWidget *parentWidget, const QString &routeName, const QString &username) -> std::optional<QString> {
        bool ok = false;
        const QString password = QInputDialog::getText(
            parentWidget, PasswordVault::tr("Password for route %1").arg(routeName),
            PasswordVault::tr("Password of %1 on route %2.\nNo keychain is available: it is kept for this run only.")
                .arg(username, routeName),
            QLineEdit::Password, QString(), &ok);
        if (!ok)
            return std::nullopt;
        return password;
    };
}

PasswordVault::~PasswordVault()
{
    for (auto it = m_memory.begin(); it != m_memory.end(); ++it)
        it.value().fill(u'\0');
}

QString PasswordVault::serviceName()
{
    return u"Sendscope"_s;
}

QString PasswordVault::key(const QString &routeName)
{
    return u"route:"_s + routeName;
}

void PasswordVault::keychainFailed(const QString &reason)
{
    if (m_keychainFailed)
        return;
    m_keychainFailed = true;
    Q_EMIT keychainUnavailable(reason);
}

void PasswordVault::store(const QString &routeName, const QString &password)
{
    if (!usesKeychain()) {
        m_memory.insert(routeName, password);
        Q_EMIT stored(routeName, false, QString());
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setKey(key(routeName));
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [this, routeName, password](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError) {
            m_memory.remove(routeName);
            Q_EMIT stored(routeName, true, QString());
            return;
        }
        if (isBackendFailure(j->error()))
            keychainFailed(j->errorString());
        // Not lost: kept for this run, and the user is told it was not saved.
        m_memory.insert(routeName, password);
        Q_EMIT stored(routeName, false, j->errorString());
    });
    job->start();
}

void PasswordVault::fetch(const QString &routeName, const QString &username, QWidget *promptParent)
{
    const auto cached = m_memory.constFind(routeName);
    if (cached != m_memory.cend()) {
        const QString &password = *cached;
        // Asynchronous like the keychain path, so callers see one behaviour.
        QMetaObject::invokeMethod(
            this, [this, routeName, password] { Q_EMIT passwordReady(routeName, password); }, Qt::QueuedConnection);
        return;
    }
    if (m_pending.contains(routeName))
        return; // its passwordReady() is coming
    m_pending.insert(routeName);
    if (!usesKeychain()) {
        QPointer<QWidget> parentWidget(promptParent);
        QMetaObject::invokeMethod(
            this, [this, routeName, username, parentWidget] { ask(routeName, username, parentWidget); },
            Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setKey(key(routeName));
    QPointer<QWidget> parentWidget(promptParent);
    connect(job, &QKeychain::Job::finished, this, [this, routeName, username, parentWidget](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError) {
            m_pending.remove(routeName);
            Q_EMIT passwordReady(routeName, static_cast<QKeychain::ReadPasswordJob *>(j)->textData());
            return;
        }
        if (isBackendFailure(j->error()))
            keychainFailed(j->errorString());
        ask(routeName, username, parentWidget);
    });
    job->start();
}

void PasswordVault::ask(const QString &routeName, const QString &username, QWidget *promptParent)
{
    const std::optional<QString> password = m_prompt(promptParent, routeName, username);
    m_pending.remove(routeName);
    if (!password || password->isEmpty()) {
        Q_EMIT passwordReady(routeName, QString());
        return;
    }
    if (usesKeychain())
        store(routeName, *password); // the keychain works but had no entry: keep it there
    else
        m_memory.insert(routeName, *password);
    Q_EMIT passwordReady(routeName, *password);
}

void PasswordVault::remove(const QString &routeName)
{
    m_memory.remove(routeName);
    if (!usesKeychain())
        return;
    auto *job = new QKeychain::DeletePasswordJob(serviceName(), this);
    job->setKey(key(routeName));
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *j) {
        if (isBackendFailure(j->error()))
            keychainFailed(j->errorString());
    });
    job->start();
}

void PasswordVault::rename(const QString &from, const QString &to)
{
    if (from == to)
        return;
    if (m_memory.contains(from))
        m_memory.insert(to, m_memory.take(from));
    if (!usesKeychain())
        return;
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setKey(key(from));
    connect(job, &QKeychain::Job::finished, this, [this, from, to](QKeychain::Job *j) {
        if (j->error() != QKeychain::NoError) {
            if (isBackendFailure(j->error()))
                keychainFailed(j->errorString());
            return;
        }
        store(to, static_cast<QKeychain::ReadPasswordJob *>(j)->textData());
        remove(from);
    });
    job->start();
}
