#include "quarantine_admin.h"

#include "recipients/address_validator.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace QuarantineAdmin {

namespace {

// The WHERE clause and its values; LIKE with an escape so '%' and '_' in a search are literal.
QString whereClause(const QuarantineFilter &filter, QVariantList *values)
{
    QStringList conditions;
    const QString search = filter.search.trimmed();
    if (!search.isEmpty()) {
        QString escaped = search;
        escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
        conditions.append(u"address LIKE ? ESCAPE '\\'"_s);
        values->append(QString(u"%"_s + escaped + u"%"_s));
    }
    if (filter.status) {
        conditions.append(u"status = ?"_s);
        values->append(QuarantineEntry::statusName(*filter.status));
    }
    return conditions.isEmpty() ? QString() : u" WHERE "_s + conditions.join(u" AND "_s);
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

} // namespace

qint64 count(QSqlDatabase db, const QuarantineFilter &filter, QString *error)
{
    QVariantList values;
    QSqlQuery q(db);
    q.prepare(u"SELECT count(*) FROM quarantine"_s + whereClause(filter, &values));
    for (const QVariant &v : std::as_const(values))
        q.addBindValue(v);
    if (!q.exec() || !q.next()) {
        setError(error, q.lastError().text());
        return -1;
    }
    return q.value(0).toLongLong();
}

QList<QuarantineRow> page(QSqlDatabase db, const QuarantineFilter &filter, qint64 offset, int limit, QString *error)
{
    QList<QuarantineRow> rows;
    QVariantList values;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT address, status, error_count, last_error, last_error_at, updated_at FROM quarantine"_s +
              whereClause(filter, &values) + u" ORDER BY address LIMIT ? OFFSET ?"_s);
    for (const QVariant &v : std::as_const(values))
        q.addBindValue(v);
    q.addBindValue(qBound(0, limit, MaxPage));
    q.addBindValue(qMax<qint64>(0, offset));
    if (!q.exec()) {
        setError(error, q.lastError().text());
        return rows;
    }
    while (q.next()) {
        QuarantineRow r;
        r.address = q.value(0).toString();
        r.status = QuarantineEntry::statusFromName(q.value(1).toString());
        r.errorCount = q.value(2).toInt();
        r.lastError = q.value(3).toString();
        r.lastErrorAtMs = q.value(4).toLongLong();
        r.updatedAtMs = q.value(5).toLongLong();
        rows.append(r);
    }
    return rows;
}

int release(QSqlDatabase db, const QStringList &addresses, qint64 nowMs, QString *error)
{
    if (addresses.isEmpty())
        return 0;
    const bool ownTransaction = db.transaction();
    QSqlQuery q(db);
    q.prepare(u"UPDATE quarantine SET status = 'valid', error_count = 0, updated_at = ? "
              "WHERE address = ? AND (status != 'valid' OR error_count != 0)"_s);
    int changed = 0;
    for (const QString &address : addresses) {
        q.addBindValue(nowMs);
        q.addBindValue(address);
        if (!q.exec()) {
            setError(error, u"%1: %2"_s.arg(address, q.lastError().text()));
            if (ownTransaction)
                db.rollback();
            return -1;
        }
        changed += q.numRowsAffected() > 0 ? 1 : 0;
    }
    if (ownTransaction && !db.commit()) {
        setError(error, db.lastError().text());
        db.rollback();
        return -1;
    }
    return changed;
}

QString denylist(QSqlDatabase db, const QString &address, qint64 nowMs, QString *error)
{
    const AddressCheck check = AddressValidator::check(address);
    if (!check.isValid()) {
        setError(error, check.verdict == AddressCheck::Verdict::Missing
                            ? u"Address: required"_s
                            : u"Address '%1': %2"_s.arg(address.trimmed(), check.reason));
        return {};
    }
    if (!Quarantine::denylist(db, check.normalized, nowMs, error))
        return {};
    return check.normalized;
}

} // namespace QuarantineAdmin
