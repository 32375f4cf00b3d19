#include "feedback_page.h"

#include "log_detail_pane.h"
#include "password_vault.h"
#include "workspace/workspace.h"
#include "workspace_answer.h"

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
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString mailboxKey(const QString &routeName)
{
    return routeName + u"/bounce-mailbox"_s;
}

} // namespace

FeedbackPage::FeedbackPage(Workspace &workspace, PasswordVault *vault, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_vault(vault)
    , m_count(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_more(new QPushButton(this))
    , m_show(new QPushButton(this))
    , m_fetch(new QPushButton(this))
    , m_status(new QLabel(this))
{
    m_count->setObjectName(u"unmatchedCount"_s);
    m_list->setObjectName(u"unmatchedList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setColumnCount(7);
    static const int widths[] = {140, 110, 190, 230, 170, 60, 100};
    for (int c = 0; c < 7; ++c)
        m_list->setColumnWidth(c, widths[c]);
    m_list->header()->setStretchLastSection(true);
    m_more->setObjectName(u"unmatchedMore"_s);
    m_show->setObjectName(u"unmatchedShowMessage"_s);
    m_fetch->setObjectName(u"fetchReportsNow"_s);
    m_status->setObjectName(u"feedbackStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QHBoxLayout;
    top->addWidget(m_count, 1);
    top->addWidget(m_fetch);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_more);
    bottom->addStretch();
    bottom->addWidget(m_show);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_list, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_status);

    connect(m_list, &QTreeWidget::currentItemChanged, this, &FeedbackPage::updateButtons);
    connect(m_list, &QTreeWidget::itemDoubleClicked, m_show, &QPushButton::click);
    connect(m_show, &QPushButton::clicked, this, [this] {
        const int i = m_list->indexOfTopLevelItem(m_list->currentItem());
        if (i >= 0 && i < m_rows.size())
            requestRawMessage(m_rows.at(i).feedbackMessageId);
    });
    connect(m_more, &QPushButton::clicked, this, [this] {
        m_loading = true;
        updateButtons();
        requestUnmatched(m_rows.size());
    });
    connect(m_fetch, &QPushButton::clicked, this, &FeedbackPage::fetchNow);
    connect(m_vault, &PasswordVault::passwordReady, this, &FeedbackPage::onPasswordReady);

    retranslate();
    reload();
}

FeedbackPage::~FeedbackPage() = default;

void FeedbackPage::reload()
{
    m_loading = true;
    m_rows.clear();
    m_list->clear();
    updateButtons();
    requestUnmatched(0);
}

void FeedbackPage::requestUnmatched(qint64 offset)
{
    whenAnswered(
        m_workspace.unmatchedFeedback(offset, PageSize), this,
        [this, offset](const WorkspaceResult<Workspace::UnmatchedPage> &r) {
            const Workspace::UnmatchedPage page = r.value.value_or(Workspace::UnmatchedPage());
            onUnmatchedLoaded(offset, page.rows, page.total, r.error);
        },
        [this, offset](const QString &error) { onUnmatchedLoaded(offset, {}, 0, error); });
}

void FeedbackPage::requestRawMessage(qint64 feedbackMessageId)
{
    whenAnswered(
        m_workspace.rawFeedbackMessage(feedbackMessageId), this,
        [this, feedbackMessageId](const WorkspaceResult<Workspace::RawMessage> &r) {
            const Workspace::RawMessage message = r.value.value_or(Workspace::RawMessage());
            showRawMessage(feedbackMessageId, message.raw, message.fullSize,
                           r.ok() || !r.error.isEmpty() ? r.error : tr("the message is no longer stored"));
        },
        [this, feedbackMessageId](const QString &error) { showRawMessage(feedbackMessageId, {}, 0, error); });
}

void FeedbackPage::onUnmatchedLoaded(qint64 offset, const QList<UnmatchedFeedback> &rows, qint64 total,
                                     const QString &error)
{
    m_loading = false;
    if (!error.isEmpty())
        m_status->setText(tr("The Unmatched list could not be read: %1").arg(error));
    if (offset != m_rows.size()) {
        updateButtons();
        return; // an answer to a list since reloaded
    }
    m_total = total;
    const QLocale locale;
    for (const UnmatchedFeedback &u : rows) {
        m_rows.append(u);
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, locale.toString(QDateTime::fromMSecsSinceEpoch(u.receivedAtMs), u"yyyy-MM-dd HH:mm:ss"_s));
        item->setText(1, LogDetailPane::reportKindText(u.kind));
        item->setText(2, u.sender);
        item->setText(3, u.subject);
        item->setToolTip(3, u.subject);
        item->setText(4, u.address);
        item->setText(5, u.status);
        item->setText(6, u.diagnostic);
        item->setToolTip(6, tr("%1\n(from %2)").arg(u.diagnostic, u.mailbox));
    }
    retranslate();
    updateButtons();
}

void FeedbackPage::fetchNow()
{
    if (m_fetching)
        return;
    m_fetching = true;
    m_status->setText(tr("Looking for the bounce mailboxes…"));
    updateButtons();
    whenAnswered(
        m_workspace.bounceMailboxes(), this,
        [this](const Workspace::BounceMailboxes &found) { onMailboxesLoaded(found.mailboxes, found.errors); },
        [this](const QString &error) { onMailboxesLoaded({}, {error}); });
}

void FeedbackPage::onMailboxesLoaded(const QList<FeedbackMailbox> &mailboxes, const QStringList &errors)
{
    m_mailboxes = mailboxes;
    m_mailboxErrors = errors;
    m_passwords.clear();
    if (mailboxes.isEmpty()) {
        onFetched(errors.isEmpty() ? QStringList{tr("No route has a bounce mailbox.")} : errors, errors.isEmpty(),
                  false);
        return;
    }
    askNextPassword();
}

void FeedbackPage::askNextPassword()
{
    while (m_passwords.size() < m_mailboxes.size()) {
        const FeedbackMailbox &m = m_mailboxes.at(m_passwords.size());
        if (!m.config.passwordEnv.isEmpty() && qEnvironmentVariableIsSet(qPrintable(m.config.passwordEnv))) {
            m_passwords.append(qEnvironmentVariable(qPrintable(m.config.passwordEnv)));
            continue;
        }
        // The vault answers from memory, the keychain, or asks once per run.
        m_waitingFor = mailboxKey(m.routeName);
        m_status->setText(tr("Getting the bounce mailbox password of %1…").arg(m.routeName));
        m_vault->fetch(m_waitingFor, m.config.username, this);
        return;
    }
    m_status->setText(tr("Reading %Ln bounce mailbox(es)…", nullptr, int(m_mailboxes.size())));
    fetch();
}

void FeedbackPage::fetch()
{
    whenAnswered(
        m_workspace.fetchFeedback(m_mailboxes, m_passwords), this,
        [this](const WorkspaceResult<QList<FeedbackIntakeReport>> &r) {
            if (r.ok())
                onFetchAnswer(*r.value);
            else
                onFetched({r.error}, false, false);
        },
        [this](const QString &error) { onFetched({error}, false, false); });
}

void FeedbackPage::onFetchAnswer(const QList<FeedbackIntakeReport> &reports)
{
    QStringList lines;
    bool ok = true;
    bool changed = false;
    for (qsizetype i = 0; i < reports.size() && i < m_mailboxes.size(); ++i) {
        const QString &route = m_mailboxes.at(i).routeName;
        const FeedbackIntakeReport &r = reports.at(i);
        changed = changed || r.applied > 0 || r.changed > 0 || r.closed > 0;
        if (!r.ok()) {
            ok = false;
            lines.append(tr("%1: %2").arg(route, r.error));
        } else {
            lines.append(tr("%1: %Ln new report(s)", nullptr, r.applied).arg(route) +
                         tr(", %Ln unmatched", nullptr, r.unmatched) +
                         tr(", %Ln delivery(ies) finished", nullptr, r.closed) +
                         (r.deferred ? tr("; the rest waits until a send in progress is recorded") : QString()));
        }
    }
    onFetched(lines, ok, changed);
}

void FeedbackPage::onPasswordReady(const QString &key, const QString &password)
{
    if (key != m_waitingFor || m_waitingFor.isEmpty())
        return;
    m_waitingFor.clear();
    m_passwords.append(password); // empty: that mailbox's login fails and says so
    askNextPassword();
}

void FeedbackPage::onFetched(const QStringList &lines, bool ok, bool changed)
{
    m_fetching = false;
    QStringList all = lines;
    if (lines != m_mailboxErrors)
        all += m_mailboxErrors;
    m_status->setText(all.join(u'\n'));
    m_status->setStyleSheet(ok && m_mailboxErrors.isEmpty() ? QString() : u"color: #b3261e"_s);
    m_mailboxErrors.clear();
    updateButtons();
    reload();
    Q_EMIT fetchFinished(ok, changed);
}

void FeedbackPage::showRawMessage(qint64 id, const QByteArray &raw, qint64 fullSize, const QString &error)
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"unmatchedRawDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Report message %1").arg(id));
    auto *note = new QLabel(dialog);
    note->setObjectName(u"unmatchedRawNote"_s);
    note->setWordWrap(true);
    auto *text = new QPlainTextEdit(dialog);
    text->setObjectName(u"unmatchedRawView"_s);
    text->setReadOnly(true);
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const QLocale locale;
    if (!error.isEmpty())
        note->setText(tr("The message could not be read: %1").arg(error));
    else if (fullSize > raw.size())
        note->setText(tr("Only the first %1 of %2 bytes were stored (the store keeps 256 KB of a report).")
                          .arg(locale.toString(raw.size()), locale.toString(fullSize)));
    else
        note->setText(tr("%1 bytes, as received.").arg(locale.toString(raw.size())));
    QString body = QString::fromUtf8(raw);
    if (body.contains(QChar::ReplacementCharacter))
        body = QString::fromLatin1(raw);
    text->setPlainText(body);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(note);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    dialog->resize(820, 560);
    dialog->show();
}

void FeedbackPage::updateButtons()
{
    m_more->setVisible(m_rows.size() < m_total);
    m_more->setEnabled(!m_loading);
    m_show->setEnabled(m_list->currentItem() != nullptr);
    m_fetch->setEnabled(!m_fetching);
}

void FeedbackPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void FeedbackPage::retranslate()
{
    m_list->setHeaderLabels(
        {tr("Received"), tr("Kind"), tr("From"), tr("Subject"), tr("Address named"), tr("Status"), tr("Diagnostic")});
    m_more->setText(tr("Load more"));
    m_show->setText(tr("Show message"));
    m_fetch->setText(tr("Fetch reports now"));
    if (m_total == 0)
        m_count->setText(tr("No unmatched report: every report read so far named a recipient."));
    else
        m_count->setText(tr("%Ln unmatched report(s): they named nobody this database knows, and changed nothing.",
                            nullptr, int(m_total)) +
                         (m_rows.size() < m_total ? tr(" %Ln shown.", nullptr, int(m_rows.size())) : QString()));
}
