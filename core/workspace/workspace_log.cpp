// The recipients log's part of the Workspace (workspace.h).

#include "workspace.h"

#include <QSaveFile>
#include <QThreadPool>
#include <algorithm>
#include <limits>

namespace {

// The filter's domain list offers the largest domains; any other can be typed.
constexpr int MaxDomainChoices = 500;

// The job's LogQueries, made on first use on the log's thread.
LogQueries &queriesOf(std::unique_ptr<LogQueries> &queries, Store &store)
{
    if (!queries)
        queries = std::make_unique<LogQueries>(store.db());
    return *queries;
}

QString cannotWrite(const QSaveFile &file)
{
    return QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString());
}

} // namespace

QFuture<WorkspaceResult<qint64>> Workspace::logCount(qint64 deliveryId, const LogFilter &filter, StaleFlag stale)
{
    return m_logExecutor.run([holder = m_logQueries, deliveryId, filter, stale](Store &store) {
        WorkspaceResult<qint64> r;
        if (stale && stale->load())
            return r;
        // A count is a fresh look: the order is prepared again even for the same filter.
        LogQueries &queries = queriesOf(*holder, store);
        const qint64 count = queries.prepare(deliveryId, filter);
        if (count < 0)
            r.error = queries.lastError();
        else
            r.value = count;
        return r;
    });
}

QFuture<WorkspaceResult<QList<LogRow>>> Workspace::logPage(qint64 deliveryId, const LogFilter &filter, qint64 offset,
                                                           int limit, StaleFlag stale)
{
    return m_logExecutor.run([holder = m_logQueries, deliveryId, filter, offset, limit, stale](Store &store) {
        WorkspaceResult<QList<LogRow>> r;
        if (stale && stale->load())
            return r;
        LogQueries &queries = queriesOf(*holder, store);
        if (!queries.isPrepared(deliveryId, filter) && queries.prepare(deliveryId, filter) < 0) {
            r.error = queries.lastError();
            return r;
        }
        r.value = queries.page(offset, limit);
        return r;
    });
}

QFuture<Workspace::RecipientHistory> Workspace::recipientHistory(qint64 recipientId)
{
    return m_logExecutor.run([holder = m_logQueries, recipientId](Store &store) {
        RecipientHistory history;
        history.attempts = queriesOf(*holder, store).attempts(recipientId);
        history.timeline = FeedbackQueries::timeline(store.db(), recipientId, &history.error);
        return history;
    });
}

QFuture<Workspace::LogChoices> Workspace::logChoices(qint64 deliveryId)
{
    return m_logExecutor.run([holder = m_logQueries, deliveryId](Store &store) {
        LogQueries &queries = queriesOf(*holder, store);
        LogChoices choices;
        choices.reasons = queries.reasons(deliveryId);
        choices.domains = queries.domains(deliveryId, MaxDomainChoices);
        return choices;
    });
}

QFuture<WorkspaceResult<Workspace::RawMessage>> Workspace::rawFeedbackMessage(qint64 feedbackMessageId)
{
    return m_logExecutor.run([feedbackMessageId](Store &store) {
        WorkspaceResult<RawMessage> r;
        RawMessage message;
        const std::optional<QByteArray> raw =
            FeedbackQueries::rawMessage(store.db(), feedbackMessageId, &message.fullSize, &r.error);
        if (raw) {
            message.raw = *raw;
            r.value = message;
        }
        return r;
    });
}

QFuture<WorkspaceResult<qint64>> Workspace::exportLogCsv(qint64 deliveryId, const LogFilter &filter,
                                                         const QString &path, std::shared_ptr<std::atomic_bool> cancel)
{
    using Result = WorkspaceResult<qint64>;
    auto promise = std::make_shared<QPromise<Result>>();
    QFuture<Result> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, databasePath = databasePath(), deliveryId, filter, path, cancel] {
        Result r;
        if (std::unique_ptr<Store> store = Store::open(databasePath, &r.error)) {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                r.error = cannotWrite(file);
            } else {
                LogQueries queries(store->db());
                const qint64 rows = queries.exportCsv(deliveryId, filter, &file, [&promise, &cancel](qint64 done) {
                    promise->setProgressValue(int(std::min<qint64>(done, std::numeric_limits<int>::max())));
                    return !cancel->load();
                });
                if (rows < 0) {
                    r.error = cancel->load() ? QStringLiteral("the export was canceled") : queries.lastError();
                    file.cancelWriting();
                } else if (!file.commit()) {
                    r.error = cannotWrite(file);
                } else {
                    r.value = rows;
                }
            }
        }
        promise->addResult(r);
        promise->finish();
    });
    return future;
}
