#pragma once

#include "feedback_message.h"
#include "verp.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <memory>
#include <optional>

class LogTable;

// Where an inbound message came from, for the record.
struct FeedbackSource
{
    QString source;  // "imap", "file"
    QString mailbox; // MailboxConfig::key(), or the file's path
    quint32 uidValidity = 0;
    quint32 uid = 0;
    // A report for a recipient whose message the engine is sending right now may wait (see
    // FeedbackApplyResult::deferred). Only a reader that comes back to the message sets it.
    bool mayDefer = false;
};

// What applying one message did.
struct FeedbackApplyResult
{
    bool duplicate = false; // the same bytes were applied before: nothing changed
    // Nothing was recorded: the report concerns a recipient whose attempt is still in flight
    // (Pending, the relay's reply not committed yet). A relay can report faster than the engine
    // commits its 250; applied now, "delivered" would be refused and the recipient would stay
    // Taken into account forever. The reader tries the message again shortly.
    bool deferred = false;
    qint64 feedbackMessageId = 0;
    int matched = 0;          // recipient reports correlated to a recipient of a delivery
    int unmatched = 0;        // kept in the Unmatched list
    int changed = 0;          // log rows whose state or reason changed
    QList<qint64> deliveries; // deliveries touched (to close the finished ones)
};

// Correlates what a classified message reports with the recipients it concerns and changes
// their log (docs/product.md §3–§4): the VERP token first, then the ENVID (the same signed token),
// then the Message-ID of the returned message; never the address alone across deliveries. A
// failure report fails the recipient (hard for 5.x.x, counted in the quarantine), a delay
// updates the reason, a delivered or relayed report makes it Sent; a complaint or an unsubscribe
// request denylists the address; an auto-reply changes nothing. Every report is kept as an
// event, matched or not, so nothing is dropped. Runs in the caller's transaction.
class FeedbackApplier final
{
public:
    FeedbackApplier(QSqlDatabase db, VerpKey key);
    ~FeedbackApplier();

    static constexpr qsizetype MaxStoredRawBytes = 256 * 1024;
    // An attempt in flight for longer than this is not waited for: its run has died (it is
    // recovered when resumed) and the report is applied as it is.
    static constexpr qint64 DeferLimitMs = 5 * 60 * 1000;

    std::optional<FeedbackApplyResult> apply(const QByteArray &raw, const FeedbackMessage &message,
                                             const FeedbackSource &source, qint64 nowMs, QString *error);

    // A delivery whose recipients are all final, or whose validity has ended with only relay
    // reports outstanding, is Finished ("no report" for those never reported on). Deliveries a
    // run holds are left to it. True when it was closed.
    static bool closeIfDone(QSqlDatabase db, qint64 deliveryId, qint64 nowMs, QString *error);

private:
    struct Target
    {
        qint64 deliveryId = 0;
        qint64 recipientId = 0;
        QString address; // the recipient's normalized address
        QString correlation;
        bool inFlight = false; // Pending with an attempt in flight
        qint64 updatedAtMs = 0;
    };
    std::optional<Target> byToken(const QString &token, const QString &how);
    std::optional<Target> byMessageId(const QString &messageId);
    bool applyRecipient(const FeedbackMessage &message, const FeedbackRecipient &r, const Target *target,
                        qint64 feedbackMessageId, qint64 nowMs, FeedbackApplyResult *result, QString *error);

    QSqlDatabase m_db;
    VerpKey m_key;
    std::unique_ptr<LogTable> m_log; // prepared once: a mailbox pass applies thousands of reports
};
