// The dashboard's maths, kept out of the widgets: messages per minute over time and the
// estimated finish of a run.
#include "log/finish_estimator.h"
#include "log/throughput_series.h"

#include <QTest>

class TstDeliveryProgress final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void steadyRate()
    {
        ThroughputSeries series(600, 10000);
        for (int s = 0; s <= 30; ++s)
            series.addSample(s * 1000, s * 10); // 10 per second
        QCOMPARE(series.points().size(), 31);
        QCOMPARE(series.points().first().perMinute, 0.0);
        QCOMPARE(series.currentPerMinute(), 600.0);
        QCOMPARE(series.peakPerMinute(), 600.0);
    }

    void outOfOrderAndResets()
    {
        ThroughputSeries series;
        series.addSample(1000, 10);
        series.addSample(2000, 20);
        series.addSample(1500, 30); // older than the last: ignored
        QCOMPARE(series.points().size(), 2);
        series.addSample(3000, 5); // the count went down: a new series
        QCOMPARE(series.points().size(), 1);
        QCOMPARE(series.currentPerMinute(), 0.0);
    }

    void boundedMemory()
    {
        ThroughputSeries series(100, 10000);
        for (int s = 0; s < 10000; ++s)
            series.addSample(qint64(s) * 1000, s * 5);
        QVERIFY(series.points().size() <= 100);
        QCOMPARE(series.points().first().atMs, 0);
        QCOMPARE(series.points().last().atMs, 9999000); // the newest point is kept
        QCOMPARE(series.currentPerMinute(), 300.0);
    }

    void estimatedFinish()
    {
        FinishEstimator eta(60000);
        QVERIFY(!eta.finishAtMs());
        eta.addSample(0, 0, 1000);
        QVERIFY(!eta.finishAtMs());      // no rate yet
        eta.addSample(10000, 100, 1000); // 10 per second
        QCOMPARE(eta.perMinute(), 600.0);
        QCOMPARE(eta.progress(), 0.1);
        QCOMPARE(*eta.finishAtMs(), 10000 + 90000);
        eta.addSample(20000, 1000, 1000);
        QCOMPARE(eta.remaining(), 0);
        QCOMPARE(*eta.finishAtMs(), 20000);
    }

    void fromKpis()
    {
        DeliveryKpis k;
        k.toDeliver = 200;
        k.counts[std::size_t(LogState::Pending)] = 150;
        k.counts[std::size_t(LogState::Sent)] = 50;
        FinishEstimator eta;
        eta.addSample(1000, k);
        QCOMPARE(eta.done(), 50);
        QCOMPARE(eta.total(), 200);
        QCOMPARE(eta.progress(), 0.25);
    }
};

QTEST_GUILESS_MAIN(TstDeliveryProgress)
#include "tst_delivery_progress.moc"
