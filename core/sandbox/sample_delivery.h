#pragma once

#include "common/clock.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class Store;

// The first run (docs/product.md §8): a brand new database gets the saved "Sandbox" route and a
// sample delivery on it, analyzed and ready to send, so a first-time user can send it and
// watch the dashboard without any external server. Every address is on a reserved domain
// (.example, example.com/.net/.org): the sandbox answers each domain with its outcome.
namespace SampleDelivery {

QString deliveryName(); // "Sample delivery (sandbox)"
inline constexpr int RecipientCount = 200;

struct Result
{
    bool created = false;  // false: not a first run (or an error)
    qint64 deliveryId = 0; // the sample, when created
    QString error;         // set when the first run could not complete
};

// Call once when a database is opened, on the thread that owns `store` (the GUI's store
// worker). On a first run — no deliveries, and no routes but an earlier sandbox route of the
// same name — it saves the sandbox route with SandboxConfig::defaults(), writes the sample's
// recipients to `dataDir`/sendscope-sample-recipients.csv, imports and analyzes the sample.
// Otherwise it does nothing.
Result createOnFirstRun(Store &store, const QString &dataDir, const Clock &clock = Clock::system());

// The sample's recipients: email,first_name; the same 200 rows every time, mixed so that each
// outcome of the sandbox shows on the dashboard.
QByteArray recipientsCsv();
// The sample's definition (docs/architecture.md), with its recipients read from csvPath.
QJsonObject definition(const QString &csvPath);

} // namespace SampleDelivery
