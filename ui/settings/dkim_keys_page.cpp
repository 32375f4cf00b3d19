#include "dkim_keys_page.h"

#include "dkim_key_dialog.h"
#include "workspace/workspace.h"
#include "workspace_answer.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

enum Column { DomainColumn, SelectorColumn, AlgorithmColumn, BitsColumn, FileColumn, ColumnCount };

} // namespace

DkimKeysPage::DkimKeysPage(Workspace &workspace, const QString &keysFolder, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_folder(keysFolder)
{
    setObjectName(u"dkimKeysPage"_s);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"dkimKeyList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setColumnCount(ColumnCount);
    m_list->setHeaderLabels({tr("Domain"), tr("Selector"), tr("Algorithm"), tr("Bits"), tr("File")});
    m_list->header()->setSectionResizeMode(FileColumn, QHeaderView::Stretch);

    m_generate = new QPushButton(tr("&Generate…"), this);
    m_generate->setObjectName(u"generateButton"_s);
    m_import = new QPushButton(tr("&Import PEM…"), this);
    m_import->setObjectName(u"importButton"_s);
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(u"deleteButton"_s);
    m_delete->setEnabled(false);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_generate);
    buttons->addWidget(m_import);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_list, 1);
    listRow->addLayout(buttons);

    auto *record = new QGroupBox(tr("DNS TXT record to publish"), this);
    m_recordName = new QLineEdit(record);
    m_recordName->setObjectName(u"recordName"_s);
    m_recordName->setReadOnly(true);
    m_recordValue = new QPlainTextEdit(record);
    m_recordValue->setObjectName(u"recordValue"_s);
    m_recordValue->setReadOnly(true);
    m_recordValue->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_recordValue->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_copy = new QPushButton(tr("&Copy"), record);
    m_copy->setObjectName(u"copyButton"_s);
    m_copy->setToolTip(tr("Copy the record as a zone file line"));
    m_copy->setEnabled(false);
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(new QLabel(tr("Name:"), record));
    nameRow->addWidget(m_recordName, 1);
    nameRow->addWidget(m_copy);
    auto *recordLayout = new QVBoxLayout(record);
    recordLayout->addLayout(nameRow);
    recordLayout->addWidget(new QLabel(tr("Value (each quoted string at most 255 characters):"), record));
    recordLayout->addWidget(m_recordValue, 1);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0); // busy, no known end
    m_progress->setMaximumHeight(12);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(u"dkimStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(listRow, 2);
    layout->addWidget(record, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);

    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &DkimKeysPage::showSelected);
    connect(m_generate, &QPushButton::clicked, this, [this] { openDialog(true); });
    connect(m_import, &QPushButton::clicked, this, [this] { openDialog(false); });
    connect(m_delete, &QPushButton::clicked, this, &DkimKeysPage::deleteSelected);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(selectedRecord());
        setStatus(tr("The record is on the clipboard."), false);
    });

    setBusy(tr("Reading the keys…"));
    // Asked from the event loop: the answer may be there before anyone has connected.
    QMetaObject::invokeMethod(this, &DkimKeysPage::list, Qt::QueuedConnection);
}

DkimKeysPage::~DkimKeysPage()
{
    // Child widgets still signal while QWidget's destructor deletes them, when this page is no
    // longer one: cut them off first.
    for (QObject *child : findChildren<QObject *>())
        disconnect(child, nullptr, this, nullptr);
}

void DkimKeysPage::list()
{
    whenAnswered(
        m_workspace.dkimKeys(m_folder), this,
        [this](const Workspace::DkimKeyList &list) { showEntries(list.entries, list.error); },
        [this](const QString &error) { onFailed(error); });
}

void DkimKeysPage::setBusy(const QString &what)
{
    const bool busy = !what.isEmpty();
    m_progress->setVisible(busy);
    m_generate->setEnabled(!busy);
    m_import->setEnabled(!busy);
    m_delete->setEnabled(!busy && selectedEntry());
    if (busy)
        setStatus(what, false);
}

void DkimKeysPage::setStatus(const QString &text, bool error)
{
    m_status->setStyleSheet(error ? u"color: #b00020;"_s : QString());
    m_status->setText(text);
}

void DkimKeysPage::showEntries(const QList<DkimKeyStore::Entry> &entries, const QString &error)
{
    const QString keep = m_selectAfterLoad.isEmpty() && selectedEntry() ? selectedEntry()->txtName : m_selectAfterLoad;
    m_selectAfterLoad.clear();
    m_entries = entries;
    m_list->clear();
    QTreeWidgetItem *select = nullptr;
    for (const DkimKeyStore::Entry &e : entries) {
        QString algorithm = tr("Unreadable");
        if (e.error.isEmpty())
            algorithm = e.algorithm == DkimKey::Algorithm::Ed25519 ? tr("Ed25519") : tr("RSA");
        auto *item = new QTreeWidgetItem(m_list, {e.domain, e.selector, algorithm,
                                                  e.error.isEmpty() ? QString::number(e.bits) : QString(), e.fileName});
        item->setData(BitsColumn, Qt::TextAlignmentRole, int(Qt::AlignRight | Qt::AlignVCenter));
        if (!e.error.isEmpty()) {
            for (int c = 0; c < ColumnCount; ++c)
                item->setToolTip(c, e.error);
        } else if (e.weak) {
            item->setToolTip(BitsColumn, tr("Under 2048 bits: accepted, but weak (RFC 8301). Replace it."));
        }
        if (e.txtName == keep)
            select = item;
    }
    for (int c = 0; c < ColumnCount - 1; ++c)
        m_list->resizeColumnToContents(c);
    if (!select && m_list->topLevelItemCount() > 0)
        select = m_list->topLevelItem(0);
    if (select)
        m_list->setCurrentItem(select);
    showSelected();
    setBusy({});
    if (!error.isEmpty())
        setStatus(error, true);
    else if (m_status->text() == tr("Reading the keys…"))
        setStatus(entries.isEmpty() ? tr("No DKIM key yet. Generate one, or import an existing PEM file.")
                                    : tr("Keys folder: %1").arg(m_folder),
                  false);
}

