#include "quarantine_page.h"

#include "state_names.h"
#include "workspace/workspace.h"
#include "workspace_answer.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

enum Column { AddressColumn, StatusColumn, ErrorsColumn, LastErrorColumn, LastErrorTimeColumn, ColumnCount };

constexpr int SearchDelayMs = 300;

QString statusText(QuarantineEntry::Status status)
{
    switch (status) {
    case QuarantineEntry::Status::Valid:
        return QuarantinePage::tr("Valid");
    case QuarantineEntry::Status::WithErrors:
        return QuarantinePage::tr("With errors");
    case QuarantineEntry::Status::Quarantine:
        return QuarantinePage::tr("Quarantine");
    case QuarantineEntry::Status::Denylisted:
        return QuarantinePage::tr("Denylisted");
    }
    return {};
}

} // namespace

QuarantinePage::QuarantinePage(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(u"quarantinePage"_s);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"quarantineSearch"_s);
    m_search->setPlaceholderText(tr("Search addresses"));
    m_search->setClearButtonEnabled(true);
    m_statusFilter = new QComboBox(this);
    m_statusFilter->setObjectName(u"quarantineStatusFilter"_s);
    m_statusFilter->addItem(tr("All statuses"), QString());
    for (auto s : {QuarantineEntry::Status::Quarantine, QuarantineEntry::Status::Denylisted,
                   QuarantineEntry::Status::WithErrors, QuarantineEntry::Status::Valid})
        m_statusFilter->addItem(statusText(s), QuarantineEntry::statusName(s));
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_search, 1);
    filterRow->addWidget(m_statusFilter);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"quarantineList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({tr("Address"), tr("Status"), tr("Errors"), tr("Last error"), tr("Last error time")});
    m_list->header()->setSectionResizeMode(AddressColumn, QHeaderView::Stretch);

    m_previous = new QPushButton(tr("&Previous"), this);
    m_previous->setObjectName(u"previousPageButton"_s);
    m_next = new QPushButton(tr("&Next"), this);
    m_next->setObjectName(u"nextPageButton"_s);
    m_range = new QLabel(this);
    m_range->setObjectName(u"quarantineRange"_s);
    auto *pageRow = new QHBoxLayout;
    pageRow->addWidget(m_range, 1);
    pageRow->addWidget(m_previous);
    pageRow->addWidget(m_next);

    m_release = new QPushButton(tr("&Release"), this);
    m_release->setObjectName(u"releaseButton"_s);
    m_release->setToolTip(tr("Back to Valid with the error count reset: later analyses include the addresses again"));
    m_denyAddress = new QLineEdit(this);
    m_denyAddress->setObjectName(u"denylistEdit"_s);
    m_denyAddress->setPlaceholderText(tr("address@example.com"));
    m_deny = new QPushButton(tr("Add to &denylist"), this);
    m_deny->setObjectName(u"denylistButton"_s);
    auto *actionRow = new QHBoxLayout;
    actionRow->addWidget(m_release);
    actionRow->addSpacing(24);
    actionRow->addWidget(new QLabel(tr("Denylist:"), this));
    actionRow->addWidget(m_denyAddress, 1);
    actionRow->addWidget(m_deny);

    m_status = new QLabel(this);
    m_status->setObjectName(u"quarantineStatus"_s);
    m_status->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filterRow);
    layout->addWidget(m_list, 1);
    layout->addLayout(pageRow);
    layout->addLayout(actionRow);
    layout->addWidget(m_status);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(SearchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, &QuarantinePage::reload);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &QuarantinePage::reload);
    connect(m_previous, &QPushButton::clicked, this, [this] { requestPage(qMax<qint64>(0, m_offset - PageSize)); });
    connect(m_next, &QPushButton::clicked, this, [this] { requestPage(m_offset + PageSize); });
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &QuarantinePage::updateButtons);
    connect(m_release, &QPushButton::clicked, this, &QuarantinePage::releaseSelected);
    connect(m_deny, &QPushButton::clicked, this, &QuarantinePage::addToDenylist);
    connect(m_denyAddress, &QLineEdit::returnPressed, this, &QuarantinePage::addToDenylist);
    connect(m_denyAddress, &QLineEdit::textChanged, this, &QuarantinePage::updateButtons);

    updateButtons();
    // Asked once the constructor has returned: an answer that is ready at once would otherwise
    // be shown (and signalled) before anyone could connect to the page.
    QMetaObject::invokeMethod(this, &QuarantinePage::reload, Qt::QueuedConnection);
}

