#include "dashboard_view.h"

#include "destination_hold_text.h"
#include "kpi_tile.h"
#include "state_names.h"
#include "success_gauge.h"
#include "throughput_chart.h"

#include <QAction>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChartView>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLocale>
#include <QPieSeries>
#include <QPieSlice>
#include <QProgressBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

// The tiles, in the order docs/product.md §3 lists the KPIs.
enum Tile {
    ToDeliverTile,
    ProcessedTile,
    TakenTile,
    SentTile,
    InRetryTile,
    FailedTile,
    CanceledTile,
    // The feedback loop's figures (docs/product.md §3, §4), on a row of their own.
    HardRateTile,
    SoftRateTile,
    ComplaintsTile,
    NoReportTile,
    TileCount
};
constexpr int FirstFeedbackTile = HardRateTile;

// The donut's slices, one per log state, in LogState order; colours stay put across updates.
const QColor stateColors[] = {
    QColor(0xa8, 0xb3, 0xc2), // pending
    QColor(0x4f, 0x8f, 0xe0), // taken into account
    QColor(0x2e, 0x9d, 0x5b), // sent
    QColor(0xd6, 0x45, 0x45), // failed
    QColor(0xd9, 0xd9, 0xd9), // ignored
    QColor(0x8a, 0x6f, 0xb5), // canceled
};
constexpr int StateCount = 6;
constexpr int MaxReasons = 8;
constexpr int HeldByColumn = 5; // in the per-domain table
// A snapshot this recent means an engine is running the delivery.
constexpr qint64 LiveForMs = 2500;

QChartView *makeChartView(QChart *chart, QWidget *parent)
{
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(160);
    view->setMinimumWidth(260); // narrower, the axis labels give way to "..."
    return view;
}

QString duration(qint64 ms)
{
    const qint64 s = std::max<qint64>(1, (ms + 999) / 1000);
    if (s < 60)
        return DashboardView::tr("%1 s").arg(s);
    if (s < 3600)
        return DashboardView::tr("%1 min").arg((s + 59) / 60);
    return DashboardView::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

} // namespace

