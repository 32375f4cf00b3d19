#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

// What an analysis found: log lines with levels, the exclusion counts by reason, and the
// pre-flight plan by destination domain. Stored with the delivery as JSON.
struct AnalysisReport
{
    enum class Level { Info, Warning, Error };

    struct Line
    {
        Level level = Level::Info;
        QString rule;    // a stable identifier, e.g. "subject.length"
        QString message; // English text for people
    };

    struct DomainPlan
    {
        QString domain;
        qint64 count = 0;
    };

    qint64 targeted = 0;
    qint64 toDeliver = 0;
    qint64 toExclude = 0;
    QMap<QString, qint64> exclusions; // reason machine name -> count
    QList<Line> lines;
    QList<DomainPlan> plan; // largest first
    qint64 analyzedAtMs = 0;

    bool blocked() const; // any error line
    int count(Level level) const;
    void add(Level level, const QString &rule, const QString &message) { lines.append({level, rule, message}); }

    QJsonObject toJson() const;
    static AnalysisReport fromJson(const QJsonObject &json);
    // Plain text for a terminal.
    QString toText() const;

    static QString levelName(Level level);
};
