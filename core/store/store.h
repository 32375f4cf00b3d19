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

    // begin() for a scope: rolled back when the scope ends without a commit() that succeeded
    // (an early return, an exception), so no path leaves the connection inside a transaction.
    // error() names the file and gives SQLite's message.
    class Transaction final
    {
    public:
        explicit Transaction(Store &store);
        ~Transaction();
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;

        bool ok() const { return m_open; } // BEGIN succeeded and nothing ended it yet
        bool commit();                     // false (rolled back) with error() when COMMIT fails
        void rollback();
        QString error() const { return m_error; }

    private:
        Store &m_store;
        bool m_open = false;
        QString m_error;
    };

private:
    Store(const QString &path, const QString &connectionName);
    bool configure(QString *error);
    bool migrate(QString *error);

    QString m_path;
    QString m_connectionName;
    QString m_lastError;
};