DashboardView::DashboardView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_state(new QLabel(this))
    , m_warning(new QLabel(this))
    , m_held(new QLabel(this))
    , m_gauge(new SuccessGauge(this))
    , m_throughput(new ThroughputChart(this))
    , m_donut(new QPieSeries)
    , m_reasonBars(new QHorizontalStackedBarSeries)
    , m_hardSet(new QBarSet(QString()))
    , m_softSet(new QBarSet(QString()))
    , m_reasonAxis(new QBarCategoryAxis)
    , m_reasonCountAxis(new QValueAxis)
    , m_domains(new QTreeWidget(this))
    , m_progress(new QProgressBar(this))
    , m_eta(new QLabel(this))
    , m_pause(new QToolButton(this))
    , m_resume(new QToolButton(this))
    , m_stop(new QToolButton(this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(u"dashboardTitle"_s);
    m_state->setObjectName(u"dashboardState"_s);
    m_state->setForegroundRole(QPalette::PlaceholderText);

    static const char16_t *tileNames[TileCount] = {u"dashToDeliverTile",  u"dashProcessedTile", u"dashTakenTile",
                                                   u"dashSentTile",       u"dashInRetryTile",   u"dashFailedTile",
                                                   u"dashCanceledTile",   u"dashHardRateTile",  u"dashSoftRateTile",
                                                   u"dashComplaintsTile", u"dashNoReportTile"};
    auto *tiles = new QGridLayout;
    tiles->setSpacing(6);
    for (int i = 0; i < TileCount; ++i) {
        auto *tile = new KpiTile(this);
        tile->setObjectName(QString::fromUtf16(tileNames[i]));
        m_tiles.append(tile);
        if (i < FirstFeedbackTile)
            tiles->addWidget(tile, i / 4, i % 4);
        else
            tiles->addWidget(tile, 2, i - FirstFeedbackTile);
    }
    m_gauge->setObjectName(u"successGauge"_s);
    tiles->addWidget(m_gauge, 0, 4, 3, 1);
    m_warning->setObjectName(u"dashboardFeedbackWarning"_s);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(u"color: #b3261e; font-weight: bold"_s);
    m_warning->hide();
    tiles->addWidget(m_warning, 3, 0, 1, 5);
    for (int c = 0; c < 4; ++c)
        tiles->setColumnStretch(c, 1); // equal tiles; the gauge keeps its own width

    m_throughput->setObjectName(u"throughputChart"_s);

    m_donut->setHoleSize(0.55);
    m_donut->setPieSize(0.9);
    for (int i = 0; i < StateCount; ++i) {
        auto *slice = m_donut->append(QString(), 0);
        slice->setColor(stateColors[i]);
        slice->setBorderColor(Qt::white);
    }
    auto *donutChart = new QChart;
    donutChart->addSeries(m_donut);
    donutChart->legend()->setAlignment(Qt::AlignRight);
    // Wide enough for "Taken into account: 1,000,000": a narrower legend cuts the names.
    donutChart->legend()->setMinimumWidth(fontMetrics().horizontalAdvance(u"Taken into account: 0,000,000"_s) + 40);
    m_donutView = makeChartView(donutChart, this);
    m_donutView->setObjectName(u"logStateDonut"_s);

    m_hardSet->setColor(stateColors[int(LogState::Failed)]);
    m_softSet->setColor(QColor(0xe0, 0x9b, 0x21));
    m_reasonBars->append(m_hardSet);
    m_reasonBars->append(m_softSet);
    auto *reasonsChart = new QChart;
    reasonsChart->addSeries(m_reasonBars);
    reasonsChart->addAxis(m_reasonAxis, Qt::AlignLeft);
    m_reasonAxis->setTruncateLabels(false); // a reason is a few words: shown whole, not as "..."
    reasonsChart->addAxis(m_reasonCountAxis, Qt::AlignBottom);
    m_reasonBars->attachAxis(m_reasonAxis);
    m_reasonBars->attachAxis(m_reasonCountAxis);
    m_reasonCountAxis->setLabelFormat(u"%.0f"_s);
    m_reasonCountAxis->setMin(0);
    reasonsChart->legend()->setAlignment(Qt::AlignBottom);
    m_reasonsView = makeChartView(reasonsChart, this);
    m_reasonsView->setObjectName(u"failureReasonsChart"_s);

    m_domains->setObjectName(u"domainTable"_s);
    m_domains->setColumnCount(HeldByColumn + 1);
    m_domains->setRootIsDecorated(false);
    m_domains->setUniformRowHeights(true);
    m_domains->setAlternatingRowColors(true);
    m_domains->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_domains->header()->setStretchLastSection(false);
    // The counts take what their figures need (a few dozen rows at most), the domain the rest;
    // "Held by" shows its start and tells the rest in its tooltip.
    for (int c = 1; c < 5; ++c)
        m_domains->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_domains->header()->setSectionResizeMode(HeldByColumn, QHeaderView::Interactive);
    m_domains->setColumnWidth(HeldByColumn, fontMetrics().horizontalAdvance(u"connections 4/4"_s) + 12);
    const int numberWidth = fontMetrics().horizontalAdvance(u"00,000"_s) + 12;
    m_domains->setMinimumWidth(fontMetrics().horizontalAdvance(u"mailbox-full.example"_s) + 4 * numberWidth +
                               m_domains->columnWidth(HeldByColumn));
    m_domainsBox = new QGroupBox(this);
    m_domainsBox->setFlat(true);
    auto *domainsLayout = new QVBoxLayout(m_domainsBox);
    domainsLayout->setContentsMargins(0, 4, 0, 0);
    domainsLayout->addWidget(m_domains);

    m_progress->setObjectName(u"dashboardProgress"_s);
    m_progress->setRange(0, 1000);
    // Drawn plainly: some styles (Fusion) animate a bar in progress, repainting it many times a
    // second, each time as costly as a chart.
    m_progress->setStyleSheet(u"QProgressBar { border: 1px solid palette(mid); border-radius: 3px; "
                              "background: palette(base); text-align: center; } "
                              "QProgressBar::chunk { background: #8fc3a2; }"_s);
    m_eta->setObjectName(u"dashboardEta"_s);
    for (QToolButton *b : {m_pause, m_resume, m_stop})
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_state, 1, Qt::AlignBottom);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_progress, 1);
    controls->addWidget(m_eta);
    controls->addSpacing(12);
    controls->addWidget(m_pause);
    controls->addWidget(m_resume);
    controls->addWidget(m_stop);

    auto *grid = new QGridLayout(this);
    grid->addLayout(header, 0, 0, 1, 2);
    grid->addLayout(tiles, 1, 0, 1, 2);
    grid->addWidget(m_throughput, 2, 0);
    grid->addWidget(m_donutView, 2, 1);
    grid->addWidget(m_reasonsView, 3, 0);
    grid->addWidget(m_domainsBox, 3, 1);
    m_held->setObjectName(u"dashboardStorageFault"_s);
    m_held->setWordWrap(true);
    m_held->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_held->setStyleSheet(u"color: #b3261e; font-weight: bold"_s);
    m_held->hide();
    grid->addWidget(m_held, 4, 0, 1, 2);
    grid->addLayout(controls, 5, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(2, 3);
    grid->setRowStretch(3, 2);

    m_timer.setInterval(UpdateIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &DashboardView::tick);
    m_reveal.setInterval(RevealStepMs);
    connect(&m_reveal, &QTimer::timeout, this, [this] {
        if (!m_hidden.isEmpty())
            m_hidden.takeFirst()->setUpdatesEnabled(true);
        if (m_hidden.isEmpty())
            m_reveal.stop();
    });
    m_pending.setSingleShot(true);
    m_pending.setTimerType(Qt::PreciseTimer);
    connect(&m_pending, &QTimer::timeout, this, [this] {
        if (m_dirty)
            render();
    });
    retranslate();
    clear();
}

