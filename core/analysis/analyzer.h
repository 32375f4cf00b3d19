#pragma once

#include "analysis_report.h"
#include "delivery/delivery_definition.h"
#include "log/log_state.h"

#include <QHash>
#include <QSqlDatabase>
#include <QStringList>

class QSqlQuery;

// Runs the analysis of docs/product.md §5 on one delivery: exclusions, control rules, DKIM checks
// and the pre-flight plan. It writes the delivery's log rows (pending, or ignored with the
// exclusion reason, each through applyLogEvent) inside the caller's transaction, and never sends.
class Analyzer final
{
public:
    Analyzer(QSqlDatabase db, qint64 deliveryId, const DeliveryDefinition &definition, const QStringList &fields,
             const QString &messageToken, qint64 nowMs);

    // What the analysis asks of the DNS (the largest domains' MX hosts on the direct route, the
    // sender's SPF, DMARC and DKIM records), asked before the caller's write transaction begins:
    // the lookups take seconds, and the engine must not wait on the database meanwhile.
    struct DnsAnswers
    {
        QHash<QString, QString> mxHosts; // domain -> its best MX host
        QStringList mxAsked;             // the domains asked, largest first
        QList<AnalysisReport::Line> senderLines;
    };
    static DnsAnswers lookUpDns(QSqlDatabase db, qint64 deliveryId, const DeliveryDefinition &definition);
    void setDnsAnswers(DnsAnswers answers) { m_dns = std::move(answers); }

    // False on a database failure (error()); the report then is incomplete and must be discarded.
    bool run(AnalysisReport *report);
    QString error() const { return m_error; }

    // Rows listed by name in an error before the rest are only counted.
    static constexpr int RowsListed = 5;
    static constexpr qint64 MaxMessageBytes = 100 * 1024;
    static constexpr int MaxProofs = 100;
    static constexpr int SubjectWarnLength = 78;

private:
    struct FieldUse;       // what the templates take from each recipient's fields (analyzer.cpp)
    struct RecipientTally; // what processRecipients() adds up over the rows

    void checkDefinition(AnalysisReport *report);
    void checkDkim(AnalysisReport *report);
    void checkMessage(AnalysisReport *report);
    bool processRecipients(AnalysisReport *report);
    FieldUse checkPersonalization(AnalysisReport *report) const;
    bool selectRecipients(QSqlQuery &rows);
    FailureReason exclusionReason(const QSqlQuery &rows, const QString &addressError,
                                  const AnalysisReport &report) const;
    static void measureMessage(const QSqlQuery &rows, qint64 line, const FieldUse &use, RecipientTally *tally);
    void reportRecipients(const RecipientTally &tally, AnalysisReport *report) const;
    bool assignWaves(AnalysisReport *report);
    void checkWaves(AnalysisReport *report);
    void planDelivery(AnalysisReport *report);
    void planWarmup(AnalysisReport *report, const WarmupSchedule &warmup, qint64 startMs, qint64 validityEndMs);

    QSqlDatabase m_db;
    qint64 m_deliveryId;
    DeliveryDefinition m_def;
    QStringList m_fields;
    QString m_messageToken;
    qint64 m_nowMs;
    QString m_error;
    DnsAnswers m_dns;
};
