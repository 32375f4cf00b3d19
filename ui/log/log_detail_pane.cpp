#include "log_detail_pane.h"

#include "recipient_log_model.h"
#include "state_names.h"

#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString timeText(qint64 ms)
{
    if (ms <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), u"yyyy-MM-dd HH:mm:ss"_s);
}

} // namespace

QString LogDetailPane::outcomeText(const QString &outcome)
{
    if (outcome == u"accepted"_s)
        return tr("Accepted");
    if (outcome == u"permanent"_s)
        return tr("Permanent failure");
    if (outcome == u"temporary"_s)
        return tr("Temporary failure");
    if (outcome == u"possible_duplicate"_s)
        return tr("Possibly delivered twice");
    return outcome; // a name this version does not know: shown as stored
}

LogDetailPane::LogDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_transcript(new QPlainTextEdit(this))
    , m_tabs(new QTabWidget(this))
    , m_timelineTree(new QTreeWidget(this))
    , m_timelineNote(new QLabel(this))
    , m_showMessage(new QPushButton(this))
{
    m_title->setObjectName(u"logDetailTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tree->setObjectName(u"attemptsTree"_s);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setColumnCount(6);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(0, 150);
    m_tree->setColumnWidth(1, 130);
    m_tree->setColumnWidth(2, 50);
    m_tree->setColumnWidth(3, 220);
    m_transcript->setObjectName(u"transcriptView"_s);
    m_transcript->setReadOnly(true);
    m_transcript->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_transcript->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &LogDetailPane::showTranscript);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tree);
    split->addWidget(m_transcript);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    m_timelineTree->setObjectName(u"feedbackTimeline"_s);
    m_timelineTree->setRootIsDecorated(false);
    m_timelineTree->setUniformRowHeights(true);
    m_timelineTree->setColumnCount(8);
    m_timelineTree->header()->setStretchLastSection(false);
    static const int widths[] = {140, 70, 150, 60, 260, 80, 120, 90};
    for (int c = 0; c < 8; ++c)
        m_timelineTree->setColumnWidth(c, widths[c]);
    m_timelineTree->header()->setSectionResizeMode(4, QHeaderView::Stretch);
    m_timelineNote->setObjectName(u"feedbackTimelineNote"_s);
    m_timelineNote->setWordWrap(true);
    m_showMessage->setObjectName(u"showFeedbackMessage"_s);
    m_showMessage->setEnabled(false);
    connect(m_timelineTree, &QTreeWidget::currentItemChanged, this, &LogDetailPane::updateShowMessage);
    connect(m_timelineTree, &QTreeWidget::itemDoubleClicked, m_showMessage, &QPushButton::click);
    connect(m_showMessage, &QPushButton::clicked, this, [this] {
        const int i = m_timelineTree->indexOfTopLevelItem(m_timelineTree->currentItem());
        if (i >= 0 && i < m_timeline.size() && m_timeline.at(i).feedbackMessageId > 0)
            Q_EMIT rawMessageRequested(m_timeline.at(i).feedbackMessageId);
    });
    auto *timelinePage = new QWidget(this);
    auto *timelineLayout = new QVBoxLayout(timelinePage);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->addWidget(m_timelineTree, 1);
    auto *timelineBar = new QHBoxLayout;
    timelineBar->addWidget(m_timelineNote, 1);
    timelineBar->addWidget(m_showMessage);
    timelineLayout->addLayout(timelineBar);

    m_tabs->setObjectName(u"logDetailTabs"_s);
    m_tabs->addTab(split, QString());
    m_tabs->addTab(timelinePage, QString());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_tabs, 1);
    retranslate();
}

QString LogDetailPane::reportKindText(const QString &kind)
{
    if (kind == u"dsn"_s)
        return tr("Delivery report");
    if (kind == u"arf"_s)
        return tr("Complaint");
    if (kind == u"auto_reply"_s)
        return tr("Auto-reply");
    if (kind == u"bounce"_s)
        return tr("Bounce");
    if (kind == u"unsubscribe"_s)
        return tr("Unsubscribe request");
    if (kind == u"unknown"_s)
        return tr("Unclassified");
    return kind;
}

void LogDetailPane::showTimeline(qint64 recipientId, const QList<FeedbackTimelineEntry> &entries)
{
    if (recipientId != m_recipientId)
        return;
    m_timeline = entries;
    m_timelineShown = true;
    m_timelineTree->clear();
    int reports = 0;
    for (const FeedbackTimelineEntry &e : entries) {
        const bool report = e.source == FeedbackTimelineEntry::Source::Report;
        reports += report ? 1 : 0;
        auto *item = new QTreeWidgetItem(m_timelineTree);
        item->setText(0, timeText(e.atMs));
        item->setText(1, report ? tr("Report") : tr("Reply"));
        QString kind = report ? reportKindText(e.kind) : outcomeText(e.kind);
        if (!e.action.isEmpty())
            kind = tr("%1 · %2").arg(kind, e.action);
        item->setText(2, kind);
        item->setText(3, e.status);
        QString text = e.text;
        if (const auto reason = LogStates::failureReasonFromName(e.reason); reason && *reason != FailureReason::None)
            text = tr("[%1] %2").arg(StateNames::failureReason(*reason), text);
        item->setText(4, text);
        item->setToolTip(4, e.remote.isEmpty() ? e.text : tr("%1\n(from %2)").arg(e.text, e.remote));
        item->setText(5, e.rule);
        item->setText(6, e.applied);
        item->setToolTip(6, e.applied);
        item->setText(7, e.correlation);
        item->setData(0, Qt::UserRole, e.feedbackMessageId);
    }
    if (m_timelineTree->topLevelItemCount() > 0)
        m_timelineTree->setCurrentItem(m_timelineTree->topLevelItem(m_timelineTree->topLevelItemCount() - 1));
    if (entries.isEmpty())
        m_timelineNote->setText(tr("No reply and no report yet."));
    else
        m_timelineNote->setText(tr("%Ln report(s) read from the bounce mailbox", nullptr, reports));
    updateShowMessage();
}

