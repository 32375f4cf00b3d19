#pragma once

#include "core_metatypes.h"
#include "delivery/log_queries.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;

// The detail pane under the log table: one recipient's state and attempt history (time,
// outcome, reply, reason, remote host), and the SMTP transcript of the selected attempt in a
// monospace font. It shows what it is given; the log view loads it through its worker.
class LogDetailPane final : public QWidget
{
    Q_OBJECT

public:
    explicit LogDetailPane(QWidget *parent = nullptr);

    // The recipient whose attempts are loading (0: none selected).
    void showRecipient(const LogRow *row);
    void showAttempts(qint64 recipientId, const QList<LogAttempt> &attempts);
    qint64 recipientId() const { return m_recipientId; }
    bool attemptsShown() const { return m_attemptsShown; }
    void retranslate();
    static QString outcomeText(const QString &outcome); // SmtpOutcome kind name -> words

protected:
    void changeEvent(QEvent *event) override;

private:
    void showTranscript();

    qint64 m_recipientId = 0;
    bool m_attemptsShown = false;
    LogRow m_row;
    QList<LogAttempt> m_attempts;
    QLabel *m_title;
    QTreeWidget *m_tree;
    QPlainTextEdit *m_transcript;
};
