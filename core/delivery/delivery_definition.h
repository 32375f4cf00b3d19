#pragma once

#include "routing/warmup_schedule.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

// A delivery as the user defines it: the JSON of docs/architecture.md, shared by the GUI forms and
// sendscope-cli. Parsing checks types and formats and names the offending field; rules about
// content (subject length, unsubscribe links, ...) belong to the analysis.
struct DeliveryDefinition
{
    struct Wave
    {
        qint64 delayMs = 0;
        QString size; // "25%" or a count
    };

    QString name;
    QString fromName;
    QString fromAddress;
    QString replyTo;
    QString bounceAddress; // the envelope sender for this delivery; empty: the route's, else From
    QString subject;
    QString html;
    QString text;
    QList<QPair<QString, QString>> headers; // in file order
    QString csvFile;                        // absolute after parsing
    QString emailColumn = QStringLiteral("email");
    QJsonObject route; // inline route object, or {"name": "..."} for a saved one
    QString dkimDomain;
    QString dkimSelector;
    QString dkimKeyFile;
    QString dkimEd25519KeyFile; // optional second signature (RFC 8463)
    QString dkimEd25519Selector;
    qint64 validityMs = 5LL * 24 * 3600 * 1000;
    QDateTime validityEnd; // when set, wins over validityMs
    qint64 retryPeriodMs = 15LL * 60 * 1000;
    qint64 retryMaxPeriodMs = 4LL * 3600 * 1000;
    QDateTime contactDate; // invalid: as soon as confirmed
    QString wavesMode;     // "", "same_size" or "calendar"
    QString waveSize;      // same_size: "25%" or a count
    qint64 waveIntervalMs = 0;
    QList<Wave> calendar;
    qint64 targetLimit = 0; // 0: no limit
    QStringList proofAddresses;
    WarmupSchedule warmup; // wins over the route's; empty: the route's, if any

    struct Error
    {
        QString field;   // e.g. "from.address"
        QString message; // e.g. "required"
    };

    // Parses a definition; relative paths resolve against baseDir and files named by
    // html_file / text_file are read in. Errors are appended, one per offending field.
    static DeliveryDefinition fromJson(const QJsonObject &json, const QString &baseDir, QList<Error> *errors);
    // Reads and parses a definition file; errors name the file.
    static DeliveryDefinition fromFile(const QString &path, QStringList *errors);

    // The self-contained form stored with the delivery: content inline, paths absolute.
    QJsonObject toJson() const;
};
