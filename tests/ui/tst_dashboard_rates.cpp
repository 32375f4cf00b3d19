// The dashboard's feedback figures (docs/product.md §3, §7): hard and soft bounce rates,
// complaints and "no report" come from the database's figures, and a visible warning (red tile
// and a sentence) appears once hard bounces pass 2 % or complaints 0.1 % of what was processed.

#include "dashboard_view.h"
#include "kpi_tile.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TstDashboardRates final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void underTheThresholdsNoWarning();
    void hardBouncesOverTwoPercentWarn();
    void complaintsOverOneInAThousandWarn();
    void aStorageFaultShowsWhileItsDeliveryIsShown();
    void targetedExcludedAndFailedSplit();

private:
    static DashboardStats stats(qint64 processed, qint64 hard, qint64 soft, qint64 complaints, qint64 noReport);
    static void show(DashboardView &view, const DashboardStats &s);
};

DashboardStats TstDashboardRates::stats(qint64 processed, qint64 hard, qint64 soft, qint64 complaints, qint64 noReport)
{
    DashboardStats s;
    s.deliveryId = 7;
    s.kpis.id = 7;
    s.kpis.state = DeliveryState::Finished;
    s.kpis.targeted = processed;
    s.kpis.toDeliver = processed;
    s.kpis.processed = processed;
    s.kpis.failedHard = hard;
    s.kpis.softBounced = soft;
    s.kpis.complaints = complaints;
    s.kpis.noReport = noReport;
    return s;
}

void TstDashboardRates::show(DashboardView &view, const DashboardStats &s)
{
    view.setDelivery(s.deliveryId, u"Rates"_s, s.kpis);
    QSignalSpy updated(&view, &DashboardView::updated);
    view.addStats(s);
    QVERIFY(updated.wait(3000));
}

void TstDashboardRates::underTheThresholdsNoWarning()
{
    DashboardView view;
    view.resize(1180, 760);
    view.show();
    show(view, stats(1000, 20, 35, 1, 4)); // exactly 2 % and 0.1 %: not above
    auto *hard = view.findChild<KpiTile *>(u"dashHardRateTile"_s);
    auto *soft = view.findChild<KpiTile *>(u"dashSoftRateTile"_s);
    auto *complaints = view.findChild<KpiTile *>(u"dashComplaintsTile"_s);
    auto *noReport = view.findChild<KpiTile *>(u"dashNoReportTile"_s);
    QVERIFY(hard && soft && complaints && noReport);
    QCOMPARE(hard->value(), u"2.00 %"_s);
    QCOMPARE(soft->value(), u"3.50 %"_s);
    QCOMPARE(complaints->value(), u"1 (0.10 %)"_s);
    QCOMPARE(noReport->value(), u"4"_s);
    QCOMPARE(hard->caption(), u"Hard bounce rate"_s);
    QVERIFY(!hard->isWarning());
    QVERIFY(!complaints->isWarning());
    auto *warning = view.findChild<QLabel *>(u"dashboardFeedbackWarning"_s);
    QVERIFY(warning);
    QVERIFY(!warning->isVisible());
}

void TstDashboardRates::hardBouncesOverTwoPercentWarn()
{
    DashboardView view;
    view.resize(1180, 760);
    view.show();
    show(view, stats(1000, 21, 0, 0, 0));
    auto *hard = view.findChild<KpiTile *>(u"dashHardRateTile"_s);
    QVERIFY(hard);
    QCOMPARE(hard->value(), u"2.10 %"_s);
    QVERIFY(hard->isWarning());
    QVERIFY(!view.findChild<KpiTile *>(u"dashComplaintsTile"_s)->isWarning());
    auto *warning = view.findChild<QLabel *>(u"dashboardFeedbackWarning"_s);
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(u"2.10 %"_s) && warning->text().contains(u"Hard bounces"_s),
             qPrintable(warning->text()));
    QVERIFY(!warning->text().contains(u"Complaints"_s));
}

void TstDashboardRates::complaintsOverOneInAThousandWarn()
{
    DashboardView view;
    view.resize(1180, 760);
    view.show();
    show(view, stats(1000, 0, 0, 2, 0));
    QVERIFY(view.findChild<KpiTile *>(u"dashComplaintsTile"_s)->isWarning());
    QVERIFY(!view.findChild<KpiTile *>(u"dashHardRateTile"_s)->isWarning());
    auto *warning = view.findChild<QLabel *>(u"dashboardFeedbackWarning"_s);
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(u"Complaints are at 0.20 %"_s), qPrintable(warning->text()));
}

// The engine's storage fault (a run held because the database refuses writes) is shown for its
// own delivery only, names the file and SQLite's message, and goes once the run goes on.
void TstDashboardRates::aStorageFaultShowsWhileItsDeliveryIsShown()
{
    DashboardView view;
    view.resize(1180, 760);
    view.show();
    show(view, stats(1000, 0, 0, 0, 0));
    auto *held = view.findChild<QLabel *>(u"dashboardStorageFault"_s);
    QVERIFY(held);
    QVERIFY(!held->isVisible());
    const QString fault = u"/data/sendscope.db: cannot commit: database or disk is full"_s;
    view.setStorageFault(8, fault); // another delivery's
    QVERIFY(!held->isVisible());
    view.setStorageFault(7, fault);
    QVERIFY(held->isVisible());
    QVERIFY2(held->text().contains(fault) && held->text().contains(u"held"_s), qPrintable(held->text()));
    QCOMPARE(view.storageFaultText(), held->text());
    show(view, stats(10, 0, 0, 0, 0)); // a refresh of the same delivery keeps it
    QVERIFY(held->isVisible());
    view.setStorageFault(7, QString());
    QVERIFY(!held->isVisible());
    QVERIFY(view.storageFaultText().isEmpty());
}

// Targeted and the exclusions by reason beside To deliver; Failed split into hard bounces and
// validity expired (issue 13).
void TstDashboardRates::targetedExcludedAndFailedSplit()
{
    DashboardView view;
    view.resize(1180, 760);
    view.show();
    DashboardStats s = stats(150, 9, 20, 0, 0);
    s.kpis.targeted = 210;
    s.kpis.excluded = 10;
    s.kpis.toDeliver = 200;
    s.kpis.counts[std::size_t(LogState::Failed)] = 13;
    s.kpis.failedExpired = 3;
    DeliveryStats::ReasonRow invalid;
    invalid.reason = FailureReason::InvalidAddress;
    invalid.hard = 6;
    DeliveryStats::ReasonRow duplicate;
    duplicate.reason = FailureReason::Duplicate;
    duplicate.hard = 4;
    s.exclusions = {invalid, duplicate};
    show(view, s);
    auto *toDeliver = view.findChild<KpiTile *>(u"dashToDeliverTile"_s);
    auto *failed = view.findChild<KpiTile *>(u"dashFailedTile"_s);
    QVERIFY(toDeliver && failed);
    QCOMPARE(toDeliver->value(), u"200"_s);
    QCOMPARE(toDeliver->detail(), u"of 210 targeted, 10 excluded"_s);
    QCOMPARE(toDeliver->toolTip(),
             u"Targeted: 210\nExcluded by the analysis: 10\n  Invalid address: 6\n  Duplicate: 4"_s);
    QCOMPARE(failed->value(), u"13"_s);
    QCOMPARE(failed->detail(), u"9 hard, 3 expired, 1 other"_s);
}

QTEST_MAIN(TstDashboardRates)
#include "tst_dashboard_rates.moc"
