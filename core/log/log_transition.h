#pragma once

#include "log_state.h"

#include <QString>

// The mutable part of one recipient's log row.
struct LogEntry
{
    LogState state = LogState::Pending;
    FailureType failureType = FailureType::None;
    FailureReason failureReason = FailureReason::None;
    QString lastReply;
    int attempts = 0;
    qint64 nextAttemptAtMs = 0; // 0: no retry scheduled
    bool inFlight = false;      // committed before DATA, cleared by the outcome
    // The attempt in flight may have sent its final dot: committed before the dot is written,
    // cleared with inFlight. Only such an attempt can have been delivered unseen (RFC 1047).
    bool endOfData = false;
    bool validityExpired = false;
    bool possibleDuplicate = false; // an attempt may have been delivered without us seeing the 250

    bool inRetry() const { return !LogStates::isFinal(state) && failureType == FailureType::Soft; }
};

// Something that happened to a recipient. Every sender reports through these.
struct LogEvent
{
    enum class Kind {
        Excluded,            // the analysis excluded the recipient (reason set)
        AttemptStarted,      // a send attempt begins; recorded before DATA
        EndOfDataDue,        // the attempt's final dot is about to be written; recorded before it is
        HandedToMta,         // the MTA accepted responsibility
        DestinationAccepted, // the destination confirmed delivery (250 to DATA, or a success report)
        HardBounce,          // permanent failure reported
        SoftBounce,          // temporary failure reported; retry at retryAtMs unless past validityEndMs
        ValidityExpired,     // the validity period ended while not final
        Canceled,            // the delivery was stopped before the message was handed over
        Recovered,           // after a crash: an attempt was in flight; sent again, flagged if its dot may have left
        Withdrawn,           // recorded in flight but taken back before any byte was sent (pause, stop)
        ReportDelayed,       // the relay reports a delay (DSN Action: delayed): reason updated, the relay retries
    };
    Kind kind = Kind::AttemptStarted;
    FailureReason reason = FailureReason::None;
    FailureType type = FailureType::None; // for Excluded and HardBounce; None: derived
    QString reply;
    qint64 retryAtMs = 0;
    qint64 validityEndMs = 0;
    // A HardBounce read from an asynchronous report: a server that answered 250 may bounce the
    // message later, so it may turn Sent into Failed (the only way out of a final state).
    bool fromReport = false;
};

struct LogTransition
{
    bool accepted = false;
    LogEntry entry; // the new entry when accepted, the unchanged one otherwise
    QString error;  // why the event does not apply, when not accepted
};

// The one function through which every recipient state change goes (docs/product.md §3).
// Pure: it reads nothing and writes nothing; the store persists what it returns.
LogTransition applyLogEvent(const LogEntry &current, const LogEvent &event);

// The failure type the analysis gives to an exclusion reason (docs/product.md §4).
FailureType exclusionType(FailureReason reason);
