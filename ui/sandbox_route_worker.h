#pragma once

#include "sandbox/sandbox_config.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <memory>

class Store;

// Reads and writes the sandbox route for SandboxDialog, on its own thread with its own Store
// (no SQL on the GUI thread). Call its slots through queued connections.
class SandboxRouteWorker final : public QObject
{
    Q_OBJECT

public:
    explicit SandboxRouteWorker(const QString &databasePath, QObject *parent = nullptr);
    ~SandboxRouteWorker() override;

    void load(const QString &routeName);
    void save(const QString &routeName, const SandboxConfig &config);

Q_SIGNALS:
    // error is set when the route could not be read; config is then the defaults.
    void loaded(const SandboxConfig &config, const QString &error);
    void saved(bool ok, const QString &error);

private:
    bool openStore(QString *error);

    QString m_path;
    std::unique_ptr<Store> m_store;
};

Q_DECLARE_METATYPE(SandboxConfig)
