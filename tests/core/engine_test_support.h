#pragma once

// What the engine tests share: run options that tick fast, and running a delivery to its end.

#include "engine/delivery_run.h"

#include <QSignalSpy>
#include <functional>

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

// Prepares and starts a run, calls during() once it is started, and waits (20 s at most) for
// its end; returns how it ended.
inline DeliveryRun::End runToEnd(Store &store, qint64 deliveryId, const Clock &clock,
                                 const std::function<void(DeliveryRun &)> &during = {})
{
    DeliveryRun r(store, deliveryId, clock, fastOptions());
    if (!r.prepare())
        qFatal("prepare: %s", qPrintable(r.error()));
    QSignalSpy ended(&r, &DeliveryRun::ended);
    r.start();
    if (during)
        during(r);
    if (ended.isEmpty() && !ended.wait(20000))
        qFatal("the run did not end");
    return ended.first().at(0).value<DeliveryRun::End>();
}

} // namespace EngineTest
