#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QSqlDatabase>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

// A prepared statement run through SQLite's C API on a QSqlDatabase's own connection, for the
// few statements run once per row or per message (the import, the recipient log, attempts).
// There Qt's binding costs more than SQLite's work: a QVariant per value, a placeholder name
// built per bind, texts handed over in UTF-16 and converted again by SQLite.
//
// It joins whatever transaction the connection is in. Store closes the connection only after
// finalizeAll(), so a statement still alive then (held by an object that outlives its Store)
// is finalized first and later calls fail with an error instead of keeping the file open.
class SqliteStatement final
{
public:
    enum class Step { Row, Done, Error };

    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    // The connection's handle; nullptr unless it is an open QSQLITE connection.
    static sqlite3 *handle(const QSqlDatabase &db);
    // Finalizes every statement prepared on this connection; Store calls it before closing.
    static void finalizeAll(sqlite3 *db);

    // False with error() set when the connection is not SQLite's or SQLite refuses the SQL.
    bool prepare(const QSqlDatabase &db, QByteArrayView sql);
    bool isPrepared() const { return m_stmt != nullptr; }

    // Indexes start at 1, as in SQLite. A text is kept by the statement until it is bound again;
    // a null or empty one is bound as an empty text, never NULL (bindNull is for that).
    void bind(int index, qint64 value);
    void bind(int index, QStringView text);
    // Bytes in UTF-8 that the caller keeps unchanged until the statement has run.
    void bindUtf8(int index, QByteArrayView text);
    void bindNull(int index);

    // One step. Row: the columns can be read; Done: finished; Error: error() says why. Call
    // reset() after the last step, which a failed one needs too.
    Step step();
    // Steps until Done and resets; false with error() set on a failure.
    bool exec();
    void reset();
    // Rows the last INSERT, UPDATE or DELETE on the connection changed.
    int changes() const;

    qint64 columnInt64(int column) const;
    QString columnText(int column) const;
    bool columnIsNull(int column) const;

    // SQLite's message for the last failure.
    QString error() const { return m_error; }

private:
    void finalize();

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QList<QByteArray> m_texts; // what bind(int, QStringView) converted, by index - 1
    QString m_error;
};
