#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

// What the sandbox route's local SMTP sink answers (docs/product.md §8, first run): an outcome per
// recipient domain, one for every other domain, a latency per message and how many received
// messages it keeps for inspection. Stored in the sandbox route's config JSON:
//   {"type": "sandbox", "outcomes": {"bounce.example": "hard"}, "default": "accept",
//    "latency_ms": 20, "keep_last": 0}
struct SandboxConfig
{
    enum class Outcome { Accept, HardBounce, SoftBounce, Throttle };

    QMap<QString, Outcome> outcomes; // lower-case domain -> outcome
    Outcome defaultOutcome = Outcome::Accept;
    int latencyMs = 0; // before the reply to the end of each message's data
    int keepLast = 0;  // received messages kept in memory (0: all are discarded)

    static constexpr int MaxLatencyMs = 60000;
    static constexpr int MaxKeepLast = 1000;

    // The outcome for a recipient domain: the domain itself, else its closest listed parent
    // (mx.bounce.example follows bounce.example), else the default.
    Outcome outcomeFor(const QString &domain) const;

    // Parses the sandbox keys of a route's JSON; errors name the field ("route.outcomes.x").
    static SandboxConfig fromJson(const QJsonObject &json, QStringList *errors);
    // The sandbox keys only; a route's JSON merges them in.
    QJsonObject toJson() const;

    // "accept", "hard", "soft", "throttle".
    static QString outcomeName(Outcome outcome);
    static std::optional<Outcome> outcomeFromName(const QString &name);
    static QList<Outcome> allOutcomes();

    // The table the first run creates: the reserved example domains, one per outcome.
    static SandboxConfig defaults();

    bool operator==(const SandboxConfig &other) const = default;
};
