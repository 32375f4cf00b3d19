#pragma once

#include "feedback/feedback_message.h"
#include "feedback/inbound_rules.h"
#include "feedback/reply_qualifier.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>

// Reads one inbound message of the bounce mailbox and says what it is (docs/product.md §4,
// asynchronous qualification): an RFC 3464/6533 delivery report, an RFC 5965 complaint, an
// RFC 3834 auto-reply, a text bounce an inbound-mail rule recognizes, an unsubscribe request.
// Every failure is qualified by the same reply rules as the synchronous replies. The input is
// hostile: classify() never throws, crashes or hangs, and reads at most the limits below.
// Thread-safe: one classifier may be used from several threads at once.
class BounceClassifier final
{
public:
    static constexpr qsizetype MaxInputBytes = 16 * 1024 * 1024; // the rest of a bigger message is ignored
    static constexpr int MaxDepth = 50;                          // nested multiparts and messages
    static constexpr int MaxParts = 1000;
    static constexpr qsizetype MaxTextBytes = 1024 * 1024; // decoded text scanned, all parts together
    static constexpr int MaxRecipients = 1000;

    explicit BounceClassifier(const ReplyQualifier &replies = ReplyQualifier(),
                              const QList<InboundRule> &rules = InboundRules::defaults());

    FeedbackMessage classify(const QByteArray &raw) const;

    // Internal, for the implementation file: an inbound rule with its patterns compiled once.
    struct CompiledRule
    {
        InboundRule rule;
        QRegularExpression sender, subject, body;
    };

private:
    ReplyQualifier m_replies;
    QList<CompiledRule> m_rules;
};
