#include "report_view.h"

#include "common/duration.h"
#include "report_charts.h"
#include "report_pdf.h"
#include "state_names.h"
#include "workspace/workspace.h"
#include "workspace_answer.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageWriter>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QTreeWidget *makeTable(QWidget *parent)
{
    auto *table = new QTreeWidget(parent);
    table->setRootIsDecorated(false);
    table->setUniformRowHeights(true);
    table->setSortingEnabled(false); // the core's order: the most failures first
    table->header()->setStretchLastSection(false);
    table->setMinimumHeight(140);
    return table;
}

QChartView *makeChartView(QWidget *parent)
{
    // The chart goes in through the constructor: setChart() would release (not delete) the
    // default chart QChartView makes for itself, and leak it.
    auto *view = new QChartView(new QChart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

} // namespace

ReportView::ReportView(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_title(new QLabel(this))
    , m_status(new QLabel(this))
    , m_refresh(new QPushButton(this))
    , m_csv(new QPushButton(this))
    , m_png(new QPushButton(this))
    , m_pdf(new QPushButton(this))
    , m_summaryBox(new QGroupBox(this))
    , m_throughput(makeChartView(this))
    , m_failures(makeChartView(this))
    , m_reasonsBox(new QGroupBox(this))
    , m_domainsBox(new QGroupBox(this))
    , m_reasons(makeTable(m_reasonsBox))
    , m_domains(makeTable(m_domainsBox))
    , m_domainsNote(new QLabel(m_domainsBox))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_title, 1);
    for (QPushButton *b : {m_refresh, m_csv, m_png, m_pdf})
        buttons->addWidget(b);

    auto *form = new QFormLayout(m_summaryBox);
    form->setLabelAlignment(Qt::AlignRight);
    for (int i = 0; i < FieldCount; ++i) {
        auto *label = new QLabel(m_summaryBox);
        auto *value = new QLabel(m_summaryBox);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_fieldLabels.append(label);
        m_fieldValues.append(value);
        form->addRow(label, value);
    }

    auto *reasonsLayout = new QVBoxLayout(m_reasonsBox);
    reasonsLayout->addWidget(m_reasons);
    auto *domainsLayout = new QVBoxLayout(m_domainsBox);
    domainsLayout->addWidget(m_domains);
    domainsLayout->addWidget(m_domainsNote);
    m_domainsNote->setWordWrap(true);
    m_domainsNote->hide();

    auto *grid = new QGridLayout;
    // Summary beside the non-deliverables chart, the throughput across the whole width, then
    // the two tables: every chart gets room for its axis labels.
    grid->addWidget(m_summaryBox, 0, 0);
    grid->addWidget(m_failures, 0, 1);
    grid->addWidget(m_throughput, 1, 0, 1, 2);
    grid->addWidget(m_reasonsBox, 2, 0);
    grid->addWidget(m_domainsBox, 2, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addLayout(grid, 1);

    connect(m_refresh, &QPushButton::clicked, this, &ReportView::refresh);
    connect(m_csv, &QPushButton::clicked, this, &ReportView::chooseCsv);
    connect(m_png, &QPushButton::clicked, this, &ReportView::choosePng);
    connect(m_pdf, &QPushButton::clicked, this, &ReportView::choosePdf);

    retranslate(); // renders the empty report
}

// A CSV being written finishes on the database's thread; its answer is dropped with the view.
ReportView::~ReportView() = default;

void ReportView::setDelivery(qint64 deliveryId)
{
    if (deliveryId == m_deliveryId && (m_hasReport || deliveryId == 0))
        return;
    m_deliveryId = deliveryId;
    m_hasReport = false;
    m_report = DeliveryReport();
    setStatus(QString());
    render();
    refresh();
}

void ReportView::refresh()
{
    const quint64 generation = ++m_generation; // answers to earlier requests are dropped
    const qint64 id = m_deliveryId;
    if (id <= 0)
        return;
    setStatus(tr("Loading the report…"));
    auto failed = [this, generation, id](const QString &error) {
        if (generation != m_generation || id != m_deliveryId)
            return;
        setStatus(tr("The report could not be loaded: %1").arg(error));
        Q_EMIT loadFailed(id, error);
    };
    whenAnswered(
        m_workspace.report(id), this,
        [this, generation, id, failed](const WorkspaceResult<DeliveryReport> &r) {
            if (!r.ok()) {
                failed(r.error.isEmpty() ? tr("There is no delivery %1.").arg(id) : r.error);
                return;
            }
            if (generation != m_generation || id != m_deliveryId)
                return;
            m_report = *r.value;
            m_hasReport = true;
            setStatus(QString());
            render();
            Q_EMIT loaded(m_deliveryId);
        },
        failed);
}

QString ReportView::fieldLabel(Field field) const
{
    switch (field) {
    case Field::Name:
        return tr("Name");
    case Field::State:
        return tr("State");
    case Field::Route:
        return tr("Route");
    case Field::Created:
        return tr("Created");
    case Field::Confirmed:
        return tr("Confirmed");
    case Field::Started:
        return tr("Started");
    case Field::Finished:
        return tr("Finished");
    case Field::Targeted:
        return tr("Targeted");
    case Field::ToDeliver:
        return tr("To deliver");
    case Field::Excluded:
        return tr("Excluded");
    case Field::Pending:
        return StateNames::logState(LogState::Pending);
    case Field::TakenIntoAccount:
        return StateNames::logState(LogState::TakenIntoAccount);
    case Field::Sent:
        return StateNames::logState(LogState::Sent);
    case Field::Failed:
        return StateNames::logState(LogState::Failed);
    case Field::Canceled:
        return StateNames::logState(LogState::Canceled);
    case Field::InRetry:
        return tr("In retry");
    case Field::SuccessPct:
        return tr("Success");
    case Field::Duration:
        return tr("Duration");
    case Field::AverageRate:
        return tr("Average rate");
    }
    return QString();
}

QString ReportView::fieldText(Field field) const
{
    return m_fieldValues.at(int(field))->text();
}

QList<QPair<QString, QString>> ReportView::summaryRows() const
{
    QList<QPair<QString, QString>> rows;
    for (int i = 0; i < FieldCount; ++i)
        rows.append({fieldLabel(Field(i)), fieldText(Field(i))});
    return rows;
}

QString ReportView::statusText() const
{
    return m_status->text();
}

void ReportView::render()
{
    m_title->setText(m_hasReport        ? tr("Report: %1").arg(m_report.name)
                     : m_deliveryId > 0 ? tr("Report")
                                        : tr("No delivery selected"));
    renderSummary();
    renderTables();
    ReportCharts::fillThroughput(m_throughput->chart(), m_report);
    ReportCharts::fillFailures(m_failures->chart(), m_report);
    updateButtons();
}

void ReportView::renderSummary()
{
    const QLocale locale;
    const DeliveryReport &r = m_report;
    const DeliveryKpis &k = r.kpis;
    const auto date = [&](qint64 ms) {
        return ms > 0 ? locale.toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat) : tr("—");
    };
    const auto n = [&](qint64 v) { return locale.toString(v); };
    QString values[FieldCount];
    if (m_hasReport) {
        values[int(Field::Name)] = r.name;
        values[int(Field::State)] = StateNames::deliveryState(k.state);
        values[int(Field::Route)] = r.route;
        values[int(Field::Created)] = date(r.createdAtMs);
        values[int(Field::Confirmed)] = date(r.confirmedAtMs);
        values[int(Field::Started)] = date(r.startedAtMs);
        values[int(Field::Finished)] = date(r.finishedAtMs);
        values[int(Field::Targeted)] = n(k.targeted);
        values[int(Field::ToDeliver)] = n(k.toDeliver);
        values[int(Field::Excluded)] = n(k.excluded);
        values[int(Field::Pending)] = n(k.count(LogState::Pending));
        values[int(Field::TakenIntoAccount)] = n(k.count(LogState::TakenIntoAccount));
        values[int(Field::Sent)] = n(k.count(LogState::Sent));
        values[int(Field::Failed)] = tr("%1 (hard %2, soft or expired %3)")
                                         .arg(n(k.count(LogState::Failed)), n(r.hardFailures()),
                                              n(k.count(LogState::Failed) - r.hardFailures()));
        values[int(Field::Canceled)] = n(k.count(LogState::Canceled));
        values[int(Field::InRetry)] = n(k.inRetry);
        values[int(Field::SuccessPct)] = tr("%1 %").arg(locale.toString(k.successPct(), 'f', 2));
        values[int(Field::Duration)] = r.startedAtMs > 0 ? Duration::format(r.durationMs / 1000 * 1000) : tr("—");
        values[int(Field::AverageRate)] =
            r.durationMs > 0 ? tr("%1 per minute").arg(locale.toString(r.averagePerMinute, 'f', 1)) : tr("—");
    }
    for (int i = 0; i < FieldCount; ++i)
        m_fieldValues.at(i)->setText(values[i]);
}

