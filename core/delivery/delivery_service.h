#pragma once

#include "analysis/analysis_report.h"
#include "common/clock.h"
#include "log/log_transition.h"
#include "recipients/recipient_importer.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

class Store;

// The write side of the core's public API: creates deliveries from definitions, imports their
// recipients, runs the analysis and applies recipient log events. It works on the Store it is
// given, on the thread that owns that Store (the single writer).
class DeliveryService final
{
public:
    explicit DeliveryService(Store &store, const Clock &clock = Clock::system());

    struct ImportResult
    {
        bool ok = false;
        qint64 deliveryId = 0;
        QStringList errors; // definition field errors or a fatal CSV error; nothing was stored
        RecipientImporter::Result recipients;
        bool badInput = false; // the errors are the user's input (exit 2), not a runtime failure
    };

    // Reads a definition file, creates the delivery and imports its CSV, all in one transaction.
    ImportResult importDefinition(const QString &definitionPath, const RecipientImporter::Progress &progress = {});

    struct AnalyzeResult
    {
        bool ok = false; // the analysis ran (its report may still block)
        QString error;
        AnalysisReport report;
    };

    // Runs the analysis (docs/product.md §5), stores its report, creates the log rows (pending or
    // ignored with the exclusion reason) and moves the delivery to Analyzed / Analysis failed.
    AnalyzeResult analyze(qint64 deliveryId);

    struct EventResult
    {
        qint64 recipientId = 0;
        LogTransition transition;
    };

    // Applies events to recipients through applyLogEvent, in one transaction. Rejected events
    // change nothing and are returned with their reason.
    QList<EventResult> applyEvents(const QList<QPair<qint64, LogEvent>> &events, bool *ok = nullptr);

    // Sets the delivery's state (pause, stop from outside the engine).
    bool setState(qint64 deliveryId, DeliveryState state);
    // Cancels every pending recipient that is not in flight (a stop).
    bool cancelPending(qint64 deliveryId);

    QString lastError() const { return m_lastError; }

private:
    Store &m_store;
    const Clock &m_clock;
    QString m_lastError;
};
