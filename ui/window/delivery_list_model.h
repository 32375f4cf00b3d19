#pragma once

#include "core_metatypes.h"

#include <QAbstractTableModel>
#include <QList>

// The delivery list (docs/product.md §7): one row per delivery, from the summaries the store
// worker publishes. Text is made in data() at paint time; sorting uses SortRole, which gives
// the raw value (a number sorts as a number, not as its formatted text).
class DeliveryListModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        StateColumn,
        ContactDateColumn,
        ToDeliverColumn,
        ProcessedColumn,
        SuccessColumn,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, IdRole, SandboxRole /* bool: the delivery's route is the sandbox */ };

    explicit DeliveryListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces the list. When the same deliveries come back in the same order (a refresh) the
    // rows are updated in place, so the view keeps its selection and scroll position.
    void setDeliveries(const QList<DeliverySummary> &deliveries);
    // Updates one delivery's figures in place (the dashboard's live KPIs); unknown ids are ignored.
    void updateKpis(const DeliveryKpis &kpis);
    int rowOf(qint64 deliveryId) const; // -1 when absent
    const DeliverySummary &summary(int row) const { return m_deliveries.at(row); }

    // The texts come from tr() at display time; this makes views ask again after a language change.
    void retranslate();

private:
    static bool isNumeric(int column);
    QList<DeliverySummary> m_deliveries;
};
