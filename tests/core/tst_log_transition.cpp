// One test per row of the transition table of docs/product.md §3, plus the rows the engine and
// the analysis add (exclusion, attempt in flight, cancel) and the refusals.
#include "log/log_transition.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TstLogTransition final : public QObject
{
    Q_OBJECT

private:
    static LogEvent event(LogEvent::Kind kind, FailureReason reason = FailureReason::None, const QString &reply = {})
    {
        LogEvent e;
        e.kind = kind;
        e.reason = reason;
        e.reply = reply;
        return e;
    }

    static LogEntry taken()
    {
        LogEntry e;
        e.state = LogState::TakenIntoAccount;
        e.attempts = 1;
        return e;
    }

private Q_SLOTS:
    void row1_handedToMta_takenIntoAccount()
    {
        LogEntry e;
        e = applyLogEvent(e, event(LogEvent::Kind::AttemptStarted)).entry;
        QVERIFY(e.inFlight);
        const LogTransition t = applyLogEvent(e, event(LogEvent::Kind::HandedToMta, {}, u"250 2.0.0 Ok: queued"_s));
        QVERIFY(t.accepted);
        QCOMPARE(t.entry.state, LogState::TakenIntoAccount);
        QVERIFY(!t.entry.inFlight);
        QCOMPARE(t.entry.attempts, 1);
        QCOMPARE(t.entry.lastReply, u"250 2.0.0 Ok: queued"_s);
    }

    void row2_destinationAccepted_sent()
    {
        const LogTransition t = applyLogEvent(taken(), event(LogEvent::Kind::DestinationAccepted, {}, u"250 ok"_s));
        QVERIFY(t.accepted);
        QCOMPARE(t.entry.state, LogState::Sent);
        QCOMPARE(t.entry.failureType, FailureType::None);
    }

    void row3_hardBounce_failed()
    {
        const LogTransition t = applyLogEvent(
            taken(), event(LogEvent::Kind::HardBounce, FailureReason::UserUnknown, u"550 5.1.1 User unknown"_s));
        QVERIFY(t.accepted);
        QCOMPARE(t.entry.state, LogState::Failed);
        QCOMPARE(t.entry.failureType, FailureType::Hard);
        QCOMPARE(t.entry.failureReason, FailureReason::UserUnknown);
        QVERIFY(!t.entry.validityExpired);
    }

    void row3_hardBounce_keepsTheQualifiedType()
    {
        LogEvent e =
            event(LogEvent::Kind::HardBounce, FailureReason::MessageTooLarge, u"552 5.3.4 Message too large"_s);
        e.type = FailureType::Ignored;
        const LogTransition t = applyLogEvent(taken(), e);
        QVERIFY(t.accepted);
        QCOMPARE(t.entry.state, LogState::Failed);
        QCOMPARE(t.entry.failureType, FailureType::Ignored);
        QCOMPARE(t.entry.failureReason, FailureReason::MessageTooLarge);
    }

    void row4_softBounce_staysTakenIntoAccount_retryScheduled()
    {
        LogEvent e = event(LogEvent::Kind::SoftBounce, FailureReason::MailboxFull, u"452 4.2.2 Mailbox full"_s);
        e.retryAtMs = 1000;
        e.validityEndMs = 5000;
        const LogTransition t = applyLogEvent(taken(), e);
        QVERIFY(t.accepted);
        QCOMPARE(t.entry.state, LogState::TakenIntoAccount);
        QCOMPARE(t.entry.failureType, FailureType::Soft);
        QCOMPARE(t.entry.failureReason, FailureReason::MailboxFull);
        QCOMPARE(t.entry.nextAttemptAtMs, 1000);
        QVERIFY(t.entry.inRetry());
    }

    void row5_retrySucceeds_sent()
    {
        LogEvent soft = event(LogEvent::Kind::SoftBounce, FailureReason::Unreachable);
        soft.retryAtMs = 1000;
        soft.validityEndMs = 5000;
        LogEntry e = applyLogEvent(taken(), soft).entry;
        e = applyLogEvent(e, event(LogEvent::Kind::AttemptStarted)).entry;
        QCOMPARE(e.attempts, 2);
        QCOMPARE(e.nextAttemptAtMs, 0);
        const LogTransition t = applyLogEvent(e, event(LogEvent::Kind::DestinationAccepted, {}, u"250 ok"_s));
        QVERIFY(t.accepted);
        QCOMPARE(t.entry.state, LogState::Sent);
        QCOMPARE(t.entry.failureReason, FailureReason::None);
        QVERIFY(!t.entry.inRetry());
    }

    void row6_validityEnd_failedReasonKept()
    {
        LogEvent soft = event(LogEvent::Kind::SoftBounce, FailureReason::MailboxFull);
        soft.retryAtMs = 1000;
        soft.validityEndMs = 5000;
        const LogEntry e = applyLogEvent(taken(), soft).entry;
        const LogTransition t = applyLogEvent(e, event(LogEvent::Kind::ValidityExpired));
        QVERIFY(t.accepted);
        QCOMPARE(t.entry.state, LogState::Failed);
        QCOMPARE(t.entry.failureType, FailureType::Soft); // not a hard bounce: no quarantine
        QCOMPARE(t.entry.failureReason, FailureReason::MailboxFull);
        QVERIFY(t.entry.validityExpired);
    }

    void softBounceWithRetryPastValidity_failsExpired()
    {
        LogEvent soft = event(LogEvent::Kind::SoftBounce, FailureReason::Refused);
        soft.retryAtMs = 6000;
        soft.validityEndMs = 5000;
        const LogTransition t = applyLogEvent(taken(), soft);
        QVERIFY(t.accepted);
        QCOMPARE(t.entry.state, LogState::Failed);
        QVERIFY(t.entry.validityExpired);
        QCOMPARE(t.entry.failureReason, FailureReason::Refused);
    }

    void excluded_ignoredWithReason()
    {
        LogEvent e = event(LogEvent::Kind::Excluded, FailureReason::Duplicate);
        const LogTransition t = applyLogEvent(LogEntry{}, e);
        QVERIFY(t.accepted);
        QCOMPARE(t.entry.state, LogState::Ignored);
        QCOMPARE(t.entry.failureType, FailureType::Ignored);
        e.reason = FailureReason::InvalidAddress;
        QCOMPARE(applyLogEvent(LogEntry{}, e).entry.failureType, FailureType::Hard);
        e.reason = FailureReason::None;
        QVERIFY(!applyLogEvent(LogEntry{}, e).accepted);
    }

    void canceled_onlyWhilePending()
    {
        QCOMPARE(applyLogEvent(LogEntry{}, event(LogEvent::Kind::Canceled)).entry.state, LogState::Canceled);
        // The MTA already holds a message taken into account: stopping lets it complete.
        QVERIFY(!applyLogEvent(taken(), event(LogEvent::Kind::Canceled)).accepted);
        LogEntry inFlight = applyLogEvent(LogEntry{}, event(LogEvent::Kind::AttemptStarted)).entry;
        QVERIFY(!applyLogEvent(inFlight, event(LogEvent::Kind::Canceled)).accepted);
    }

    void recoveredAfterCrash_pastTheEndOfData_flaggedPossibleDuplicate()
    {
        LogEntry e = applyLogEvent(taken(), event(LogEvent::Kind::AttemptStarted)).entry;
        e = applyLogEvent(e, event(LogEvent::Kind::EndOfDataDue)).entry;
        QVERIFY(e.endOfData);
        const LogTransition t = applyLogEvent(e, event(LogEvent::Kind::Recovered));
        QVERIFY(t.accepted);
        QVERIFY(!t.entry.inFlight);
        QVERIFY(!t.entry.endOfData);
        QVERIFY(t.entry.possibleDuplicate);
        QCOMPARE(t.entry.attempts, 2); // the server may hold that attempt's message
        QCOMPARE(t.entry.state, LogState::TakenIntoAccount);
        QVERIFY(!applyLogEvent(t.entry, event(LogEvent::Kind::Recovered)).accepted);
    }

    void recoveredAfterCrash_beforeTheEndOfData_notFlagged()
    {
        // Claimed, maybe connected, refused at RCPT or still in DATA: no message can have been
        // delivered, so it goes back unflagged, as if withdrawn.
        const LogEntry e = applyLogEvent(taken(), event(LogEvent::Kind::AttemptStarted)).entry;
        const LogTransition t = applyLogEvent(e, event(LogEvent::Kind::Recovered));
        QVERIFY(t.accepted);
        QVERIFY(!t.entry.inFlight);
        QVERIFY(!t.entry.possibleDuplicate);
        QCOMPARE(t.entry.attempts, 1);
        QCOMPARE(t.entry.state, LogState::TakenIntoAccount);
        // A flag an earlier attempt earned stays.
        LogEntry flagged = e;
        flagged.possibleDuplicate = true;
        QVERIFY(applyLogEvent(flagged, event(LogEvent::Kind::Recovered)).entry.possibleDuplicate);
    }

    void endOfData_onlyInFlight_clearedByTheOutcome()
    {
        QVERIFY(!applyLogEvent(taken(), event(LogEvent::Kind::EndOfDataDue)).accepted);
        LogEntry e = applyLogEvent(taken(), event(LogEvent::Kind::AttemptStarted)).entry;
        QVERIFY(!e.endOfData);
        e = applyLogEvent(e, event(LogEvent::Kind::EndOfDataDue)).entry;
        const LogEntry sent = applyLogEvent(e, event(LogEvent::Kind::DestinationAccepted)).entry;
        QVERIFY(!sent.inFlight);
        QVERIFY(!sent.endOfData);
        LogEvent soft = event(LogEvent::Kind::SoftBounce, FailureReason::MailboxFull);
        soft.retryAtMs = 1000;
        const LogEntry retry = applyLogEvent(e, soft).entry;
        QVERIFY(!retry.endOfData);
        // The next attempt starts without the mark.
        QVERIFY(!applyLogEvent(retry, event(LogEvent::Kind::AttemptStarted)).entry.endOfData);
    }

    void withdrawnBeforeSending_asIfNeverStarted()
    {
        const LogEntry e = applyLogEvent(LogEntry{}, event(LogEvent::Kind::AttemptStarted)).entry;
        const LogTransition t = applyLogEvent(e, event(LogEvent::Kind::Withdrawn));
        QVERIFY(t.accepted);
        QVERIFY(!t.entry.inFlight);
        QCOMPARE(t.entry.attempts, 0);
        QCOMPARE(t.entry.state, LogState::Pending);
        QVERIFY(!applyLogEvent(t.entry, event(LogEvent::Kind::Withdrawn)).accepted);
    }

    void attemptWhileInFlight_refused()
    {
        const LogEntry e = applyLogEvent(LogEntry{}, event(LogEvent::Kind::AttemptStarted)).entry;
        QVERIFY(!applyLogEvent(e, event(LogEvent::Kind::AttemptStarted)).accepted);
    }

    void sentRequiresTakenIntoAccount()
    {
        QVERIFY(!applyLogEvent(LogEntry{}, event(LogEvent::Kind::DestinationAccepted)).accepted);
        QVERIFY(!applyLogEvent(taken(), event(LogEvent::Kind::HandedToMta)).accepted);
    }

    void finalStatesRefuseEveryEvent_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("kind");
        for (LogState s : {LogState::Sent, LogState::Failed, LogState::Ignored, LogState::Canceled}) {
            for (int k = int(LogEvent::Kind::Excluded); k <= int(LogEvent::Kind::Withdrawn); ++k)
                QTest::addRow("%s/%d", qPrintable(LogStates::name(s)), k) << int(s) << k;
        }
    }

    void finalStatesRefuseEveryEvent()
    {
        QFETCH(int, state);
        QFETCH(int, kind);
        LogEntry e;
        e.state = LogState(state);
        LogEvent ev = event(LogEvent::Kind(kind), FailureReason::UserUnknown);
        const LogTransition t = applyLogEvent(e, ev);
        QVERIFY(!t.accepted);
        QCOMPARE(t.entry.state, LogState(state));
        QVERIFY(t.error.contains(u"already final"_s));
    }

    void namesRoundTrip()
    {
        for (LogState s : {LogState::Pending, LogState::TakenIntoAccount, LogState::Sent, LogState::Failed,
                           LogState::Ignored, LogState::Canceled})
            QCOMPARE(LogStates::fromName(LogStates::name(s)), s);
        QCOMPARE(LogStates::name(LogState::TakenIntoAccount), u"taken_into_account"_s);
        QVERIFY(!LogStates::fromName(u"delivered"_s));
    }
};

QTEST_APPLESS_MAIN(TstLogTransition)
#include "tst_log_transition.moc"
