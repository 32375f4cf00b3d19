#pragma once

#include <QString>
#include <optional>

// The per-recipient log states of docs/product.md §3. The machine names are the ones used in
// sendscope-cli output and stored in the database.
enum class LogState {
    Pending,
    TakenIntoAccount,
    Sent,
    Failed,
    Ignored,
    Canceled,
};

// The failure types of docs/product.md §4.
enum class FailureType {
    None,
    Hard,
    Soft,
    Ignored,
};

// The failure and exclusion reasons of docs/product.md §4.
enum class FailureReason {
    None,
    UserUnknown,
    InvalidDomain,
    MailboxFull,
    InactiveMailbox,
    Refused,
    Unreachable,
    MessageTooLarge,
    AddressNotSpecified,
    InvalidAddress,
    Quarantined,
    Denylisted,
    Duplicate,
    TargetLimited,
    NotDefined,
    Complaint,    // a feedback-loop complaint (RFC 5965): the address is denylisted
    Unsubscribed, // an unsubscribe request by mail: the address is denylisted
};

// The delivery (job) states of docs/product.md §2.
enum class DeliveryState {
    BeingEdited,
    Analyzed,
    AnalysisFailed,
    Pending,
    InProgress,
    Paused,
    Stopped,
    Finished,
    Failed,
};

namespace LogStates {
QString name(LogState s);
std::optional<LogState> fromName(const QString &name);
bool isFinal(LogState s);

QString name(FailureType t);
std::optional<FailureType> failureTypeFromName(const QString &name);

QString name(FailureReason r);
std::optional<FailureReason> failureReasonFromName(const QString &name);

QString name(DeliveryState s);
std::optional<DeliveryState> deliveryStateFromName(const QString &name);
} // namespace LogStates
