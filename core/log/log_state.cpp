#include "log_state.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

template <typename Enum, std::size_t N>
QString lookupName(const std::array<std::pair<Enum, const char16_t *>, N> &table, Enum value)
{
    for (const auto &[e, n] : table) {
        if (e == value)
            return QString::fromUtf16(n);
    }
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> lookupValue(const std::array<std::pair<Enum, const char16_t *>, N> &table, const QString &name)
{
    for (const auto &[e, n] : table) {
        if (name == QStringView(n))
            return e;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<LogState, const char16_t *>, 6> logStateNames{{
    {LogState::Pending, u"pending"},
    {LogState::TakenIntoAccount, u"taken_into_account"},
    {LogState::Sent, u"sent"},
    {LogState::Failed, u"failed"},
    {LogState::Ignored, u"ignored"},
    {LogState::Canceled, u"canceled"},
}};

constexpr std::array<std::pair<FailureType, const char16_t *>, 4> failureTypeNames{{
    {FailureType::None, u""},
    {FailureType::Hard, u"hard"},
    {FailureType::Soft, u"soft"},
    {FailureType::Ignored, u"ignored"},
}};

constexpr std::array<std::pair<FailureReason, const char16_t *>, 17> failureReasonNames{{
    {FailureReason::None, u""},
    {FailureReason::UserUnknown, u"user_unknown"},
    {FailureReason::InvalidDomain, u"invalid_domain"},
    {FailureReason::MailboxFull, u"mailbox_full"},
    {FailureReason::InactiveMailbox, u"inactive_mailbox"},
    {FailureReason::Refused, u"refused"},
    {FailureReason::Unreachable, u"unreachable"},
    {FailureReason::MessageTooLarge, u"message_too_large"},
    {FailureReason::AddressNotSpecified, u"address_not_specified"},
    {FailureReason::InvalidAddress, u"invalid_address"},
    {FailureReason::Quarantined, u"quarantined"},
    {FailureReason::Denylisted, u"denylisted"},
    {FailureReason::Duplicate, u"duplicate"},
    {FailureReason::TargetLimited, u"target_limited"},
    {FailureReason::NotDefined, u"not_defined"},
    {FailureReason::Complaint, u"complaint"},
    {FailureReason::Unsubscribed, u"unsubscribed"},
}};

constexpr std::array<std::pair<DeliveryState, const char16_t *>, 9> deliveryStateNames{{
    {DeliveryState::BeingEdited, u"being_edited"},
    {DeliveryState::Analyzed, u"analyzed"},
    {DeliveryState::AnalysisFailed, u"analysis_failed"},
    {DeliveryState::Pending, u"pending"},
    {DeliveryState::InProgress, u"in_progress"},
    {DeliveryState::Paused, u"paused"},
    {DeliveryState::Stopped, u"stopped"},
    {DeliveryState::Finished, u"finished"},
    {DeliveryState::Failed, u"failed"},
}};

} // namespace

namespace LogStates {

QString name(LogState s)
{
    return lookupName(logStateNames, s);
}

std::optional<LogState> fromName(const QString &name)
{
    return lookupValue(logStateNames, name);
}

bool isFinal(LogState s)
{
    return s == LogState::Sent || s == LogState::Failed || s == LogState::Ignored || s == LogState::Canceled;
}

QString name(FailureType t)
{
    return lookupName(failureTypeNames, t);
}

std::optional<FailureType> failureTypeFromName(const QString &name)
{
    return lookupValue(failureTypeNames, name);
}

QString name(FailureReason r)
{
    return lookupName(failureReasonNames, r);
}

std::optional<FailureReason> failureReasonFromName(const QString &name)
{
    return lookupValue(failureReasonNames, name);
}

QString name(DeliveryState s)
{
    return lookupName(deliveryStateNames, s);
}

std::optional<DeliveryState> deliveryStateFromName(const QString &name)
{
    return lookupValue(deliveryStateNames, name);
}

} // namespace LogStates
