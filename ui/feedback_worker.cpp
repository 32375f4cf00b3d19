#include "feedback_worker.h"

#include "common/clock.h"
#include "feedback/feedback_intake.h"
#include "store/store.h"

using namespace Qt::StringLiterals;

FeedbackWorker::FeedbackWorker(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
{
    registerMetaTypes();
}

FeedbackWorker::~FeedbackWorker() = default;

void FeedbackWorker::registerMetaTypes()
{
    qRegisterMetaType<UnmatchedFeedback>();
    qRegisterMetaType<QList<UnmatchedFeedback>>();
    qRegisterMetaType<FeedbackMailbox>();
    qRegisterMetaType<QList<FeedbackMailbox>>();
}

bool FeedbackWorker::open(QString *error)
{
    if (!m_store)
        m_store = Store::open(m_path, error);
    return m_store != nullptr;
}

void FeedbackWorker::loadUnmatched(qint64 offset, int limit)
{
    QString error;
    if (!open(&error)) {
        Q_EMIT unmatchedLoaded(offset, {}, 0, error);
        return;
    }
    const qint64 total = FeedbackQueries::unmatchedCount(m_store->db(), &error);
    const QList<UnmatchedFeedback> rows = FeedbackQueries::unmatched(m_store->db(), offset, limit, &error);
    Q_EMIT unmatchedLoaded(offset, rows, std::max<qint64>(total, 0), error);
}

void FeedbackWorker::loadRawMessage(qint64 feedbackMessageId)
{
    QString error;
    qint64 fullSize = 0;
    std::optional<QByteArray> raw;
    if (open(&error))
        raw = FeedbackQueries::rawMessage(m_store->db(), feedbackMessageId, &fullSize, &error);
    Q_EMIT rawMessageLoaded(feedbackMessageId, raw.value_or(QByteArray()), fullSize, error);
}

void FeedbackWorker::loadMailboxes()
{
    QString error;
    if (!open(&error)) {
        Q_EMIT mailboxesLoaded({}, {error});
        return;
    }
    QStringList errors;
    const QList<FeedbackMailbox> list = FeedbackQueries::mailboxes(m_store->db(), QString(), &errors);
    Q_EMIT mailboxesLoaded(list, errors);
}

void FeedbackWorker::fetch(const QList<FeedbackMailbox> &mailboxes, const QStringList &passwords)
{
    QString error;
    if (!open(&error)) {
        Q_EMIT fetched({error}, false, false);
        return;
    }
    FeedbackIntake intake(*m_store, Clock::system());
    if (!intake.prepare()) {
        Q_EMIT fetched({intake.error()}, false, false);
        return;
    }
    QStringList lines;
    bool ok = true;
    bool changed = false;
    for (qsizetype i = 0; i < mailboxes.size(); ++i) {
        const FeedbackMailbox &m = mailboxes.at(i);
        const FeedbackIntakeReport r = intake.fetch(m.config, passwords.value(i));
        changed = changed || r.applied > 0 || r.changed > 0 || r.closed > 0;
        if (!r.ok()) {
            ok = false;
            lines.append(tr("%1: %2").arg(m.routeName, r.error));
        } else {
            lines.append(tr("%1: %Ln new report(s)", nullptr, r.applied).arg(m.routeName) +
                         tr(", %Ln unmatched", nullptr, r.unmatched) +
                         tr(", %Ln delivery(ies) finished", nullptr, r.closed) +
                         (r.deferred ? tr("; the rest waits until a send in progress is recorded") : QString()));
        }
    }
    Q_EMIT fetched(lines, ok, changed);
}
