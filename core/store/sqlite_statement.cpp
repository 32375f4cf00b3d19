#include "sqlite_statement.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <mutex>
#include <unordered_map>
#include <unordered_set>

using namespace Qt::StringLiterals;

namespace {

// The live statements of each connection, so finalizeAll can reach them. Connections live on
// different threads, hence the lock; it is taken on prepare and destruction, not per row.
struct Registry
{
    std::mutex mutex;
    std::unordered_map<sqlite3 *, std::unordered_set<SqliteStatement *>> statements;
};

Registry &registry()
{
    static Registry r;
    return r;
}

} // namespace

SqliteStatement::~SqliteStatement()
{
    finalize();
}

sqlite3 *SqliteStatement::handle(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

void SqliteStatement::finalizeAll(sqlite3 *db)
{
    if (!db)
        return;
    std::unordered_set<SqliteStatement *> statements;
    {
        Registry &r = registry();
        std::lock_guard lock(r.mutex);
        const auto it = r.statements.find(db);
        if (it == r.statements.end())
            return;
        statements = std::move(it->second);
        r.statements.erase(it);
    }
    for (SqliteStatement *s : statements) {
        sqlite3_finalize(s->m_stmt);
        s->m_stmt = nullptr;
        s->m_db = nullptr;
        s->m_error = u"the database was closed"_s;
    }
}

void SqliteStatement::finalize()
{
    if (!m_stmt)
        return;
    {
        Registry &r = registry();
        std::lock_guard lock(r.mutex);
        const auto it = r.statements.find(m_db);
        if (it != r.statements.end()) {
            it->second.erase(this);
            if (it->second.empty())
                r.statements.erase(it);
        }
    }
    sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
    m_db = nullptr;
}

bool SqliteStatement::prepare(const QSqlDatabase &db, QByteArrayView sql)
{
    finalize();
    m_texts.clear();
    m_db = handle(db);
    if (!m_db) {
        m_error = u"the database connection is not an open SQLite one"_s;
        return false;
    }
    if (sqlite3_prepare_v2(m_db, sql.data(), int(sql.size()), &m_stmt, nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        m_db = nullptr;
        return false;
    }
    Registry &r = registry();
    std::lock_guard lock(r.mutex);
    r.statements[m_db].insert(this);
    return true;
}

void SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void SqliteStatement::bind(int index, QStringView text)
{
    if (index > m_texts.size())
        m_texts.resize(index);
    QByteArray &kept = m_texts[index - 1];
    kept = text.toUtf8();
    bindUtf8(index, kept);
}

void SqliteStatement::bindUtf8(int index, QByteArrayView text)
{
    // SQLite binds NULL for a null pointer: an empty or null text is bound as an empty text,
    // as Qt's driver did for the empty strings these statements pass.
    static constexpr char Empty[] = "";
    sqlite3_bind_text64(m_stmt, index, text.data() ? text.data() : Empty, sqlite3_uint64(text.size()), SQLITE_STATIC,
                        SQLITE_UTF8);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

SqliteStatement::Step SqliteStatement::step()
{
    if (!m_stmt) {
        if (m_error.isEmpty())
            m_error = u"the statement is not prepared"_s;
        return Step::Error;
    }
    switch (sqlite3_step(m_stmt)) {
    case SQLITE_ROW:
        return Step::Row;
    case SQLITE_DONE:
        return Step::Done;
    default:
        // Read before the reset, which may replace the message.
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return Step::Error;
    }
}

bool SqliteStatement::exec()
{
    Step s;
    while ((s = step()) == Step::Row) {
    }
    reset();
    return s == Step::Done;
}

void SqliteStatement::reset()
{
    if (m_stmt)
        sqlite3_reset(m_stmt);
}

int SqliteStatement::changes() const
{
    return m_db ? sqlite3_changes(m_db) : 0;
}

qint64 SqliteStatement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

QString SqliteStatement::columnText(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column));
}

bool SqliteStatement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}
