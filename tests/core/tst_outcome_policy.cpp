// What an SMTP outcome means for the log and the quarantine: only the recipient's own phases
// speak about the address; retries double up to the maximum and never pass the validity end.
#include "engine/outcome_policy.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TstOutcomePolicy final : public QObject
{
    Q_OBJECT

    static constexpr qint64 Minute = 60'000;

    static RouteConfig route(RouteConfig::Type type, bool acceptanceMeansSent = false)
    {
        RouteConfig r;
        r.type = type;
        r.acceptanceMeansSent = acceptanceMeansSent;
        return r;
    }

    static OutcomePolicy policy(RouteConfig::Type type, bool acceptanceMeansSent = false)
    {
        return OutcomePolicy(route(type, acceptanceMeansSent), ReplyQualifier(), 15 * Minute, 60 * Minute);
    }

    static SmtpOutcome failure(int code, const QString &enhanced, const QString &text, const QString &phase,
                               bool local = false)
    {
        SmtpOutcome o;
        o.kind = code >= 500 ? SmtpOutcome::Kind::PermanentFailure : SmtpOutcome::Kind::TemporaryFailure;
        o.reply = local ? SmtpReply::makeLocal(code, enhanced, text) : SmtpReply{code, enhanced, {text}, false};
        o.phase = phase;
        return o;
    }

    static OutcomePolicy::Context context(int attempt = 1, bool stopping = false)
    {
        return {LogState::Pending, attempt, 1000 * Minute, 2000 * Minute, stopping};
    }

private Q_SLOTS:
    void acceptedRelayAndDirect()
    {
        SmtpOutcome ok;
        ok.kind = SmtpOutcome::Kind::Accepted;
        ok.reply = SmtpReply{250, u"2.0.0"_s, {u"Ok"_s}, false};
        auto d = policy(RouteConfig::Type::Relay).decide(ok, context());
        QCOMPARE(d.events.size(), 1);
        QCOMPARE(d.events[0].kind, LogEvent::Kind::HandedToMta);
        d = policy(RouteConfig::Type::Relay, true).decide(ok, context());
        QCOMPARE(d.events.size(), 2);
        QCOMPARE(d.events[1].kind, LogEvent::Kind::DestinationAccepted);
        d = policy(RouteConfig::Type::Direct).decide(ok, context());
        QCOMPARE(d.events[0].kind, LogEvent::Kind::DestinationAccepted);
    }

    void unknownUserAtRcptIsHardAndQuarantined()
    {
        const auto d =
            policy(RouteConfig::Type::Relay).decide(failure(550, u"5.1.1"_s, u"User unknown"_s, u"rcpt"_s), context());
        QCOMPARE(d.events[0].kind, LogEvent::Kind::HardBounce);
        QCOMPARE(d.events[0].reason, FailureReason::UserUnknown);
        QCOMPARE(d.quarantineReason, FailureReason::UserUnknown);
    }

    void senderRefusalIsNotTheRecipients()
    {
        const auto d =
            policy(RouteConfig::Type::Relay)
                .decide(failure(550, u"5.1.0"_s, u"Sender address rejected: User unknown"_s, u"mail"_s), context());
        QCOMPARE(d.events[0].kind, LogEvent::Kind::SoftBounce);
        QCOMPARE(d.events[0].reason, FailureReason::Refused);
        QCOMPARE(d.quarantineReason, FailureReason::None);
    }

    void unreachableCountsOnlyOnTheDirectRoute()
    {
        const SmtpOutcome refused = failure(451, u"4.4.1"_s, u"connection refused"_s, u"connect"_s, true);
        auto d = policy(RouteConfig::Type::Relay).decide(refused, context());
        QCOMPARE(d.events[0].reason, FailureReason::Unreachable);
        QCOMPARE(d.quarantineReason, FailureReason::None);
        d = policy(RouteConfig::Type::Direct).decide(refused, context());
        QCOMPARE(d.quarantineReason, FailureReason::Unreachable);
    }

    void messageTooLargeIsIgnoredType()
    {
        const auto d =
            policy(RouteConfig::Type::Relay)
                .decide(failure(552, u"5.3.4"_s, u"Message size exceeds fixed limit"_s, u"end-of-data"_s), context());
        QCOMPARE(d.events[0].kind, LogEvent::Kind::HardBounce);
        QCOMPARE(d.events[0].type, FailureType::Ignored);
        QCOMPARE(d.quarantineReason, FailureReason::None);
    }

    void possibleDuplicateIsNeverHard()
    {
        SmtpOutcome o = failure(554, u"5.0.0"_s, u"garbled"_s, u"end-of-data"_s);
        o.possibleDuplicate = true;
        QCOMPARE(policy(RouteConfig::Type::Relay).decide(o, context()).events[0].kind, LogEvent::Kind::SoftBounce);
    }

    void retriesDoubleUpToTheMaximum()
    {
        const OutcomePolicy p = policy(RouteConfig::Type::Relay);
        QCOMPARE(p.retryDelayMs(1), 15 * Minute);
        QCOMPARE(p.retryDelayMs(2), 30 * Minute);
        QCOMPARE(p.retryDelayMs(3), 60 * Minute);
        QCOMPARE(p.retryDelayMs(9), 60 * Minute);
        const auto d = p.decide(failure(452, u"4.2.2"_s, u"Mailbox full"_s, u"rcpt"_s), context(2));
        QCOMPARE(d.events[0].retryAtMs, 1000 * Minute + 30 * Minute);
        QCOMPARE(d.events[0].validityEndMs, 2000 * Minute);
    }

    void lastChanceBeforeTheValidityEnd()
    {
        const OutcomePolicy p = policy(RouteConfig::Type::Relay);
        OutcomePolicy::Context c = context(3);
        c.validityEndMs = c.nowMs + 20 * Minute; // the 60-minute retry would pass it
        auto d = p.decide(failure(452, u"4.2.2"_s, u"Mailbox full"_s, u"rcpt"_s), c);
        QCOMPARE(d.events[0].retryAtMs, c.validityEndMs - 1000);
        c.validityEndMs = c.nowMs + 2 * Minute; // too little left: the transition fails it as expired
        d = p.decide(failure(452, u"4.2.2"_s, u"Mailbox full"_s, u"rcpt"_s), c);
        QVERIFY(d.events[0].retryAtMs >= c.validityEndMs);
    }

    void stoppingCancelsWhatTheRelayDidNotTake()
    {
        const auto d = policy(RouteConfig::Type::Relay)
                           .decide(failure(452, u"4.2.2"_s, u"Mailbox full"_s, u"rcpt"_s), context(1, true));
        QCOMPARE(d.events.size(), 2);
        QCOMPARE(d.events[1].kind, LogEvent::Kind::Canceled);
    }
};

QTEST_APPLESS_MAIN(TstOutcomePolicy)
#include "tst_outcome_policy.moc"
