#pragma once

#include "common/clock.h"
#include "feedback_applier.h"
#include "mailbox_config.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

class BounceClassifier;
class ImapClient;
class Store;

// What one intake pass did: messages read, applied, already known, and where it stopped.
struct FeedbackIntakeReport
{
    int read = 0;       // messages read (fetched or files)
    int applied = 0;    // newly recorded
    int duplicates = 0; // seen before (same bytes): nothing changed
    int matched = 0;    // recipient reports correlated
    int unmatched = 0;  // kept in the Unmatched list
    int changed = 0;    // log rows changed
    int closed = 0;     // deliveries that finished because of them
    int passes = 0;     // passes over the mailbox (more than one when IDLE announced new mail)
    bool idled = false; // the wait after the pass was spent in IDLE (the server offers it)
    // The last pass stopped at a report whose recipient's send is not committed yet
    // (FeedbackApplyResult::deferred); it and those after it are read again by the next pass.
    bool deferred = false;
    QString error; // empty when the pass completed
    bool ok() const { return error.isEmpty(); }
};

// The way in for delivery reports and bounces (docs/product.md §4): from the bounce mailbox over
// IMAP, or from files (`sendscope-cli feedback import`). Each message is classified with the
// database's reply and inbound-mail rules and applied by FeedbackApplier in a transaction that
// also records how far the mailbox was read, so a crash never loses a report and never applies
// one twice; only after that commit is a message flagged \Seen or moved. Blocking: for worker
// threads and the command line, never the GUI thread. Uses the caller's Store connection.
class FeedbackIntake final
{
public:
    FeedbackIntake(Store &store, const Clock &clock);
    ~FeedbackIntake();

    // Rules and key from the database; false with error() when they cannot be read.
    bool prepare();
    QString error() const { return m_error; }

    // Messages per transaction (and per \Seen/MOVE command).
    static constexpr int Batch = 100;

    // One pass over a mailbox: every message above the last UID recorded for it (all of them
    // again when the UIDVALIDITY changed; the applier knows those it has seen). cancel() is
    // asked between messages.
    // With waitMs > 0 and a server that offers IDLE (RFC 2177), the connection then stays open
    // in IDLE for up to waitMs, and mail that arrives meanwhile is read at once in another pass;
    // report.idled says so (a caller without it waits by its own clock before the next pass).
    FeedbackIntakeReport fetch(const MailboxConfig &mailbox, const QString &password,
                               const std::function<bool()> &cancel = {}, int waitMs = 0);

    // An IDLE wait is cut in slices this long, so that cancel() is asked at least this often.
    static constexpr int IdleSliceMs = 2'000;
    // IDLE announcements that bring nothing new before the wait stops using IDLE.
    static constexpr int MaxIdleWakeups = 3;
    // A pass that stopped at a deferred report is repeated after this pause, for up to
    // DeferRetryLimitMs in one fetch(); after that the next fetch() (or IDLE slice) tries again.
    static constexpr int DeferRetryMs = 200;
    static constexpr int DeferRetryLimitMs = 5'000;

    // Files, or every file of a folder (sorted by name, not recursive).
    FeedbackIntakeReport importFiles(const QStringList &paths);

    // Applies one raw message (also what the two above do for each).
    bool applyOne(const QByteArray &raw, const FeedbackSource &source, FeedbackIntakeReport *report);

private:
    bool pass(ImapClient &client, const MailboxConfig &mailbox, quint32 uidValidity,
              const std::function<bool()> &cancel, FeedbackIntakeReport *report);
    bool applyUnit(const QByteArray &raw, const FeedbackSource &source, FeedbackIntakeReport *report,
                   bool *deferred = nullptr);
    bool closeTouched(FeedbackIntakeReport *report);

    Store &m_store;
    const Clock &m_clock;
    std::unique_ptr<BounceClassifier> m_classifier;
    std::unique_ptr<FeedbackApplier> m_applier;
    QList<qint64> m_touched;
    QString m_error;
};
