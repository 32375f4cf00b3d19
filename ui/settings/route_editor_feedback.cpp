// The route form's feedback-loop rows (docs/product.md §4): where bounces go (the bounce address
// and VERP), what the relay is asked to report (DSN and NOTIFY), and the bounce mailbox the
// reports are read from.

#include "route_editor.h"

#include "feedback/mailbox_config.h"
#include "routing/route_config.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// The JSON keys of bounce_mailbox the form edits; any other is kept as it was.
const QStringList MailboxFormKeys{u"host"_s,  u"port"_s,    u"tls"_s,     u"username"_s, u"folder"_s,
                                  u"after"_s, u"move_to"_s, u"ca_file"_s, u"poll_s"_s};

} // namespace

void RouteEditor::buildFeedbackRows()
{
    auto *notifyRow = new QWidget;
    auto *notifyLayout = new QHBoxLayout(notifyRow);
    notifyLayout->setContentsMargins(0, 0, 0, 0);
    m_notifySuccess = new QCheckBox(tr("Delivered"));
    m_notifyFailure = new QCheckBox(tr("Failed"));
    m_notifyDelay = new QCheckBox(tr("Delayed"));
    m_notifySuccess->setObjectName(u"route_dsn_notify_success"_s);
    m_notifyFailure->setObjectName(u"route_dsn_notify_failure"_s);
    m_notifyDelay->setObjectName(u"route_dsn_notify_delay"_s);
    for (QCheckBox *c : {m_notifySuccess, m_notifyFailure, m_notifyDelay}) {
        notifyLayout->addWidget(c);
        connect(c, &QCheckBox::toggled, this, &RouteEditor::changed);
    }
    notifyLayout->addStretch();
    addRow(m_form, u"dsn_notify"_s, tr("Report when"), notifyRow);

    m_bounceAddress = new QLineEdit;
    m_bounceAddress->setPlaceholderText(tr("the From address"));
    addRow(m_form, u"bounce_address"_s, tr("Bounce address"), m_bounceAddress);
    m_verp = new QCheckBox(tr("VERP: a bounce address per recipient (bounces+TOKEN@domain)"));
    addRow(m_form, u"verp"_s, QString(), m_verp);

    m_mailbox = new QGroupBox(tr("Bounce mailbox (IMAP)"));
    m_mailbox->setCheckable(true);
    m_mailboxForm = new QFormLayout(m_mailbox);
    m_mailboxForm->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_mbHost = new QLineEdit;
    m_mbPort = new QSpinBox;
    m_mbPort->setRange(1, 65535);
    m_mbTls = new QComboBox;
    m_mbTls->addItem(tr("Implicit TLS (port 993)"), u"implicit"_s);
    m_mbTls->addItem(tr("STARTTLS required"), u"starttls"_s);
    m_mbTls->addItem(tr("None (loopback servers only)"), u"none"_s);
    m_mbUser = new QLineEdit;
    m_mbPassword = new QLineEdit;
    m_mbPassword->setEchoMode(QLineEdit::Password);
    m_mbFolder = new QLineEdit;
    m_mbAfter = new QComboBox;
    m_mbAfter->addItem(tr("Mark it as seen"), u"seen"_s);
    m_mbAfter->addItem(tr("Move it to a folder"), u"move"_s);
    m_mbMoveTo = new QLineEdit;
    m_mbCaFile = new QLineEdit;
    m_mbCaFile->setPlaceholderText(tr("the system's certificate authorities only"));
    auto *caRow = new QWidget;
    auto *caLayout = new QHBoxLayout(caRow);
    caLayout->setContentsMargins(0, 0, 0, 0);
    caLayout->addWidget(m_mbCaFile, 1);
    auto *browse = new QPushButton(tr("Browse…"));
    caLayout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Certificate authorities (PEM)"), m_mbCaFile->text(),
                                                          tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!path.isEmpty()) {
            m_mbCaFile->setText(path);
            Q_EMIT changed();
        }
    });
    m_mbPoll = new QSpinBox;
    m_mbPoll->setRange(1, 86400);
    m_mbPoll->setSuffix(tr(" s"));

    addRow(m_mailboxForm, u"bounce_mailbox.host"_s, tr("Host"), m_mbHost);
    addRow(m_mailboxForm, u"bounce_mailbox.port"_s, tr("Port"), m_mbPort);
    addRow(m_mailboxForm, u"bounce_mailbox.tls"_s, tr("TLS"), m_mbTls);
    addRow(m_mailboxForm, u"bounce_mailbox.username"_s, tr("Username"), m_mbUser);
    addRow(m_mailboxForm, u"bounce_mailbox.password"_s, tr("Password"), m_mbPassword);
    addRow(m_mailboxForm, u"bounce_mailbox.folder"_s, tr("Folder"), m_mbFolder);
    addRow(m_mailboxForm, u"bounce_mailbox.after"_s, tr("After reading"), m_mbAfter);
    addRow(m_mailboxForm, u"bounce_mailbox.move_to"_s, tr("Move to"), m_mbMoveTo);
    addRow(m_mailboxForm, u"bounce_mailbox.ca_file"_s, tr("CA file"), caRow);
    caRow->setObjectName(u"route_bounce_mailbox.ca_file_row"_s);
    m_mbCaFile->setObjectName(u"route_bounce_mailbox.ca_file"_s);
    addRow(m_mailboxForm, u"bounce_mailbox.poll_s"_s, tr("Read every"), m_mbPoll);

    m_mbTest = new QPushButton(tr("Test mailbox connection"));
    m_mbTest->setObjectName(u"testMailbox"_s);
    connect(m_mbTest, &QPushButton::clicked, this, &RouteEditor::mailboxTestRequested);
    m_mbResults = new QTreeWidget;
    m_mbResults->setObjectName(u"mailboxTestResults"_s);
    m_mbResults->setRootIsDecorated(false);
    m_mbResults->setColumnCount(3);
    m_mbResults->setHeaderLabels({tr("Step"), tr("Result"), tr("Details")});
    m_mbResults->header()->setStretchLastSection(true);
    m_mbResults->setColumnWidth(0, 110);
    m_mbResults->setColumnWidth(1, 260);
    m_mbResults->setMinimumHeight(110);
    m_mbResults->hide();
    m_mailboxForm->addRow(m_mbTest);
    m_mailboxForm->addRow(m_mbResults);
    addRow(m_form, u"bounce_mailbox"_s, QString(), m_mailbox);

    for (QLineEdit *e : {m_bounceAddress, m_mbHost, m_mbUser, m_mbPassword, m_mbFolder, m_mbMoveTo, m_mbCaFile})
        connect(e, &QLineEdit::textEdited, this, &RouteEditor::changed);
    for (QCheckBox *c : {m_dsn, m_verp})
        connect(c, &QCheckBox::toggled, this, [this] {
            updateFeedbackRows();
            Q_EMIT changed();
        });
    connect(m_mailbox, &QGroupBox::toggled, this, [this] {
        updateFeedbackRows();
        Q_EMIT changed();
    });
    connect(m_mbAfter, &QComboBox::currentIndexChanged, this, [this] {
        updateFeedbackRows();
        Q_EMIT changed();
    });
    connect(m_mbTls, &QComboBox::currentIndexChanged, this, [this] {
        // The usual ports follow the TLS choice while the user has not chosen another.
        const QString tls = m_mbTls->currentData().toString();
        if (tls == u"implicit"_s && m_mbPort->value() == 143)
            m_mbPort->setValue(993);
        else if (tls != u"implicit"_s && m_mbPort->value() == 993)
            m_mbPort->setValue(143);
        Q_EMIT changed();
    });
    connect(m_mbPort, &QSpinBox::valueChanged, this, &RouteEditor::changed);
    connect(m_mbPoll, &QSpinBox::valueChanged, this, &RouteEditor::changed);
}

