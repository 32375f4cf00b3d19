#pragma once

#include "core_metatypes.h"
#include "feedback/feedback_queries.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QStringList>
#include <memory>

class Store;

// The Feedback page's door to the database and the bounce mailboxes: a QObject on its own
// QThread with its own Store (docs/architecture.md, "Threads and data flow"). It pages through
// the Unmatched list, reads a stored raw report, lists the routes' bounce mailboxes and runs
// FeedbackIntake::fetch over them, which blocks on IMAP, so only this thread ever waits.
class FeedbackWorker final : public QObject
{
    Q_OBJECT

public:
    explicit FeedbackWorker(const QString &databasePath, QObject *parent = nullptr);
    ~FeedbackWorker() override;

    static void registerMetaTypes();

    // Request slots (queued).
    void loadUnmatched(qint64 offset, int limit);
    void loadRawMessage(qint64 feedbackMessageId);
    void loadMailboxes();
    // passwords[i] goes with mailboxes[i].
    void fetch(const QList<FeedbackMailbox> &mailboxes, const QStringList &passwords);

Q_SIGNALS:
    void unmatchedLoaded(qint64 offset, const QList<UnmatchedFeedback> &rows, qint64 total, const QString &error);
    void rawMessageLoaded(qint64 feedbackMessageId, const QByteArray &raw, qint64 fullSize, const QString &error);
    void mailboxesLoaded(const QList<FeedbackMailbox> &mailboxes, const QStringList &errors);
    // One line per mailbox (what was read and applied, or why it failed); changed: log rows
    // or deliveries changed, so the views should read again.
    void fetched(const QStringList &lines, bool ok, bool changed);

private:
    bool open(QString *error);

    QString m_path;
    std::unique_ptr<Store> m_store;
};
