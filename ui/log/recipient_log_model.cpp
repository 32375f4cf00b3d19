#include "recipient_log_model.h"

#include "state_names.h"

#include <QDateTime>
#include <QLocale>
#include <algorithm>
#include <limits>

RecipientLogModel::RecipientLogModel(QObject *parent, int pageSize, int maxCachedPages)
    : QAbstractTableModel(parent)
    , m_pageSize(qMax(1, pageSize))
    , m_pages(qMax(1, maxCachedPages))
{}

int RecipientLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int RecipientLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const LogRow *RecipientLogModel::row(int row) const
{
    const qint64 page = row / m_pageSize;
    const QList<LogRow> *rows = m_pages.object(page); // also marks the page as recently used
    if (!rows) {
        requestPage(page);
        return nullptr;
    }
    const qint64 inPage = row - page * m_pageSize;
    // A short page (rows deleted since the count) is still a loaded page: asking again would loop.
    return inPage < rows->size() ? &rows->at(inPage) : nullptr;
}

void RecipientLogModel::requestPage(qint64 page) const
{
    if (m_requested.contains(page))
        return;
    m_requested.insert(page);
    // Views call data() through a const model; asking for the page is the one side effect a
    // paging model needs there, hence the const_cast to emit.
    Q_EMIT const_cast<RecipientLogModel *>(this)->pageRequested(m_deliveryId, m_generation, m_filter, page * m_pageSize,
                                                                m_pageSize);
}

QVariant RecipientLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::TextAlignmentRole && role != LoadedRole)
        return {};
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == LineColumn || index.column() == AttemptsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    const LogRow *r = row(index.row());
    if (role == LoadedRole)
        return r != nullptr;
    if (!r) {
        if (role == Qt::DisplayRole && index.column() == EmailColumn)
            return tr("Loading…");
        return {};
    }
    if (role == Qt::ToolTipRole) {
        // Replies and Message-IDs are often wider than their column.
        if (index.column() == LastReplyColumn || index.column() == MessageIdColumn || index.column() == WaitingColumn)
            return displayText(*r, index.column());
        return {};
    }
    return displayText(*r, index.column());
}

QVariant RecipientLogModel::displayText(const LogRow &row, int column)
{
    switch (column) {
    case LineColumn:
        return QLocale().toString(row.line);
    case EmailColumn:
        return row.email;
    case StateColumn:
        return StateNames::logState(row.state);
    case FailureTypeColumn:
        return StateNames::failureType(row.failureType);
    case ReasonColumn:
        return StateNames::failureReason(row.failureReason);
    case LastReplyColumn:
        return row.lastReply;
    case AttemptsColumn:
        return QLocale().toString(row.attempts);
    case NextAttemptColumn:
        if (row.nextAttemptAtMs <= 0 || LogStates::isFinal(row.state))
            return QString();
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.nextAttemptAtMs), QLocale::ShortFormat);
    case WaitingColumn:
        return waitText(row);
    case MessageIdColumn:
        return row.messageId;
    }
    return {};
}

QString RecipientLogModel::waitText(const LogRow &row)
{
    switch (row.wait) {
    case LogWait::None:
        return {};
    case LogWait::InFlight:
        return tr("Being sent");
    case LogWait::AwaitingReport:
        return tr("Handed over; waiting for the destination's report");
    case LogWait::NotConfirmed:
        return tr("The delivery is not confirmed yet");
    case LogWait::ScheduledStart:
        return tr("The delivery starts later");
    case LogWait::Paused:
        return tr("The delivery is paused");
    case LogWait::Stopped:
        return tr("The delivery is not running");
    case LogWait::RetryScheduled:
        return tr("Retry after a temporary failure (%1)").arg(StateNames::failureReason(row.failureReason));
    case LogWait::ConnectionLimits:
        return tr("Queued: connection and rate limits of its domain");
    case LogWait::ValidityExpired:
        return tr("The validity period ended");
    }
    return {};
}

