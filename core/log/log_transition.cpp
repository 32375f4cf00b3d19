#include "log_transition.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

LogTransition reject(const LogEntry &current, const QString &why)
{
    return LogTransition{false, current, why};
}

LogTransition accept(const LogEntry &next)
{
    return LogTransition{true, next, {}};
}

QString eventName(LogEvent::Kind k)
{
    switch (k) {
    case LogEvent::Kind::Excluded:
        return u"excluded"_s;
    case LogEvent::Kind::AttemptStarted:
        return u"attempt started"_s;
    case LogEvent::Kind::EndOfDataDue:
        return u"end of data due"_s;
    case LogEvent::Kind::HandedToMta:
        return u"handed to the MTA"_s;
    case LogEvent::Kind::DestinationAccepted:
        return u"destination accepted"_s;
    case LogEvent::Kind::HardBounce:
        return u"hard bounce"_s;
    case LogEvent::Kind::SoftBounce:
        return u"soft bounce"_s;
    case LogEvent::Kind::ValidityExpired:
        return u"validity expired"_s;
    case LogEvent::Kind::Canceled:
        return u"canceled"_s;
    case LogEvent::Kind::Recovered:
        return u"recovered"_s;
    case LogEvent::Kind::Withdrawn:
        return u"withdrawn"_s;
    case LogEvent::Kind::ReportDelayed:
        return u"delay report"_s;
    }
    return {};
}

} // namespace

FailureType exclusionType(FailureReason reason)
{
    switch (reason) {
    case FailureReason::Duplicate:
    case FailureReason::TargetLimited:
        return FailureType::Ignored;
    default:
        return FailureType::Hard;
    }
}

