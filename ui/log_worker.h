#pragma once

#include "core_metatypes.h"
#include "delivery/log_queries.h"
#include "feedback/feedback_queries.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <memory>

class Store;

Q_DECLARE_METATYPE(LogAttempt)
Q_DECLARE_METATYPE(FeedbackTimelineEntry)

// The log view's door to the database: a QObject on its own QThread with its own Store
// connection (like StoreWorker, but only for the log, so a slow search or sort over a large
// log never delays the dashboard's reads). Requests are queued slot calls; answers are signals
// with plain values. Count and page requests carry the model's generation; requests older than
// the latest generation announced through setLatestGeneration() are skipped unanswered, so a
// burst of filter changes costs one query, not one per keystroke.
class LogWorker final : public QObject
{
    Q_OBJECT

public:
    explicit LogWorker(const QString &databasePath, QObject *parent = nullptr);
    ~LogWorker() override;

    static void registerMetaTypes();

    // Thread-safe: called on the GUI thread when the model starts a new generation.
    void setLatestGeneration(quint64 generation) { m_latest.store(generation); }

    // Request slots (queued).
    void open();
    void loadCount(qint64 deliveryId, quint64 generation, const LogFilter &filter);
    void loadPage(qint64 deliveryId, quint64 generation, const LogFilter &filter, qint64 offset, int limit);
    // The attempts, then the feedback timeline (attempts and reports) of one recipient.
    void loadAttempts(qint64 recipientId);
    void loadRawMessage(qint64 feedbackMessageId);
    void loadChoices(qint64 deliveryId);

Q_SIGNALS:
    void openFailed(const QString &error);
    void countLoaded(qint64 deliveryId, quint64 generation, qint64 count);
    void pageLoaded(qint64 deliveryId, quint64 generation, qint64 offset, const QList<LogRow> &rows);
    void attemptsLoaded(qint64 recipientId, const QList<LogAttempt> &attempts);
    void timelineLoaded(qint64 recipientId, const QList<FeedbackTimelineEntry> &entries);
    // raw is capped at what the store keeps; fullSize is the message's size as received.
    void rawMessageLoaded(qint64 feedbackMessageId, const QByteArray &raw, qint64 fullSize, const QString &error);
    void choicesLoaded(qint64 deliveryId, const QList<FailureReason> &reasons, const QStringList &domains);
    void queryFailed(const QString &error);

private:
    bool isStale(quint64 generation) const { return generation < m_latest.load(); }

    QString m_path;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<LogQueries> m_queries;
    std::atomic<quint64> m_latest{0};
};

// Writes the filtered log as CSV on a thread of its own, with its own connection, so browsing
// the log stays responsive during a long export. Written through QSaveFile: a failed or
// canceled export leaves no partial file behind.
class LogExportThread final : public QThread
{
    Q_OBJECT

public:
    LogExportThread(const QString &databasePath, qint64 deliveryId, const LogFilter &filter, const QString &target,
                    QObject *parent = nullptr);

    void cancel() { m_cancel.store(true); }
    QString target() const { return m_target; }

Q_SIGNALS:
    void progress(qint64 rows);
    // error is empty on success.
    void exported(const QString &target, qint64 rows, const QString &error);

protected:
    void run() override;

private:
    const QString m_path;
    const qint64 m_deliveryId;
    const LogFilter m_filter;
    const QString m_target;
    std::atomic<bool> m_cancel{false};
};
