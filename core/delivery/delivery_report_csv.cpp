#include "delivery_report_csv.h"

#include "common/csv_writer.h"
#include "delivery/delivery_queries.h"

#include <QDateTime>
#include <QIODevice>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {

QString isoUtc(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate) : QString();
}

QString number(double v)
{
    return QString::number(v, 'f', 2);
}

// Collects records and hands them to the device in chunks, remembering the first error.
class Sink final
{
public:
    explicit Sink(QIODevice &out)
        : m_out(out)
    {}

    bool add(const QStringList &cells)
    {
        m_buffer += CsvWriter::record(cells).toUtf8();
        return m_buffer.size() < ChunkBytes || flush();
    }
    bool blank()
    {
        m_buffer += "\r\n";
        return true;
    }
    bool flush()
    {
        if (m_failed)
            return false;
        if (!m_buffer.isEmpty() && m_out.write(m_buffer) != m_buffer.size())
            m_failed = true;
        m_buffer.clear();
        return !m_failed;
    }
    bool failed() const { return m_failed; }

private:
    static constexpr qsizetype ChunkBytes = 1 << 16;
    QIODevice &m_out;
    QByteArray m_buffer;
    bool m_failed = false;
};

} // namespace

bool DeliveryReportCsv::write(const DeliveryReport &r, QIODevice &out)
{
    m_lastError.clear();
    m_recipientRows = 0;
    Sink sink(out);
    // A UTF-8 byte order mark: spreadsheets otherwise read non-ASCII addresses in the local
    // code page.
    if (out.write("\xEF\xBB\xBF") != 3) {
        m_lastError = out.errorString();
        return false;
    }

    sink.add({u"section"_s, u"summary"_s});
    sink.add({u"field"_s, u"value"_s});
    const DeliveryKpis &k = r.kpis;
    const QList<QPair<QString, QString>> summary = {
        {u"id"_s, QString::number(r.deliveryId)},
        {u"name"_s, r.name},
        {u"state"_s, LogStates::name(k.state)},
        {u"route"_s, r.route},
        {u"created_at"_s, isoUtc(r.createdAtMs)},
        {u"confirmed_at"_s, isoUtc(r.confirmedAtMs)},
        {u"started_at"_s, isoUtc(r.startedAtMs)},
        {u"finished_at"_s, isoUtc(r.finishedAtMs)},
        {u"targeted"_s, QString::number(k.targeted)},
        {u"to_deliver"_s, QString::number(k.toDeliver)},
        {u"excluded"_s, QString::number(k.excluded)},
        {u"pending"_s, QString::number(k.count(LogState::Pending))},
        {u"taken_into_account"_s, QString::number(k.count(LogState::TakenIntoAccount))},
        {u"sent"_s, QString::number(k.count(LogState::Sent))},
        {u"failed"_s, QString::number(k.count(LogState::Failed))},
        {u"canceled"_s, QString::number(k.count(LogState::Canceled))},
        {u"in_retry"_s, QString::number(k.inRetry)},
        {u"processed"_s, QString::number(k.processed)},
        {u"hard_failures"_s, QString::number(r.hardFailures())},
        {u"soft_failures"_s, QString::number(r.softFailures())},
        {u"success_pct"_s, number(k.successPct())},
        {u"duration_s"_s, QString::number(r.durationMs / 1000)},
        {u"average_per_minute"_s, number(r.averagePerMinute)},
        {u"generated_at"_s, isoUtc(r.generatedAtMs)},
    };
    for (const auto &[field, value] : summary)
        sink.add({field, value});

    sink.blank();
    sink.add({u"section"_s, u"non_deliverables_by_reason"_s});
    sink.add({u"failure_reason"_s, u"hard"_s, u"soft"_s, u"total"_s});
    for (const auto &row : r.reasons)
        sink.add({LogStates::name(row.reason), QString::number(row.hard), QString::number(row.soft),
                  QString::number(row.total())});

    sink.blank();
    sink.add({u"section"_s, u"non_deliverables_by_domain"_s});
    sink.add({u"domain"_s, u"to_deliver"_s, u"sent"_s, u"hard"_s, u"soft"_s, u"failures"_s});
    const auto domainRow = [&](const DeliveryReport::DomainRow &d) {
        return sink.add({d.domain, QString::number(d.toDeliver), QString::number(d.sent), QString::number(d.hard),
                         QString::number(d.soft), QString::number(d.failures())});
    };
    if (r.moreDomains) {
        // The report kept the largest only; the export has them all.
        DeliveryReportBuilder builder(m_db);
        if (!builder.forEachFailureDomain(r.deliveryId, domainRow)) {
            m_lastError = builder.lastError();
            return false;
        }
    } else {
        for (const auto &d : r.domains)
            domainRow(d);
    }

    sink.blank();
    sink.add({u"section"_s, u"throughput"_s});
    sink.add({u"bucket_start"_s, u"bucket_minutes"_s, u"messages"_s, u"per_minute"_s, u"source"_s});
    const QString source = DeliveryReport::sourceName(r.throughputSource);
    for (const auto &b : r.throughput)
        sink.add({isoUtc(b.startMs), QString::number(r.bucketMs / 60000), QString::number(b.count),
                  number(r.perMinute(b)), source});

    sink.blank();
    sink.add({u"section"_s, u"non_deliverable_recipients"_s});
    sink.add({u"email"_s, u"state"_s, u"failure_type"_s, u"failure_reason"_s, u"validity_expired"_s, u"last_reply"_s,
              u"attempts"_s, u"updated_at"_s});
    const DeliveryQueries queries(m_db);
    const bool ok = queries.forEachLogRow(r.deliveryId, {}, [&](const LogRow &row) {
        if (row.state == LogState::Ignored || row.failureReason == FailureReason::None)
            return true;
        ++m_recipientRows;
        return sink.add({row.email, LogStates::name(row.state), LogStates::name(row.failureType),
                         LogStates::name(row.failureReason), row.validityExpired ? u"1"_s : u"0"_s, row.lastReply,
                         QString::number(row.attempts), isoUtc(row.updatedAtMs)});
    });
    if (!ok) {
        m_lastError = queries.lastError();
        return false;
    }
    if (!sink.flush()) {
        m_lastError = out.errorString();
        return false;
    }
    return true;
}

bool DeliveryReportCsv::writeFile(const DeliveryReport &report, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        m_lastError = u"%1: %2"_s.arg(path, file.errorString());
        return false;
    }
    if (!write(report, file)) {
        file.cancelWriting();
        m_lastError = u"%1: %2"_s.arg(path, m_lastError);
        return false;
    }
    if (!file.commit()) {
        m_lastError = u"%1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}