QuarantinePage::~QuarantinePage()
{
    // Child widgets still signal while QWidget's destructor deletes them, when this page is no
    // longer one: cut them off first.
    for (QObject *child : findChildren<QObject *>())
        disconnect(child, nullptr, this, nullptr);
}

void QuarantinePage::changed(const QString &message)
{
    setStatus(message, false);
    Q_EMIT quarantineChanged();
    requestPage(m_offset);
}

void QuarantinePage::setStatus(const QString &text, bool error)
{
    m_status->setStyleSheet(error ? u"color: #b00020;"_s : QString());
    m_status->setText(text);
}

void QuarantinePage::reload()
{
    requestPage(0);
}

void QuarantinePage::requestPage(qint64 offset)
{
    QuarantineFilter filter;
    filter.search = m_search->text();
    const QString status = m_statusFilter->currentData().toString();
    if (!status.isEmpty())
        filter.status = QuarantineEntry::statusFromName(status);
    const quint64 generation = ++m_generation;
    whenAnswered(
        m_workspace.quarantine(filter, offset, PageSize), this,
        [this, generation](const WorkspaceResult<Workspace::QuarantinePage> &r) {
            if (!r.ok())
                setStatus(r.error, true);
            else
                showPage(generation, r.value->total, r.value->offset, r.value->rows);
        },
        [this](const QString &error) { setStatus(error, true); });
}

void QuarantinePage::showPage(quint64 generation, qint64 total, qint64 offset, const QList<QuarantineRow> &rows)
{
    if (generation != m_generation)
        return; // an answer to a search typed over since
    QStringList selected;
    for (const QTreeWidgetItem *item : m_list->selectedItems())
        selected.append(item->text(AddressColumn));
    m_total = total;
    m_offset = offset;
    m_list->clear();
    const QLocale locale;
    QList<QTreeWidgetItem *> items;
    items.reserve(rows.size());
    for (const QuarantineRow &r : rows) {
        const QString when =
            r.lastErrorAtMs > 0 ? locale.toString(QDateTime::fromMSecsSinceEpoch(r.lastErrorAtMs), QLocale::ShortFormat)
                                : QString();
        auto *item =
            new QTreeWidgetItem({r.address, statusText(r.status), QString::number(r.errorCount),
                                 r.lastError.isEmpty() ? QString() : StateNames::failureReason(r.lastError), when});
        item->setData(ErrorsColumn, Qt::TextAlignmentRole, int(Qt::AlignRight | Qt::AlignVCenter));
        items.append(item);
    }
    m_list->addTopLevelItems(items);
    for (QTreeWidgetItem *item : std::as_const(items))
        item->setSelected(selected.contains(item->text(AddressColumn)));
    for (int c = StatusColumn; c < ColumnCount; ++c)
        m_list->resizeColumnToContents(c);
    if (total == 0)
        m_range->setText(m_search->text().trimmed().isEmpty() && m_statusFilter->currentIndex() == 0
                             ? tr("No address has had an error yet.")
                             : tr("No address matches."));
    else
        m_range->setText(
            tr("%1–%2 of %3")
                .arg(locale.toString(offset + 1), locale.toString(offset + rows.size()), locale.toString(total)));
    updateButtons();
}

void QuarantinePage::updateButtons()
{
    m_previous->setEnabled(m_offset > 0);
    m_next->setEnabled(m_offset + PageSize < m_total);
    m_release->setEnabled(!m_list->selectedItems().isEmpty());
    m_deny->setEnabled(!m_denyAddress->text().trimmed().isEmpty());
}

void QuarantinePage::releaseSelected()
{
    QStringList addresses;
    for (const QTreeWidgetItem *item : m_list->selectedItems())
        addresses.append(item->text(AddressColumn));
    if (addresses.isEmpty())
        return;
    whenAnswered(
        m_workspace.releaseFromQuarantine(addresses), this,
        [this](const WorkspaceResult<int> &r) {
            if (!r.ok())
                setStatus(r.error, true);
            else
                changed(tr("%n address(es) released.", nullptr, *r.value));
        },
        [this](const QString &error) { setStatus(error, true); });
}

void QuarantinePage::addToDenylist()
{
    const QString address = m_denyAddress->text();
    if (address.trimmed().isEmpty())
        return;
    whenAnswered(
        m_workspace.denylist(address), this,
        [this](const WorkspaceResult<QString> &r) {
            if (!r.ok()) {
                setStatus(r.error, true);
                return;
            }
            m_denyAddress->clear();
            changed(tr("%1 is denylisted: later analyses exclude it.").arg(*r.value));
        },
        [this](const QString &error) { setStatus(error, true); });
}
