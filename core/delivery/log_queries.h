#pragma once

#include "delivery_queries.h"

#include <QIODevice>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>
#include <functional>

// One SMTP attempt of one recipient, as the detail pane shows it.
struct LogAttempt
{
    qint64 id = 0;
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0;
    QString route;
    QString remoteHost;
    int replyCode = 0;
    QString enhancedCode;
    QString reply;
    QString outcome; // SmtpOutcome kind name, or possible_duplicate
    FailureReason reason = FailureReason::None;
    QString transcript; // credentials already redacted when recorded
};

// The SQL pieces of a log query, shared by DeliveryQueries and LogQueries. Values are always
// bound, never spliced into the text.
namespace LogSql {
QString columns(); // the select list readRow() reads
LogRow readRow(const QSqlQuery &q);
QString where(const LogFilter &f, QVariantList *binds); // over recipient_log l, recipients r
bool needsRecipients(const LogFilter &f);               // where() uses r
QString orderBy(const LogFilter &f);
} // namespace LogSql

// The per-recipient log view's queries over one reader connection (the UI's log worker).
//
// A view first prepare()s a filter and sort, which gives the row count, then reads page()s at
// any offset. Two ways keep a page fast at any position of a 1,000,000-row log:
//  - recipient order, filtered by state at most: the count and each page come straight from the
//    narrow (delivery_id[, state], recipient_id) indexes; a page past the middle is read from
//    the other end (reversed), so the end of the log costs what its start costs;
//  - anything else (a sort by another column, a reason, domain or address filter): the order
//    of the matching recipient ids is materialized once in a temporary table whose rowid is the
//    position, and a page is a rowid range of it.
class LogQueries final
{
public:
    explicit LogQueries(QSqlDatabase db);
    ~LogQueries();

    // Returns the number of matching rows, or -1 on an error (lastError()).
    qint64 prepare(qint64 deliveryId, const LogFilter &filter);
    bool isPrepared(qint64 deliveryId, const LogFilter &filter) const;
    bool isMaterialized() const { return m_materialized; }
    // Rows [offset, offset + limit) of the prepared view, "why waiting" filled in.
    QList<LogRow> page(qint64 offset, int limit);

    // One recipient's attempts, oldest first.
    QList<LogAttempt> attempts(qint64 recipientId);
    // The failure reasons present in the delivery's log, the most frequent first.
    QList<FailureReason> reasons(qint64 deliveryId);
    // Destination domains of the delivery, the largest first, at most limit (from the analysis'
    // plan when there is one).
    QStringList domains(qint64 deliveryId, int limit);

    // Writes the matching rows in the filter's order as CSV (header first); cells that a
    // spreadsheet would run as formulas are neutralized. progress(rowsWritten) is called every
    // few thousand rows; returning false cancels. Returns the number of rows written or -1.
    qint64 exportCsv(qint64 deliveryId, const LogFilter &filter, QIODevice *out,
                     const std::function<bool(qint64)> &progress = {});
    static QStringList csvHeader();

    QString lastError() const { return m_lastError; }

private:
    qint64 fail(const QSqlQuery &q); // records the error, returns -1
    void fillWaits(qint64 deliveryId, QList<LogRow> &rows);

    QSqlDatabase m_db;
    qint64 m_deliveryId = 0;
    LogFilter m_filter;
    bool m_prepared = false;
    bool m_materialized = false;
    qint64 m_count = 0;
    QString m_lastError;
};
