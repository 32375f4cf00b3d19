#pragma once

#include "analysis/analysis_report.h"
#include "log/log_state.h"

#include <QCoreApplication>
#include <QString>

// The user-visible (translated) names of the core's states, failure types and reasons. The
// core only knows machine names; turning them into words for people is the UI's job, and it is
// done at display time so a language change shows at the next repaint.
class StateNames final
{
    Q_DECLARE_TR_FUNCTIONS(StateNames)

public:
    static QString logState(LogState state);
    static QString deliveryState(DeliveryState state);
    static QString failureType(FailureType type);
    static QString failureReason(FailureReason reason);
    // For keys the core stores as machine names (the report's exclusions); unknown names are
    // shown as they are rather than hidden.
    static QString failureReason(const QString &machineName);
    static QString level(AnalysisReport::Level level);
};
