#include "log_detail_pane.h"

#include "recipient_log_model.h"
#include "state_names.h"

#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
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
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(split, 1);
    retranslate();
}

void LogDetailPane::showRecipient(const LogRow *row)
{
    m_recipientId = row ? row->recipientId : 0;
    m_row = row ? *row : LogRow{};
    m_attemptsShown = false;
    m_attempts.clear();
    m_tree->clear();
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