void DashboardView::setControlActions(QAction *pause, QAction *resume, QAction *stop)
{
    m_pause->setDefaultAction(pause);
    m_resume->setDefaultAction(resume);
    m_stop->setDefaultAction(stop);
}

void DashboardView::clear()
{
    m_timer.stop();
    m_deliveryId = 0;
    m_name.clear();
    m_latest = {};
    m_holds.clear();
    m_stats = {};
    m_series.clear();
    m_finish.clear();
    m_lastSnapshotMs = 0;
    markStale({ThroughputPart, DonutPart, ReasonsPart, DomainsPart});
    render();
}

void DashboardView::setDelivery(qint64 deliveryId, const QString &name, const DeliveryKpis &kpis)
{
    m_name = name;
    m_latest = kpis;
    if (deliveryId == m_deliveryId) {
        // A refresh of the delivery on screen: shown like any other figure.
        m_dirty = true;
        markStale({ThroughputPart, DonutPart, DomainsPart});
        scheduleRender();
        return;
    }
    clear();
    m_deliveryId = deliveryId;
    m_name = name;
    m_latest = kpis;
    m_seriesOffset = 0;
    m_statsRequestedAtMs = 0; // an answer still due is for the delivery shown before
    m_statsAgain = false;
    render();
    requestStats();
    m_timer.start();
}

void DashboardView::addSnapshot(const DeliveryKpis &kpis)
{
    if (kpis.id != m_deliveryId || m_deliveryId == 0)
        return;
    m_latest = kpis;
    m_holds = kpis.holds; // only the engine knows them: kept apart from the database's figures
    m_lastSnapshotMs = QDateTime::currentMSecsSinceEpoch();
    m_dirty = true;
    markStale({ThroughputPart, DonutPart, DomainsPart});
    scheduleRender();
}

