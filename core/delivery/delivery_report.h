#pragma once

#include "common/clock.h"
#include "delivery/delivery_stats.h"
#include "log/delivery_kpis.h"
#include "log/throughput_series.h"

#include <QJsonValue>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <optional>

// The report of one delivery (docs/product.md §7): its summary, its non-deliverables by reason and
// by destination domain, and its throughput over time. A plain value computed from the
// database on the reader's connection, so the UI can build it on its worker thread and the
// exports write exactly what the view shows.
struct DeliveryReport
{
    // A destination domain with at least one non-deliverable recipient.
    struct DomainRow
    {
        QString domain;
        qint64 toDeliver = 0;
        qint64 sent = 0;
        qint64 hard = 0;
        qint64 soft = 0; // in retry, or failed when the validity expired
        qint64 failures() const { return hard + soft; }
    };

    // Where the throughput comes from: the attempts the engine recorded (one per message
    // handed over, retries included), or, for a delivery without any (its events came from
    // elsewhere), the last update of each processed recipient's log row.
    enum class ThroughputSource { None, Attempts, Log };

    struct Bucket
    {
        qint64 startMs = 0;
        qint64 count = 0;
    };

    qint64 deliveryId = 0;
    QString name;
    QString route; // "relay 127.0.0.1:2525", "direct", or the name of a saved route
    DeliveryKpis kpis;
    qint64 createdAtMs = 0; // 0: not yet
    qint64 confirmedAtMs = 0;
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0;
    qint64 durationMs = 0;       // started to finished, or to the report's time while running
    double averagePerMinute = 0; // processed / duration
    qint64 generatedAtMs = 0;

    QList<DeliveryStats::ReasonRow> reasons; // the most frequent first
    QList<DomainRow> domains;                // the most failures first, at most the builder's limit
    bool moreDomains = false;                // domains were left out of the list

    ThroughputSource throughputSource = ThroughputSource::None;
    qint64 bucketMs = 60000;
    QList<Bucket> throughput; // consecutive buckets from the first to the last message, gaps as 0

    qint64 hardFailures() const;
    qint64 softFailures() const;
    double perMinute(const Bucket &bucket) const;
    double peakPerMinute() const;
    // The buckets as the dashboard's rate series, so both draw the same maths.
    ThroughputSeries throughputSeries() const;

    static QString sourceName(ThroughputSource source);
};

// Builds DeliveryReports from the database: read-only, on the caller's connection.
class DeliveryReportBuilder final
{
public:
    static constexpr int DefaultDomainLimit = 500;
    // Buckets are a minute wide, widened (5, 15, 30, 60 min, …) until at most this many.
    static constexpr int MaxBuckets = 720;

    explicit DeliveryReportBuilder(QSqlDatabase db, const Clock &clock = Clock::system())
        : m_db(db)
        , m_clock(clock)
    {}

    // nullopt when the delivery does not exist (lastError() empty) or a query failed.
    std::optional<DeliveryReport> build(qint64 deliveryId, int domainLimit = DefaultDomainLimit) const;

    // Streams every domain with non-deliverables (most failures first); stops when fn returns
    // false. For exports that must not stop at the view's limit.
    bool forEachFailureDomain(qint64 deliveryId, const std::function<bool(const DeliveryReport::DomainRow &)> &fn,
                              int limit = -1) const;

    QString lastError() const { return m_lastError; }

    static QString describeRoute(const QJsonValue &route);

private:
    bool loadDelivery(DeliveryReport &report) const;
    bool loadThroughput(DeliveryReport &report) const;

    QSqlDatabase m_db;
    const Clock &m_clock;
    mutable QString m_lastError;
};
