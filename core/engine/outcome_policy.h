#pragma once

#include "feedback/reply_qualifier.h"
#include "log/log_transition.h"
#include "routing/route_config.h"
#include "smtp/smtp_outcome.h"

#include <QList>

// What an SMTP outcome means for the recipient's log (docs/product.md §3 and §4): the events to
// apply and the reason, if any, that counts against the address's quarantine. Pure: the run
// passes in everything it knows, so the rules can be read in one place.
class OutcomePolicy final
{
public:
    struct Context
    {
        LogState stateAtDispatch = LogState::Pending;
        int attempt = 1; // 1 for the first attempt
        qint64 nowMs = 0;
        qint64 validityEndMs = 0;
        bool stopping = false;
    };

    struct Decision
    {
        QList<LogEvent> events;
        FailureReason quarantineReason = FailureReason::None;
        int rule = 0; // the 1-based reply rule that qualified a failure; 0: the fallback or none
        // Set when the failure concerns every recipient of the delivery, not this one (the relay
        // refused the credentials or the sender, or the TLS the route requires): the delivery
        // fails with this cause (docs/product.md §2) instead of retrying everyone forever.
        QString deliveryFailure;
    };

    OutcomePolicy(const RouteConfig &route, const ReplyQualifier &qualifier, qint64 retryPeriodMs,
                  qint64 retryMaxPeriodMs);

    Decision decide(const SmtpOutcome &outcome, const Context &context) const;

    // The retry period, doubling with each attempt, up to the maximum (docs/product.md §6).
    qint64 retryDelayMs(int attempts) const;

private:
    RouteConfig m_route;
    ReplyQualifier m_qualifier;
    qint64 m_retryPeriodMs;
    qint64 m_retryMaxPeriodMs;
};
