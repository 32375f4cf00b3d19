#pragma once

#include "sandbox/sandbox_config.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class Workspace;

// "Sandbox settings…": the sandbox route's outcome per recipient domain (accept, hard bounce,
// soft bounce, throttle), the outcome of every other domain and the latency per message. It
// reads and saves the route's config through the Workspace, never on the GUI thread.
class SandboxDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SandboxDialog(Workspace &workspace, const QString &routeName = QStringLiteral("Sandbox"),
                           QWidget *parent = nullptr);

    QString routeName() const { return m_routeName; }
    // The table as the widgets hold it; false with a message (row, domain) when a row is invalid.
    bool readConfig(SandboxConfig *config, QString *error) const;
    void setConfig(const SandboxConfig &config);
    int rowCount() const;

Q_SIGNALS:
    void loaded();                        // the route's table is shown (or the defaults, with an error)
    void saved(const QString &routeName); // stored; the dialog then closes (accepted)

private:
    void addRow(const QString &domain, SandboxConfig::Outcome outcome);
    void removeSelectedRows();
    void save();
    void setBusy(bool busy);
    void showError(const QString &message);

    const QString m_routeName;
    Workspace &m_workspace;
    int m_keepLast = 0; // kept as loaded: not edited here
    QLabel *m_status;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QComboBox *m_default;
    QSpinBox *m_latency;
    QDialogButtonBox *m_buttons;
};
