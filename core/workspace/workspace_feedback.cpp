// The feedback page's part of the Workspace (workspace.h).

#include "workspace.h"

#include "common/clock.h"

QFuture<WorkspaceResult<Workspace::UnmatchedPage>> Workspace::unmatchedFeedback(qint64 offset, int limit)
{
    return m_executor.run([offset, limit](Store &store) {
        WorkspaceResult<UnmatchedPage> r;
        UnmatchedPage page;
        page.total = std::max<qint64>(FeedbackQueries::unmatchedCount(store.db(), &r.error), 0);
        page.rows = FeedbackQueries::unmatched(store.db(), offset, limit, &r.error);
        r.value = page;
        return r;
    });
}

QFuture<Workspace::BounceMailboxes> Workspace::bounceMailboxes()
{
    return m_executor.run([](Store &store) {
        BounceMailboxes found;
        found.mailboxes = FeedbackQueries::mailboxes(store.db(), QString(), &found.errors);
        return found;
    });
}

QFuture<WorkspaceResult<QList<FeedbackIntakeReport>>> Workspace::fetchFeedback(const QList<FeedbackMailbox> &mailboxes,
                                                                               const QStringList &passwords)
{
    return m_feedbackExecutor.run([mailboxes, passwords](Store &store) {
        WorkspaceResult<QList<FeedbackIntakeReport>> r;
        FeedbackIntake intake(store, Clock::system());
        if (!intake.prepare()) {
            r.error = intake.error();
            return r;
        }
        QList<FeedbackIntakeReport> reports;
        for (qsizetype i = 0; i < mailboxes.size(); ++i)
            reports.append(intake.fetch(mailboxes.at(i).config, passwords.value(i)));
        r.value = reports;
        return r;
    });
}
