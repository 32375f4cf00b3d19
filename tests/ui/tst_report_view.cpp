// The report view over a database built through the core's API: its summary and tables must say
// what the database says, and its exports must be real files: a CSV that parses back with
// formula-like cells neutralized, a PNG of the charts that is not blank, and a PDF.

#include "../core/test_support.h"
#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "recipients/csv_reader.h"
#include "report_pdf.h"
#include "report_view.h"
#include "state_names.h"
#include "store/store.h"
#include "workspace/workspace.h"

#include <QBuffer>
#include <QChart>
#include <QChartView>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

class TstReportView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void summaryAndTablesMatchTheDatabase();
    void csvExportParsesBackNeutralized();
    void pngOfTheCharts();
    void pdfOfTheReport();
    void pdfPaginatesLongTables();
    void exportErrorsAreReported();
    void unknownDeliveryAndSwitching();

private:
    void loadInto(ReportView &view, qint64 id);

    QTemporaryDir m_dir;
    QString m_dbPath;
    qint64 m_id = 0;
    qint64 m_emptyId = 0;
};

void TstReportView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_dbPath = m_dir.filePath(u"report.db"_s);
    QString error;
    std::unique_ptr<Store> store = Store::open(m_dbPath, &error);
    QVERIFY2(store, qPrintable(error));
    ManualClock clock(1'795'000'020'000);
    DeliveryService service(*store, clock);

    TestSupport::writeFile(m_dir, u"list.csv"_s,
                           "email\na1@alpha.example\na2@alpha.example\na3@alpha.example\nb1@beta.example\n"
                           "b2@beta.example\n=cmd@gamma.example\n-x@gamma.example\nbad address\n");
    const auto imported = service.importDefinition(TestSupport::writeDefinition(m_dir, TestSupport::cleanDefinition()));
    QVERIFY2(imported.ok, qPrintable(imported.errors.join(u'\n')));
    m_id = imported.deliveryId;
    QVERIFY(service.analyze(m_id).ok);
    const auto second = service.importDefinition(TestSupport::writeDefinition(m_dir, TestSupport::cleanDefinition()));
    QVERIFY(second.ok);
    m_emptyId = second.deliveryId; // imported, never analyzed: nothing to report yet

    QMap<QString, qint64> ids;
    QSqlQuery q(store->db());
    QVERIFY(q.exec(u"SELECT l.recipient_id, r.email FROM recipient_log l JOIN recipients r ON r.id = l.recipient_id "
                   "WHERE l.state = 'pending'"_s));
    while (q.next())
        ids.insert(q.value(1).toString(), q.value(0).toLongLong());
    q.finish();
    QCOMPARE(ids.size(), 7);

    using K = LogEvent::Kind;
    const auto ev = [](K kind, FailureReason reason = FailureReason::None, const QString &reply = u"250 ok"_s) {
        LogEvent e;
        e.kind = kind;
        e.reason = reason;
        e.reply = reply;
        e.validityEndMs = 1'795'000'020'000 + 86'400'000;
        e.retryAtMs = 1'795'000'020'000 + 900'000;
        return e;
    };
    const QList<QPair<QString, QList<LogEvent>>> script = {
        {u"a1@alpha.example"_s, {ev(K::AttemptStarted), ev(K::HandedToMta), ev(K::DestinationAccepted)}},
        {u"a2@alpha.example"_s,
         {ev(K::AttemptStarted), ev(K::HardBounce, FailureReason::UserUnknown, u"550 5.1.1 unknown"_s)}},
        {u"a3@alpha.example"_s,
         {ev(K::AttemptStarted), ev(K::HandedToMta), ev(K::SoftBounce, FailureReason::MailboxFull, u"452 full"_s)}},
        {u"b1@beta.example"_s, {ev(K::AttemptStarted), ev(K::HandedToMta), ev(K::DestinationAccepted)}},
        {u"b2@beta.example"_s,
         {ev(K::AttemptStarted), ev(K::HardBounce, FailureReason::InvalidDomain, u"550 no such domain"_s)}},
        {u"=cmd@gamma.example"_s,
         {ev(K::AttemptStarted), ev(K::HardBounce, FailureReason::UserUnknown, u"=HYPERLINK(\"http://x\")"_s)}},
    };
    for (const auto &[email, events] : script) {
        QList<QPair<qint64, LogEvent>> list;
        for (const LogEvent &e : events)
            list.append({ids.value(email), e});
        bool ok = false;
        service.applyEvents(list, &ok);
        QVERIFY(ok);
        clock.advanceMs(50'000); // spread over a few minutes
    }
    QVERIFY(q.exec(u"UPDATE deliveries SET state = 'finished', started_at = 1795000020000, "
                   "finished_at = 1795000320000 WHERE id = %1"_s.arg(m_id)));
}