void ReportView::renderTables()
{
    const QLocale locale;
    m_reasons->clear();
    QList<QTreeWidgetItem *> items;
    for (const auto &r : m_report.reasons) {
        auto *item = new QTreeWidgetItem({StateNames::failureReason(r.reason), locale.toString(r.hard),
                                          locale.toString(r.soft), locale.toString(r.total())});
        for (int c = 1; c < 4; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        items.append(item);
    }
    m_reasons->addTopLevelItems(items);

    m_domains->clear();
    items.clear();
    for (const auto &d : m_report.domains) {
        auto *item = new QTreeWidgetItem({d.domain, locale.toString(d.toDeliver), locale.toString(d.sent),
                                          locale.toString(d.hard), locale.toString(d.soft)});
        for (int c = 1; c < 5; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        items.append(item);
    }
    m_domains->addTopLevelItems(items); // one insert, not one per row
    m_domainsNote->setVisible(m_report.moreDomains);
    m_domainsNote->setText(tr("Only the %n domain(s) with the most failures are listed; the CSV export has them all.",
                              nullptr, int(m_report.domains.size())));
    for (QTreeWidget *t : {m_reasons, m_domains})
        t->header()->resizeSections(QHeaderView::ResizeToContents);
}

void ReportView::updateButtons()
{
    m_refresh->setEnabled(m_deliveryId > 0);
    m_csv->setEnabled(m_hasReport && !m_csvRunning);
    m_png->setEnabled(m_hasReport);
    m_pdf->setEnabled(m_hasReport);
}

void ReportView::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

bool ReportView::finishExport(const QString &path, bool ok, const QString &error)
{
    m_lastError = ok ? QString() : error;
    setStatus(ok ? tr("Exported to %1.").arg(QDir::toNativeSeparators(path)) : tr("The export failed: %1").arg(error));
    Q_EMIT exportFinished(path, ok, error);
    return ok;
}

bool ReportView::exportCsv(const QString &path)
{
    if (!m_hasReport)
        return finishExport(path, false, tr("There is no report to export."));
    if (m_csvRunning)
        return finishExport(path, false, tr("A CSV export is already being written."));
    m_csvRunning = true;
    m_lastError.clear();
    updateButtons();
    setStatus(tr("Writing %1…").arg(QDir::toNativeSeparators(path)));
    whenAnswered(
        m_workspace.exportReportCsv(m_report, path), this,
        [this, path](const WorkspaceResult<qint64> &r) { onCsvExported(path, r.ok(), r.error); },
        [this, path](const QString &error) { onCsvExported(path, false, error); });
    return true;
}

void ReportView::onCsvExported(const QString &path, bool ok, const QString &error)
{
    m_csvRunning = false;
    updateButtons();
    finishExport(path, ok, error);
}

bool ReportView::exportPng(const QString &path)
{
    if (!m_hasReport)
        return finishExport(path, false, tr("There is no report to export."));
    const QImage image = ReportCharts::image(m_report);
    QImageWriter writer(path, "png");
    if (!writer.write(image))
        return finishExport(path, false,
                            tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), writer.errorString()));
    return finishExport(path, true, QString());
}