void DashboardView::addStats(const DashboardStats &stats)
{
    m_statsRequestedAtMs = 0;
    if (std::exchange(m_statsAgain, false))
        requestStats(); // the figures this answer carries may predate the request that waited
    if (stats.deliveryId != m_deliveryId || m_deliveryId == 0)
        return;
    m_stats = stats;
    if (stats.hasHistory && !stats.history.isEmpty()) {
        m_series.clear();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        qint64 cumulative = 0;
        m_series.addSample(stats.history.constFirst().startMs, 0);
        for (const DeliveryReport::Bucket &b : stats.history) {
            cumulative += b.count;
            // The last bucket may still be filling: its sample is now, not its end.
            m_series.addSample(std::min(b.startMs + stats.historyBucketMs, now), cumulative);
        }
        m_seriesOffset = cumulative - stats.kpis.processed;
    }
    // The reader's figures are as fresh as the engine's: the database is the record.
    m_latest = stats.kpis;
    m_dirty = true;
    markStale({ThroughputPart, DonutPart, ReasonsPart, DomainsPart});
    scheduleRender();
}

void DashboardView::requestStats()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_deliveryId <= 0)
        return;
    if (m_statsRequestedAtMs == 0 || now - m_statsRequestedAtMs > 3000) {
        m_statsRequestedAtMs = now;
        Q_EMIT statsRequested(m_deliveryId);
    } else {
        m_statsAgain = true;
    }
}

bool DashboardView::isLive() const
{
    return m_latest.state == DeliveryState::InProgress || m_latest.state == DeliveryState::Pending ||
           QDateTime::currentMSecsSinceEpoch() - m_lastSnapshotMs < LiveForMs;
}

void DashboardView::tick()
{
    if (m_deliveryId == 0)
        return;
    if (isLive()) {
        requestStats();
        m_dirty = true; // the time axis, the estimate and the holds move even when no figure did
        markStale({ThroughputPart, DomainsPart});
    }
    if (m_dirty)
        scheduleRender();
}

void DashboardView::scheduleRender()
{
    if (m_pending.isActive())
        return; // the render already due takes the newest figures
    const qint64 since = m_sinceRender.isValid() ? m_sinceRender.elapsed() : MinUpdateGapMs;
    if (since >= MinUpdateGapMs)
        render();
    else
        m_pending.start(int(MinUpdateGapMs - since));
}

void DashboardView::render()
{
    m_pending.stop();
    m_dirty = false;
    m_shown = m_latest;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_deliveryId > 0 && isLive()) {
        m_series.addSample(now, m_shown.processed + m_seriesOffset);
        m_finish.addSample(now, m_shown);
    } else if (m_deliveryId > 0) {
        m_finish.addSample(now, m_shown);
    }
    m_title->setText(m_deliveryId > 0 ? m_name : tr("No delivery selected"));
    m_state->setText(m_deliveryId > 0 ? StateNames::deliveryState(m_shown.state) : QString());
    renderStorageFault();
    renderTiles();
    renderProgress();
    if (m_stale & (1u << DomainsPart))
        renderDomains();
    m_stale &= ~(1u << DomainsPart);
    renderCharts();
    ++m_updates;
    m_sinceRender.start(); // the gap counts from the end of this one
    if (m_stale != 0) {    // the charts left for the next updates
        m_dirty = true;
        m_pending.start(MinUpdateGapMs);
    }
    Q_EMIT updated();
}

void DashboardView::markStale(std::initializer_list<Part> parts)
{
    for (Part p : parts)
        m_stale |= 1u << p;
}

void DashboardView::renderCharts()
{
    // Hidden, nothing is painted: every chart is brought up to date at once.
    const bool spread = isVisible();
    for (int i = 0; i < ChartCount && (m_stale & ((1u << ChartCount) - 1)); ++i) {
        const int chart = (m_nextChart + i) % ChartCount;
        if (!(m_stale & (1u << chart)))
            continue;
        m_stale &= ~(1u << chart);
        if (chart == ThroughputPart)
            m_throughput->redraw(m_series);
        else if (chart == DonutPart)
            renderDonut();
        else
            renderReasons();
        if (spread) {
            m_nextChart = (chart + 1) % ChartCount;
            break;
        }
    }
}

