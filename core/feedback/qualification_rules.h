#pragma once

#include "feedback/reply_qualifier.h"
#include "smtp/smtp_reply.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <optional>

// A qualification rule as a person edits it in a table: every field as text, so a bad value
// can be named before it replaces the stored rules.
struct QualificationRuleDraft
{
    QString enhancedCode;
    QString textPattern;
    QString replyClass;
    QString type;   // machine name: hard, soft, ignored
    QString reason; // machine name: user_unknown, mailbox_full, ...
    bool enabled = true;

    friend bool operator==(const QualificationRuleDraft &, const QualificationRuleDraft &) = default;
};

// Editing the qualification table (docs/product.md §4): checking drafts, saving them in place of the
// stored rules, restoring the built-in defaults, and trying the rules on a pasted reply.
namespace QualificationRules {

struct Problem
{
    int position = 0; // 1-based, as the table shows it
    QString field;
    QString message;

    // "Rule 3, failure reason: 'x' is not a known reason (...)"
    QString toString() const;
};

// The failure types and reasons a reply rule may give. Exclusion reasons of the analysis
// (duplicate, invalid address, quarantined, ...) never come from a reply.
QList<FailureType> allowedTypes();
QList<FailureReason> allowedReasons();

QList<QualificationRuleDraft> toDrafts(const QList<QualificationRule> &rules);
// The rules when every draft is valid; otherwise nullopt and the first problem.
std::optional<QList<QualificationRule>> parse(const QList<QualificationRuleDraft> &drafts, Problem *problem);

// Replaces the stored table with the drafts (checked first; nothing is written when one is bad).
bool save(QSqlDatabase db, const QList<QualificationRuleDraft> &drafts, QString *error);
bool restoreDefaults(QSqlDatabase db, QString *error);

// What the rules make of one reply as a server would send it, e.g.
// "550 5.1.1 <x@y>: Recipient address rejected" (several lines for a multi-line reply).
struct TestResult
{
    QString error; // not a reply, or not a failure
    SmtpReply reply;
    Qualification qualification;
    bool ok() const { return error.isEmpty(); }
};
TestResult test(const QList<QualificationRule> &rules, const QString &replyText);

} // namespace QualificationRules
