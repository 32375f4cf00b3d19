#include "mta_sts_store.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace MtaStsStore {

QHash<QString, std::pair<MtaStsPolicy, qint64>> load(QSqlDatabase db, qint64 nowMs)
{
    QHash<QString, std::pair<MtaStsPolicy, qint64>> out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT domain, id, policy, expires_at FROM mta_sts_policies WHERE expires_at > ?"_s);
    q.addBindValue(nowMs);
    if (!q.exec())
        return out;
    while (q.next()) {
        QString error;
        std::optional<MtaStsPolicy> policy = MtaStsPolicy::parse(q.value(2).toByteArray(), &error);
        if (!policy)
            continue; // written by this code, so not expected; a bad row is as good as none
        policy->id = q.value(1).toString();
        out.insert(q.value(0).toString(), {*policy, q.value(3).toLongLong()});
    }
    return out;
}

bool save(QSqlDatabase db, const QString &domain, const MtaStsPolicy &policy, qint64 expiresAtMs)
{
    QSqlQuery q(db);
    q.prepare(u"INSERT OR REPLACE INTO mta_sts_policies (domain, id, policy, expires_at) VALUES (?, ?, ?, ?)"_s);
    q.addBindValue(domain);
    q.addBindValue(policy.id);
    q.addBindValue(QString::fromUtf8(policy.toText()));
    q.addBindValue(expiresAtMs);
    return q.exec();
}

} // namespace MtaStsStore
