#pragma once

#include "analysis/analysis_report.h"
#include "log/delivery_kpis.h"
#include "log/log_state.h"
#include "log/log_wait.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <optional>

// One line of the delivery list.
struct DeliverySummary
{
    qint64 id = 0;
    QString name;
    QDateTime contactDate;
    DeliveryKpis kpis;
    bool sandbox = false; // its route is the sandbox: views label it everywhere
};

// One recipient's log row as views and exports show it.
struct LogRow
{
    qint64 recipientId = 0;
    qint64 line = 0; // line in the imported CSV
    QString email;
    LogState state = LogState::Pending;
    FailureType failureType = FailureType::None;
    FailureReason failureReason = FailureReason::None;
    QString lastReply;
    int attempts = 0;
    qint64 nextAttemptAtMs = 0;
    QString messageId;
    int wave = 0;
    bool possibleDuplicate = false;
    bool validityExpired = false;
    qint64 updatedAtMs = 0;
    bool inFlight = false;
    LogWait wait = LogWait::None; // filled by LogQueries::page, which knows the delivery's state
};

// The orders a log view or export can ask for; ties always go by recipient (import) order.
enum class LogSort { Line, Email, State, FailureType, Reason, LastReply, Attempts, NextAttempt, MessageId, Updated };

// Which log rows a view or an export wants. Empty members match everything.
struct LogFilter
{
    std::optional<LogState> state;
    std::optional<FailureReason> reason;
    QString domain; // exact destination domain (A-label form)
    QString search; // substring of the address
    LogSort sort = LogSort::Line;
    bool descending = false;

    bool operator==(const LogFilter &) const = default;
};

// Read-only queries over one connection: the delivery list, KPI snapshots, the analysis
// report and pages of the per-recipient log. Readers (the UI's worker, the CLI) each own one.
class DeliveryQueries final
{
public:
    explicit DeliveryQueries(QSqlDatabase db)
        : m_db(db)
    {}

    QList<DeliverySummary> deliveries() const;
    bool exists(qint64 id) const;
    std::optional<DeliveryKpis> kpis(qint64 id) const;
    std::optional<QJsonObject> definition(qint64 id) const;
    std::optional<AnalysisReport> analysisReport(qint64 id) const;
    QStringList fields(qint64 id) const;

    qint64 logCount(qint64 id, const LogFilter &filter = {}) const;
    // Rows in the filter's order, starting at offset (LogQueries pages large logs faster).
    QList<LogRow> logPage(qint64 id, const LogFilter &filter, qint64 offset, int limit) const;
    // Streams every matching row in recipient order, in bounded pages; stops when fn returns false.
    bool forEachLogRow(qint64 id, const LogFilter &filter, const std::function<bool(const LogRow &)> &fn) const;

    struct ImportReject
    {
        qint64 line = 0;
        QString reason;
    };
    QList<ImportReject> importRejects(qint64 id, int limit) const;

    // The proofs sent of a delivery, one row per address, the newest proof first.
    struct ProofRecord
    {
        int number = 0;
        QString address;
        qint64 sentAtMs = 0;
        QString outcome; // "pending" (on its way, or the process ended first), "accepted", "temporary", "permanent"
        QString reply;
    };
    QList<ProofRecord> proofs(qint64 id, int limit) const;

    QString lastError() const { return m_lastError; }

private:
    QSqlDatabase m_db;
    mutable QString m_lastError;
};
