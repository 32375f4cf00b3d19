#pragma once

#include "log_state.h"

#include <QString>

// Why a recipient that is not final yet is still waiting (docs/product.md §7, "why is it waiting"):
// derived from its log row and its delivery, never stored.
enum class LogWait {
    None,             // final: nothing to wait for
    InFlight,         // an attempt is on the wire
    AwaitingReport,   // handed to the MTA; the destination's report has not come
    NotConfirmed,     // the delivery has not been confirmed for sending
    ScheduledStart,   // the delivery starts later
    Paused,           // the delivery is paused
    Stopped,          // the delivery was stopped or failed
    RetryScheduled,   // a temporary failure; the next attempt is at next_attempt_at
    ConnectionLimits, // queued: waiting for a free connection / the domain's rate limits
    ValidityExpired,  // the validity period ended before a final answer
};

struct LogWaitInput
{
    LogState state = LogState::Pending;
    FailureType failureType = FailureType::None;
    bool inFlight = false;
    bool validityExpired = false;
    qint64 nextAttemptAtMs = 0;
    DeliveryState deliveryState = DeliveryState::BeingEdited;
    qint64 deliveryStartAtMs = 0;
};

namespace LogWaits {
LogWait of(const LogWaitInput &in, qint64 nowMs);
QString name(LogWait w); // machine name, as exports show it
} // namespace LogWaits
