#include "analysis_view.h"

#include "common/duration.h"
#include "kpi_tile.h"
#include "state_names.h"

#include <QColor>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QTreeWidget *makeTree(int columns, QWidget *parent)
{
    auto *tree = new QTreeWidget(parent);
    tree->setColumnCount(columns);
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(true);
    tree->setAlternatingRowColors(true);
    tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    tree->header()->setStretchLastSection(true);
    return tree;
}

QGroupBox *boxAround(QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(parent);
    box->setFlat(true); // the tree draws its own frame; a second one around it is noise
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(content);
    return box;
}

// Counts in the trees are right-aligned so that digits line up.
void alignNumber(QTreeWidgetItem *item, int column)
{
    item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
}

QString percent(qint64 part, qint64 whole)
{
    return AnalysisView::tr("%1%").arg(
        QLocale().toString(whole > 0 ? 100.0 * double(part) / double(whole) : 0.0, 'f', 1));
}

} // namespace

AnalysisView::AnalysisView(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_message(new QLabel(this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_verdict(new QLabel(this))
    , m_targeted(new KpiTile(this))
    , m_toDeliver(new KpiTile(this))
    , m_toExclude(new KpiTile(this))
    , m_success(new KpiTile(this))
    , m_exclusions(makeTree(2, this))
    , m_plan(makeTree(4, this))
    , m_lines(makeTree(3, this))
    , m_rejects(makeTree(2, this))
{
    m_exclusionsBox = boxAround(m_exclusions, this);
    m_planBox = boxAround(m_plan, this);
    m_linesBox = boxAround(m_lines, this);
    m_rejectsBox = boxAround(m_rejects, this);

    // Object names let tests (and style sheets) find the parts without knowing the layout.
    m_title->setObjectName(u"analysisTitle"_s);
    m_verdict->setObjectName(u"analysisVerdict"_s);
    m_targeted->setObjectName(u"targetedTile"_s);
    m_toDeliver->setObjectName(u"toDeliverTile"_s);
    m_toExclude->setObjectName(u"toExcludeTile"_s);
    m_success->setObjectName(u"successTile"_s);
    m_exclusions->setObjectName(u"exclusionsTree"_s);
    m_plan->setObjectName(u"planTree"_s);
    m_lines->setObjectName(u"analysisLinesTree"_s);
    m_rejects->setObjectName(u"importRejectsTree"_s);

    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_verdict->setMargin(6);

    m_exclusions->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_exclusions->header()->setStretchLastSection(false);
    m_plan->setRootIsDecorated(true); // a provider opens onto its domains
    m_plan->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_plan->header()->setStretchLastSection(false);
    m_rejects->setColumnWidth(0, 80);

    auto *report = new QWidget(this);
    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);
    header->addWidget(m_verdict, 0, Qt::AlignTop);

    auto *tiles = new QHBoxLayout;
    for (KpiTile *tile : {m_targeted, m_toDeliver, m_toExclude, m_success})
        tiles->addWidget(tile);

    // A grid with row stretches sizes the panes right from the first paint; QSplitter stretch
    // factors do not (docs/style.md, Qt pitfalls).
    auto *grid = new QGridLayout(report);
    m_reportLayout = grid;
    grid->addLayout(header, 0, 0, 1, 2);
    grid->addLayout(tiles, 1, 0, 1, 2);
    grid->addWidget(m_exclusionsBox, 2, 0);
    grid->addWidget(m_planBox, 2, 1);
    grid->addWidget(m_linesBox, 3, 0, 1, 2);
    grid->addWidget(m_rejectsBox, 4, 0, 1, 2);
    grid->setRowStretch(2, 2);
    grid->setRowStretch(3, 3);
    grid->setRowStretch(4, 1);

    m_stack->addWidget(m_message);
    m_stack->addWidget(report);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    retranslate();
}

void AnalysisView::showMessage(const QString &message)
{
    m_hasDetails = false;
    m_details = {};
    m_message->setText(message);
    m_stack->setCurrentWidget(m_message);
}

void AnalysisView::showDetails(const QString &deliveryName, const DeliveryDetails &details)
{
    m_hasDetails = true;
    m_name = deliveryName;
    m_details = details;
    fillHeader();
    fillTiles();
    fillExclusions();
    fillLines();
    fillPlan();
    fillRejects();
    m_stack->setCurrentIndex(1);
}

void AnalysisView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void AnalysisView::retranslate()
{
    m_targeted->setCaption(tr("Targeted"));
    m_toDeliver->setCaption(tr("To deliver"));
    m_toExclude->setCaption(tr("To exclude"));
    m_success->setCaption(tr("Success"));
    m_exclusionsBox->setTitle(tr("Exclusions by reason"));
    m_planBox->setTitle(tr("Pre-flight plan by MX provider"));
    m_linesBox->setTitle(tr("Analysis log"));
    m_rejectsBox->setTitle(tr("Rows rejected at import"));
    m_exclusions->setHeaderLabels({tr("Reason"), tr("Recipients")});
    m_plan->setHeaderLabels({tr("Provider / domain"), tr("To deliver"), tr("MX rule"), tr("Time")});
    m_lines->setHeaderLabels({tr("Level"), tr("Rule"), tr("Message")});
    m_rejects->setHeaderLabels({tr("CSV line"), tr("Reason")});
    if (m_hasDetails)
        showDetails(m_name, m_details);
}

void AnalysisView::fillHeader()
{
    const AnalysisReport &r = m_details.report;
    m_title->setText(m_name);
    const QString id = QString::number(m_details.id);
    const QString state = StateNames::deliveryState(m_details.kpis.state);
    if (m_details.analyzed && r.analyzedAtMs > 0) {
        const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.analyzedAtMs), QLocale::ShortFormat);
        m_subtitle->setText(tr("Delivery #%1 · %2 · analyzed %3").arg(id, state, when));
    } else {
        m_subtitle->setText(tr("Delivery #%1 · %2").arg(id, state));
    }

    // The colours carry the same meaning as the words, for a glance; the words stay for everyone else.
    QString text;
    QString colour = u"#6b7280"_s;
    const int warnings = r.count(AnalysisReport::Level::Warning);
    const DeliveryState deliveryState = m_details.kpis.state;
    if (!m_details.analyzed) {
        text = tr("Not analyzed yet");
    } else if (r.blocked()) {
        text = tr("Blocked: %n error(s)", nullptr, r.count(AnalysisReport::Level::Error));
        colour = u"#b91c1c"_s;
    } else if (deliveryState == DeliveryState::BeingEdited) {
        // The report describes the delivery before its last edit (docs/product.md §2).
        text = tr("Edited since the analysis");
    } else if (deliveryState == DeliveryState::Analyzed) {
        text = warnings > 0 ? tr("Ready to confirm, %n warning(s)", nullptr, warnings) : tr("Ready to confirm");
        colour = warnings > 0 ? u"#b45309"_s : u"#15803d"_s;
    } else {
        text = warnings > 0 ? tr("Analysis passed, %n warning(s)", nullptr, warnings) : tr("Analysis passed");
        colour = warnings > 0 ? u"#b45309"_s : u"#15803d"_s;
    }
    m_verdict->setText(text);
    m_verdict->setStyleSheet(
        u"QLabel { color: white; background: %1; border-radius: 4px; font-weight: bold; }"_s.arg(colour));
}

