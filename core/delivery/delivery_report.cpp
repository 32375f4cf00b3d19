#include "delivery_report.h"

#include "delivery/delivery_queries.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

qint64 msOrZero(const QVariant &v)
{
    return v.isNull() ? 0 : v.toLongLong();
}

// The widths a bucket may take, in minutes; past a day it doubles.
qint64 bucketWidthMs(qint64 spanMs, int maxBuckets)
{
    static constexpr qint64 Minutes[] = {1, 5, 15, 30, 60, 180, 360, 720, 1440};
    for (qint64 m : Minutes) {
        const qint64 width = m * 60000;
        if (spanMs / width + 1 <= maxBuckets)
            return width;
    }
    qint64 width = 1440 * 60000LL;
    while (spanMs / width + 1 > maxBuckets)
        width *= 2;
    return width;
}

// The processed rows of the log (handed to the MTA at least once), as DeliveryKpis counts them.
const QString processedLogRows = u"recipient_log WHERE delivery_id = ? AND (state IN ('taken_into_account', 'sent') "
                                 "OR (state = 'failed' AND attempts > 0))"_s;
const QString finishedAttempts = u"attempts WHERE delivery_id = ? AND finished_at IS NOT NULL"_s;

} // namespace

qint64 DeliveryReport::hardFailures() const
{
    qint64 n = 0;
    for (const auto &r : reasons)
        n += r.hard;
    return n;
}

qint64 DeliveryReport::softFailures() const
{
    qint64 n = 0;
    for (const auto &r : reasons)
        n += r.soft;
    return n;
}

double DeliveryReport::perMinute(const Bucket &bucket) const
{
    return bucketMs > 0 ? double(bucket.count) * 60000.0 / double(bucketMs) : 0.0;
}

double DeliveryReport::peakPerMinute() const
{
    double peak = 0;
    for (const Bucket &b : throughput)
        peak = std::max(peak, perMinute(b));
    return peak;
}

ThroughputSeries DeliveryReport::throughputSeries() const
{
    // One sample per bucket end with the cumulative count, measured over one bucket: the rate
    // of each point is then exactly its bucket's.
    ThroughputSeries series(int(std::max<qsizetype>(4, throughput.size() + 1)), bucketMs);
    if (throughput.isEmpty())
        return series;
    qint64 cumulative = 0;
    series.addSample(throughput.constFirst().startMs, 0);
    for (const Bucket &b : throughput) {
        cumulative += b.count;
        series.addSample(b.startMs + bucketMs, cumulative);
    }
    return series;
}

QString DeliveryReport::sourceName(ThroughputSource source)
{
    switch (source) {
    case ThroughputSource::Attempts:
        return u"attempts"_s;
    case ThroughputSource::Log:
        return u"log"_s;
    case ThroughputSource::None:
        break;
    }
    return u"none"_s;
}

QString DeliveryReportBuilder::describeRoute(const QJsonValue &route)
{
    if (route.isString())
        return route.toString();
    const QJsonObject o = route.toObject();
    if (o.contains(u"name"_s))
        return o.value(u"name"_s).toString();
    QString type = o.value(u"type"_s).toString();
    if (type == u"relay"_s) {
        const QString host = o.value(u"host"_s).toString();
        const int port = o.value(u"port"_s).toInt(25);
        return u"relay %1:%2"_s.arg(host.contains(u':') ? u'[' + host + u']' : host).arg(port);
    }
    return type;
}

std::optional<DeliveryReport> DeliveryReportBuilder::build(qint64 deliveryId, int domainLimit) const
{
    m_lastError.clear();
    DeliveryReport report;
    report.deliveryId = deliveryId;
    report.generatedAtMs = m_clock.nowMs();
    if (!loadDelivery(report))
        return std::nullopt;

    const DeliveryStats stats(m_db);
    report.reasons = stats.failureReasons(deliveryId);
    if (!stats.lastError().isEmpty()) {
        m_lastError = stats.lastError();
        return std::nullopt;
    }
    const int limit = std::max(0, domainLimit);
    const bool ok = forEachFailureDomain(
        deliveryId,
        [&](const DeliveryReport::DomainRow &row) {
            if (report.domains.size() == limit) {
                report.moreDomains = true;
                return false;
            }
            report.domains.append(row);
            return true;
        },
        limit + 1);
    if (!ok || !loadThroughput(report))
        return std::nullopt;
    return report;
}