void TstReportView::loadInto(ReportView &view, qint64 id)
{
    QSignalSpy loaded(&view, &ReportView::loaded);
    view.setDelivery(id);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
    QCOMPARE(loaded.at(0).at(0).toLongLong(), id);
    QVERIFY(view.hasReport());
}

void TstReportView::summaryAndTablesMatchTheDatabase()
{
    Workspace workspace(m_dbPath);
    ReportView view(workspace);
    view.resize(1200, 900);
    view.show();
    loadInto(view, m_id);

    // What the database says, read on a connection of the test's own.
    std::unique_ptr<Store> store = Store::open(m_dbPath, nullptr);
    const DeliveryKpis k = DeliveryQueries(store->db()).kpis(m_id).value();
    const QLocale locale;
    using F = ReportView::Field;
    QCOMPARE(view.fieldText(F::Name), u"Test delivery"_s);
    QCOMPARE(view.fieldText(F::State), StateNames::deliveryState(DeliveryState::Finished));
    QCOMPARE(view.fieldText(F::Route), u"relay 127.0.0.1:2525"_s);
    QCOMPARE(view.fieldText(F::Targeted), locale.toString(k.targeted));
    QCOMPARE(view.fieldText(F::ToDeliver), locale.toString(k.toDeliver));
    QCOMPARE(view.fieldText(F::ToDeliver), locale.toString(7));
    QCOMPARE(view.fieldText(F::Excluded), locale.toString(k.excluded));
    QCOMPARE(view.fieldText(F::Sent), locale.toString(k.count(LogState::Sent)));
    QCOMPARE(view.fieldText(F::Pending), locale.toString(k.count(LogState::Pending)));
    QVERIFY(view.fieldText(F::Failed).startsWith(locale.toString(k.count(LogState::Failed))));
    QCOMPARE(view.fieldText(F::InRetry), locale.toString(k.inRetry));
    QVERIFY(view.fieldText(F::SuccessPct).startsWith(locale.toString(k.successPct(), 'f', 2)));
    QCOMPARE(view.fieldText(F::Duration), u"5m"_s);
    // 6 processed (two sent, three hard bounces, one taken into account) over 5 minutes.
    QCOMPARE(k.processed, 6);
    QVERIFY2(view.fieldText(F::AverageRate).contains(locale.toString(1.2, 'f', 1)),
             qPrintable(view.fieldText(F::AverageRate)));

    // The tables, against a count of their own.
    QSqlQuery q(store->db());
    q.prepare(u"SELECT count(DISTINCT failure_reason) FROM recipient_log WHERE delivery_id = ? AND state <> 'ignored' "
              "AND failure_reason <> ''"_s);
    q.addBindValue(m_id);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(view.reasonTable()->topLevelItemCount(), q.value(0).toInt());
    QCOMPARE(view.reasonTable()->topLevelItem(0)->text(0), StateNames::failureReason(FailureReason::UserUnknown));
    QCOMPARE(view.reasonTable()->topLevelItem(0)->text(1), locale.toString(2));
    q.prepare(u"SELECT count(DISTINCT substr(r.email_norm, instr(r.email_norm, '@') + 1)) FROM recipient_log l "
              "JOIN recipients r ON r.id = l.recipient_id WHERE l.delivery_id = ? AND l.failure_type IN "
              "('hard', 'soft')"_s);
    q.addBindValue(m_id);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(view.domainTable()->topLevelItemCount(), q.value(0).toInt());
    QTreeWidgetItem *alpha = view.domainTable()->topLevelItem(0);
    QCOMPARE(alpha->text(0), u"alpha.example"_s);
    QCOMPARE(alpha->text(1), locale.toString(3));
    QCOMPARE(alpha->text(3), locale.toString(1));
    QCOMPARE(alpha->text(4), locale.toString(1));

    // The charts show the report.
    QVERIFY(!view.throughputChart()->chart()->series().isEmpty());
    QVERIFY(!view.failureChart()->chart()->series().isEmpty());
    QVERIFY(view.throughputChart()->chart()->title().contains(u"1"_s));
}