const LogRow *RecipientLogModel::loadedRow(int r) const
{
    if (r < 0 || r >= m_count)
        return nullptr;
    const qint64 page = r / m_pageSize;
    const QList<LogRow> *rows = m_pages.object(page);
    const qint64 inPage = r - page * m_pageSize;
    return rows && inPage < rows->size() ? &rows->at(inPage) : nullptr;
}

LogSort RecipientLogModel::sortFor(int column)
{
    switch (column) {
    case EmailColumn:
        return LogSort::Email;
    case StateColumn:
        return LogSort::State;
    case FailureTypeColumn:
        return LogSort::FailureType;
    case ReasonColumn:
        return LogSort::Reason;
    case LastReplyColumn:
        return LogSort::LastReply;
    case AttemptsColumn:
        return LogSort::Attempts;
    case NextAttemptColumn:
    case WaitingColumn: // the soonest retry first: the closest to moving
        return LogSort::NextAttempt;
    case MessageIdColumn:
        return LogSort::MessageId;
    default:
        return LogSort::Line;
    }
}

void RecipientLogModel::sort(int column, Qt::SortOrder order)
{
    LogFilter f = m_filter;
    f.sort = sortFor(column);
    f.descending = order == Qt::DescendingOrder;
    if (f == m_filter)
        return;
    setFilter(f);
}

void RecipientLogModel::setFilter(const LogFilter &filter)
{
    setDelivery(m_deliveryId, filter);
}

QVariant RecipientLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && (section == LineColumn || section == AttemptsColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LineColumn:
        return tr("Line");
    case EmailColumn:
        return tr("Email");
    case StateColumn:
        return tr("State");
    case FailureTypeColumn:
        return tr("Failure type");
    case ReasonColumn:
        return tr("Reason");
    case LastReplyColumn:
        return tr("Last reply");
    case AttemptsColumn:
        return tr("Attempts");
    case NextAttemptColumn:
        return tr("Next attempt");
    case WaitingColumn:
        return tr("Why waiting");
    case MessageIdColumn:
        return tr("Message-ID");
    }
    return {};
}

void RecipientLogModel::setDelivery(qint64 deliveryId, const LogFilter &filter)
{
    beginResetModel();
    m_deliveryId = deliveryId;
    m_filter = filter;
    ++m_generation;
    m_countKnown = false;
    m_count = 0;
    m_pages.clear();
    m_requested.clear();
    endResetModel();
    Q_EMIT countChanged(0);
    if (m_deliveryId > 0)
        Q_EMIT countRequested(m_deliveryId, m_generation, m_filter);
}

void RecipientLogModel::reload()
{
    setDelivery(m_deliveryId, m_filter);
}

void RecipientLogModel::setCount(qint64 deliveryId, quint64 generation, qint64 count)
{
    if (deliveryId != m_deliveryId || generation != m_generation)
        return;
    // A view addresses rows with int; beyond that the log is cut (far past the 1M rows we aim at).
    const int rows = int(std::clamp<qint64>(count, 0, std::numeric_limits<int>::max()));
    beginResetModel();
    m_count = rows;
    m_countKnown = true;
    endResetModel();
    Q_EMIT countChanged(count);
}

void RecipientLogModel::addPage(qint64 deliveryId, quint64 generation, qint64 offset, const QList<LogRow> &rows)
{
    if (deliveryId != m_deliveryId || generation != m_generation || offset % m_pageSize != 0)
        return;
    const qint64 page = offset / m_pageSize;
    m_requested.remove(page);
    m_pages.insert(page, new QList<LogRow>(rows));
    const int first = int(qMin<qint64>(offset, m_count));
    const int last = int(qMin<qint64>(offset + m_pageSize, m_count)) - 1;
    // One signal for the whole page, never one per row.
    if (last >= first)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void RecipientLogModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (m_count > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_count - 1, ColumnCount - 1));
}
