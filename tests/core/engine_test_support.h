#pragma once

// What the engine tests share: run options that tick fast, and running a delivery to its end.

#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "engine/delivery_run.h"
#include "store/store.h"
#include "test_support.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <functional>
#include <numeric>

namespace EngineTest {

// A fast scheduler tick, group commit and snapshot, so runs end in milliseconds.
inline DeliveryRun::Options fastOptions()
{
    DeliveryRun::Options o;
    o.tickMs = 20;
    o.commitIntervalMs = 2;
    o.snapshotIntervalMs = 50;
    return o;
}

// Writes name.csv and name.json (def, its recipients that CSV) into dir, imports and analyzes
// the delivery; its id. A failed import or a blocking analysis ends the test program.
inline qint64 importAnalyzed(Store &store, const Clock &clock, const QTemporaryDir &dir, QJsonObject def,
                             const QByteArray &csv, const QString &name)
{
    using namespace Qt::StringLiterals;
    def[u"recipients"_s] = QJsonObject{{u"csv"_s, QString(name + u".csv"_s)}};
    TestSupport::writeFile(dir, name + u".csv"_s, csv);
    DeliveryService service(store, clock);
    const auto imported = service.importDefinition(TestSupport::writeDefinition(dir, def, name + u".json"_s));
    if (!imported.ok)
        qFatal("import: %s", qPrintable(imported.errors.join(u'\n')));
    const auto analyzed = service.analyze(imported.deliveryId);
    if (!analyzed.ok || analyzed.report.blocked())
        qFatal("analysis: %s %s", qPrintable(analyzed.error), qPrintable(analyzed.report.toText()));
    return imported.deliveryId;
}

// The accounting invariant (issue 11), checked after every run these tests make: every
// imported row has exactly one log state, every Sent or Failed recipient that was tried has
// its attempt recorded, no row says its final dot is due outside an attempt, and the run's
// last published snapshot (the dashboard's figures) counts what the log counts. Empty when it
// holds, else what broke.
inline QString accountingProblem(Store &store, qint64 deliveryId, const DeliveryKpis *lastSnapshot)
{
    using namespace Qt::StringLiterals;
    const std::optional<DeliveryKpis> k = DeliveryQueries(store.db()).kpis(deliveryId);
    if (!k)
        return u"no KPIs for delivery %1"_s.arg(deliveryId);
    auto count = [&](const QString &sql) {
        QSqlQuery q(store.db());
        q.prepare(sql);
        q.addBindValue(deliveryId);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    };
    const qint64 recipients = count(u"SELECT count(*) FROM recipients WHERE delivery_id = ?"_s);
    const qint64 states = std::accumulate(k->counts.cbegin(), k->counts.cend(), qint64(0));
    if (k->targeted != recipients || states != recipients)
        return u"delivery %1: %2 targeted, %3 recipients, %4 log states"_s.arg(deliveryId)
            .arg(k->targeted)
            .arg(recipients)
            .arg(states);
    const qint64 unrecorded =
        count(u"SELECT count(*) FROM recipient_log l WHERE l.delivery_id = ? AND l.state IN ('sent', 'failed') "
              "AND l.attempts > 0 AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.recipient_id = l.recipient_id)"_s);
    if (unrecorded != 0)
        return u"delivery %1: %2 sent or failed recipients without an attempt"_s.arg(deliveryId).arg(unrecorded);
    // A final dot is due only within an attempt in flight (docs/reliability.md rule 1): a mark
    // outliving its attempt would flag a recipient after the next crash for nothing.
    const qint64 staleMarks =
        count(u"SELECT count(*) FROM recipient_log WHERE delivery_id = ? AND end_of_data = 1 AND in_flight = 0"_s);
    if (staleMarks != 0)
        return u"delivery %1: %2 rows marked end of data without an attempt in flight"_s.arg(deliveryId)
            .arg(staleMarks);
    if (lastSnapshot && lastSnapshot->counts != k->counts) {
        QStringList diff;
        for (std::size_t i = 0; i < k->counts.size(); ++i)
            diff.append(u"%1/%2"_s.arg(lastSnapshot->counts[i]).arg(k->counts[i]));
        return u"delivery %1: the last snapshot and the log disagree (snapshot/log by state: %2)"_s.arg(deliveryId)
            .arg(diff.join(u' '));
    }
    return {};
}

// Prepares and starts a run, calls during() once it is started, and waits (20 s at most) for
// its end; returns how it ended. The accounting invariant is checked after it (a failure of
// the calling test when it does not hold).
inline DeliveryRun::End runToEnd(Store &store, qint64 deliveryId, const Clock &clock,
                                 const std::function<void(DeliveryRun &)> &during = {})
{
    using namespace Qt::StringLiterals;
    DeliveryRun r(store, deliveryId, clock, fastOptions());
    if (!r.prepare())
        qFatal("prepare: %s", qPrintable(r.error()));
    QSignalSpy ended(&r, &DeliveryRun::ended);
    std::optional<DeliveryKpis> last;
    QObject::connect(&r, &DeliveryRun::snapshot, [&last](const DeliveryKpis &k) { last = k; });
    r.start();
    if (during)
        during(r);
    if (ended.isEmpty() && !ended.wait(20000))
        qFatal("the run did not end");
    if (const QString problem = accountingProblem(store, deliveryId, last ? &*last : nullptr); !problem.isEmpty())
        QTest::qFail(qPrintable(u"accounting: "_s + problem), __FILE__, __LINE__);
    return ended.first().at(0).value<DeliveryRun::End>();
}

} // namespace EngineTest
