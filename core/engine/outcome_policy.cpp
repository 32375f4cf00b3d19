#include "outcome_policy.h"

#include <algorithm>

using namespace Qt::StringLiterals;

OutcomePolicy::OutcomePolicy(const RouteConfig &route, const ReplyQualifier &qualifier, qint64 retryPeriodMs,
                             qint64 retryMaxPeriodMs)
    : m_route(route)
    , m_qualifier(qualifier)
    , m_retryPeriodMs(retryPeriodMs)
    , m_retryMaxPeriodMs(retryMaxPeriodMs)
{}

qint64 OutcomePolicy::retryDelayMs(int attempts) const
{
    qint64 delay = m_retryPeriodMs;
    for (int i = 1; i < attempts && delay < m_retryMaxPeriodMs; ++i)
        delay *= 2;
    return std::min(delay, m_retryMaxPeriodMs);
}

OutcomePolicy::Decision OutcomePolicy::decide(const SmtpOutcome &outcome, const Context &context) const
{
    // The recipient's MX answered: the direct route, or a pool's direct member.
    const bool direct = m_route.type == RouteConfig::Type::Direct || outcome.fromMx;
    Decision d;
    LogEvent e;
    e.reply = outcome.reply.toString();
    e.validityEndMs = context.validityEndMs;
    if (outcome.isAccepted()) {
        if (m_route.type == RouteConfig::Type::Direct) {
            e.kind = LogEvent::Kind::DestinationAccepted;
            d.events = {e};
            return d;
        }
        // A pool's direct member took it from pending and delivered it in one step.
        e.kind = LogEvent::Kind::HandedToMta;
        d.events = {e};
        if (m_route.acceptanceMeansSent || outcome.fromMx) {
            LogEvent sent = e;
            sent.kind = LogEvent::Kind::DestinationAccepted;
            d.events.append(sent);
        }
        return d;
    }
    // Only the recipient's own phases (RCPT, DATA, end of data) say anything about the
    // address. A refused sender, a failed AUTH, an unreachable relay or a TLS failure is the
    // sender's problem: retried, and never counted against the recipient's quarantine.
    static const QStringList recipientPhases = {u"rcpt"_s, u"data"_s, u"end-of-data"_s};
    const bool aboutRecipient = recipientPhases.contains(outcome.phase) && !outcome.reply.local;
    Qualification q = m_qualifier.qualify(outcome.reply.code, outcome.reply.enhancedCode, outcome.reply.text());
    d.rule = q.ruleIndex + 1;
    // A pool's member refusing is that member's matter, not every recipient's: it is retried,
    // and may go through another member.
    if (m_route.type == RouteConfig::Type::Relay) {
        const bool permanent = outcome.reply.code >= 500 && outcome.reply.code < 600;
        if (outcome.phase == u"auth"_s && (permanent || outcome.reply.local))
            d.deliveryFailure = u"the relay refused authentication: "_s + outcome.reply.toString();
        else if (outcome.phase == u"starttls"_s && m_route.tls == RouteConfig::Tls::Required)
            d.deliveryFailure =
                u"the relay does not meet the route's TLS policy (STARTTLS required): "_s + outcome.reply.toString();
        else if (outcome.phase == u"mail"_s && permanent && !outcome.reply.local)
            d.deliveryFailure = u"the relay refused the sender: "_s + outcome.reply.toString();
    }
    if (!aboutRecipient) {
        const bool connection = outcome.reply.local || outcome.phase == u"connect"_s ||
                                outcome.phase == u"greeting"_s || outcome.reply.code == 421;
        // Except a failed lookup of the recipient's own domain on the direct route.
        const bool domainProblem = direct && q.reason == FailureReason::InvalidDomain;
        if (!domainProblem) {
            q.type = FailureType::Soft;
            q.reason = connection ? FailureReason::Unreachable : FailureReason::Refused;
        }
    }
    FailureType type = q.type;
    // A lost connection after the final dot is never a hard bounce: the server may have it.
    if (outcome.possibleDuplicate || (outcome.kind == SmtpOutcome::Kind::TemporaryFailure && type == FailureType::Hard))
        type = FailureType::Soft;
    e.reason = q.reason;
    if (type == FailureType::Soft) {
        e.kind = LogEvent::Kind::SoftBounce;
        e.retryAtMs = context.nowMs + retryDelayMs(std::max(context.attempt, 1));
        // A last chance just before the validity end rather than none, when enough time is
        // left for it to be worth a try (a quarter of the retry period).
        if (e.retryAtMs >= context.validityEndMs && context.validityEndMs - context.nowMs > m_retryPeriodMs / 4)
            e.retryAtMs = context.validityEndMs - 1000;
    } else {
        e.kind = LogEvent::Kind::HardBounce;
        e.type = type;
    }
    d.events = {e};
    // Stopped meanwhile: a message the relay did not take is canceled, not retried.
    if (context.stopping && type == FailureType::Soft && context.stateAtDispatch == LogState::Pending) {
        LogEvent cancel;
        cancel.kind = LogEvent::Kind::Canceled;
        d.events.append(cancel);
        return d;
    }
    // The quarantine counts what the recipient's server said: on a relay route an unreachable
    // relay says nothing about the address.
    if (type != FailureType::Ignored && (aboutRecipient || (direct && q.reason != FailureReason::Refused)))
        d.quarantineReason = q.reason;
    return d;
}