void TstReportView::csvExportParsesBackNeutralized()
{
    Workspace workspace(m_dbPath);
    ReportView view(workspace);
    loadInto(view, m_id);
    const QString path = m_dir.filePath(u"report.csv"_s);
    QSignalSpy finished(&view, &ReportView::exportFinished);
    QVERIFY(view.exportCsv(path));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QCOMPARE(finished.at(0).at(0).toString(), path);
    QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(2).toString()));
    QVERIFY(view.statusText().contains(u"report.csv"_s));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    CsvReader reader(&file);
    QStringList fields;
    QString section;
    int recipients = 0;
    QSet<QString> sections;
    bool sawNeutralizedAddress = false;
    bool sawNeutralizedReply = false;
    while (reader.next(fields) == CsvReader::Status::Record) {
        if (fields.size() == 2 && fields[0] == u"section"_s) {
            section = fields[1];
            sections.insert(section);
            continue;
        }
        for (const QString &cell : std::as_const(fields))
            QVERIFY2(!cell.startsWith(u'=') && !cell.startsWith(u'-') && !cell.startsWith(u'+'), qPrintable(cell));
        if (section == u"non_deliverable_recipients"_s && fields[0] != u"email"_s) {
            ++recipients;
            if (fields[0] == u"'=cmd@gamma.example"_s) {
                sawNeutralizedAddress = true;
                sawNeutralizedReply = fields[5] == u"'=HYPERLINK(\"http://x\")"_s;
                QCOMPARE(fields[3], u"user_unknown"_s);
            }
        }
        if (section == u"summary"_s && fields[0] == u"to_deliver"_s)
            QCOMPARE(fields[1], u"7"_s);
    }
    QCOMPARE(sections.size(), 5);
    QCOMPARE(recipients, 4); // three hard bounces and one in retry
    QVERIFY(sawNeutralizedAddress);
    QVERIFY(sawNeutralizedReply);
}

void TstReportView::pngOfTheCharts()
{
    Workspace workspace(m_dbPath);
    ReportView view(workspace);
    loadInto(view, m_id);
    const QString path = m_dir.filePath(u"charts.png"_s);
    QSignalSpy finished(&view, &ReportView::exportFinished);
    QVERIFY2(view.exportPng(path), qPrintable(view.lastError()));
    QCOMPARE(finished.count(), 1);
    QImage image;
    QVERIFY(image.load(path, "PNG"));
    QVERIFY(image.width() >= 800 && image.height() >= 600);
    // Drawn, not blank: several colours, and the bars' red among them.
    QSet<QRgb> colours;
    bool red = false;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            const QColor c = image.pixelColor(x, y);
            colours.insert(c.rgb());
            red = red || (c.red() > 150 && c.green() < 90 && c.blue() < 90);
        }
    }
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    QVERIFY(red);
}

