// Benchmark (not a test): how the window behaves while it sends. Opens the main window on a
// database holding one analyzed delivery, confirms it through the window's own actions, and
// while the engine sends it measures
//  - the GUI event loop's stalls: a 5 ms precise timer on the GUI thread; a stall is the time
//    between two of its ticks (so 5 ms is no stall at all);
//  - the dashboard lag: a reader thread polls the database every 20 ms for the committed
//    "processed" count (the same core query the dashboard uses); for each new count, the lag
//    is the time until the dashboard first shows at least that count.
// Run by tests/bench/bench_gui.sh, which prepares the delivery and the sink.
//
//   bench_gui_responsiveness --db FILE --delivery ID [--trace-ms N]
//
// --trace-ms N prints each event the GUI thread took N ms or more to handle (what, for whom,
// when), to find what a stall is made of.

#include "dashboard_view.h"
#include "delivery/delivery_queries.h"
#include "delivery_actions.h"
#include "main_window.h"
#include "store/store.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QMutex>
#include <QPushButton>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;

namespace {

struct Sample
{
    qint64 atMs;
    qint64 processed;
};

// Polls the committed count on its own connection and thread, as a second observer.
class CommitPoller final : public QThread
{
public:
    CommitPoller(QString path, qint64 id, const QElapsedTimer &clock)
        : m_path(std::move(path))
        , m_id(id)
        , m_clock(clock)
    {}
    void stop() { m_stop = true; }
    QList<Sample> samples() const
    {
        QMutexLocker lock(&m_mutex);
        return m_samples;
    }

protected:
    void run() override
    {
        QString error;
        std::unique_ptr<Store> store = Store::open(m_path, &error);
        if (!store) {
            std::fprintf(stderr, "poller: %s\n", qPrintable(error));
            return;
        }
        DeliveryQueries queries(store->db());
        qint64 last = -1;
        while (!m_stop) {
            const qint64 at = m_clock.elapsed();
            if (const auto kpis = queries.kpis(m_id); kpis && kpis->processed != last) {
                last = kpis->processed;
                QMutexLocker lock(&m_mutex);
                m_samples.append({at, last});
            }
            QThread::msleep(20);
        }
    }

private:
    const QString m_path;
    const qint64 m_id;
    const QElapsedTimer &m_clock;
    std::atomic<bool> m_stop{false};
    mutable QMutex m_mutex;
    QList<Sample> m_samples;
};

// Times each event handled from the event loop (not the ones sent while handling another).
class TracingApplication final : public QApplication
{
public:
    using QApplication::QApplication;
    void trace(const QElapsedTimer *clock, int thresholdMs)
    {
        m_clock = clock;
        m_thresholdMs = thresholdMs;
    }
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_clock || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        const qint64 start = m_clock->nsecsElapsed();
        const qint64 cpuStart = threadCpuNs();
        const int type = event->type(); // the event may be gone once handled
        const QByteArray what = QByteArray(receiver->metaObject()->className()) + ' ' + receiver->objectName().toUtf8();
        ++m_depth;
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        const qint64 tookUs = (m_clock->nsecsElapsed() - start) / 1000;
        if (tookUs >= m_thresholdMs * 1000)
            std::fprintf(stderr, "trace: at %6lld ms, %5.1f ms (%5.1f ms on the CPU): event %d to %s\n",
                         static_cast<long long>(start / 1000000), double(tookUs) / 1000,
                         double(threadCpuNs() - cpuStart) / 1e6, type, what.constData());
        return handled;
    }

private:
    static qint64 threadCpuNs()
    {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
    }
    const QElapsedTimer *m_clock = nullptr;
    int m_thresholdMs = 0;
    int m_depth = 0;
};

void fail(const char *message)
{
    std::fprintf(stderr, "bench_gui_responsiveness: %s\n", message);
    std::exit(1);
}

} // namespace