void AnalysisView::fillTiles()
{
    const QLocale locale;
    const AnalysisReport &r = m_details.report;
    const DeliveryKpis &k = m_details.kpis;
    // Before an analysis only the import count is known; the other figures would be guesses.
    m_targeted->setValue(locale.toString(m_details.analyzed ? r.targeted : k.targeted));
    m_toDeliver->setValue(m_details.analyzed ? locale.toString(r.toDeliver) : u"–"_s);
    m_toExclude->setValue(m_details.analyzed ? locale.toString(r.toExclude) : u"–"_s);
    m_success->setValue(tr("%1%").arg(locale.toString(k.successPct(), 'f', 1)));
}

void AnalysisView::fillExclusions()
{
    m_exclusions->clear();
    const AnalysisReport &r = m_details.report;
    for (auto it = r.exclusions.cbegin(); it != r.exclusions.cend(); ++it) {
        auto *item =
            new QTreeWidgetItem(m_exclusions, {StateNames::failureReason(it.key()), QLocale().toString(it.value())});
        alignNumber(item, 1);
    }
    if (m_details.analyzed && r.exclusions.isEmpty())
        new QTreeWidgetItem(m_exclusions, {tr("No exclusion")});
    m_exclusions->resizeColumnToContents(1);
}

void AnalysisView::fillLines()
{
    m_lines->clear();
    if (!m_details.analyzed) {
        new QTreeWidgetItem(m_lines, {QString(), QString(), tr("Run the analysis to check this delivery.")});
        return;
    }
    for (const AnalysisReport::Line &line : m_details.report.lines) {
        // In the application's language when the core marked its template (lines stored
        // before that, and error texts from elsewhere, stay as they were written).
        const QString message =
            line.source.isEmpty()
                ? line.message
                : AnalysisReport::fill(QCoreApplication::translate("AnalysisReport", line.source.constData()),
                                       line.args);
        auto *item = new QTreeWidgetItem(m_lines, {StateNames::level(line.level), line.rule, message});
        QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
        if (line.level == AnalysisReport::Level::Warning)
            icon = QStyle::SP_MessageBoxWarning;
        else if (line.level == AnalysisReport::Level::Error)
            icon = QStyle::SP_MessageBoxCritical;
        item->setIcon(0, style()->standardIcon(icon));
        item->setToolTip(2, message);
    }
    m_lines->resizeColumnToContents(0);
    m_lines->resizeColumnToContents(1);
}

