#pragma once

#include "analysis/analysis_report.h"
#include "delivery/delivery_queries.h"
#include "log/delivery_kpis.h"

#include <QList>
#include <QMetaType>

// What the analysis view shows for one delivery, read in one go on the database thread and
// handed to the GUI thread as a plain value.
struct DeliveryDetails
{
    qint64 id = 0;
    DeliveryKpis kpis;
    bool analyzed = false; // false: report is empty, the delivery was never analyzed
    AnalysisReport report;
    QList<DeliveryQueries::ImportReject> importRejects; // the first CSV rows rejected at import
    bool moreImportRejects = false;                     // more rejects exist than the list holds
    QList<DeliveryQueries::ProofRecord> proofs;         // the proofs sent, newest first (200 rows at most)
};

Q_DECLARE_METATYPE(DeliveryDetails)