int main(int argc, char **argv)
{
    TracingApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"sendscope-bench"_s);
    QCommandLineParser parser;
    const QCommandLineOption dbOption(u"db"_s, u"database"_s, u"FILE"_s);
    const QCommandLineOption idOption(u"delivery"_s, u"delivery id"_s, u"ID"_s);
    const QCommandLineOption traceOption(u"trace-ms"_s, u"print the events that took this long"_s, u"MS"_s);
    parser.addOptions({dbOption, idOption, traceOption});
    parser.addHelpOption();
    parser.process(app);
    const QString path = parser.value(dbOption);
    const qint64 id = parser.value(idOption).toLongLong();
    if (path.isEmpty() || id <= 0)
        fail("--db FILE --delivery ID");

    QElapsedTimer clock;
    clock.start();
    if (parser.isSet(traceOption))
        app.trace(&clock, parser.value(traceOption).toInt());
    Workspace windowWorkspace(path);
    MainWindow window(windowWorkspace);
    window.resize(1280, 800);
    window.show();

    // The stall probe.
    qint64 lastTick = -1;
    qint64 longestStall = 0;
    qint64 longestStallAt = 0;
    QList<qint64> gaps;
    bool probing = false;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        const qint64 now = clock.elapsed();
        if (probing && lastTick >= 0) {
            const qint64 gap = now - lastTick;
            gaps.append(gap);
            if (gap > longestStall) {
                longestStall = gap;
                longestStallAt = now;
            }
        }
        lastTick = now;
    });
    probe.start();

    QList<Sample> shown;
    DashboardView *dashboard = window.dashboardView();
    QObject::connect(dashboard, &DashboardView::updated, dashboard, [&] {
        shown.append({clock.elapsed(), dashboard->shownKpis().processed});
    });

    CommitPoller poller(path, id, clock);
    qint64 sendStartedAt = 0;
    qint64 openedAt = -1;
    DeliveryActions *actions = window.deliveryActions();

    // Step by step on the event loop: select, wait for Confirm, confirm, follow to the end.
    QTimer driver;
    driver.setInterval(20);
    int phase = 0;
    QObject::connect(&driver, &QTimer::timeout, &driver, [&] {
        switch (phase) {
        case 0:
            if (window.selectDelivery(id) && window.currentDeliveryId() == id && actions->confirm->isEnabled()) {
                openedAt = clock.elapsed();
                actions->confirm->trigger();
                phase = 1;
            }
            break;
        case 1:
            if (auto *box = window.findChild<QMessageBox *>(u"confirmSendBox"_s); box && box->isVisible()) {
                poller.start();
                probing = true;
                sendStartedAt = clock.elapsed();
                box->findChild<QPushButton *>(u"confirmSendButton"_s)->click();
                phase = 2;
            }
            break;
        case 2:
            if (dashboard->shownKpis().id == id && dashboard->shownKpis().state == DeliveryState::Finished) {
                probing = false;
                phase = 3;
                QTimer::singleShot(300, &app, &QCoreApplication::quit); // the poller's last samples
            }
            break;
        default:
            break;
        }
        if (clock.elapsed() > 30 * 60 * 1000)
            fail("no end after 30 minutes");
    });
    driver.start();
    app.exec();
    poller.stop();
    poller.wait();
    const qint64 endedAt = clock.elapsed();

    const QList<Sample> committed = poller.samples();
    QList<qint64> lags;
    for (const Sample &c : committed) {
        if (c.processed == 0)
            continue;
        const auto seen = std::find_if(shown.cbegin(), shown.cend(),
                                       [&](const Sample &s) { return s.processed >= c.processed && s.atMs >= c.atMs; });
        if (seen != shown.cend())
            lags.append(seen->atMs - c.atMs);
    }
    std::sort(gaps.begin(), gaps.end());
    std::sort(lags.begin(), lags.end());
    const auto pct = [](const QList<qint64> &v, double p) {
        return v.isEmpty() ? 0 : v.at(qsizetype(p * double(v.size() - 1)));
    };
    const qint64 processed = shown.isEmpty() ? 0 : shown.last().processed;

    // The engine's part and the window's: the last count committed (the poller keeps a sample
    // only when the count changes), then Finished on screen.
    const qint64 lastCommitAt = committed.isEmpty() ? sendStartedAt : committed.last().atMs;

    std::printf("window ready for Confirm after     %6lld ms\n", static_cast<long long>(openedAt));
    std::printf("send (confirm to Finished shown)   %6lld ms, %lld recipients processed\n",
                static_cast<long long>(endedAt - 300 - sendStartedAt), static_cast<long long>(processed));
    std::printf("  of which: confirm to last commit %6lld ms, last commit to Finished shown %lld ms\n",
                static_cast<long long>(lastCommitAt - sendStartedAt),
                static_cast<long long>(endedAt - 300 - lastCommitAt));
    std::printf("event loop: %lld ticks of 5 ms; longest stall %lld ms (at %lld ms), p99 %lld ms, p50 %lld ms   "
                "(target < 16 ms)\n",
                static_cast<long long>(gaps.size()), static_cast<long long>(longestStall),
                static_cast<long long>(longestStallAt - sendStartedAt), static_cast<long long>(pct(gaps, 0.99)),
                static_cast<long long>(pct(gaps, 0.5)));
    std::printf("dashboard: %lld updates; lag from commit to shown over %lld commits: max %lld ms, p50 %lld ms   "
                "(target < 250 ms)\n",
                static_cast<long long>(shown.size()), static_cast<long long>(lags.size()),
                static_cast<long long>(lags.isEmpty() ? 0 : lags.last()), static_cast<long long>(pct(lags, 0.5)));
    return 0;
}