void DashboardView::renderTiles()
{
    const QLocale locale;
    const DeliveryKpis &k = m_shown;
    const qint64 values[TileCount] = {k.toDeliver,
                                      k.processed,
                                      k.count(LogState::TakenIntoAccount),
                                      k.count(LogState::Sent),
                                      k.inRetry,
                                      k.count(LogState::Failed),
                                      k.count(LogState::Canceled)};
    for (int i = 0; i < FirstFeedbackTile; ++i)
        m_tiles.at(i)->setValue(locale.toString(values[i]));
    // Targeted and excluded beside To deliver, the reasons in its tooltip; Failed split into hard
    // bounces and validity expired.
    m_tiles.at(ToDeliverTile)
        ->setDetail(tr("of %1 targeted, %2 excluded").arg(locale.toString(k.targeted), locale.toString(k.excluded)));
    QStringList excluded{tr("Targeted: %1").arg(locale.toString(k.targeted)),
                         tr("Excluded by the analysis: %1").arg(locale.toString(k.excluded))};
    if (m_stats.deliveryId == m_deliveryId) {
        for (const DeliveryStats::ReasonRow &r : std::as_const(m_stats.exclusions))
            excluded.append(tr("  %1: %2").arg(StateNames::failureReason(r.reason), locale.toString(r.hard)));
    }
    m_tiles.at(ToDeliverTile)->setToolTip(excluded.join(u'\n'));
    const qint64 otherFailed = k.count(LogState::Failed) - k.failedHard - k.failedExpired;
    QString failedDetail =
        tr("%1 hard, %2 expired").arg(locale.toString(k.failedHard), locale.toString(k.failedExpired));
    if (otherFailed > 0)
        failedDetail = tr("%1, %2 other").arg(failedDetail, locale.toString(otherFailed));
    m_tiles.at(FailedTile)->setDetail(failedDetail);
    m_tiles.at(FailedTile)
        ->setToolTip(tr("Hard bounces: %1\nValidity expired (soft bounces never delivered in time): %2")
                         .arg(locale.toString(k.failedHard), locale.toString(k.failedExpired)));
    m_gauge->setValue(k.successPct());
    renderFeedbackTiles();
}

void DashboardView::renderFeedbackTiles()
{
    // Engine snapshots carry no report counts: these come from the database's figures.
    const QLocale locale;
    const DeliveryKpis &k = m_stats.deliveryId == m_deliveryId && m_deliveryId > 0 ? m_stats.kpis : m_shown;
    const auto pct = [&locale](double v) { return tr("%1 %").arg(locale.toString(v, 'f', 2)); };
    m_tiles.at(HardRateTile)->setValue(pct(k.hardBounceRatePct()));
    m_tiles.at(HardRateTile)->setWarning(k.hardBounceWarning());
    m_tiles.at(SoftRateTile)->setValue(pct(k.softBounceRatePct()));
    m_tiles.at(ComplaintsTile)->setValue(tr("%1 (%2)").arg(locale.toString(k.complaints), pct(k.complaintRatePct())));
    m_tiles.at(ComplaintsTile)->setWarning(k.complaintWarning());
    m_tiles.at(NoReportTile)->setValue(locale.toString(k.noReport));
    m_tiles.at(HardRateTile)
        ->setToolTip(tr("%Ln hard bounce(s) out of the processed messages", nullptr, int(k.failedHard)));
    m_tiles.at(SoftRateTile)->setToolTip(tr("%Ln recipient(s) with a soft bounce", nullptr, int(k.softBounced)));
    m_tiles.at(NoReportTile)
        ->setToolTip(tr("Taken into account by the relay, which never sent a delivery report on them"));

    QStringList warnings;
    if (k.hardBounceWarning())
        warnings.append(tr("Hard bounces are at %1, above the %2 that mailbox providers accept: check the list "
                           "before sending more.")
                            .arg(pct(k.hardBounceRatePct()), pct(DeliveryKpis::HardBounceWarningPct)));
    if (k.complaintWarning())
        warnings.append(tr("Complaints are at %1, above the %2 that mailbox providers accept.")
                            .arg(pct(k.complaintRatePct()), pct(DeliveryKpis::ComplaintWarningPct)));
    m_warning->setText(warnings.join(u'\n'));
    m_warning->setVisible(!warnings.isEmpty());
}

