#pragma once

#include "feedback/quarantine.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>

// One stored quarantine entry, as the settings page lists it.
struct QuarantineRow
{
    QString address;
    QuarantineEntry::Status status = QuarantineEntry::Status::Valid;
    int errorCount = 0;
    QString lastError; // reason machine name, empty when none
    qint64 lastErrorAtMs = 0;
    qint64 updatedAtMs = 0;
};

struct QuarantineFilter
{
    QString search; // part of the address, case-insensitive; empty: any
    std::optional<QuarantineEntry::Status> status;
};

// What a person does with the quarantine (docs/product.md §4: "until a person releases them"):
// page through the table by address and status, release addresses, denylist one. Runs on the
// caller's connection; the settings page calls it from its worker thread.
namespace QuarantineAdmin {

qint64 count(QSqlDatabase db, const QuarantineFilter &filter, QString *error);
// Ordered by address; limit is capped at MaxPage.
constexpr int MaxPage = 1000;
QList<QuarantineRow> page(QSqlDatabase db, const QuarantineFilter &filter, qint64 offset, int limit, QString *error);

// Back to Valid with the counter reset, in one transaction; returns how many entries changed,
// or -1 on error.
int release(QSqlDatabase db, const QStringList &addresses, qint64 nowMs, QString *error);

// Checks and normalizes the address the way recipients are (the analysis looks it up by that
// form) and denylists it. Returns the normalized address, or empty with an error naming it.
QString denylist(QSqlDatabase db, const QString &address, qint64 nowMs, QString *error);

} // namespace QuarantineAdmin