void RouteEditor::setFeedback(const RouteConfig &r)
{
    const QStringList notify = r.dsnNotify.split(u',');
    m_notifySuccess->setChecked(notify.contains(u"SUCCESS"_s));
    m_notifyFailure->setChecked(notify.contains(u"FAILURE"_s));
    m_notifyDelay->setChecked(notify.contains(u"DELAY"_s));
    m_bounceAddress->setText(r.bounceAddress);
    m_verp->setChecked(r.verp);

    QStringList ignored;
    const bool has = !r.bounceMailbox.isEmpty();
    const MailboxConfig mb =
        MailboxConfig::fromJson(has ? r.bounceMailbox : QJsonObject{{u"host"_s, u"-"_s}}, &ignored);
    const QSignalBlocker blockTls(m_mbTls);
    m_mailbox->setChecked(has);
    m_mbHost->setText(has ? r.bounceMailbox.value(u"host"_s).toString() : QString());
    m_mbTls->setCurrentIndex(qMax(0, m_mbTls->findData(MailboxConfig::tlsName(mb.tls))));
    m_mbPort->setValue(mb.port);
    m_mbUser->setText(has ? r.bounceMailbox.value(u"username"_s).toString() : QString());
    m_mbPassword->clear();
    m_mbFolder->setText(mb.folder);
    m_mbAfter->setCurrentIndex(qMax(0, m_mbAfter->findData(MailboxConfig::afterName(mb.after))));
    m_mbMoveTo->setText(mb.moveTo);
    m_mbCaFile->setText(mb.caFile);
    m_mbPoll->setValue(mb.pollSeconds);
    m_mbExtra = r.bounceMailbox;
    for (const QString &key : MailboxFormKeys)
        m_mbExtra.remove(key);
    clearMailboxTest();
    updateFeedbackRows();
}

