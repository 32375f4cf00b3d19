#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <functional>
#include <optional>

class QWidget;

// Where the application keeps the passwords of saved routes: the OS keychain (Qt Keychain:
// Secret Service / KWallet, macOS Keychain, Windows Credential Store), one entry per route
// name. When no keychain answers (no D-Bus session or secret service, as in CI or a bare
// X session), the password is asked once per run and kept in this object's memory only.
// Nothing ever goes to the database or QSettings (Qt Keychain's insecure fallback stays off).
// Every call is asynchronous; results come back as signals.
class PasswordVault final : public QObject
{
    Q_OBJECT

public:
    enum class Mode {
        Keychain,   // the OS keychain; memory only once it proves unavailable
        MemoryOnly, // never the keychain (tests, or a user who prefers to type it each run)
    };
    // Asks the user for a password; nullopt when cancelled. The default is a QInputDialog
    // with hidden echo.
    using Prompt =
        std::function<std::optional<QString>(QWidget *parent, const QString &routeName, const QString &username)>;

    explicit PasswordVault(Mode mode = Mode::Keychain, QObject *parent = nullptr);
    ~PasswordVault() override;

    // Keeps the password of a route; stored() follows.
    void store(const QString &routeName, const QString &password);
    // The password of a route: from this run's memory, else the keychain, else asked (once per
    // run) with promptParent as the dialog's parent. passwordReady() follows; the password is
    // empty when there is none and the user cancelled.
    void fetch(const QString &routeName, const QString &username, QWidget *promptParent);
    void remove(const QString &routeName);
    void rename(const QString &from, const QString &to);

    // False once the keychain failed (or in MemoryOnly mode): passwords live for this run only.
    bool usesKeychain() const { return m_mode == Mode::Keychain && !m_keychainFailed; }
    void setPrompt(Prompt prompt) { m_prompt = std::move(prompt); }

    static QString serviceName();

Q_SIGNALS:
    void stored(const QString &routeName, bool inKeychain, const QString &error);
    void passwordReady(const QString &routeName, const QString &password);
    void keychainUnavailable(const QString &reason);

private:
    void ask(const QString &routeName, const QString &username, QWidget *promptParent);
    void keychainFailed(const QString &reason);
    static QString key(const QString &routeName);

    Mode m_mode;
    bool m_keychainFailed = false;
    QHash<QString, QString> m_memory; // this run's passwords when no keychain serves them
    QSet<QString> m_pending;          // fetches under way: one answer serves every caller
    Prompt m_prompt;
};
