#pragma once

#include "recipients/csv_preview.h"

#include <QAbstractTableModel>

// The first rows of a recipient list for the import dialog: a "Line" column, the file's
// columns, and a "Problem" column saying why the import would reject a row. The chosen
// email column's header is bold.
class CsvPreviewModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

    void setPreview(const CsvPreview &preview);
    void clear();
    void setEmailColumn(int column); // index into the header, or -1

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_header;
    QList<CsvPreview::Row> m_rows;
    int m_emailColumn = -1;
};