const DkimKeyStore::Entry *DkimKeysPage::selectedEntry() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item || !item->isSelected())
        return nullptr;
    const int row = m_list->indexOfTopLevelItem(const_cast<QTreeWidgetItem *>(item));
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

void DkimKeysPage::showSelected()
{
    const DkimKeyStore::Entry *e = selectedEntry();
    m_delete->setEnabled(e && !m_progress->isVisible());
    m_copy->setEnabled(e && e->error.isEmpty());
    if (!e) {
        m_recordName->clear();
        m_recordValue->clear();
        return;
    }
    m_recordName->setText(e->txtName);
    if (!e->error.isEmpty()) {
        m_recordValue->setPlainText(e->error);
        return;
    }
    QStringList quoted;
    for (const QString &part : e->txtStrings)
        quoted.append(u'"' + part + u'"');
    m_recordValue->setPlainText(quoted.join(u'\n'));
}

QString DkimKeysPage::selectedRecord() const
{
    const DkimKeyStore::Entry *e = selectedEntry();
    return e && e->error.isEmpty() ? DkimKeyStore::zoneFileRecord(e->txtName, e->txtStrings) : QString();
}

void DkimKeysPage::openDialog(bool generate)
{
    auto *dialog = new DkimKeyDialog(generate ? DkimKeyDialog::Mode::Generate : DkimKeyDialog::Mode::Import, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, generate] {
        const QString domain = dialog->domain();
        const QString selector = dialog->selector();
        m_selectAfterLoad = DkimKeyStore::txtName(domain, selector);
        const auto added = [this](const WorkspaceResult<Workspace::AddedKey> &r) {
            if (r.ok())
                onAdded(r.value->entry, r.value->warning);
            else
                onFailed(r.error);
        };
        const auto failed = [this](const QString &error) { onFailed(error); };
        if (generate) {
            const DkimKey::Algorithm algorithm = dialog->algorithm();
            const int bits = dialog->bits();
            setBusy(algorithm == DkimKey::Algorithm::Rsa ? tr("Generating an RSA %1-bit key…").arg(bits)
                                                         : tr("Generating an Ed25519 key…"));
            whenAnswered(m_workspace.generateDkimKey(m_folder, domain, selector, algorithm, bits), this, added, failed);
        } else {
            const QString path = dialog->pemPath();
            setBusy(tr("Importing %1…").arg(path));
            whenAnswered(m_workspace.importDkimKey(m_folder, path, domain, selector), this, added, failed);
        }
    });
    dialog->open();
}

void DkimKeysPage::onAdded(const DkimKeyStore::Entry &entry, const QString &warning)
{
    if (!warning.isEmpty())
        setStatus(tr("Imported %1 with a warning: %2").arg(entry.fileName, warning), true);
    else
        setStatus(tr("The key is stored in %1 (readable by you only). Publish the TXT record below in the DNS "
                     "zone of %2 before sending signed mail.")
                      .arg(entry.path, entry.domain),
                  false);
    Q_EMIT keysChanged();
    list();
}

void DkimKeysPage::onFailed(const QString &error)
{
    m_selectAfterLoad.clear();
    setBusy({});
    setStatus(error, true);
}

void DkimKeysPage::deleteSelected()
{
    const DkimKeyStore::Entry *e = selectedEntry();
    if (!e)
        return;
    const QString domain = e->domain;
    const QString selector = e->selector;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete DKIM key"),
                                tr("Delete the private key %1? Mail can no longer be signed with it, and it "
                                   "cannot be recovered.")
                                    .arg(e->fileName),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"deleteKeyConfirmation"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, domain, selector](int) {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes)
            return;
        setBusy(tr("Deleting…"));
        whenAnswered(
            m_workspace.removeDkimKey(m_folder, domain, selector), this,
            [this](const WorkspaceResult<QString> &r) {
                if (!r.ok())
                    return onFailed(r.error);
                setStatus(tr("The key %1 is deleted. Remove its TXT record from DNS once no message signed with "
                             "it is still being delivered.")
                              .arg(*r.value),
                          false);
                Q_EMIT keysChanged();
                list();
            },
            [this](const QString &error) { onFailed(error); });
    });
    box->open();
}