void RouteEditor::putFeedback(QJsonObject *o) const
{
    if (m_dsn->isChecked()) {
        QStringList notify;
        if (m_notifySuccess->isChecked())
            notify.append(u"SUCCESS"_s);
        if (m_notifyFailure->isChecked())
            notify.append(u"FAILURE"_s);
        if (m_notifyDelay->isChecked())
            notify.append(u"DELAY"_s);
        o->insert(u"dsn_notify"_s, notify.isEmpty() ? u"NEVER"_s : notify.join(u','));
    }
    const QString bounce = m_bounceAddress->text().trimmed();
    if (!bounce.isEmpty())
        o->insert(u"bounce_address"_s, bounce);
    if (m_verp->isChecked())
        o->insert(u"verp"_s, true);
    if (!m_mailbox->isChecked())
        return;
    QJsonObject mb = m_mbExtra;
    mb.insert(u"host"_s, m_mbHost->text().trimmed());
    mb.insert(u"port"_s, m_mbPort->value());
    mb.insert(u"tls"_s, m_mbTls->currentData().toString());
    mb.insert(u"username"_s, m_mbUser->text().trimmed());
    const QString folder = m_mbFolder->text().trimmed();
    mb.insert(u"folder"_s, folder.isEmpty() ? u"INBOX"_s : folder);
    mb.insert(u"after"_s, m_mbAfter->currentData().toString());
    if (m_mbAfter->currentData().toString() == u"move"_s)
        mb.insert(u"move_to"_s, m_mbMoveTo->text().trimmed());
    if (!m_mbCaFile->text().trimmed().isEmpty())
        mb.insert(u"ca_file"_s, m_mbCaFile->text().trimmed());
    mb.insert(u"poll_s"_s, m_mbPoll->value());
    o->insert(u"bounce_mailbox"_s, mb);
}

void RouteEditor::updateFeedbackRows()
{
    if (!m_mailbox)
        return;
    for (QCheckBox *c : {m_notifySuccess, m_notifyFailure, m_notifyDelay})
        c->setEnabled(m_dsn->isChecked());
    m_mailboxForm->setRowVisible(m_rowWidgets.value(u"bounce_mailbox.move_to"_s),
                                 m_mbAfter->currentData().toString() == u"move"_s);
}

QString RouteEditor::mailboxPassword() const
{
    return m_mbPassword->text();
}

void RouteEditor::setMailboxPasswordHint(const QString &hint)
{
    m_mbPassword->setPlaceholderText(hint);
}

bool RouteEditor::hasMailbox() const
{
    return m_mailbox->isChecked();
}

void RouteEditor::clearMailboxTest()
{
    m_mbResults->clear();
    m_mbResults->hide();
}

void RouteEditor::addMailboxTestStep(const QString &id, int status, const QString &summary, const QString &detail)
{
    static const QColor colors[] = {QColor(0x2e, 0x7d, 0x32), QColor(0xb3, 0x26, 0x1e), QColor(0x75, 0x75, 0x75)};
    auto *item = new QTreeWidgetItem(m_mbResults);
    item->setText(0, id);
    item->setText(1, summary);
    item->setText(2, detail);
    item->setToolTip(2, detail);
    item->setData(1, Qt::UserRole, status);
    if (status >= 0 && status < 3)
        item->setForeground(1, colors[status]);
    m_mbResults->show();
}

void RouteEditor::setMailboxTestRunning(bool running)
{
    m_mbTest->setEnabled(!running);
    if (running)
        clearMailboxTest();
}
