#include "csv_preview_model.h"

#include <QBrush>
#include <QFont>
#include <QPalette>

void CsvPreviewModel::setPreview(const CsvPreview &preview)
{
    beginResetModel();
    m_header = preview.header;
    m_rows = preview.rows;
    m_emailColumn = preview.emailColumn;
    endResetModel();
}

void CsvPreviewModel::clear()
{
    setPreview({});
}

void CsvPreviewModel::setEmailColumn(int column)
{
    if (column == m_emailColumn)
        return;
    m_emailColumn = column;
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

int CsvPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CsvPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_header.isEmpty() ? 0 : int(m_header.size()) + 2;
}

QVariant CsvPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const CsvPreview::Row &row = m_rows.at(index.row());
    const int column = index.column();
    const int problemColumn = int(m_header.size()) + 1;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        if (column == 0)
            return row.line;
        if (column == problemColumn)
            return row.error;
        return column - 1 < row.fields.size() ? row.fields.at(column - 1) : QString();
    }
    if (role == Qt::ForegroundRole && !row.error.isEmpty())
        return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
    if (role == Qt::TextAlignmentRole && column == 0)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CsvPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        if (section == 0)
            return tr("Line");
        if (section == m_header.size() + 1)
            return tr("Problem");
        const QString name = m_header.at(section - 1);
        return name.isEmpty() ? tr("(column %1)").arg(section) : name;
    }
    if (role == Qt::FontRole && section - 1 == m_emailColumn) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}
