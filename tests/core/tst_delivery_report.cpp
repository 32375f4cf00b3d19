// The delivery report (docs/product.md §7) over a database built through the core's own API: a
// definition imported, analyzed, recipient events applied with DeliveryService::applyEvents
// on a manual clock; then the summary, the non-deliverables by reason and by domain, the
// throughput buckets and the CSV export (parsed back with the project's CSV reader).
#include "delivery/delivery_queries.h"
#include "delivery/delivery_report.h"
#include "delivery/delivery_report_csv.h"
#include "delivery/delivery_service.h"
#include "recipients/csv_reader.h"
#include "store/store.h"
#include "test_support.h"

#include <QBuffer>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// An hour boundary, so the buckets of the test are easy to name.
constexpr qint64 T0 = 29'916'660LL * 60'000; // a whole hour

LogEvent ev(LogEvent::Kind kind, FailureReason reason = FailureReason::None, const QString &reply = u"250 ok"_s)
{
    LogEvent e;
    e.kind = kind;
    e.reason = reason;
    e.reply = reply;
    e.validityEndMs = T0 + 24 * 3600'000LL;
    e.retryAtMs = T0 + 900'000;
    return e;
}

using Sections = QMap<QString, QList<QStringList>>;

// The export's sections by name, each without its "section" record (header first).
Sections parseSections(const QByteArray &csv)
{
    QByteArray copy = csv;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    Sections out;
    QString current;
    QStringList fields;
    while (true) {
        const CsvReader::Status status = reader.next(fields);
        if (status == CsvReader::Status::End)
            break;
        if (status != CsvReader::Status::Record)
            qFatal("bad CSV at line %lld: %s", reader.line(), qPrintable(reader.error()));
        if (fields.size() == 2 && fields.at(0) == u"section"_s) {
            current = fields.at(1);
            continue;
        }
        out[current].append(fields);
    }
    return out;
}

} // namespace