void DashboardView::renderDonut()
{
    const QList<QPieSlice *> slices = m_donut->slices();
    for (int i = 0; i < StateCount && i < slices.size(); ++i) {
        const qint64 n = m_shown.count(LogState(i));
        slices.at(i)->setValue(double(n));
        // The tiles' short caption: the full state name does not fit in a legend.
        const QString name =
            LogState(i) == LogState::TakenIntoAccount ? tr("Taken into account") : StateNames::logState(LogState(i));
        slices.at(i)->setLabel(tr("%1: %2").arg(name, QLocale().toString(n)));
    }
}

void DashboardView::renderReasons()
{
    QStringList categories;
    QList<qreal> hard, soft;
    qint64 peak = 0;
    for (const DeliveryStats::ReasonRow &r : std::as_const(m_stats.reasons)) {
        if (categories.size() == MaxReasons)
            break;
        categories.prepend(StateNames::failureReason(r.reason)); // the most frequent at the top
        hard.prepend(qreal(r.hard));
        soft.prepend(qreal(r.soft));
        peak = std::max(peak, r.total());
    }
    if (categories.isEmpty())
        categories.append(tr("No failure"));
    const auto values = [](const QBarSet *set) {
        QList<qreal> out;
        for (int i = 0; i < set->count(); ++i)
            out.append(set->at(i));
        return out;
    };
    if (m_reasonAxis->categories() == categories && values(m_hardSet) == (hard.isEmpty() ? QList<qreal>{0} : hard) &&
        values(m_softSet) == (soft.isEmpty() ? QList<qreal>{0} : soft))
        return; // unchanged: nothing to lay out again
    if (m_reasonAxis->categories() != categories)
        m_reasonAxis->setCategories(categories);
    m_hardSet->remove(0, int(m_hardSet->count()));
    m_softSet->remove(0, int(m_softSet->count()));
    m_hardSet->append(hard.isEmpty() ? QList<qreal>{0} : hard);
    m_softSet->append(soft.isEmpty() ? QList<qreal>{0} : soft);
    m_reasonCountAxis->setRange(0, double(std::max<qint64>(5, peak + peak / 10 + 1)));
    m_reasonCountAxis->applyNiceNumbers();
}

void DashboardView::renderDomains()
{
    const QLocale locale;
    const bool live = isLive();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int rows = int(m_stats.domains.size());
    while (m_domains->topLevelItemCount() > rows)
        delete m_domains->takeTopLevelItem(m_domains->topLevelItemCount() - 1);
    for (int i = 0; i < rows; ++i) {
        QTreeWidgetItem *item = m_domains->topLevelItem(i);
        if (!item) {
            item = new QTreeWidgetItem(m_domains);
            for (int c = 1; c < 5; ++c)
                item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        }
        const DeliveryStats::DomainRow &d = m_stats.domains.at(i);
        item->setText(0, d.domain);
        item->setText(1, locale.toString(d.count));
        item->setText(2, locale.toString(d.sent));
        item->setText(3, locale.toString(d.soft));
        item->setText(4, locale.toString(d.hard));
        // A relay route holds every domain alike ("relay"); the direct route each one apart.
        const DestinationHold *hold = nullptr;
        // This window's engine says it first hand; a delivery another process sends, through
        // the database.
        const QList<DestinationHold> &holds = m_lastSnapshotMs > 0 ? m_holds : m_stats.holds;
        for (const DestinationHold &h : holds) {
            if (live && h.warmupHeld() && d.count > d.sent + d.hard) { // a warm-up's day holds every domain
                hold = &h;
                break;
            }
            if (live && h.warmup.isEmpty() && h.appliesTo(d.domain) && d.count > d.sent + d.hard) {
                hold = &h;
                break;
            }
        }
        QString heldBy = hold ? DestinationHoldText::describe(*hold, now) : QString();
        QString details = hold ? DestinationHoldText::details(*hold) : QString();
        if (live && d.waiting > 0 && d.nextRetryAtMs > 0) { // soft bounces waiting for their next try
            const QString retry = DestinationHoldText::retry(d.nextRetryAtMs);
            heldBy = heldBy.isEmpty() ? retry : heldBy + tr("; ") + retry;
            details = details.isEmpty() ? retry : details + u'\n' + retry;
        }
        item->setText(HeldByColumn, heldBy);
        item->setToolTip(HeldByColumn, details);
    }
}

