// The paging log model on its own, fed by a fake store that answers on the next event-loop turn
// as the real worker would: pages are requested only for rows a view shows, once each, and the
// cache stays bounded.

#include "recipient_log_model.h"
#include "state_names.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 DeliveryId = 7;
constexpr int LogSize = 20000;

LogRow fakeRow(qint64 index)
{
    LogRow r;
    r.recipientId = index + 1;
    r.line = index + 2; // after the CSV header
    r.email = u"r%1@example.com"_s.arg(index);
    r.state = index % 2 ? LogState::Sent : LogState::Pending;
    r.messageId = u"<%1@test>"_s.arg(index);
    return r;
}

} // namespace

// Answers the model's requests with made-up rows, asynchronously, and records what was asked.
class FakeStore final : public QObject
{
    Q_OBJECT

public:
    explicit FakeStore(RecipientLogModel *model, qint64 size)
        : m_model(model)
        , m_size(size)
    {
        connect(model, &RecipientLogModel::countRequested, this, [this](qint64 id, quint64 generation) {
            QTimer::singleShot(0, this, [this, id, generation] { m_model->setCount(id, generation, m_size); });
        });
        connect(model, &RecipientLogModel::pageRequested, this,
                [this](qint64 id, quint64 generation, const LogFilter &, qint64 offset, int limit) {
                    requestedOffsets.append(offset);
                    if (!answer)
                        return;
                    QTimer::singleShot(0, this, [this, id, generation, offset, limit] {
                        QList<LogRow> rows;
                        for (qint64 i = offset; i < qMin<qint64>(offset + limit, m_size); ++i)
                            rows.append(fakeRow(i));
                        m_model->addPage(id, generation, offset, rows);
                    });
                });
    }

    QList<qint64> requestedOffsets;
    bool answer = true;

private:
    RecipientLogModel *m_model;
    qint64 m_size;
};

class TstRecipientLogModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scrollingToTheEndLoadsOnlyTheShownPages();
    void placeholderAndOneRequestPerPage();
    void cacheIsBounded();
    void staleAnswersAreDropped();
};

void TstRecipientLogModel::scrollingToTheEndLoadsOnlyTheShownPages()
{
    RecipientLogModel model;
    FakeStore store(&model, LogSize);
    QTableView view;
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.setModel(&model);
    view.resize(900, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    model.setDelivery(DeliveryId);
    QTRY_COMPARE(model.rowCount(), LogSize);
    QTRY_VERIFY(model.isRowLoaded(0));
    QCOMPARE(store.requestedOffsets, QList<qint64>{0});

    view.scrollToBottom();
    QTRY_VERIFY(model.isRowLoaded(LogSize - 1));
    // Let the view repaint with the new rows: nothing else may be asked for.
    QTest::qWait(100);
    const qint64 lastPage = (LogSize - 1) / model.pageSize() * model.pageSize();
    QCOMPARE(store.requestedOffsets, (QList<qint64>{0, lastPage}));
    QCOMPARE(model.cachedPageCount(), 2);

    const QModelIndex last = model.index(LogSize - 1, RecipientLogModel::EmailColumn);
    QCOMPARE(model.data(last).toString(), fakeRow(LogSize - 1).email);
    QCOMPARE(model.data(model.index(LogSize - 1, RecipientLogModel::StateColumn)).toString(),
             StateNames::logState(LogState::Sent));
    QCOMPARE(model.data(model.index(LogSize - 1, RecipientLogModel::LineColumn)).toString(),
             QLocale().toString(qint64(LogSize + 1)));

    // Back in the middle: only the page(s) under the viewport.
    view.scrollTo(model.index(10250, 0), QAbstractItemView::PositionAtTop);
    QTRY_VERIFY(model.isRowLoaded(10250));
    QTest::qWait(100);
    QCOMPARE(store.requestedOffsets, (QList<qint64>{0, lastPage, 10000}));
}

void TstRecipientLogModel::placeholderAndOneRequestPerPage()
{
    RecipientLogModel model;
    FakeStore store(&model, LogSize);
    model.setDelivery(DeliveryId);
    QTRY_COMPARE(model.rowCount(), LogSize);

    store.answer = false;
    const QModelIndex row = model.index(1234, RecipientLogModel::EmailColumn);
    QCOMPARE(model.data(row).toString(), RecipientLogModel::tr("Loading…"));
    QCOMPARE(model.data(row, RecipientLogModel::LoadedRole).toBool(), false);
    // Other rows and columns of the same page, and asking again, add no request.
    model.data(model.index(1000, RecipientLogModel::StateColumn));
    model.data(model.index(1499, RecipientLogModel::MessageIdColumn));
    model.data(row);
    QCOMPARE(store.requestedOffsets, QList<qint64>{1000});

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QList<LogRow> rows;
    for (int i = 1000; i < 1500; ++i)
        rows.append(fakeRow(i));
    model.addPage(DeliveryId, model.generation(), 1000, rows);
    // One signal for the page, covering exactly its rows.
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1000);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 1499);
    QCOMPARE(model.data(row).toString(), fakeRow(1234).email);
}

void TstRecipientLogModel::cacheIsBounded()
{
    RecipientLogModel model(nullptr, 100, 5);
    FakeStore store(&model, LogSize);
    model.setDelivery(DeliveryId);
    QTRY_COMPARE(model.rowCount(), LogSize);

    // Pages 0..9 one after the other; page 0 is read again midway, so it is the recent one.
    for (int page = 0; page < 10; ++page) {
        model.data(model.index(page * 100, 0));
        QTRY_VERIFY(model.isRowLoaded(page * 100));
        model.data(model.index(0, 0));
        QVERIFY(model.cachedPageCount() <= 5);
    }
    QCOMPARE(model.cachedPageCount(), 5);
    QVERIFY(model.isRowLoaded(0));
    QVERIFY(model.isRowLoaded(999));
    QVERIFY(!model.isRowLoaded(100));

    // An evicted page is asked for again when shown again.
    const int before = int(store.requestedOffsets.size());
    model.data(model.index(150, 0));
    QCOMPARE(store.requestedOffsets.size(), before + 1);
    QCOMPARE(store.requestedOffsets.last(), 100);
}

void TstRecipientLogModel::staleAnswersAreDropped()
{
    RecipientLogModel model;
    FakeStore store(&model, LogSize);
    model.setDelivery(DeliveryId);
    QTRY_COMPARE(model.rowCount(), LogSize);
    const quint64 oldGeneration = model.generation();

    model.reload();
    QCOMPARE(model.rowCount(), 0);
    model.setCount(DeliveryId, oldGeneration, 5); // an answer to the request before the reload
    QCOMPARE(model.isCountKnown(), false);
    QTRY_COMPARE(model.rowCount(), LogSize);

    store.answer = false;
    model.data(model.index(0, 0));
    model.addPage(DeliveryId, oldGeneration, 0, {fakeRow(0)});
    model.addPage(DeliveryId + 1, model.generation(), 0, {fakeRow(0)});
    QVERIFY(!model.isRowLoaded(0));
    model.addPage(DeliveryId, model.generation(), 0, {fakeRow(0)});
    QVERIFY(model.isRowLoaded(0));

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.cachedPageCount(), 0);
}

QTEST_MAIN(TstRecipientLogModel)
#include "tst_recipient_log_model.moc"
