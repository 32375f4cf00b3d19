#pragma once

#include "core_metatypes.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QList>
#include <QSet>

// The per-recipient log as a table that pages through the database instead of holding it:
// rowCount is the log count the store worker reports, and a row's data is fetched with its
// whole page the first time a view asks for it. Until the page arrives the row shows a
// placeholder; the page is requested once. Loaded pages live in a small LRU cache, so memory
// stays bounded however long the log is (docs/style.md, "what we avoid" 5).
//
// The model never talks to the database: it emits countRequested/pageRequested and is fed by
// setCount/addPage (the log view asks the Workspace and feeds the answers back).
class RecipientLogModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        LineColumn,
        EmailColumn,
        StateColumn,
        FailureTypeColumn,
        ReasonColumn,
        LastReplyColumn,
        AttemptsColumn,
        NextAttemptColumn,
        WaitingColumn, // why a recipient that is not final is still waiting
        MessageIdColumn,
        ColumnCount
    };
    enum Role { LoadedRole = Qt::UserRole + 1 }; // bool: false while the row shows the placeholder

    static constexpr int DefaultPageSize = 500;
    static constexpr int DefaultMaxCachedPages = 40;

    explicit RecipientLogModel(QObject *parent = nullptr, int pageSize = DefaultPageSize,
                               int maxCachedPages = DefaultMaxCachedPages);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Shows another delivery's log (0: none): drops every page and asks for the new count.
    void setDelivery(qint64 deliveryId, const LogFilter &filter = {});
    // Same delivery, fresh data (the log changes while a delivery runs).
    void reload();
    // Same delivery, other rows or order; the database does the filtering and sorting.
    void setFilter(const LogFilter &filter);
    LogFilter filter() const { return m_filter; }
    // A click on a header: the order becomes part of the filter (SQL on the worker's thread).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static LogSort sortFor(int column);
    // The recipient shown at row, when its page is loaded.
    const LogRow *loadedRow(int row) const;
    static QString waitText(const LogRow &row);
    void clear() { setDelivery(0); }

    qint64 deliveryId() const { return m_deliveryId; }
    quint64 generation() const { return m_generation; }
    int pageSize() const { return m_pageSize; }
    int cachedPageCount() const { return int(m_pages.count()); }
    bool isRowLoaded(int row) const { return m_pages.contains(row / m_pageSize); }
    bool isCountKnown() const { return m_countKnown; }

    // Answers from the store worker; answers for another delivery or an older generation are dropped.
    void setCount(qint64 deliveryId, quint64 generation, qint64 count);
    void addPage(qint64 deliveryId, quint64 generation, qint64 offset, const QList<LogRow> &rows);

    void retranslate();

Q_SIGNALS:
    void countRequested(qint64 deliveryId, quint64 generation, const LogFilter &filter);
    void pageRequested(qint64 deliveryId, quint64 generation, const LogFilter &filter, qint64 offset, int limit);
    void countChanged(qint64 count);

private:
    const LogRow *row(int row) const;
    void requestPage(qint64 page) const;
    static QVariant displayText(const LogRow &row, int column);

    const int m_pageSize;
    qint64 m_deliveryId = 0;
    LogFilter m_filter;
    quint64 m_generation = 0;
    bool m_countKnown = false;
    int m_count = 0;
    QCache<qint64, QList<LogRow>> m_pages; // page index -> rows; a lookup refreshes the LRU order
    // data() is const for views, yet reading a row not loaded must start (and remember) a request.
    mutable QSet<qint64> m_requested;
};
