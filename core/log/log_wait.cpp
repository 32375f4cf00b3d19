#include "log_wait.h"

using namespace Qt::StringLiterals;

namespace LogWaits {

LogWait of(const LogWaitInput &in, qint64 nowMs)
{
    if (LogStates::isFinal(in.state))
        return LogWait::None;
    if (in.inFlight)
        return LogWait::InFlight;
    if (in.validityExpired)
        return LogWait::ValidityExpired;
    const bool retrying = in.failureType == FailureType::Soft;
    if (in.state == LogState::TakenIntoAccount && !retrying)
        return LogWait::AwaitingReport;
    switch (in.deliveryState) {
    case DeliveryState::BeingEdited:
    case DeliveryState::Analyzed:
    case DeliveryState::AnalysisFailed:
        return LogWait::NotConfirmed;
    case DeliveryState::Paused:
        return LogWait::Paused;
    case DeliveryState::Stopped:
    case DeliveryState::Failed:
    case DeliveryState::Finished:
        return LogWait::Stopped;
    case DeliveryState::Pending:
        if (in.deliveryStartAtMs > nowMs)
            return LogWait::ScheduledStart;
        break;
    case DeliveryState::InProgress:
        break;
    }
    if (retrying && in.nextAttemptAtMs > nowMs)
        return LogWait::RetryScheduled;
    return LogWait::ConnectionLimits;
}

QString name(LogWait w)
{
    switch (w) {
    case LogWait::None:
        return {};
    case LogWait::InFlight:
        return u"in_flight"_s;
    case LogWait::AwaitingReport:
        return u"awaiting_report"_s;
    case LogWait::NotConfirmed:
        return u"not_confirmed"_s;
    case LogWait::ScheduledStart:
        return u"scheduled_start"_s;
    case LogWait::Paused:
        return u"paused"_s;
    case LogWait::Stopped:
        return u"stopped"_s;
    case LogWait::RetryScheduled:
        return u"retry_scheduled"_s;
    case LogWait::ConnectionLimits:
        return u"connection_limits"_s;
    case LogWait::ValidityExpired:
        return u"validity_expired"_s;
    }
    return {};
}

} // namespace LogWaits