void AnalysisView::fillPlan()
{
    m_plan->clear();
    const AnalysisReport &r = m_details.report;
    QHash<QString, qint64> counts;
    for (const AnalysisReport::DomainPlan &p : r.destinations)
        counts.insert(p.domain, p.count);
    const auto domainItem = [&](QTreeWidgetItem *parent, const QString &domain, qint64 count) {
        const QStringList texts{domain, QLocale().toString(count)};
        auto *item = parent ? new QTreeWidgetItem(parent, texts) : new QTreeWidgetItem(m_plan, texts);
        alignNumber(item, 1);
        item->setToolTip(0, domain); // the pane is narrow: a long name is cut short
        item->setToolTip(1, tr("%1 of the recipients to deliver").arg(percent(count, r.toDeliver)));
        return item;
    };
    if (r.plan.isEmpty()) { // a report from before the plan by provider: its domains alone
        for (const AnalysisReport::DomainPlan &p : r.destinations)
            domainItem(nullptr, p.domain, p.count);
    }
    // Each provider, its domains under it; the time its MX rule's rate makes the send take.
    for (const AnalysisReport::PlanGroup &g : r.plan) {
        QTreeWidgetItem *item = domainItem(nullptr, g.group, g.recipients);
        item->setText(2, g.rule.isEmpty() ? tr("none") : g.rule);
        if (g.estimatedSeconds < 0) {
            item->setText(3, tr("no limit"));
            item->setToolTip(3, tr("No MX rule limits the rate: as fast as the servers take the messages."));
        } else {
            item->setText(3, tr("about %1").arg(Duration::format(g.estimatedSeconds * 1000)));
            item->setToolTip(3, tr("At %Ln message(s) per hour for each destination", nullptr, g.ratePerHour));
        }
        if (!g.fitsValidity) {
            item->setForeground(3, QColor(0xb3, 0x26, 0x1e));
            item->setToolTip(3, tr("Longer than the validity period: the rest will fail as validity expired."));
        }
        for (const QString &domain : g.domains)
            domainItem(item, domain, counts.value(domain));
        item->setExpanded(r.plan.size() <= 5); // a few providers: their domains in view
    }
    for (int c = 1; c < m_plan->columnCount(); ++c)
        m_plan->resizeColumnToContents(c);
}

void AnalysisView::fillRejects()
{
    m_rejects->clear();
    for (const DeliveryQueries::ImportReject &reject : m_details.importRejects) {
        auto *item = new QTreeWidgetItem(m_rejects, {QLocale().toString(reject.line), reject.reason});
        alignNumber(item, 0);
        item->setToolTip(1, reject.reason);
    }
    if (m_details.moreImportRejects)
        new QTreeWidgetItem(m_rejects, {QString(), tr("More rows were rejected; sendscope-cli lists them all.")});
    const bool anyReject = !m_details.importRejects.isEmpty();
    m_rejectsBox->setVisible(anyReject);
    // A hidden box would still hold its share of the height as an empty band.
    m_reportLayout->setRowStretch(4, anyReject ? 1 : 0);
}