LogTransition applyLogEvent(const LogEntry &current, const LogEvent &event)
{
    const bool lateBounce =
        event.kind == LogEvent::Kind::HardBounce && event.fromReport && current.state == LogState::Sent;
    if (LogStates::isFinal(current.state) && !lateBounce) {
        return reject(current, u"the recipient is already final (%1); %2 does not apply"_s.arg(
                                   LogStates::name(current.state), eventName(event.kind)));
    }
    const bool pending = current.state == LogState::Pending;
    LogEntry next = current;

    switch (event.kind) {
    case LogEvent::Kind::Excluded:
        if (!pending || current.attempts > 0)
            return reject(current, u"only a pending recipient that was never tried can be excluded"_s);
        if (event.reason == FailureReason::None)
            return reject(current, u"an exclusion needs a reason"_s);
        next.state = LogState::Ignored;
        next.failureReason = event.reason;
        next.failureType = event.type == FailureType::None ? exclusionType(event.reason) : event.type;
        next.lastReply = event.reply;
        return accept(next);

    case LogEvent::Kind::AttemptStarted:
        if (current.inFlight)
            return reject(current, u"an attempt is already in flight"_s);
        next.inFlight = true;
        next.endOfData = false;
        next.attempts += 1;
        next.nextAttemptAtMs = 0;
        return accept(next);

    case LogEvent::Kind::EndOfDataDue:
        // docs/reliability.md C1/C2: committed before the final dot is written, so a crash
        // before it leaves a row that cannot have been delivered, and one after it a flagged one.
        if (!current.inFlight)
            return reject(current, u"no attempt is in flight"_s);
        next.endOfData = true;
        return accept(next);

    case LogEvent::Kind::HandedToMta:
        // Row 1: message handed to the MTA -> Taken into account; Success % unchanged.
        if (!pending)
            return reject(current, u"only a pending recipient can be handed to the MTA"_s);
        next.state = LogState::TakenIntoAccount;
        next.inFlight = false;
        next.endOfData = false;
        if (!event.reply.isEmpty())
            next.lastReply = event.reply;
        return accept(next);

    case LogEvent::Kind::DestinationAccepted:
        // Rows 2 and 5: destination accepted (first try or a retry) -> Sent; Success % rises.
        if (current.state != LogState::TakenIntoAccount)
            return reject(current, u"a message must be taken into account before it can be sent"_s);
        next.state = LogState::Sent;
        next.inFlight = false;
        next.endOfData = false;
        next.failureType = FailureType::None;
        next.failureReason = FailureReason::None;
        next.nextAttemptAtMs = 0;
        if (!event.reply.isEmpty())
            next.lastReply = event.reply;
        return accept(next);

    case LogEvent::Kind::HardBounce:
        // Row 3: hard bounce -> Failed. The qualifier may type a permanent failure other than
        // Hard (e.g. Ignored for "message too large"); its type wins when it gives one.
        next.state = LogState::Failed;
        next.inFlight = false;
        next.endOfData = false;
        next.failureType = event.type == FailureType::None ? FailureType::Hard : event.type;
        next.failureReason = event.reason == FailureReason::None ? FailureReason::NotDefined : event.reason;
        next.nextAttemptAtMs = 0;
        next.lastReply = event.reply;
        return accept(next);

    case LogEvent::Kind::SoftBounce:
        // Row 4: soft bounce -> the state stays; only the reason is updated and a retry is
        // scheduled. A retry that would fall after the validity end is row 6 instead.
        next.inFlight = false;
        next.endOfData = false;
        next.failureType = FailureType::Soft;
        next.failureReason = event.reason == FailureReason::None ? FailureReason::NotDefined : event.reason;
        next.lastReply = event.reply;
        if (event.validityEndMs > 0 && event.retryAtMs >= event.validityEndMs) {
            next.state = LogState::Failed;
            next.validityExpired = true;
            next.nextAttemptAtMs = 0;
            return accept(next);
        }
        next.nextAttemptAtMs = event.retryAtMs;
        return accept(next);

    case LogEvent::Kind::ValidityExpired:
        // Row 6: validity end while still failing softly -> Failed, reason kept, no quarantine.
        next.state = LogState::Failed;
        next.inFlight = false;
        next.endOfData = false;
        next.validityExpired = true;
        next.nextAttemptAtMs = 0;
        return accept(next);

    case LogEvent::Kind::Canceled:
        if (!pending)
            return reject(current, u"only a pending recipient can be canceled; the MTA already holds this one"_s);
        if (current.inFlight)
            return reject(current, u"an attempt is in flight; its outcome decides"_s);
        next.state = LogState::Canceled;
        next.nextAttemptAtMs = 0;
        return accept(next);

    case LogEvent::Kind::Recovered:
        // RFC 1047: when its final dot may have gone out, the message may have been delivered
        // before the crash. It is sent again with the same Message-ID, and the log says it may
        // be a duplicate. An attempt that never got that far delivered nothing: it is taken
        // back like a withdrawn one, unflagged.
        if (!current.inFlight)
            return reject(current, u"only an attempt left in flight can be recovered"_s);
        next.inFlight = false;
        next.endOfData = false;
        next.nextAttemptAtMs = 0;
        if (current.endOfData)
            next.possibleDuplicate = true;
        else
            next.attempts = std::max(0, current.attempts - 1);
        return accept(next);

    case LogEvent::Kind::ReportDelayed:
        // Row 4 for a relay: its report says it is still trying. The state stays Taken into
        // account and only the reason changes; the relay retries, so nothing is scheduled here.
        if (current.state != LogState::TakenIntoAccount)
            return reject(current, u"only a message taken into account can be reported delayed"_s);
        next.failureType = FailureType::Soft;
        next.failureReason = event.reason == FailureReason::None ? FailureReason::NotDefined : event.reason;
        next.nextAttemptAtMs = 0;
        if (!event.reply.isEmpty())
            next.lastReply = event.reply;
        return accept(next);

    case LogEvent::Kind::Withdrawn:
        // Nothing reached the server: as if the attempt had never started.
        if (!current.inFlight)
            return reject(current, u"only an attempt in flight can be withdrawn"_s);
        next.inFlight = false;
        next.endOfData = false;
        next.attempts = std::max(0, current.attempts - 1);
        return accept(next);
    }
    return reject(current, u"unknown event"_s);
}
