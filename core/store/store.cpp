#include "store.h"

#include "schema.h"
#include "sqlite_statement.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// SQLite's own message ("database or disk is full"), without the driver's "Unable to fetch row".
QString sqliteMessage(const QSqlError &e)
{
    return e.databaseText().isEmpty() ? e.text() : e.databaseText();
}

// Why a database that exists cannot be opened or read: SQLite's message, and the cause a person
// can act on when the system knows it (a read-only filesystem: WAL needs to write beside it).
QString unreadable(const QString &path, const QSqlError &e)
{
    QString why = sqliteMessage(e);
    const QByteArray folder = QFile::encodeName(QFileInfo(path).absolutePath());
    if (::access(folder.constData(), W_OK) != 0 && errno == EROFS)
        why += u" (the filesystem is read-only)"_s;
    return why;
}

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"sendscope-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

// SQLite would create the file with the process umask; the database holds personal data,
// so it is created here first, readable by its owner only.
bool createPrivateFile(const QString &path, QString *error)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) {
            // An existing file (made by an older version, another tool, a copy) is narrowed too.
            struct stat st = {};
            if (::stat(native.constData(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0077) != 0 &&
                ::chmod(native.constData(), st.st_mode & 0700) != 0) {
                *error = u"%1: cannot make the database file private (chmod 600): %2"_s.arg(
                    path, QString::fromLocal8Bit(strerror(errno)));
                return false;
            }
            return true;
        }
        *error = u"%1: cannot create the database file: %2"_s.arg(path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    ::fchmod(fd, 0600);
    ::close(fd);
    return true;
}

} // namespace

Store::Store(const QString &path, const QString &connectionName)
    : m_path(path)
    , m_connectionName(connectionName)
{}

Store::~Store()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            // SQLite refuses to close a connection with statements of its own still prepared.
            SqliteStatement::finalizeAll(SqliteStatement::handle(db));
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString Store::defaultPath()
{
    // The same file for the GUI and sendscope-cli, whatever organization name either sets:
    // ~/.local/share/sendscope/sendscope.db on Linux.
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + u"/.local/share"_s;
    return QDir(base).filePath(u"sendscope/sendscope.db"_s);
}

int Store::latestSchemaVersion()
{
    return int(Schema::migrations().size());
}

std::unique_ptr<Store> Store::open(const QString &path, QString *error)
{
    QString dummy;
    if (!error)
        error = &dummy;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = u"%1: cannot create the folder %2"_s.arg(path, info.absolutePath());
        return nullptr;
    }
    if (info.exists() && info.isDir()) {
        *error = u"%1: is a folder, not a database file"_s.arg(path);
        return nullptr;
    }
    if (!createPrivateFile(path, error))
        return nullptr;

    std::unique_ptr<Store> store(new Store(path, nextConnectionName()));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, store->m_connectionName);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
        if (!db.open()) {
            *error = u"%1: cannot open the database: %2"_s.arg(path, db.lastError().text());
            return nullptr;
        }
    }
    if (!store->configure(error) || !store->migrate(error))
        return nullptr;
    return store;
}

QSqlDatabase Store::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool Store::configure(QString *error)
{
    QSqlQuery q(db());
    // The header check fails fast on a file that is not SQLite at all.
    if (!q.exec(u"PRAGMA schema_version"_s)) {
        // SQLITE_NOTADB (26): a file that is not SQLite at all; anything else: it cannot be read.
        *error = q.lastError().nativeErrorCode() == u"26"_s
                     ? u"%1: not a Sendscope database (%2)"_s.arg(m_path, sqliteMessage(q.lastError()))
                     : u"%1: cannot read the database: %2"_s.arg(m_path, unreadable(m_path, q.lastError()));
        return false;
    }
    const QStringList pragmas = {
        u"PRAGMA journal_mode=WAL"_s,
        // FULL: a committed state transition survives power loss too (docs/reliability.md C4).
        u"PRAGMA synchronous=FULL"_s,
        u"PRAGMA foreign_keys=ON"_s,
        u"PRAGMA temp_store=MEMORY"_s,
        u"PRAGMA cache_size=-32768"_s,
    };
    for (const QString &p : pragmas) {
        if (!q.exec(p)) {
            *error = u"%1: %2 failed: %3"_s.arg(m_path, p, q.lastError().text());
            return false;
        }
    }
    return true;
}

int Store::schemaVersion() const
{
    QSqlQuery q(db());
    if (q.exec(u"PRAGMA user_version"_s) && q.next())
        return q.value(0).toInt();
    return -1;
}

bool Store::migrate(QString *error)
{
    const auto &all = Schema::migrations();
    int version = schemaVersion();
    if (version > int(all.size())) {
        *error = u"%1: the database has schema version %2, newer than this Sendscope (%3)"_s.arg(
            m_path, QString::number(version), QString::number(all.size()));
        return false;
    }
    QSqlQuery q(db());
    while (version < int(all.size())) {
        // BEGIN IMMEDIATE: two processes opening a fresh file at once migrate one after the other.
        if (!q.exec(u"BEGIN IMMEDIATE"_s)) {
            *error = u"%1: cannot start the migration: %2"_s.arg(m_path, q.lastError().text());
            return false;
        }
        version = schemaVersion();
        if (version >= int(all.size())) {
            q.exec(u"COMMIT"_s);
            break;
        }
        for (const QString &statement : all.at(version)) {
            if (!q.exec(statement)) {
                *error = u"%1: migration to version %2 failed: %3"_s.arg(m_path, QString::number(version + 1),
                                                                         q.lastError().text());
                q.exec(u"ROLLBACK"_s);
                return false;
            }
        }
        if (!q.exec(u"PRAGMA user_version=%1"_s.arg(version + 1)) || !q.exec(u"COMMIT"_s)) {
            *error = u"%1: cannot record schema version %2: %3"_s.arg(m_path, QString::number(version + 1),
                                                                      q.lastError().text());
            q.exec(u"ROLLBACK"_s);
            return false;
        }
        ++version;
    }
    return true;
}

bool Store::begin()
{
    QSqlQuery q(db());
    const bool ok = q.exec(u"BEGIN IMMEDIATE"_s);
    m_lastError = ok ? QString() : sqliteMessage(q.lastError());
    return ok;
}

bool Store::commit()
{
    QSqlQuery q(db());
    const bool ok = q.exec(u"COMMIT"_s);
    m_lastError = ok ? QString() : sqliteMessage(q.lastError());
    if (!ok)
        rollback(); // SQLite may keep the transaction open after a failed COMMIT (SQLITE_BUSY)
    return ok;
}

void Store::rollback()
{
    QSqlQuery q(db());
    q.exec(u"ROLLBACK"_s);
}

Store::Transaction::Transaction(Store &store)
    : m_store(store)
{
    m_open = m_store.begin();
    if (!m_open)
        m_error = u"cannot start a transaction in %1: %2"_s.arg(m_store.path(), m_store.lastError());
}

Store::Transaction::~Transaction()
{
    rollback();
}

bool Store::Transaction::commit()
{
    if (!m_open)
        return false;
    m_open = false;
    if (m_store.commit())
        return true;
    m_error = u"cannot commit to %1: %2"_s.arg(m_store.path(), m_store.lastError()); // rolled back
    return false;
}

void Store::Transaction::rollback()
{
    if (m_open)
        m_store.rollback();
    m_open = false;
}
