#pragma once

#include "analysis_report.h"
#include "delivery/delivery_definition.h"

#include <QSqlDatabase>
#include <QStringList>

// Runs the analysis of docs/product.md §5 on one delivery: exclusions, control rules, DKIM checks
// and the pre-flight plan. It writes the delivery's log rows (pending, or ignored with the
// exclusion reason, each through applyLogEvent) inside the caller's transaction, and never sends.
class Analyzer final
{
public:
    Analyzer(QSqlDatabase db, qint64 deliveryId, const DeliveryDefinition &definition, const QStringList &fields,
             const QString &messageToken, qint64 nowMs);

    // False on a database failure (error()); the report then is incomplete and must be discarded.
    bool run(AnalysisReport *report);
    QString error() const { return m_error; }

    // Rows listed by name in an error before the rest are only counted.
    static constexpr int RowsListed = 5;
    static constexpr qint64 MaxMessageBytes = 100 * 1024;
    static constexpr int MaxProofs = 100;
    static constexpr int SubjectWarnLength = 78;

private:
    void checkDefinition(AnalysisReport *report);
    void checkDkim(AnalysisReport *report);
    void checkMessage(AnalysisReport *report);
    bool processRecipients(AnalysisReport *report);
    bool assignWaves(AnalysisReport *report);
    void checkWaves(AnalysisReport *report);

    QSqlDatabase m_db;
    qint64 m_deliveryId;
    DeliveryDefinition m_def;
    QStringList m_fields;
    QString m_messageToken;
    qint64 m_nowMs;
    QString m_error;
};
