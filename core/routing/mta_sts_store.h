#pragma once

#include "mta_sts.h"

#include <QHash>
#include <QSqlDatabase>
#include <utility>

// The MTA-STS policies kept in the database (table mta_sts_policies, RFC 8461 §5.1): each
// domain's last policy fetched, in force until its max_age ran out, across runs and processes.
namespace MtaStsStore {

// The policies still in force at nowMs: domain -> (policy, expiry).
QHash<QString, std::pair<MtaStsPolicy, qint64>> load(QSqlDatabase db, qint64 nowMs);
// Informational: false (nothing lost but the keeping) when the database refuses.
bool save(QSqlDatabase db, const QString &domain, const MtaStsPolicy &policy, qint64 expiresAtMs);

} // namespace MtaStsStore
