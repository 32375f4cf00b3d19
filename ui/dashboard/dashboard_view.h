#pragma once

#include "log/finish_estimator.h"
#include "log/throughput_series.h"
#include "workspace/dashboard_stats.h"

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
// Engine snapshots and the store worker's answers are only kept when they arrive; the figures
// are repainted on a fixed half-second timer, so a fast run never repaints per recipient and a
// committed state is on screen within a second (engine snapshots come every 250 ms).
class DashboardView final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int UpdateIntervalMs = 500;

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

private:
    void tick();
    void render();
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
    ThroughputSeries m_series;
    // The series counts messages handed over: its history from the attempts, then the live
    // Processed KPI moved by this offset so the two join without a step.
    qint64 m_seriesOffset = 0;
    FinishEstimator m_finish;
};
