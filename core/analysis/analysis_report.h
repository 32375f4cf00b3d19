#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

// What an analysis found: log lines with levels, the exclusion counts by reason, and the
// destinations by domain and the pre-flight plan by MX provider. Stored with the delivery as JSON.
struct AnalysisReport
{
    enum class Level { Info, Warning, Error };

    struct Line
    {
        Level level = Level::Info;
        QString rule;    // a stable identifier, e.g. "subject.length"
        QString message; // English text for people
        // The English template the message was made from (marked for translation in the context
        // "AnalysisReport") and what fills its %1, %2...: the GUI shows it in its language. Empty
        // for a message that comes whole from elsewhere (an error text).
        QByteArray source;
        QStringList args;
    };

    struct DomainPlan
    {
        QString domain;
        qint64 count = 0;
    };

    // One line of the pre-flight plan: the destinations one MX provider (an MX rule, else one MX
    // host; the relay on a relay route) serves, and how long its limits make them take.
    struct PlanGroup
    {
        QString group;                // the MX rule's pattern, the MX host, or the relay's host
        QStringList domains;          // largest first
        qint64 recipients = 0;        // to deliver
        QString rule;                 // the MX rule in force; empty: none matched (the route's limits)
        int ratePerHour = 0;          // the rule's messages per hour, per destination; 0: no limit
        qint64 estimatedSeconds = -1; // at that rate; -1: no rate limit (as fast as the servers take)
        bool fitsValidity = true;
    };

    qint64 targeted = 0;
    qint64 toDeliver = 0;
    qint64 toExclude = 0;
    QMap<QString, qint64> exclusions; // reason machine name -> count
    QList<Line> lines;
    QList<DomainPlan> destinations; // by recipient domain, largest first
    QList<PlanGroup> plan;          // by MX provider, largest first
    qint64 analyzedAtMs = 0;

    bool blocked() const; // any error line
    int count(Level level) const;
    void add(Level level, const QString &rule, const QString &message) { lines.append({level, rule, message, {}, {}}); }
    // source: QT_TRANSLATE_NOOP("AnalysisReport", "...%1..."), filled with args.
    void add(Level level, const QString &rule, const char *source, const QStringList &args)
    {
        lines.append({level, rule, fill(QString::fromUtf8(source), args), QByteArray(source), args});
    }
    // text with %1..%9 replaced by args in one pass (an argument's own "%1" stays as it is).
    static QString fill(const QString &text, const QStringList &args);

    QJsonObject toJson() const;
    static AnalysisReport fromJson(const QJsonObject &json);
    // Plain text for a terminal.
    QString toText() const;

    static QString levelName(Level level);
};
