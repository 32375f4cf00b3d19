#pragma once

#include "log/log_state.h"

#include <QList>
#include <QString>
#include <QStringList>

// What one inbound message (a bounce, a delivery report, a complaint, an auto-reply) says,
// as the classifier reads it (docs/product.md §4, asynchronous qualification). Pure data: the
// classifier fills it from the raw bytes, FeedbackApplier correlates it and changes the log.
struct FeedbackRecipient
{
    QString address;           // Final-Recipient (or the address a text bounce names), lower-case as given
    QString originalRecipient; // Original-Recipient (RFC 3464), "rfc822;" removed; empty when absent
    QString action;            // failed, delayed, delivered, relayed, expanded; empty when unknown
    QString status;            // the enhanced status "x.y.z"; empty when unknown
    QString diagnostic;        // Diagnostic-Code without its type, e.g. "550 5.1.1 <a@b>: User unknown"
    QString remoteMta;         // Remote-MTA without its type
    // The qualification of this recipient's failure: the reply in the diagnostic through the
    // reply rules, else the status, else the inbound-mail rule that matched.
    FailureType type = FailureType::None;
    FailureReason reason = FailureReason::None;
    QString rule; // "reply:N" (1-based rule of the reply table), "inbound:N", "status", "fallback"
};

struct FeedbackMessage
{
    enum class Kind {
        Dsn,         // RFC 3464 multipart/report; report-type=delivery-status (or a DSN in text)
        Arf,         // RFC 5965 feedback report (a complaint)
        AutoReply,   // RFC 3834 auto-reply, vacation message: never a bounce
        Bounce,      // a non-standard bounce recognized by an inbound-mail rule
        Unsubscribe, // a List-Unsubscribe mailto: request
        Unknown,     // none of these
    };
    Kind kind = Kind::Unknown;
    QString feedbackType; // ARF Feedback-Type (abuse, fraud, ...); empty for other kinds
    QString sender;       // the From address of the report
    QString subject;
    QString reportMessageId; // the Message-ID of the report itself
    // Correlation keys, strongest first (FeedbackApplier tries them in this order).
    QStringList verpTokens;         // tokens from "local+TOKEN@domain" addresses the report was sent to
    QString envid;                  // Original-Envelope-Id (RFC 3464)
    QStringList returnedMessageIds; // Message-IDs of the returned message or the message replied to
    QList<FeedbackRecipient> recipients;
    int inboundRule = 0; // 1-based inbound-mail rule that decided the kind; 0 none
    QString problem;     // what could not be read (a broken part), for the record; not fatal

    static QString kindName(Kind kind); // dsn, arf, auto_reply, bounce, unsubscribe, unknown
    static Kind kindFromName(const QString &name);
};
