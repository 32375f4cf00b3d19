#include "log_worker.h"

#include "store/store.h"

#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {

// The filter combos offer the largest domains; any other can be typed.
constexpr int MaxDomainChoices = 500;

} // namespace

LogWorker::LogWorker(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
{
    registerMetaTypes();
}

LogWorker::~LogWorker()
{
    m_queries.reset(); // before the connection it uses
}

void LogWorker::registerMetaTypes()
{
    qRegisterMetaType<LogRow>();
    qRegisterMetaType<QList<LogRow>>();
    qRegisterMetaType<LogFilter>();
    qRegisterMetaType<LogAttempt>();
    qRegisterMetaType<QList<LogAttempt>>();
    qRegisterMetaType<FeedbackTimelineEntry>();
    qRegisterMetaType<QList<FeedbackTimelineEntry>>();
    qRegisterMetaType<FailureReason>();
    qRegisterMetaType<QList<FailureReason>>();
}

void LogWorker::open()
{
    if (m_store)
        return;
    QString error;
    m_store = Store::open(m_path, &error);
    if (!m_store) {
        Q_EMIT openFailed(error);
        return;
    }
    m_queries = std::make_unique<LogQueries>(m_store->db());
}

void LogWorker::loadCount(qint64 deliveryId, quint64 generation, const LogFilter &filter)
{
    if (!m_queries || isStale(generation))
        return;
    // A count request is a fresh look: the order is prepared again even for the same filter.
    const qint64 count = m_queries->prepare(deliveryId, filter);
    if (count < 0) {
        Q_EMIT queryFailed(m_queries->lastError());
        Q_EMIT countLoaded(deliveryId, generation, 0);
        return;
    }
    Q_EMIT countLoaded(deliveryId, generation, count);
}

void LogWorker::loadPage(qint64 deliveryId, quint64 generation, const LogFilter &filter, qint64 offset, int limit)
{
    if (!m_queries || isStale(generation))
        return;
    if (!m_queries->isPrepared(deliveryId, filter) && m_queries->prepare(deliveryId, filter) < 0) {
        Q_EMIT queryFailed(m_queries->lastError());
        return;
    }
    Q_EMIT pageLoaded(deliveryId, generation, offset, m_queries->page(offset, limit));
}

void LogWorker::loadAttempts(qint64 recipientId)
{
    if (!m_queries)
        return;
    Q_EMIT attemptsLoaded(recipientId, m_queries->attempts(recipientId));
    QString error;
    const QList<FeedbackTimelineEntry> entries = FeedbackQueries::timeline(m_store->db(), recipientId, &error);
    if (!error.isEmpty())
        Q_EMIT queryFailed(error);
    Q_EMIT timelineLoaded(recipientId, entries);
}

void LogWorker::loadRawMessage(qint64 feedbackMessageId)
{
    if (!m_store)
        return;
    QString error;
    qint64 fullSize = 0;
    const std::optional<QByteArray> raw =
        FeedbackQueries::rawMessage(m_store->db(), feedbackMessageId, &fullSize, &error);
    if (!raw && error.isEmpty())
        error = tr("the message is no longer stored");
    Q_EMIT rawMessageLoaded(feedbackMessageId, raw.value_or(QByteArray()), fullSize, error);
}

void LogWorker::loadChoices(qint64 deliveryId)
{
    if (!m_queries)
        return;
    const QList<FailureReason> reasons = m_queries->reasons(deliveryId);
    const QStringList domains = m_queries->domains(deliveryId, MaxDomainChoices);
    Q_EMIT choicesLoaded(deliveryId, reasons, domains);
}

LogExportThread::LogExportThread(const QString &databasePath, qint64 deliveryId, const LogFilter &filter,
                                 const QString &target, QObject *parent)
    : QThread(parent)
    , m_path(databasePath)
    , m_deliveryId(deliveryId)
    , m_filter(filter)
    , m_target(target)
{
    setObjectName(u"sendscope-log-export"_s);
}

void LogExportThread::run()
{
    QString error;
    qint64 rows = -1;
    {
        std::unique_ptr<Store> store = Store::open(m_path, &error);
        if (store) {
            QSaveFile file(m_target);
            if (!file.open(QIODevice::WriteOnly)) {
                error = tr("Cannot write %1: %2").arg(m_target, file.errorString());
            } else {
                LogQueries queries(store->db());
                rows = queries.exportCsv(m_deliveryId, m_filter, &file, [this](qint64 done) {
                    Q_EMIT progress(done);
                    return !m_cancel.load();
                });
                if (rows < 0) {
                    error = m_cancel.load() ? tr("The export was canceled.") : queries.lastError();
                    file.cancelWriting();
                } else if (!file.commit()) {
                    error = tr("Cannot write %1: %2").arg(m_target, file.errorString());
                    rows = -1;
                }
            }
        }
    }
    Q_EMIT exported(m_target, rows, error);
}
