#pragma once

#include "log/log_state.h"

#include <QList>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QString>

// One row of the qualification table: what a reply means. The first enabled rule that
// matches wins; the table is ordered enhanced codes first, then provider texts, then classes.
struct QualificationRule
{
    QString enhancedCode; // "5.1.1", or a prefix with a wildcard such as "5.7.*"; empty: any
    QString textPattern;  // a case-insensitive regular expression over the reply text; empty: any
    QString replyClass;   // "4" or "5"; empty: any
    FailureType type = FailureType::Soft;
    FailureReason reason = FailureReason::NotDefined;
    bool enabled = true;
};

struct Qualification
{
    FailureType type = FailureType::Soft;
    FailureReason reason = FailureReason::NotDefined;
    int ruleIndex = -1; // the rule that matched, -1 for the built-in fallback
};

// Turns every SMTP reply into a failure type and reason (docs/product.md §4, synchronous
// qualification). The table lives in the database so a person can edit it.
class ReplyQualifier final
{
public:
    explicit ReplyQualifier(const QList<QualificationRule> &rules = defaultRules());

    // code: the 3-digit reply code (4xx or 5xx); enhanced: "x.y.z" or empty.
    Qualification qualify(int code, const QString &enhanced, const QString &text) const;

    const QList<QualificationRule> &rules() const { return m_plain; }

    static QList<QualificationRule> defaultRules();

    // The stored table; seeded with the defaults the first time.
    static QList<QualificationRule> load(QSqlDatabase db, QString *error);
    static bool save(QSqlDatabase db, const QList<QualificationRule> &rules, QString *error);

private:
    struct Compiled
    {
        QualificationRule rule;
        QRegularExpression text;
    };
    QList<Compiled> m_rules;
    QList<QualificationRule> m_plain;
};