void TstReportView::pdfOfTheReport()
{
    Workspace workspace(m_dbPath);
    ReportView view(workspace);
    loadInto(view, m_id);
    const QString path = m_dir.filePath(u"report.pdf"_s);
    QVERIFY2(view.exportPdf(path), qPrintable(view.lastError()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.startsWith("%PDF"));
    QVERIFY(pdf.size() > 5000);
    const qsizetype pages = QString::fromLatin1(pdf).count(QRegularExpression(u"/Type\\s*/Page(?!s)"_s));
    QVERIFY2(pages >= 1, qPrintable(QString::number(pages)));
}

void TstReportView::pdfPaginatesLongTables()
{
    // 150 failing domains do not fit one page: the table goes on over the next ones, and every
    // page gets drawn on.
    DeliveryReport report;
    report.deliveryId = 1;
    report.name = u"Many domains"_s;
    for (int i = 0; i < 150; ++i)
        report.domains.append({u"d%1.example"_s.arg(i), 10, 5, 3, 2});
    QList<QImage> pages;
    const auto freshPage = [&pages] {
        pages.append(QImage(794, 1123, QImage::Format_RGB32));
        pages.last().fill(Qt::white);
    };
    freshPage();
    QPainter painter(&pages.last());
    ReportPdf::paint(painter, QRectF(57, 57, 680, 1009),
                     [&] {
                         painter.end();
                         freshPage();
                         painter.begin(&pages.last());
                     },
                     report, u"Report"_s, {{u"Name"_s, report.name}});
    painter.end();
    QVERIFY2(pages.size() >= 4, qPrintable(QString::number(pages.size())));
    for (const QImage &page : std::as_const(pages)) {
        int ink = 0;
        for (int y = 0; y < page.height(); y += 4)
            for (int x = 0; x < page.width(); x += 4)
                ink += qGray(page.pixel(x, y)) < 128;
        QVERIFY(ink > 50);
    }
}

void TstReportView::exportErrorsAreReported()
{
    Workspace workspace(m_dbPath);
    ReportView view(workspace);
    // Nothing loaded: nothing to export, and the buttons say so.
    QVERIFY(!view.exportCsv(m_dir.filePath(u"none.csv"_s)));
    QVERIFY(!view.lastError().isEmpty());
    const auto buttons = view.findChildren<QPushButton *>();
    for (QPushButton *b : buttons)
        QVERIFY2(!b->isEnabled(), qPrintable(b->text()));

    loadInto(view, m_id);
    for (QPushButton *b : buttons)
        QVERIFY2(b->isEnabled(), qPrintable(b->text()));
    const QString badPdf = m_dir.filePath(u"missing/folder/report.pdf"_s);
    QVERIFY(!view.exportPdf(badPdf));
    QVERIFY2(view.lastError().contains(u"report.pdf"_s), qPrintable(view.lastError()));
    QVERIFY(!view.exportPng(m_dir.filePath(u"missing/folder/charts.png"_s)));
    QVERIFY(!view.lastError().isEmpty());

    QSignalSpy finished(&view, &ReportView::exportFinished);
    const QString badCsv = m_dir.filePath(u"missing/folder/report.csv"_s);
    QVERIFY(view.exportCsv(badCsv)); // started; it fails on the worker
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY(!finished.at(0).at(1).toBool());
    QVERIFY2(finished.at(0).at(2).toString().contains(u"report.csv"_s), qPrintable(finished.at(0).at(2).toString()));
    QVERIFY(view.statusText().contains(u"report.csv"_s));
}

void TstReportView::unknownDeliveryAndSwitching()
{
    Workspace workspace(m_dbPath);
    ReportView view(workspace);
    QSignalSpy failed(&view, &ReportView::loadFailed);
    view.setDelivery(987654);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QVERIFY(!view.hasReport());
    QVERIFY(view.statusText().contains(u"987654"_s));

    // A quick switch: only the last delivery's report is kept.
    QSignalSpy loaded(&view, &ReportView::loaded);
    view.setDelivery(m_id);
    view.setDelivery(m_emptyId);
    QTRY_VERIFY_WITH_TIMEOUT(view.hasReport(), 10000);
    QTest::qWait(100);
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(view.report().deliveryId, m_emptyId);
    QCOMPARE(view.reasonTable()->topLevelItemCount(), 0);
    QCOMPARE(view.fieldText(ReportView::Field::ToDeliver), QLocale().toString(0));
    QCOMPARE(view.report().throughputSource, DeliveryReport::ThroughputSource::None);
    // An empty report still exports.
    QVERIFY(view.exportPng(m_dir.filePath(u"empty.png"_s)));
    QVERIFY(view.exportPdf(m_dir.filePath(u"empty.pdf"_s)));
}

QTEST_MAIN(TstReportView)
#include "tst_report_view.moc"
