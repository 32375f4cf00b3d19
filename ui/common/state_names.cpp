#include "state_names.h"

QString StateNames::logState(LogState state)
{
    switch (state) {
    case LogState::Pending:
        return tr("Pending", "recipient log state");
    case LogState::TakenIntoAccount:
        return tr("Taken into account by the service provider", "recipient log state");
    case LogState::Sent:
        return tr("Sent", "recipient log state");
    case LogState::Failed:
        return tr("Failed", "recipient log state");
    case LogState::Ignored:
        return tr("Ignored", "recipient log state");
    case LogState::Canceled:
        return tr("Canceled", "recipient log state");
    }
    return {};
}

QString StateNames::deliveryState(DeliveryState state)
{
    switch (state) {
    case DeliveryState::BeingEdited:
        return tr("Being edited", "delivery state");
    case DeliveryState::Analyzed:
        return tr("Analyzed", "delivery state");
    case DeliveryState::AnalysisFailed:
        return tr("Analysis failed", "delivery state");
    case DeliveryState::Pending:
        return tr("Pending", "delivery state");
    case DeliveryState::InProgress:
        return tr("In progress", "delivery state");
    case DeliveryState::Paused:
        return tr("Paused", "delivery state");
    case DeliveryState::Stopped:
        return tr("Stopped", "delivery state");
    case DeliveryState::Finished:
        return tr("Finished", "delivery state");
    case DeliveryState::Failed:
        return tr("Failed", "delivery state");
    }
    return {};
}

QString StateNames::failureType(FailureType type)
{
    switch (type) {
    case FailureType::None:
        return {};
    case FailureType::Hard:
        return tr("Hard", "failure type");
    case FailureType::Soft:
        return tr("Soft", "failure type");
    case FailureType::Ignored:
        return tr("Ignored", "failure type");
    }
    return {};
}

QString StateNames::failureReason(FailureReason reason)
{
    switch (reason) {
    case FailureReason::None:
        return {};
    case FailureReason::UserUnknown:
        return tr("User unknown");
    case FailureReason::InvalidDomain:
        return tr("Invalid domain");
    case FailureReason::MailboxFull:
        return tr("Mailbox full");
    case FailureReason::InactiveMailbox:
        return tr("Inactive mailbox");
    case FailureReason::Refused:
        return tr("Refused");
    case FailureReason::Unreachable:
        return tr("Unreachable");
    case FailureReason::MessageTooLarge:
        return tr("Message too large");
    case FailureReason::AddressNotSpecified:
        return tr("Address not specified");
    case FailureReason::InvalidAddress:
        return tr("Invalid address");
    case FailureReason::Quarantined:
        return tr("Quarantined address");
    case FailureReason::Denylisted:
        return tr("Denylisted address");
    case FailureReason::Duplicate:
        return tr("Duplicate");
    case FailureReason::TargetLimited:
        return tr("Target limited in size");
    case FailureReason::NotDefined:
        return tr("Not defined");
    case FailureReason::Complaint:
        return tr("Complaint");
    case FailureReason::Unsubscribed:
        return tr("Unsubscribed");
    }
    return {};
}

QString StateNames::failureReason(const QString &machineName)
{
    const auto reason = LogStates::failureReasonFromName(machineName);
    return reason ? failureReason(*reason) : machineName;
}

QString StateNames::level(AnalysisReport::Level level)
{
    switch (level) {
    case AnalysisReport::Level::Info:
        return tr("Info", "analysis level");
    case AnalysisReport::Level::Warning:
        return tr("Warning", "analysis level");
    case AnalysisReport::Level::Error:
        return tr("Error", "analysis level");
    }
    return {};
}