void DashboardView::renderProgress()
{
    const QLocale locale;
    // QProgressBar repaints itself at once when its value moves; disabled meanwhile, it is
    // painted with the rest of the window's changes instead.
    if (const int value = int(m_finish.progress() * 1000); value != m_progress->value()) {
        m_progress->setUpdatesEnabled(false);
        m_progress->setValue(value);
        m_progress->setUpdatesEnabled(true);
    }
    m_progress->setFormat(tr("%1 of %2 handed over (%3%)")
                              .arg(locale.toString(m_finish.done()), locale.toString(m_finish.total()),
                                   locale.toString(m_finish.progress() * 100, 'f', 1)));
    if (m_deliveryId == 0 || m_finish.total() == 0) {
        m_eta->setText(QString());
    } else if (m_finish.remaining() == 0) {
        m_eta->setText(tr("Nothing left to hand over"));
    } else if (!isLive()) {
        m_eta->setText(tr("Estimated finish: not sending"));
    } else if (const auto at = m_finish.finishAtMs()) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_eta->setText(tr("Estimated finish: %1 (in %2)")
                           .arg(locale.toString(QDateTime::fromMSecsSinceEpoch(*at).time(), QLocale::ShortFormat),
                                duration(*at - now)));
    } else {
        m_eta->setText(tr("Estimated finish: measuring…"));
    }
}

void DashboardView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void DashboardView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_hidden.isEmpty())
        return;
    m_hidden = {m_throughput, m_donutView, m_reasonsView, m_domainsBox};
    for (QWidget *w : std::as_const(m_hidden))
        w->setUpdatesEnabled(false);
    m_reveal.start();
}

void DashboardView::retranslate()
{
    const QString captions[TileCount] = {tr("To deliver"), tr("Processed"),        tr("Taken into account"),
                                         tr("Sent"),       tr("In retry"),         tr("Failed"),
                                         tr("Canceled"),   tr("Hard bounce rate"), tr("Soft bounce rate"),
                                         tr("Complaints"), tr("No report")};
    for (int i = 0; i < TileCount; ++i)
        m_tiles.at(i)->setCaption(captions[i]);
    m_gauge->setCaption(tr("Success"));
    m_throughput->setTitles(tr("Throughput"), tr("messages per minute"));
    m_donutView->chart()->setTitle(tr("Recipients by log state"));
    m_reasonsView->chart()->setTitle(tr("Failure reasons"));
    m_hardSet->setLabel(tr("Hard"));
    m_softSet->setLabel(tr("Soft"));
    m_domainsBox->setTitle(tr("By destination domain"));
    m_domains->setHeaderLabels({tr("Domain"), tr("Count"), tr("Sent"), tr("Soft"), tr("Hard"), tr("Held by")});
    markStale({ThroughputPart, DonutPart, ReasonsPart, DomainsPart});
    if (m_deliveryId > 0 || m_updates > 0)
        render();
}

QString DashboardView::warningText() const
{
    return m_warning->isVisible() || !m_warning->isHidden() ? m_warning->text() : QString();
}

void DashboardView::setStorageFault(qint64 deliveryId, const QString &fault)
{
    if (fault.isEmpty())
        m_storageFaults.remove(deliveryId);
    else
        m_storageFaults.insert(deliveryId, fault);
    renderStorageFault();
}

void DashboardView::renderStorageFault()
{
    const QString fault = m_storageFaults.value(m_deliveryId);
    m_held->setText(fault.isEmpty() ? QString()
                                    : tr("Sending is held: the database refuses writes. Nothing new is sent and "
                                         "nothing recorded is lost; it goes on by itself once the database accepts "
                                         "writes again.\n%1")
                                          .arg(fault));
    m_held->setVisible(m_deliveryId > 0 && !fault.isEmpty());
}

QString DashboardView::storageFaultText() const
{
    return m_held->isHidden() ? QString() : m_held->text();
}
