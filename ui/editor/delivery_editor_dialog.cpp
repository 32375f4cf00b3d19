#include "delivery_editor_dialog.h"

#include "delivery_editor_content.h"
#include "delivery_editor_general.h"
#include "delivery_editor_headers.h"
#include "delivery_editor_recipients.h"
#include "delivery_editor_route.h"
#include "delivery_editor_schedule.h"
#include "state_names.h"
#include "workspace/workspace.h"
#include "workspace_answer.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

DeliveryEditorDialog::DeliveryEditorDialog(Workspace &workspace, qint64 deliveryId, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_id(deliveryId)
    , m_tabs(new QTabWidget(this))
    , m_general(new DeliveryEditorGeneralPage(this))
    , m_content(new DeliveryEditorContentPage(this))
    , m_recipients(new DeliveryEditorRecipientsPage(this))
    , m_route(new DeliveryEditorRoutePage(this))
    , m_schedule(new DeliveryEditorSchedulePage(this))
    , m_headers(new DeliveryEditorHeadersPage(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
    , m_ok(m_buttons->button(QDialogButtonBox::Ok))
    , m_save(m_buttons->button(QDialogButtonBox::Save))
{
    setObjectName(u"deliveryEditorDialog"_s);
    m_pages = {m_general, m_content, m_recipients, m_route, m_schedule, m_headers};
    m_tabs->setObjectName(u"editorTabs"_s);
    m_tabs->addTab(m_general, tr("&General"));
    m_tabs->addTab(m_content, tr("&Content"));
    m_tabs->addTab(m_recipients, tr("&Recipients"));
    m_tabs->addTab(sendingTab(), tr("S&ending"));
    m_tabs->addTab(m_headers, tr("&Headers"));
    m_status->setObjectName(u"editorStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_ok->setObjectName(u"okButton"_s);
    m_save->setObjectName(u"saveButton"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(900, 680);

    for (DeliveryEditorPage *page : std::as_const(m_pages))
        connect(page, &DeliveryEditorPage::changed, this, &DeliveryEditorDialog::validate);
    connect(m_general, &DeliveryEditorPage::changed, this, [this] { m_content->setSubject(m_general->subject()); });
    connect(m_ok, &QPushButton::clicked, this, [this] { save(true, false); });
    connect(m_save, &QPushButton::clicked, this, [this] { save(false, false); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_recipients, &DeliveryEditorRecipientsPage::importRequested, this, [this] {
        if (m_id == 0)
            save(false, true); // the import needs a delivery to import into
        else
            Q_EMIT importCsvRequested(m_id);
    });
    connect(m_content, &DeliveryEditorContentPage::fileRequested, this,
            [this](DeliveryEditorContentPage::Part part, const QString &path) { readFile(int(part), path); });

    whenAnswered(
        m_workspace.routeNames(), this,
        [this](const WorkspaceResult<QStringList> &r) { m_route->setRouteNames(r.value.value_or(QStringList())); },
        [this](const QString &error) { onFailed(error); });
    if (m_id == 0) {
        // A new delivery starts from the definition's defaults (validity, retries).
        m_base = DeliveryDefinition().toJson();
        for (DeliveryEditorPage *page : std::as_const(m_pages))
            page->load(m_base);
        m_content->setSubject(m_general->subject());
        m_loaded = true;
    } else {
        m_tabs->setEnabled(false); // until the definition arrives
        setMessage(tr("Loading…"));
        requestDelivery();
    }
    updateTitle();
    validate();
}

DeliveryEditorDialog::~DeliveryEditorDialog() = default;

void DeliveryEditorDialog::requestDelivery()
{
    whenAnswered(
        m_workspace.editableDelivery(m_id), this,
        [this](const WorkspaceResult<EditableDelivery> &r) {
            if (r.ok())
                onLoaded(*r.value);
            else
                onFailed(r.error);
        },
        [this](const QString &error) { onFailed(error); });
}

void DeliveryEditorDialog::requestRecipients()
{
    const qint64 id = m_id;
    whenAnswered(
        m_workspace.recipientSample(id, PreviewRecipients), this,
        [this, id](const QList<RecipientSample> &recipients) {
            if (id == m_id)
                m_content->setRecipients(recipients);
        },
        [this](const QString &error) { onFailed(error); });
}

void DeliveryEditorDialog::readFile(int part, const QString &path)
{
    whenAnswered(
        Workspace::readTextFile(path), this,
        [this, part, path](const Workspace::TextFile &file) {
            using Problem = Workspace::TextFile::Problem;
            switch (file.problem) {
            case Problem::None:
                m_content->setImported(DeliveryEditorContentPage::Part(part), file.text);
                break;
            case Problem::CannotRead:
                setMessage(tr("Cannot read %1: %2").arg(path, file.detail), true);
                break;
            case Problem::TooLarge:
                setMessage(tr("%1 is larger than 5 MB.").arg(path), true);
                break;
            case Problem::NotUtf8:
                setMessage(tr("%1 is not valid UTF-8.").arg(path), true);
                break;
            }
        },
        [](const QString &) {});
}

QWidget *DeliveryEditorDialog::sendingTab()
{
    auto *inner = new QWidget;
    auto *layout = new QVBoxLayout(inner);
    layout->addWidget(m_route);
    layout->addWidget(m_schedule);
    layout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"sendingPage"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(inner);
    return scroll;
}

QJsonObject DeliveryEditorDialog::definition() const
{
    QJsonObject json = m_base;
    for (const DeliveryEditorPage *page : m_pages)
        page->write(&json);
    return json;
}

void DeliveryEditorDialog::validate()
{
    QList<DeliveryDefinition::Error> errors = DeliveryEditing::check(definition());
    for (const DeliveryEditorPage *page : std::as_const(m_pages))
        errors += page->localErrors();
    QList<bool> covered(errors.size(), false);
    for (DeliveryEditorPage *page : std::as_const(m_pages))
        page->showErrors(errors, &covered);
    // An error no field shows (a field this form has no widget for) still blocks: say it here.
    QStringList rest;
    for (qsizetype i = 0; i < errors.size(); ++i) {
        if (!covered.at(i))
            rest.append(u"%1: %2"_s.arg(errors.at(i).field, errors.at(i).message));
    }
    m_errorCount = int(errors.size());
    m_unshownErrors = rest.join(u'\n');
    showStatus();
    updateButtons();
}

void DeliveryEditorDialog::setMessage(const QString &message, bool isError)
{
    m_message = message;
    m_messageIsError = isError;
    showStatus();
}

// Errors no field shows come first; otherwise the last message (Saved., Not saved: …).
void DeliveryEditorDialog::showStatus()
{
    const bool error = !m_unshownErrors.isEmpty() || m_messageIsError;
    m_status->setText(m_unshownErrors.isEmpty() ? m_message : m_unshownErrors);
    m_status->setStyleSheet(error ? u"color: #c62828;"_s : QString());
    m_status->setVisible(!m_status->text().isEmpty());
}

void DeliveryEditorDialog::updateButtons()
{
    const bool can = m_loaded && m_editable && !m_saving && m_errorCount == 0;
    m_ok->setEnabled(can);
    m_save->setEnabled(can);
    m_recipients->setImportEnabled(m_loaded && m_editable && !m_saving && (m_id != 0 || m_errorCount == 0));
}

void DeliveryEditorDialog::save(bool thenClose, bool thenImport)
{
    validate();
    if (m_errorCount > 0 || m_saving || !m_editable)
        return;
    m_saving = true;
    m_closeAfterSave = thenClose;
    m_importAfterSave = thenImport;
    setMessage(tr("Saving…"));
    updateButtons();
    whenAnswered(
        m_workspace.saveDelivery(m_id, definition()), this,
        [this](const WorkspaceResult<Workspace::SavedDelivery> &r) {
            if (!r.ok())
                return onSaveFailed(r.error);
            onSaved(r.value->id);
            if (r.value->delivery)
                onLoaded(*r.value->delivery);
        },
        [this](const QString &error) { onSaveFailed(error); });
}

void DeliveryEditorDialog::onSaveFailed(const QString &error)
{
    m_saving = false;
    m_closeAfterSave = m_importAfterSave = false;
    setMessage(tr("Not saved: %1").arg(error), true);
    updateButtons();
}

void DeliveryEditorDialog::onSaved(qint64 deliveryId)
{
    m_id = deliveryId;
    m_saving = false;
    setMessage(tr("Saved."));
    updateTitle();
    updateButtons();
    Q_EMIT saved(deliveryId);
    if (m_importAfterSave) {
        m_importAfterSave = false;
        Q_EMIT importCsvRequested(deliveryId);
    }
    if (m_closeAfterSave)
        accept();
}

void DeliveryEditorDialog::onLoaded(const EditableDelivery &delivery)
{
    if (delivery.id != m_id)
        return;
    m_name = delivery.name;
    m_recipients->setDelivery(delivery);
    m_general->setFields(delivery.fields);
    // The recipient list belongs to the import: take it as stored, whatever the form holds.
    m_base.insert(u"recipients"_s, delivery.definition.value(u"recipients"_s));
    if (!m_loaded) {
        m_base = delivery.definition;
        for (DeliveryEditorPage *page : std::as_const(m_pages))
            page->load(m_base);
        m_content->setSubject(m_general->subject());
        m_loaded = true;
        m_editable = delivery.editable;
        m_tabs->setEnabled(true);
        for (DeliveryEditorPage *page : std::as_const(m_pages))
            page->setEnabled(m_editable || page == m_content);
        setMessage(m_editable ? QString()
                              : tr("This delivery is %1: it can no longer be edited. Duplicate it to send it again.")
                                    .arg(StateNames::deliveryState(delivery.state)));
    }
    requestRecipients();
    updateTitle();
    validate();
}

void DeliveryEditorDialog::reloadRecipients()
{
    if (m_id != 0)
        requestDelivery();
}

void DeliveryEditorDialog::onFailed(const QString &error)
{
    setMessage(error, true);
}

void DeliveryEditorDialog::updateTitle()
{
    setWindowTitle(m_id == 0 ? tr("New delivery") : tr("Edit delivery “%1”").arg(m_name));
}
