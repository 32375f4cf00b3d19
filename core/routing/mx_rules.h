#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <optional>

// One MX rule (docs/product.md §6): the limits for the SMTP servers whose host name matches the
// pattern. Applied per destination on top of the route's own limits, the stricter winning;
// 0 in a limit means "the route's". The host matched is the MX host on the direct route, the
// relay host on a relay route, the sandbox's host for the sandbox.
struct MxRule
{
    QString pattern;        // a host name glob, case-insensitive: "*.google.com", "*"
    int maxConnections = 0; // per destination
    int maxMessagesPerConnection = 0;
    int messagesPerHour = 0; // enforced in 5-minute slices: at most 1/12 of it per slice
    int connectTimeoutS = 0; // timeouts replace the route's when set
    int commandTimeoutS = 0;
    int dataTimeoutS = 0;
    QString tls; // "" (the route's), "starttls" or "starttls-required": can only tighten the route's
    // The adaptive throttle (DestinationThrottle): the level a throttling reply leaves, in percent
    // of the one before; how long that lasts; the points the level then comes back by at each
    // further cool-down. 0: the defaults (50 %, 300 s, 25 points).
    int throttleCutToPct = 0;
    int coolDownS = 0;
    int restoreStepPct = 0;

    bool matches(const QString &host) const;
    friend bool operator==(const MxRule &, const MxRule &) = default;
};

// A rule as a person edits it in a table: every field as text, so a bad value can be named.
struct MxRuleDraft
{
    QString pattern;
    QString maxConnections;
    QString maxMessagesPerConnection;
    QString messagesPerHour;
    QString connectTimeoutS;
    QString commandTimeoutS;
    QString dataTimeoutS;
    QString tls;
    QString throttleCutToPct;
    QString coolDownS;
    QString restoreStepPct;

    friend bool operator==(const MxRuleDraft &, const MxRuleDraft &) = default;
};

// The ordered MX rule table: matching (first match wins), checking drafts, storing, restoring
// the defaults.
namespace MxRules {

enum class Field {
    Pattern,
    MaxConnections,
    MaxMessagesPerConnection,
    MessagesPerHour,
    ConnectTimeout,
    CommandTimeout,
    DataTimeout,
    Tls,
    ThrottleCutTo,
    CoolDown,
    RestoreStep
};
enum class Issue { Empty, BadPattern, NotANumber, OutOfRange, BadTls };

struct Problem
{
    int row = 0; // 1-based, as the table shows it
    Field field = Field::Pattern;
    Issue issue = Issue::Empty;
    QString value;
    int minimum = 0;
    int maximum = 0;

    // "Rule 3, messages per hour: 'abc' is not a whole number"
    QString toString() const;
};

QString fieldName(Field field); // machine-readable: "messages_per_hour"
QList<QString> tlsChoices();    // "", "starttls", "starttls-required"

// The built-in table: the large providers' MX name patterns with one generic, cautious set of
// limits (not figures the providers publish), then "*" with no limit beyond the route's.
QList<MxRule> defaults();

// Index of the first rule matching host, -1 when none does.
int match(const QList<MxRule> &rules, const QString &host);
bool globMatch(const QString &pattern, const QString &host);

QList<MxRuleDraft> toDrafts(const QList<MxRule> &rules);
std::optional<QList<MxRule>> parse(const QList<MxRuleDraft> &drafts, Problem *problem);

QList<MxRule> load(QSqlDatabase db, QString *error);
bool save(QSqlDatabase db, const QList<MxRule> &rules, QString *error);
// Checked first: nothing is written when a draft is bad (error names its row and field).
bool saveDrafts(QSqlDatabase db, const QList<MxRuleDraft> &drafts, QString *error);
bool restoreDefaults(QSqlDatabase db, QString *error);

} // namespace MxRules
