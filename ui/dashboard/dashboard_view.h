#pragma once

#include "log/finish_estimator.h"
#include "log/throughput_series.h"
#include "workspace/dashboard_stats.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTimer>
#include <QWidget>

class KpiTile;
class QAction;
class QBarCategoryAxis;
class QBarSet;
class QChartView;
class QGroupBox;
class QHorizontalStackedBarSeries;
class QLabel;
class QPieSeries;
class QProgressBar;
class QToolButton;
class QTreeWidget;
class QValueAxis;
class SuccessGauge;
class ThroughputChart;

// The "Dashboard" tab (docs/product.md §7): a delivery's KPI tiles, Success gauge, throughput over
// time, log-state donut, failure reasons, per-domain table and progress with estimated finish.
// Engine snapshots and the store worker's answers are shown as they arrive, but never more often
// than every MinUpdateGapMs (one that comes sooner waits for the rest of the gap), so a fast run
// never repaints per recipient and a committed state is on screen a snapshot interval later.
// Each update redraws the tiles, progress and domain table, but, while the tab is on screen, only
// one of the charts whose figures changed: the others follow at the next updates, in turn, so no
// update lays out and repaints every chart at once.
// A half-second tick asks the worker for its figures and moves the time axis and the estimate.
class DashboardView final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int UpdateIntervalMs = 500;
    static constexpr int MinUpdateGapMs = 50;
    static constexpr int RevealStepMs = 10;

    explicit DashboardView(QWidget *parent = nullptr);

    // The buttons under the progress bar trigger the window's own actions (and share their state).
    void setControlActions(QAction *pause, QAction *resume, QAction *stop);
    // Follows another delivery: clears the series and asks for its figures.
    void setDelivery(qint64 deliveryId, const QString &name, const DeliveryKpis &kpis);
    void clear();
    qint64 deliveryId() const { return m_deliveryId; }

    // Kept until the next repaint; figures of another delivery are dropped.
    void addSnapshot(const DeliveryKpis &kpis);
    void addStats(const DashboardStats &stats);
    // A run held because the database refuses writes (the engine's storage fault), or going on
    // again (fault empty); shown while its delivery is.
    void setStorageFault(qint64 deliveryId, const QString &fault);
    QString storageFaultText() const;
    // Asks the worker once more (after a run ended, so the final figures show).
    void requestStats();

    const DeliveryKpis &shownKpis() const { return m_shown; }
    QString warningText() const;
    const ThroughputSeries &throughputSeries() const { return m_series; }
    int updateCount() const { return m_updates; }

Q_SIGNALS:
    void statsRequested(qint64 deliveryId);
    // Once per repaint of the figures.
    void updated();

protected:
    void changeEvent(QEvent *event) override;
    // Shown (its tab chosen): the charts and the domain table are painted one after the other,
    // RevealStepMs apart, after the rest, rather than all in the same repaint.
    void showEvent(QShowEvent *event) override;

private:
    void tick();
    // Renders now, or once MinUpdateGapMs has passed since the last render.
    void scheduleRender();
    void render();
    // What the figures feed, redrawn when marked stale; the charts are the costly parts to lay
    // out and paint.
    enum Part { ThroughputPart, DonutPart, ReasonsPart, ChartCount, DomainsPart = ChartCount };
    void markStale(std::initializer_list<Part> parts);
    void renderCharts();
    void renderTiles();
    void renderFeedbackTiles();
    void renderDonut();
    void renderReasons();
    void renderDomains();
    void renderProgress();
    void renderStorageFault();
    void retranslate();
    bool isLive() const;

    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_warning; // over the hard bounce or complaint threshold
    QLabel *m_held;    // the run is held by a storage fault
    QHash<qint64, QString> m_storageFaults;
    QList<KpiTile *> m_tiles;
    SuccessGauge *m_gauge;
    ThroughputChart *m_throughput;
    QChartView *m_donutView;
    QPieSeries *m_donut;
    QChartView *m_reasonsView;
    QHorizontalStackedBarSeries *m_reasonBars;
    QBarSet *m_hardSet;
    QBarSet *m_softSet;
    QBarCategoryAxis *m_reasonAxis;
    QValueAxis *m_reasonCountAxis;
    QGroupBox *m_domainsBox;
    QTreeWidget *m_domains;
    QProgressBar *m_progress;
    QLabel *m_eta;
    QToolButton *m_pause;
    QToolButton *m_resume;
    QToolButton *m_stop;

    QTimer m_timer;
    QTimer m_pending; // single shot: the render a figure that came too soon waits for
    QElapsedTimer m_sinceRender;
    QTimer m_reveal;           // enables the painting of the next of m_hidden
    QList<QWidget *> m_hidden; // painting disabled until revealed
    qint64 m_deliveryId = 0;
    QString m_name;
    DeliveryKpis m_latest;          // the newest figures received
    DeliveryKpis m_shown;           // the figures on screen
    QList<DestinationHold> m_holds; // from the newest engine snapshot
    DashboardStats m_stats;
    // One stats query at a time, so slow ones never queue up behind each other; an answer that
    // never comes (the delivery was deleted) stops holding after a few seconds.
    qint64 m_statsRequestedAtMs = 0;
    bool m_statsAgain = false; // asked for while one was in flight: asked again when it answers
    bool m_dirty = false;
    qint64 m_lastSnapshotMs = 0;
    int m_updates = 0;
    unsigned m_stale = 0; // bits of Part
    int m_nextChart = 0;  // the chart the next update looks at first
    ThroughputSeries m_series;
    // The series counts messages handed over: its history from the attempts, then the live
    // Processed KPI moved by this offset so the two join without a step.
    qint64 m_seriesOffset = 0;
    FinishEstimator m_finish;
};
