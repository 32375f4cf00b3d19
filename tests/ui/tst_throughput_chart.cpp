// The throughput chart's rate axis: a round top (1, 2 or 5 times a power of ten) a little above
// the peak, which stays put while the peak moves under it, so the chart is not laid out again
// on every update of a send.

#include "log/throughput_series.h"
#include "throughput_chart.h"

#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

class TstThroughputChart final : public QObject
{
    Q_OBJECT

    static QValueAxis *rateAxis(ThroughputChart &chart)
    {
        const QList<QAbstractAxis *> axes = chart.chart()->axes(Qt::Vertical);
        return axes.size() == 1 ? qobject_cast<QValueAxis *>(axes.constFirst()) : nullptr;
    }

    // A series whose rate is perMinute all along: a count growing that fast, sampled each second.
    static ThroughputSeries steady(double perMinute)
    {
        ThroughputSeries series;
        for (int s = 0; s <= 30; ++s)
            series.addSample(1'000'000 + s * 1000, qint64(perMinute * s / 60));
        return series;
    }

private Q_SLOTS:
    void roundTopAbovePeak_data()
    {
        QTest::addColumn<double>("perMinute");
        QTest::addColumn<double>("top");
        QTest::addColumn<int>("ticks");
        QTest::newRow("nothing sent") << 0.0 << 10.0 << 5;
        QTest::newRow("1,200/min") << 1200.0 << 2000.0 << 5;
        QTest::newRow("4,000/min: 4,400 rounds to 5,000") << 4000.0 << 5000.0 << 6;
        QTest::newRow("6,000/min") << 6000.0 << 10000.0 << 5;
        QTest::newRow("480,000/min") << 480000.0 << 1000000.0 << 5;
    }
    void roundTopAbovePeak()
    {
        QFETCH(double, perMinute);
        QFETCH(double, top);
        QFETCH(int, ticks);
        ThroughputChart chart;
        chart.redraw(steady(perMinute));
        QValueAxis *axis = rateAxis(chart);
        QVERIFY(axis);
        QCOMPARE(axis->min(), 0.0);
        QCOMPARE(axis->max(), top);
        QCOMPARE(axis->tickCount(), ticks);
    }

    void rangeKeptWhileThePeakStaysUnderIt()
    {
        ThroughputChart chart;
        chart.redraw(steady(1200));
        QValueAxis *axis = rateAxis(chart);
        QVERIFY(axis);
        QSignalSpy changes(axis, &QValueAxis::rangeChanged);
        chart.redraw(steady(1300));
        chart.redraw(steady(1700));
        QCOMPARE(changes.count(), 0);
        chart.redraw(steady(1900)); // 2,090 with the margin
        QCOMPARE(changes.count(), 1);
        QCOMPARE(axis->max(), 5000.0);
    }
};

QTEST_MAIN(TstThroughputChart)
#include "tst_throughput_chart.moc"
