#pragma once

#include "feedback/feedback_message.h"
#include "log/log_state.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <optional>

// One row of the inbound-mail table: how to recognize a message that is no standard report
// (a text bounce of qmail, Exim, Exchange, ...; a vacation reply; an unsubscribe request). The
// first enabled rule whose three patterns all match wins (docs/product.md §4, asynchronous
// qualification). Patterns are case-insensitive regular expressions; empty matches anything.
struct InboundRule
{
    QString senderPattern;  // over the From address and display name
    QString subjectPattern; // over the decoded Subject
    QString bodyPattern;    // over the text of the report (the returned message left out)
    FeedbackMessage::Kind kind = FeedbackMessage::Kind::Bounce;
    // For a bounce: the qualification when the text quotes no reply the reply rules know.
    FailureType type = FailureType::None;
    FailureReason reason = FailureReason::None;
    bool enabled = true;
};

// The rule as a person edits it: every field as text (machine names), checked before saving.
struct InboundRuleDraft
{
    QString senderPattern;
    QString subjectPattern;
    QString bodyPattern;
    QString kind;   // bounce, auto_reply, unsubscribe, dsn, arf
    QString type;   // hard, soft, ignored; empty for none
    QString reason; // user_unknown, ...; empty for none
    bool enabled = true;

    friend bool operator==(const InboundRuleDraft &, const InboundRuleDraft &) = default;
};

namespace InboundRules {

QList<InboundRule> defaults();

// What a rule may say: the kinds, failure types and reasons a table row can choose from (None
// stands for "as the text says").
QList<FeedbackMessage::Kind> allowedKinds();
QList<FailureType> allowedTypes();
QList<FailureReason> allowedReasons();

// The stored table (inbound_rules, schema 5); seeded with the defaults the first time.
QList<InboundRule> load(QSqlDatabase db, QString *error);
bool save(QSqlDatabase db, const QList<InboundRule> &rules, QString *error);
bool restoreDefaults(QSqlDatabase db, QString *error);

struct Problem
{
    int position = 0; // 1-based, as the table shows it
    QString field;
    QString message;

    // "Rule 3, subject pattern: '(' is not a valid regular expression: ..."
    QString toString() const;
};

QList<InboundRuleDraft> toDrafts(const QList<InboundRule> &rules);
std::optional<QList<InboundRule>> parse(const QList<InboundRuleDraft> &drafts, Problem *problem);
// Checks the drafts, then replaces the stored table (nothing is written when one is bad).
bool save(QSqlDatabase db, const QList<InboundRuleDraft> &drafts, QString *error);

// What the classifier makes of one raw message with these rules (and the default reply rules).
struct TestResult
{
    QString error; // empty message
    FeedbackMessage message;
    int rule = 0; // 1-based inbound rule that matched; 0 none
    bool ok() const { return error.isEmpty(); }
};
TestResult test(const QList<InboundRule> &rules, const QByteArray &rawMessage);

} // namespace InboundRules