bool DeliveryReportBuilder::loadDelivery(DeliveryReport &report) const
{
    QSqlQuery q(m_db);
    q.prepare(u"SELECT name, definition, created_at, confirmed_at, started_at, finished_at, updated_at "
              "FROM deliveries WHERE id = ?"_s);
    q.addBindValue(report.deliveryId);
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        return false;
    }
    if (!q.next())
        return false; // no such delivery: not an error
    report.name = q.value(0).toString();
    const QJsonObject def = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
    report.route = describeRoute(def.value(u"route"_s));
    report.createdAtMs = msOrZero(q.value(2));
    report.confirmedAtMs = msOrZero(q.value(3));
    report.startedAtMs = msOrZero(q.value(4));
    report.finishedAtMs = msOrZero(q.value(5));
    const qint64 updatedAtMs = msOrZero(q.value(6));
    q.finish();

    const DeliveryQueries queries(m_db);
    const auto kpis = queries.kpis(report.deliveryId);
    if (!kpis) {
        m_lastError = queries.lastError();
        return false;
    }
    report.kpis = *kpis;

    if (report.startedAtMs > 0) {
        const bool running =
            report.kpis.state == DeliveryState::InProgress || report.kpis.state == DeliveryState::Paused;
        const qint64 end = report.finishedAtMs > 0 ? report.finishedAtMs : running ? report.generatedAtMs : updatedAtMs;
        report.durationMs = std::max<qint64>(0, end - report.startedAtMs);
    }
    if (report.durationMs > 0)
        report.averagePerMinute = double(report.kpis.processed) * 60000.0 / double(report.durationMs);
    return true;
}

bool DeliveryReportBuilder::forEachFailureDomain(qint64 deliveryId,
                                                 const std::function<bool(const DeliveryReport::DomainRow &)> &fn,
                                                 int limit) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // The domain as the log filter and the dashboard read it: the normalized address' part
    // after '@'. Exclusions are the analysis' business, so ignored rows are left out.
    q.prepare(u"SELECT substr(r.email_norm, instr(r.email_norm, '@') + 1) AS domain, count(*), "
              "sum(CASE WHEN l.state = 'sent' THEN 1 ELSE 0 END), "
              "sum(CASE WHEN l.failure_type = 'hard' THEN 1 ELSE 0 END) AS hard, "
              "sum(CASE WHEN l.failure_type = 'soft' THEN 1 ELSE 0 END) AS soft "
              "FROM recipient_log l JOIN recipients r ON r.id = l.recipient_id "
              "WHERE l.delivery_id = ? AND l.state <> 'ignored' "
              "GROUP BY domain HAVING hard + soft > 0 ORDER BY hard + soft DESC, domain LIMIT ?"_s);
    q.addBindValue(deliveryId);
    q.addBindValue(limit < 0 ? -1 : limit);
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        return false;
    }
    while (q.next()) {
        const DeliveryReport::DomainRow row{q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                                            q.value(3).toLongLong(), q.value(4).toLongLong()};
        if (!fn(row))
            break;
    }
    return true;
}

bool DeliveryReportBuilder::loadThroughput(DeliveryReport &report) const
{
    struct Source
    {
        DeliveryReport::ThroughputSource kind;
        QString column;
        QString rows;
    };
    const Source sources[] = {{DeliveryReport::ThroughputSource::Attempts, u"finished_at"_s, finishedAttempts},
                              {DeliveryReport::ThroughputSource::Log, u"updated_at"_s, processedLogRows}};
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    for (const Source &source : sources) {
        q.prepare(u"SELECT min(%1), max(%1), count(*) FROM "_s.arg(source.column) + source.rows);
        q.addBindValue(report.deliveryId);
        if (!q.exec() || !q.next()) {
            m_lastError = q.lastError().text();
            return false;
        }
        const qint64 count = q.value(2).toLongLong();
        if (count == 0)
            continue;
        const qint64 first = q.value(0).toLongLong();
        const qint64 last = q.value(1).toLongLong();
        const qint64 width = bucketWidthMs(last - first, MaxBuckets);
        const qint64 firstBucket = first / width;
        const qint64 lastBucket = last / width;

        QList<DeliveryReport::Bucket> buckets;
        buckets.reserve(lastBucket - firstBucket + 1);
        for (qint64 b = firstBucket; b <= lastBucket; ++b)
            buckets.append({b * width, 0});
        q.prepare(u"SELECT %1 / ? AS bucket, count(*) FROM "_s.arg(source.column) + source.rows +
                  u" GROUP BY bucket"_s);
        q.addBindValue(width);
        q.addBindValue(report.deliveryId);
        if (!q.exec()) {
            m_lastError = q.lastError().text();
            return false;
        }
        while (q.next()) {
            const qint64 index = q.value(0).toLongLong() - firstBucket;
            if (index >= 0 && index < buckets.size())
                buckets[index].count = q.value(1).toLongLong();
        }
        report.throughputSource = source.kind;
        report.bucketMs = width;
        report.throughput = std::move(buckets);
        return true;
    }
    report.throughputSource = DeliveryReport::ThroughputSource::None;
    return true;
}
