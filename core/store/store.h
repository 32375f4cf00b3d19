#pragma once

#include <QSqlDatabase>
#include <QString>
#include <memory>

// One connection to a Sendscope database file, for the thread that opened it.
// Opening creates the file (mode 0600), turns on WAL and foreign keys, and brings the schema
// to the latest version through the versioned migrations. Each thread opens its own Store:
// the writer on one, readers (UI pages, KPI queries) on theirs.
class Store final
{
public:
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    // Returns nullptr and sets error (naming the file) when the database cannot be opened.
    static std::unique_ptr<Store> open(const QString &path, QString *error);

    // The user's application-data folder + "sendscope.db".
    static QString defaultPath();
    static int latestSchemaVersion();

    QSqlDatabase db() const;
    QString path() const { return m_path; }
    int schemaVersion() const;

    // BEGIN IMMEDIATE / COMMIT / ROLLBACK. On failure lastError() holds SQLite's message
    // ("database is locked", "database or disk is full", "attempt to write a readonly
    // database"); a failed COMMIT is rolled back, so the connection is never left inside a
    // transaction that nobody will end.
    bool begin();
    bool commit();
    void rollback();
    // SQLite's message for the last begin() or commit() that failed, empty after a success.
    QString lastError() const { return m_lastError; }

private:
    Store(const QString &path, const QString &connectionName);
    bool configure(QString *error);
    bool migrate(QString *error);

    QString m_path;
    QString m_connectionName;
    QString m_lastError;
};