bool ReportView::exportPdf(const QString &path)
{
    if (!m_hasReport)
        return finishExport(path, false, tr("There is no report to export."));
    QString error;
    const bool ok =
        ReportPdf::write(path, m_report, tr("Delivery report: %1").arg(m_report.name), summaryRows(), &error);
    return finishExport(path, ok, error);
}

QString ReportView::suggestedPath(const QString &suffix) const
{
    QString base = m_report.name;
    // A file name from the delivery's name, without what file systems refuse.
    static const QString forbidden = u"\\/:*?\"<>|"_s;
    for (QChar &c : base) {
        if (forbidden.contains(c) || c.unicode() < 0x20)
            c = u'_';
    }
    if (base.trimmed().isEmpty())
        base = u"delivery-%1"_s.arg(m_report.deliveryId);
    const QString dir = m_lastDirectory.isEmpty() ? QDir::homePath() : m_lastDirectory;
    return QDir(dir).filePath(tr("%1 report").arg(base.trimmed()) + u'.' + suffix);
}

void ReportView::chooseCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the report as CSV"), suggestedPath(u"csv"_s),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    m_lastDirectory = QFileInfo(path).absolutePath();
    exportCsv(path);
}

void ReportView::choosePng()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the charts as PNG"), suggestedPath(u"png"_s),
                                                      tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    m_lastDirectory = QFileInfo(path).absolutePath();
    exportPng(path);
}

void ReportView::choosePdf()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the report as PDF"), suggestedPath(u"pdf"_s),
                                                      tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    m_lastDirectory = QFileInfo(path).absolutePath();
    exportPdf(path);
}

void ReportView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ReportView::retranslate()
{
    m_refresh->setText(tr("Refresh"));
    m_csv->setText(tr("Export CSV…"));
    m_png->setText(tr("Export charts as PNG…"));
    m_pdf->setText(tr("Export PDF…"));
    m_summaryBox->setTitle(tr("Summary"));
    m_reasonsBox->setTitle(tr("Non-deliverables by reason"));
    m_domainsBox->setTitle(tr("Non-deliverables by domain"));
    m_reasons->setHeaderLabels({tr("Reason"), tr("Hard"), tr("Soft"), tr("Total")});
    m_domains->setHeaderLabels({tr("Domain"), tr("To deliver"), tr("Sent"), tr("Hard"), tr("Soft")});
    for (int i = 0; i < FieldCount; ++i)
        m_fieldLabels.at(i)->setText(tr("%1:").arg(fieldLabel(Field(i))));
    render();
}
