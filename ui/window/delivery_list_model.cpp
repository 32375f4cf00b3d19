#include "delivery_list_model.h"

#include "sandbox_banner.h"
#include "state_names.h"

#include <QLocale>
#include <algorithm>

using namespace Qt::StringLiterals;

DeliveryListModel::DeliveryListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int DeliveryListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_deliveries.size());
}

int DeliveryListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool DeliveryListModel::isNumeric(int column)
{
    return column == ToDeliverColumn || column == ProcessedColumn || column == SuccessColumn;
}

QVariant DeliveryListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DeliverySummary &d = m_deliveries.at(index.row());
    switch (role) {
    case IdRole:
        return d.id;
    case SandboxRole:
        return d.sandbox;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return d.name;
        case StateColumn:
            return int(d.kpis.state);
        case ContactDateColumn:
            return d.contactDate.isValid() ? d.contactDate.toMSecsSinceEpoch() : qint64(0);
        case ToDeliverColumn:
            return d.kpis.toDeliver;
        case ProcessedColumn:
            return d.kpis.processed;
        case SuccessColumn:
            return d.kpis.successPct();
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return d.sandbox ? SandboxBanner::tagged(d.name) : d.name; // never mistaken for a real route
        case StateColumn:
            return StateNames::deliveryState(d.kpis.state);
        case ToDeliverColumn:
            // Until it is analyzed (again) a delivery's to-deliver count is not established.
            if (d.kpis.state == DeliveryState::BeingEdited)
                return u"–"_s;
            return QLocale().toString(d.kpis.toDeliver);
        case ContactDateColumn:
            // In the user's time zone; the tooltip names it (docs/product.md §6: time zone shown).
            return d.contactDate.isValid() ? QLocale().toString(d.contactDate.toLocalTime(), QLocale::ShortFormat)
                                           : tr("On confirmation");
        case ProcessedColumn:
            return QLocale().toString(d.kpis.processed);
        case SuccessColumn:
            return tr("%1%").arg(QLocale().toString(d.kpis.successPct(), 'f', 1));
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == NameColumn && d.sandbox)
            return tr("Delivery #%1: %2. It goes through the sandbox route: nothing leaves this computer.")
                .arg(QString::number(d.id), d.name);
        if (index.column() == NameColumn)
            return tr("Delivery #%1: %2").arg(QString::number(d.id), d.name);
        if (index.column() == ContactDateColumn && d.contactDate.isValid())
            return tr("Contact date: %1 (%2)")
                .arg(QLocale().toString(d.contactDate.toLocalTime(), QLocale::LongFormat),
                     d.contactDate.toLocalTime().timeZoneAbbreviation());
        return {};
    case Qt::TextAlignmentRole:
        if (isNumeric(index.column()))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant DeliveryListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && isNumeric(section))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Delivery");
    case StateColumn:
        return tr("State");
    case ContactDateColumn:
        return tr("Contact date");
    case ToDeliverColumn:
        return tr("To deliver");
    case ProcessedColumn:
        return tr("Processed");
    case SuccessColumn:
        return tr("Success");
    }
    return {};
}

void DeliveryListModel::setDeliveries(const QList<DeliverySummary> &deliveries)
{
    const bool sameRows = std::equal(m_deliveries.cbegin(), m_deliveries.cend(), deliveries.cbegin(), deliveries.cend(),
                                     [](const DeliverySummary &a, const DeliverySummary &b) { return a.id == b.id; });
    if (sameRows) {
        m_deliveries = deliveries;
        if (!m_deliveries.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_deliveries = deliveries;
    endResetModel();
}

void DeliveryListModel::updateKpis(const DeliveryKpis &kpis)
{
    const int row = rowOf(kpis.id);
    if (row < 0)
        return;
    m_deliveries[row].kpis = kpis;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int DeliveryListModel::rowOf(qint64 deliveryId) const
{
    for (int row = 0; row < m_deliveries.size(); ++row) {
        if (m_deliveries.at(row).id == deliveryId)
            return row;
    }
    return -1;
}

void DeliveryListModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_deliveries.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}
