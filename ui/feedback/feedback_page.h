#pragma once

#include "core_metatypes.h"
#include "feedback/feedback_intake.h"
#include "feedback/feedback_queries.h"

#include <QList>
#include <QWidget>

class PasswordVault;
class Workspace;
class QLabel;
class QPushButton;
class QTreeWidget;

// Feedback (docs/product.md §4): the Unmatched reports (a report that named nobody the database
// knows is kept, never dropped), newest first and paged through the database, each one's raw
// message on demand; and "Fetch now", which reads every route's bounce mailbox (passwords from
// the vault, asked once when there is none) off the GUI thread, then says what it found.
// The main window also asks it to fetch every minute while a delivery is in progress.
class FeedbackPage final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int PageSize = 200;

    FeedbackPage(Workspace &workspace, PasswordVault *vault, QWidget *parent = nullptr);
    ~FeedbackPage() override;

    // Reads the first page of the Unmatched list again.
    void reload();
    // Reads every bounce mailbox once (nothing when a pass is already under way).
    void fetchNow();
    bool isFetching() const { return m_fetching; }
    qint64 unmatchedTotal() const { return m_total; }

Q_SIGNALS:
    // A pass ended; changed when reports were applied (the log and dashboard should read again).
    void fetchFinished(bool ok, bool changed);

protected:
    void changeEvent(QEvent *event) override;

private:
    void requestUnmatched(qint64 offset);
    void requestRawMessage(qint64 feedbackMessageId);
    void fetch();
    void onFetchAnswer(const QList<FeedbackIntakeReport> &reports);
    void onUnmatchedLoaded(qint64 offset, const QList<UnmatchedFeedback> &rows, qint64 total, const QString &error);
    void onMailboxesLoaded(const QList<FeedbackMailbox> &mailboxes, const QStringList &errors);
    void askNextPassword();
    void onPasswordReady(const QString &key, const QString &password);
    void onFetched(const QStringList &lines, bool ok, bool changed);
    void showRawMessage(qint64 id, const QByteArray &raw, qint64 fullSize, const QString &error);
    void updateButtons();
    void retranslate();

    Workspace &m_workspace;
    PasswordVault *m_vault;
    QList<UnmatchedFeedback> m_rows;
    qint64 m_total = 0;
    bool m_loading = false;
    bool m_fetching = false;
    QList<FeedbackMailbox> m_mailboxes;
    QStringList m_passwords;
    QStringList m_mailboxErrors;
    QString m_waitingFor; // the vault key asked for

    QLabel *m_count;
    QTreeWidget *m_list;
    QPushButton *m_more;
    QPushButton *m_show;
    QPushButton *m_fetch;
    QLabel *m_status;
};
