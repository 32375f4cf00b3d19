#include "proof_dialog.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ProofDialog::ProofDialog(qint64 deliveryId, const QString &deliveryName, QWidget *parent)
    : QDialog(parent)
    , m_deliveryId(deliveryId)
    , m_help(new QLabel(this))
    , m_addresses(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_results(new QTreeWidget(this))
    , m_historyLabel(new QLabel(this))
    , m_history(new QTreeWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(u"proofDialog"_s);
    setWindowTitle(tr("Send a proof of “%1”").arg(deliveryName));
    m_help->setText(tr("Proof addresses (up to %1), separated by commas or new lines. Each proof is personalized "
                       "with one of the first recipients and its subject starts with “[Proof #N]”.")
                        .arg(ProofSender::MaxAddresses));
    m_help->setWordWrap(true);
    m_addresses->setObjectName(u"proofAddresses"_s);
    m_addresses->setTabChangesFocus(true);
    m_status->setObjectName(u"proofStatus"_s);
    m_status->setWordWrap(true);
    m_results->setObjectName(u"proofResults"_s);
    m_results->setColumnCount(3);
    m_results->setHeaderLabels({tr("Address"), tr("Result"), tr("Reply")});
    m_results->setRootIsDecorated(false);
    m_results->header()->setStretchLastSection(true);
    m_results->setColumnWidth(0, 200);
    m_historyLabel->setText(tr("Proofs sent"));
    m_history->setObjectName(u"proofHistory"_s);
    m_history->setColumnCount(5);
    m_history->setHeaderLabels({tr("Proof"), tr("Sent"), tr("Address"), tr("Result"), tr("Reply")});
    m_history->setRootIsDecorated(false);
    m_history->setUniformRowHeights(true);
    m_history->header()->setStretchLastSection(true);
    m_history->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_history->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_history->setColumnWidth(2, 180);
    m_send = m_buttons->addButton(tr("&Send proof"), QDialogButtonBox::ActionRole);
    m_send->setObjectName(u"proofSendButton"_s);
    m_send->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_help);
    layout->addWidget(m_addresses, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_results, 2);
    layout->addWidget(m_historyLabel);
    layout->addWidget(m_history, 2);
    layout->addWidget(m_buttons);
    resize(640, 560);

    connect(m_send, &QPushButton::clicked, this, &ProofDialog::send);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_addresses, &QPlainTextEdit::textChanged, this, &ProofDialog::updateSendButton);
    updateSendButton();
}

QStringList ProofDialog::addresses() const
{
    static const QRegularExpression separators(u"[,;\\s]+"_s);
    return m_addresses->toPlainText().split(separators, Qt::SkipEmptyParts);
}

void ProofDialog::setAddresses(const QStringList &addresses)
{
    m_addresses->setPlainText(addresses.join(u'\n'));
}

void ProofDialog::updateSendButton()
{
    const qsizetype n = addresses().size();
    m_send->setEnabled(!m_sending && n > 0 && n <= ProofSender::MaxAddresses);
    if (!m_sending && n > ProofSender::MaxAddresses)
        m_status->setText(tr("%1 addresses: a proof goes to %2 at most.").arg(n).arg(ProofSender::MaxAddresses));
}

void ProofDialog::send()
{
    m_sending = true;
    updateSendButton();
    m_results->clear();
    m_status->setText(tr("Sending the proof…"));
    Q_EMIT sendRequested(m_deliveryId, addresses());
}

void ProofDialog::showResults(int number, const QList<ProofSender::Result> &results, const QString &error)
{
    m_sending = false;
    updateSendButton();
    if (!error.isEmpty()) {
        m_status->setText(tr("The proof was not sent: %1").arg(error));
        return;
    }
    int accepted = 0;
    for (const ProofSender::Result &r : results) {
        auto *item = new QTreeWidgetItem(m_results);
        item->setText(0, r.address);
        item->setText(1, r.accepted ? tr("Accepted") : tr("Failed"));
        item->setIcon(1,
                      style()->standardIcon(r.accepted ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxWarning));
        item->setText(2, r.reply);
        accepted += r.accepted ? 1 : 0;
    }
    m_status->setText(tr("Proof #%1: %2 of %3 accepted.").arg(number).arg(accepted).arg(results.size()));
}

void ProofDialog::setHistory(const QList<DeliveryQueries::ProofRecord> &proofs)
{
    m_history->clear();
    const QLocale locale;
    for (const DeliveryQueries::ProofRecord &p : proofs) {
        auto *item = new QTreeWidgetItem(m_history);
        item->setText(0, tr("#%1").arg(p.number));
        item->setText(1, locale.toString(QDateTime::fromMSecsSinceEpoch(p.sentAtMs), QLocale::ShortFormat));
        item->setText(2, p.address);
        QString result = tr("Failed");
        QStyle::StandardPixmap icon = QStyle::SP_MessageBoxWarning;
        if (p.outcome == u"accepted"_s) {
            result = tr("Accepted");
            icon = QStyle::SP_DialogApplyButton;
        } else if (p.outcome == u"pending"_s) {
            result = tr("No answer recorded");
            icon = QStyle::SP_MessageBoxQuestion;
        }
        item->setText(3, result);
        item->setIcon(3, style()->standardIcon(icon));
        item->setText(4, p.reply);
        item->setToolTip(4, p.reply);
    }
    m_historyLabel->setText(proofs.isEmpty() ? tr("Proofs sent: none yet") : tr("Proofs sent"));
}