class TstDeliveryReport final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    ManualClock m_clock{T0};
    qint64 m_id = 0;
    QMap<QString, qint64> m_recipients; // by address

    void apply(const QString &email, const QList<LogEvent> &events)
    {
        DeliveryService service(*m_store, m_clock);
        QList<QPair<qint64, LogEvent>> list;
        for (const LogEvent &e : events)
            list.append({m_recipients.value(email), e});
        bool ok = false;
        const auto results = service.applyEvents(list, &ok);
        QVERIFY(ok);
        for (const auto &r : results)
            QVERIFY2(r.transition.accepted, qPrintable(email + u": "_s + r.transition.error));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        m_store = Store::open(m_dir.filePath(u"report.db"_s), &error);
        QVERIFY2(m_store, qPrintable(error));
        TestSupport::writeFile(m_dir, u"list.csv"_s,
                               "email\na1@alpha.example\na2@alpha.example\na3@alpha.example\n"
                               "b1@beta.example\nb2@beta.example\n=cmd@gamma.example\n+x@gamma.example\n"
                               "not an address\na1@alpha.example\n");
        QJsonObject def = TestSupport::cleanDefinition();
        def.insert(u"name"_s, u"=Report test"_s);
        DeliveryService service(*m_store, m_clock);
        const auto imported = service.importDefinition(TestSupport::writeDefinition(m_dir, def));
        QVERIFY2(imported.ok, qPrintable(imported.errors.join(u'\n')));
        m_id = imported.deliveryId;
        QVERIFY(service.analyze(m_id).ok);
        QSqlQuery q(m_store->db());
        QVERIFY(q.exec(u"SELECT l.recipient_id, r.email FROM recipient_log l JOIN recipients r ON r.id = "
                       "l.recipient_id WHERE l.state = 'pending'"_s));
        while (q.next())
            m_recipients.insert(q.value(1).toString(), q.value(0).toLongLong());
        QCOMPARE(m_recipients.size(), 7);

        using K = LogEvent::Kind;
        // Minute 0: one sent, one hard bounce.
        apply(u"a1@alpha.example"_s, {ev(K::AttemptStarted), ev(K::HandedToMta), ev(K::DestinationAccepted)});
        m_clock.advanceMs(30'000);
        apply(u"a2@alpha.example"_s,
              {ev(K::AttemptStarted), ev(K::HardBounce, FailureReason::UserUnknown, u"550 5.1.1 unknown"_s)});
        // Minute 1: a soft bounce, in retry.
        m_clock.advanceMs(60'000);
        apply(u"a3@alpha.example"_s, {ev(K::AttemptStarted), ev(K::HandedToMta),
                                      ev(K::SoftBounce, FailureReason::MailboxFull, u"452 4.2.2 full"_s)});
        // Minute 2: one sent, two hard bounces; a reply that reads like a formula.
        m_clock.advanceMs(60'000);
        apply(u"b1@beta.example"_s, {ev(K::AttemptStarted), ev(K::HandedToMta), ev(K::DestinationAccepted)});
        apply(u"b2@beta.example"_s,
              {ev(K::AttemptStarted), ev(K::HardBounce, FailureReason::InvalidDomain, u"550 no such domain"_s)});
        apply(u"=cmd@gamma.example"_s,
              {ev(K::AttemptStarted), ev(K::HardBounce, FailureReason::UserUnknown, u"=HYPERLINK(\"x\")"_s)});
        // +x@gamma.example stays pending.

        QVERIFY(q.exec(u"UPDATE deliveries SET state = 'in_progress', confirmed_at = %1, started_at = %2, "
                       "created_at = %3 WHERE id = %4"_s.arg(T0 - 60'000)
                           .arg(T0)
                           .arg(T0 - 120'000)
                           .arg(m_id)));
        m_clock.advanceMs(30'000); // T0 + 180 s
    }

    void summaryFromTheLog()
    {
        const DeliveryReportBuilder builder(m_store->db(), m_clock);
        const auto report = builder.build(m_id);
        QVERIFY2(report, qPrintable(builder.lastError()));
        QCOMPARE(report->name, u"=Report test"_s);
        QCOMPARE(report->route, u"relay 127.0.0.1:2525"_s);
        const DeliveryKpis kpis = DeliveryQueries(m_store->db()).kpis(m_id).value();
        QCOMPARE(report->kpis.toJson(), kpis.toJson());
        QCOMPARE(report->kpis.targeted, 9);
        QCOMPARE(report->kpis.toDeliver, 7);
        QCOMPARE(report->kpis.excluded, 2);
        QCOMPARE(report->kpis.count(LogState::Sent), 2);
        QCOMPARE(report->kpis.count(LogState::Failed), 3);
        QCOMPARE(report->kpis.inRetry, 1);
        QCOMPARE(report->kpis.processed, 6);
        QCOMPARE(report->createdAtMs, T0 - 120'000);
        QCOMPARE(report->confirmedAtMs, T0 - 60'000);
        QCOMPARE(report->startedAtMs, T0);
        QCOMPARE(report->finishedAtMs, 0);
        // Still running: the duration runs to the report's time.
        QCOMPARE(report->durationMs, 180'000);
        QCOMPARE(report->averagePerMinute, 2.0); // 6 processed in 3 minutes
        QCOMPARE(report->hardFailures(), 3);
        QCOMPARE(report->softFailures(), 1);
    }

    void nonDeliverablesByReasonAndDomain()
    {
        const auto report = DeliveryReportBuilder(m_store->db(), m_clock).build(m_id);
        QVERIFY(report);
        QCOMPARE(report->reasons.size(), 3);
        QCOMPARE(report->reasons[0].reason, FailureReason::UserUnknown);
        QCOMPARE(report->reasons[0].hard, 2);
        QCOMPARE(report->reasons[0].soft, 0);
        QSet<FailureReason> rest{report->reasons[1].reason, report->reasons[2].reason};
        QCOMPARE(rest, (QSet<FailureReason>{FailureReason::InvalidDomain, FailureReason::MailboxFull}));

        // alpha has two failures; beta and gamma one each, by name.
        QCOMPARE(report->domains.size(), 3);
        const auto &alpha = report->domains[0];
        QCOMPARE(alpha.domain, u"alpha.example"_s);
        QCOMPARE(alpha.toDeliver, 3);
        QCOMPARE(alpha.sent, 1);
        QCOMPARE(alpha.hard, 1);
        QCOMPARE(alpha.soft, 1);
        QCOMPARE(report->domains[1].domain, u"beta.example"_s);
        QCOMPARE(report->domains[2].domain, u"gamma.example"_s);
        QCOMPARE(report->domains[2].toDeliver, 2);
        QCOMPARE(report->domains[2].hard, 1);
        QVERIFY(!report->moreDomains);

        const auto limited = DeliveryReportBuilder(m_store->db(), m_clock).build(m_id, 1);
        QCOMPARE(limited->domains.size(), 1);
        QVERIFY(limited->moreDomains);
    }

    void throughputFromTheLog()
    {
        const auto report = DeliveryReportBuilder(m_store->db(), m_clock).build(m_id);
        QVERIFY(report);
        QCOMPARE(report->throughputSource, DeliveryReport::ThroughputSource::Log);
        QCOMPARE(report->bucketMs, 60'000);
        QCOMPARE(report->throughput.size(), 3);
        QCOMPARE(report->throughput[0].startMs, T0);
        QCOMPARE(report->throughput[0].count, 2);
        QCOMPARE(report->throughput[1].count, 1);
        QCOMPARE(report->throughput[2].count, 3);
        QCOMPARE(report->peakPerMinute(), 3.0);
        // The dashboard's series draws the same rates.
        const ThroughputSeries series = report->throughputSeries();
        QCOMPARE(series.points().size(), 4);
        QCOMPARE(series.points()[1].perMinute, 2.0);
        QCOMPARE(series.points()[2].perMinute, 1.0);
        QCOMPARE(series.points()[3].perMinute, 3.0);
        QCOMPARE(series.peakPerMinute(), 3.0);
    }

    void csvExportIsSafeForSpreadsheets()
    {
        const auto report = DeliveryReportBuilder(m_store->db(), m_clock).build(m_id, 1);
        QVERIFY(report);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        DeliveryReportCsv csv(m_store->db());
        QVERIFY2(csv.write(*report, buffer), qPrintable(csv.lastError()));
        QVERIFY(buffer.data().startsWith("\xEF\xBB\xBF"));
        const Sections sections = parseSections(buffer.data());
        QCOMPARE(sections.keys(), (QStringList{u"non_deliverable_recipients"_s, u"non_deliverables_by_domain"_s,
                                               u"non_deliverables_by_reason"_s, u"summary"_s, u"throughput"_s}));

        QMap<QString, QString> summary;
        for (const QStringList &row : sections[u"summary"_s].mid(1))
            summary.insert(row.at(0), row.at(1));
        QCOMPARE(summary[u"name"_s], u"'=Report test"_s); // neutralized, still readable
        QCOMPARE(summary[u"to_deliver"_s], u"7"_s);
        QCOMPARE(summary[u"sent"_s], u"2"_s);
        QCOMPARE(summary[u"in_retry"_s], u"1"_s);
        QCOMPARE(summary[u"success_pct"_s], u"28.57"_s);
        QCOMPARE(summary[u"started_at"_s], QDateTime::fromMSecsSinceEpoch(T0, Qt::UTC).toString(Qt::ISODate));
        QCOMPARE(summary[u"finished_at"_s], QString());

        const auto reasons = sections[u"non_deliverables_by_reason"_s];
        QCOMPARE(reasons.size(), 4);
        QCOMPARE(reasons[1], (QStringList{u"user_unknown"_s, u"2"_s, u"0"_s, u"2"_s}));

        // The report kept one domain; the export streams them all.
        const auto domains = sections[u"non_deliverables_by_domain"_s];
        QCOMPARE(domains.size(), 4);
        QCOMPARE(domains[1], (QStringList{u"alpha.example"_s, u"3"_s, u"1"_s, u"1"_s, u"1"_s, u"2"_s}));

        const auto throughput = sections[u"throughput"_s];
        QCOMPARE(throughput.size(), 4);
        QCOMPARE(throughput[3].at(2), u"3"_s);
        QCOMPARE(throughput[3].at(4), u"log"_s);

        const auto recipients = sections[u"non_deliverable_recipients"_s];
        QCOMPARE(recipients.size(), 5); // header + 3 hard + 1 in retry
        QCOMPARE(csv.recipientRows(), 4);
        QStringList emails;
        for (const QStringList &row : recipients.mid(1))
            emails.append(row.at(0));
        QVERIFY(emails.contains(u"'=cmd@gamma.example"_s));
        QVERIFY(!emails.contains(u"+x@gamma.example"_s)); // pending, no failure
        for (const QStringList &row : recipients.mid(1)) {
            for (const QString &cell : row)
                QVERIFY2(!cell.startsWith(u'=') && !cell.startsWith(u'+') && !cell.startsWith(u'@'), qPrintable(cell));
            if (row.at(0) == u"'=cmd@gamma.example"_s)
                QCOMPARE(row.at(5), u"'=HYPERLINK(\"x\")"_s);
        }
    }

    void csvFileErrorsNameThePath()
    {
        const auto report = DeliveryReportBuilder(m_store->db(), m_clock).build(m_id);
        DeliveryReportCsv csv(m_store->db());
        const QString path = m_dir.filePath(u"no/such/folder/report.csv"_s);
        QVERIFY(!csv.writeFile(*report, path));
        QVERIFY2(csv.lastError().contains(path), qPrintable(csv.lastError()));
        QVERIFY(csv.writeFile(*report, m_dir.filePath(u"report.csv"_s)));
        QVERIFY(QFileInfo(m_dir.filePath(u"report.csv"_s)).size() > 100);
    }

    void throughputFromAttemptsWidensBuckets()
    {
        // Attempts recorded by an engine win over the log; a 20-hour run does not fit 720
        // one-minute buckets, so they widen to five minutes.
        QSqlQuery q(m_store->db());
        q.prepare(u"INSERT INTO attempts (recipient_id, delivery_id, started_at, finished_at) VALUES (?, ?, ?, ?)"_s);
        const qint64 r = m_recipients.value(u"a1@alpha.example"_s);
        const QList<qint64> at = {T0, T0 + 10'000, T0 + 4 * 60'000, T0 + 5 * 60'000, T0 + 20 * 3600'000LL};
        for (qint64 t : at) {
            q.addBindValue(r);
            q.addBindValue(m_id);
            q.addBindValue(t - 1000);
            q.addBindValue(t);
            QVERIFY(q.exec());
        }
        QVERIFY(q.exec(
            u"UPDATE deliveries SET state = 'finished', finished_at = %1 WHERE id = %2"_s.arg(T0 + 20 * 3600'000LL)
                .arg(m_id)));
        const auto report = DeliveryReportBuilder(m_store->db(), m_clock).build(m_id);
        QVERIFY(report);
        QCOMPARE(report->throughputSource, DeliveryReport::ThroughputSource::Attempts);
        QCOMPARE(report->bucketMs, 5 * 60'000);
        QCOMPARE(report->throughput.size(), 20 * 12 + 1);
        QCOMPARE(report->throughput[0].count, 3);
        QCOMPARE(report->throughput[1].count, 1);
        QCOMPARE(report->throughput.last().count, 1);
        qint64 total = 0;
        for (const auto &b : report->throughput)
            total += b.count;
        QCOMPARE(total, 5);
        QCOMPARE(report->perMinute(report->throughput[0]), 0.6);
        QCOMPARE(report->durationMs, 20 * 3600'000LL);
    }

    void unknownDelivery()
    {
        const DeliveryReportBuilder builder(m_store->db(), m_clock);
        QVERIFY(!builder.build(987654));
        QVERIFY(builder.lastError().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstDeliveryReport)
#include "tst_delivery_report.moc"
