#pragma once

#include "core_metatypes.h"
#include "delivery/log_queries.h"
#include "feedback/feedback_queries.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

// The detail pane under the log table: one recipient's state and attempt history (time,
// outcome, reply, reason, remote host), and the SMTP transcript of the selected attempt in a
// monospace font; beside it the feedback timeline (docs/product.md §4, §7): the attempts'
// replies and the reports read later, in time order, with the rule that qualified each, what it
// did and how it was matched, and "Show message" for a report's stored raw message. It shows
// what it is given; the log view loads it through its worker.
class LogDetailPane final : public QWidget
{
    Q_OBJECT

public:
    explicit LogDetailPane(QWidget *parent = nullptr);

    // The recipient whose attempts are loading (0: none selected).
    void showRecipient(const LogRow *row);
    void showAttempts(qint64 recipientId, const QList<LogAttempt> &attempts);
    void showTimeline(qint64 recipientId, const QList<FeedbackTimelineEntry> &entries);
    // The raw message asked for with rawMessageRequested(), in a window of its own.
    void showRawMessage(qint64 feedbackMessageId, const QByteArray &raw, qint64 fullSize, const QString &error);
    bool timelineShown() const { return m_timelineShown; }
    qint64 recipientId() const { return m_recipientId; }
    bool attemptsShown() const { return m_attemptsShown; }
    void retranslate();
    static QString outcomeText(const QString &outcome); // SmtpOutcome kind name -> words
    static QString reportKindText(const QString &kind); // FeedbackMessage kind name -> words

Q_SIGNALS:
    void rawMessageRequested(qint64 feedbackMessageId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showTranscript();
    void updateShowMessage();

    qint64 m_recipientId = 0;
    bool m_attemptsShown = false;
    LogRow m_row;
    QList<LogAttempt> m_attempts;
    bool m_timelineShown = false;
    QList<FeedbackTimelineEntry> m_timeline;
    QLabel *m_title;
    QTreeWidget *m_tree;
    QPlainTextEdit *m_transcript;
    QTabWidget *m_tabs;
    QTreeWidget *m_timelineTree;
    QLabel *m_timelineNote;
    QPushButton *m_showMessage;
};