void LogDetailPane::updateShowMessage()
{
    const int i = m_timelineTree->indexOfTopLevelItem(m_timelineTree->currentItem());
    m_showMessage->setEnabled(i >= 0 && i < m_timeline.size() && m_timeline.at(i).feedbackMessageId > 0);
}

void LogDetailPane::showRawMessage(qint64 feedbackMessageId, const QByteArray &raw, qint64 fullSize,
                                   const QString &error)
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"rawMessageDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Report message %1").arg(feedbackMessageId));
    auto *note = new QLabel(dialog);
    note->setObjectName(u"rawMessageNote"_s);
    note->setWordWrap(true);
    auto *text = new QPlainTextEdit(dialog);
    text->setObjectName(u"rawMessageView"_s);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    if (!error.isEmpty()) {
        note->setText(tr("The message could not be read: %1").arg(error));
    } else {
        // Shown as Latin-1 when it is not UTF-8: every byte stays visible, nothing is dropped.
        QString body = QString::fromUtf8(raw);
        if (body.contains(QChar::ReplacementCharacter))
            body = QString::fromLatin1(raw);
        text->setPlainText(body);
        const QLocale locale;
        if (fullSize > raw.size())
            note->setText(tr("Only the first %1 of %2 bytes were stored (the store keeps 256 KB of a report).")
                              .arg(locale.toString(raw.size()), locale.toString(fullSize)));
        else
            note->setText(tr("%1 bytes, as received.").arg(locale.toString(raw.size())));
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(note);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    dialog->resize(820, 560);
    dialog->show();
}

void LogDetailPane::showRecipient(const LogRow *row)
{
    m_recipientId = row ? row->recipientId : 0;
    m_row = row ? *row : LogRow{};
    m_attemptsShown = false;
    m_attempts.clear();
    m_tree->clear();
    m_timelineShown = false;
    m_timeline.clear();
    m_timelineTree->clear();
    m_timelineNote->setText(recipientId() == 0 ? QString() : tr("Loading the feedback timeline…"));
    m_showMessage->setEnabled(false);
    m_transcript->clear();
    retranslate();
}

void LogDetailPane::showAttempts(qint64 recipientId, const QList<LogAttempt> &attempts)
{
    if (recipientId != m_recipientId)
        return; // the user has moved on
    m_attempts = attempts;
    m_attemptsShown = true;
    m_tree->clear();
    for (const LogAttempt &a : attempts) {
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(0, timeText(a.startedAtMs));
        item->setText(1, outcomeText(a.outcome));
        item->setText(2, a.replyCode > 0 ? QString::number(a.replyCode) : QString());
        item->setText(3, a.reply);
        item->setToolTip(3, a.reply);
        item->setText(4, a.reason == FailureReason::None ? QString() : StateNames::failureReason(a.reason));
        item->setText(5, a.remoteHost);
    }
    // The latest attempt is what explains the current state.
    if (m_tree->topLevelItemCount() > 0)
        m_tree->setCurrentItem(m_tree->topLevelItem(m_tree->topLevelItemCount() - 1));
    retranslate();
}

void LogDetailPane::showTranscript()
{
    const int i = m_tree->indexOfTopLevelItem(m_tree->currentItem());
    m_transcript->setPlainText(i >= 0 && i < m_attempts.size() ? m_attempts.at(i).transcript : QString());
}

void LogDetailPane::retranslate()
{
    m_tree->setHeaderLabels({tr("Started"), tr("Outcome"), tr("Code"), tr("Reply"), tr("Reason"), tr("Remote host")});
    m_transcript->setPlaceholderText(tr("The SMTP transcript of the selected attempt"));
    m_tabs->setTabText(0, tr("Attempts"));
    m_tabs->setTabText(1, tr("Feedback timeline"));
    m_timelineTree->setHeaderLabels({tr("When"), tr("Source"), tr("Kind / action"), tr("Status"), tr("Text"),
                                     tr("Rule"), tr("Effect"), tr("Matched by")});
    m_showMessage->setText(tr("Show message"));
    if (m_recipientId == 0) {
        m_title->setText(tr("Select a recipient to see its attempts."));
        return;
    }
    QString title = tr("%1 · %2").arg(m_row.email, StateNames::logState(m_row.state));
    if (m_row.failureReason != FailureReason::None)
        title += tr(" · %1").arg(StateNames::failureReason(m_row.failureReason));
    const QString waiting = RecipientLogModel::waitText(m_row);
    if (!waiting.isEmpty())
        title += u"\n"_s + waiting;
    if (!m_attemptsShown)
        title += u"\n"_s + tr("Loading the attempts…");
    else if (m_attempts.isEmpty())
        title += u"\n"_s + tr("No attempt yet.");
    else
        title += u"\n"_s + tr("%Ln attempt(s)", nullptr, int(m_attempts.size()));
    m_title->setText(title);
}

void LogDetailPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
