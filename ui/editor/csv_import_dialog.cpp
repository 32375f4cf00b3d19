#include "csv_import_dialog.h"

#include "csv_preview_model.h"
#include "workspace/workspace.h"
#include "workspace_answer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int TypingDelayMs = 300;
constexpr int ProgressSteps = Workspace::ImportProgressSteps;
constexpr int PreviewRows = 20;

QTableView *makeTable(const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

} // namespace

CsvImportDialog::CsvImportDialog(Workspace &workspace, qint64 deliveryId, QWidget *parent)
    : QDialog(parent)
    , m_deliveryId(deliveryId)
    , m_workspace(workspace)
    , m_pages(new QStackedWidget(this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_delimiter(new QComboBox(this))
    , m_encoding(new QComboBox(this))
    , m_emailColumn(new QComboBox(this))
    , m_detected(new QLabel(this))
    , m_error(new QLabel(this))
    , m_previewTable(makeTable(u"previewTable"_s, this))
    , m_previewModel(new CsvPreviewModel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("&Cancel import"), this))
    , m_status(new QLabel(this))
    , m_result(new QLabel(this))
    , m_rejectsTable(makeTable(u"rejectsTable"_s, this))
    , m_rejectsModel(new QStandardItemModel(0, 2, this))
{
    setObjectName(u"csvImportDialog"_s);
    setWindowTitle(tr("Import recipients from a CSV file"));
    resize(820, 560);

    m_path->setObjectName(u"pathEdit"_s);
    m_path->setPlaceholderText(tr("Path of a CSV file, first line naming the columns"));
    m_browse->setObjectName(u"browseButton"_s);
    m_delimiter->setObjectName(u"delimiterCombo"_s);
    for (const QChar d : CsvPreview::delimiters())
        m_delimiter->addItem(delimiterLabel(d), QVariant::fromValue(d));
    m_encoding->setObjectName(u"encodingCombo"_s);
    for (const QString &e : CsvPreview::encodings())
        m_encoding->addItem(encodingLabel(e), e);
    m_emailColumn->setObjectName(u"emailColumnCombo"_s);
    m_emailColumn->setPlaceholderText(tr("Choose the email column"));
    m_emailColumn->setMinimumContentsLength(16);
    m_detected->setObjectName(u"detectedLabel"_s);
    m_error->setObjectName(u"errorLabel"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(u"color: #b3261e"_s);
    m_error->hide();
    m_previewTable->setModel(m_previewModel);
    m_progress->setObjectName(u"progressBar"_s);
    m_progress->setRange(0, ProgressSteps);
    m_cancel->setObjectName(u"cancelImportButton"_s);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    m_result->setObjectName(u"resultLabel"_s);
    m_result->setWordWrap(true);
    m_rejectsModel->setHorizontalHeaderLabels({tr("Line"), tr("Reason")});
    m_rejectsTable->setModel(m_rejectsModel);

    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_browse);
    auto *options = new QHBoxLayout;
    auto *form = new QFormLayout;
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, fileRow);
    const auto addOption = [&](const QString &label, QComboBox *combo) {
        auto *l = new QLabel(label, this);
        l->setBuddy(combo);
        if (options->count() > 0)
            options->addSpacing(12);
        options->addWidget(l);
        options->addWidget(combo);
    };
    addOption(tr("&Delimiter:"), m_delimiter);
    addOption(tr("E&ncoding:"), m_encoding);
    addOption(tr("&Email column:"), m_emailColumn);
    options->addStretch(1);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);

    auto *setup = new QWidget(m_pages);
    setup->setObjectName(u"setupPage"_s);
    auto *setupLayout = new QVBoxLayout(setup);
    setupLayout->setContentsMargins(0, 0, 0, 0);
    setupLayout->addLayout(form);
    setupLayout->addLayout(options);
    setupLayout->addWidget(m_detected);
    setupLayout->addWidget(m_error);
    setupLayout->addWidget(m_previewTable, 1);
    setupLayout->addLayout(progressRow);
    setupLayout->addWidget(m_status);
    auto *result = new QWidget(m_pages);
    result->setObjectName(u"resultPage"_s);
    auto *resultLayout = new QVBoxLayout(result);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->addWidget(m_result);
    resultLayout->addWidget(m_rejectsTable, 1);
    m_pages->addWidget(setup);
    m_pages->addWidget(result);

    auto *buttons = new QDialogButtonBox(this);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(u"importButton"_s);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(u"closeButton"_s);
    // Return in the file field previews the file; it must not press a button.
    for (QPushButton *b : {m_browse, m_cancel, m_import, m_close}) {
        b->setAutoDefault(false);
        b->setDefault(false);
    }
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages, 1);
    layout->addWidget(buttons);

    m_typingDelay.setSingleShot(true);
    m_typingDelay.setInterval(TypingDelayMs);
    connect(&m_typingDelay, &QTimer::timeout, this, [this] { requestPreview(); });
    connect(m_path, &QLineEdit::textEdited, this, [this] { m_typingDelay.start(); });
    connect(m_path, &QLineEdit::editingFinished, this, [this] { requestPreview(); });
    connect(m_browse, &QPushButton::clicked, this, &CsvImportDialog::browse);
    connect(m_delimiter, &QComboBox::activated, this, [this] {
        m_delimiterOverride = m_delimiter->currentData().value<QChar>();
        m_overridesFor = currentPath();
        requestPreview();
    });
    connect(m_encoding, &QComboBox::activated, this, [this] {
        m_encodingOverride = m_encoding->currentData().toString();
        m_overridesFor = currentPath();
        requestPreview();
    });
    connect(m_emailColumn, &QComboBox::currentIndexChanged, this, &CsvImportDialog::onEmailColumnChanged);
    connect(m_import, &QPushButton::clicked, this, &CsvImportDialog::startImport);
    connect(m_cancel, &QPushButton::clicked, this, &CsvImportDialog::cancelImport);
    connect(m_close, &QPushButton::clicked, this, &CsvImportDialog::reject);

    connect(&m_importWatcher, &QFutureWatcherBase::progressValueChanged, this, [this](int value) {
        if (m_importing)
            m_progress->setValue(value);
    });
    connect(&m_importWatcher, &QFutureWatcherBase::finished, this, [this] {
        if (m_importWatcher.future().resultCount() > 0) {
            onImportFinished(m_importWatcher.result());
            return;
        }
        RecipientListImport::Result failed; // the database could not be opened
        try {
            m_importWatcher.waitForFinished();
        } catch (const StoreUnavailable &e) {
            failed.error = e.message();
        }
        onImportFinished(failed);
    });

    setImporting(false);
    updateImportButton();
}

CsvImportDialog::~CsvImportDialog()
{
    // A running import stops at its next check and rolls back on the database's thread.
    if (m_cancelImport)
        m_cancelImport->store(true);
    m_importWatcher.disconnect(this);
}

QString CsvImportDialog::encodingLabel(const QString &encoding)
{
    if (encoding == u"UTF-8")
        return tr("UTF-8");
    if (encoding == u"UTF-16LE")
        return tr("UTF-16 (little-endian)");
    if (encoding == u"UTF-16BE")
        return tr("UTF-16 (big-endian)");
    if (encoding == u"windows-949")
        return tr("Korean (CP949 / EUC-KR)");
    if (encoding == u"windows-1252")
        return tr("Western European (Windows-1252)");
    if (encoding == u"ISO-8859-1")
        return tr("Latin-1 (ISO-8859-1)");
    return encoding;
}

QString CsvImportDialog::delimiterLabel(QChar delimiter)
{
    switch (delimiter.unicode()) {
    case u',':
        return tr("Comma ( , )");
    case u';':
        return tr("Semicolon ( ; )");
    case u'\t':
        return tr("Tab");
    case u'|':
        return tr("Vertical bar ( | )");
    default:
        return QString(delimiter);
    }
}

void CsvImportDialog::setCsvPath(const QString &path)
{
    m_path->setText(QDir::toNativeSeparators(path));
    requestPreview();
}

void CsvImportDialog::browse()
{
    const QString start = m_path->text().isEmpty() ? QDir::homePath() : QFileInfo(m_path->text()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a recipient list"), start,
                                                      tr("CSV files (*.csv *.txt *.tsv);;All files (*)"));
    if (!path.isEmpty())
        setCsvPath(path);
}

QString CsvImportDialog::currentPath() const
{
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

void CsvImportDialog::requestPreview()
{
    m_typingDelay.stop();
    if (m_importing)
        return;
    const QString path = currentPath();
    if (path != m_overridesFor) {
        // Another file: detect again.
        m_delimiterOverride = QChar();
        m_encodingOverride.clear();
        m_overridesFor = path;
    }
    const QString key = path + u'\n' + m_delimiterOverride + u'\n' + m_encodingOverride;
    if (key == m_requested)
        return;
    m_requested = key;
    if (path.isEmpty()) {
        ++m_generation;
        onPreview(m_generation, CsvPreview{});
        return;
    }
    m_status->setText(tr("Reading %1…").arg(QDir::toNativeSeparators(path)));
    const quint64 generation = ++m_generation;
    const QChar delimiter = m_delimiterOverride;
    const QString encoding = m_encodingOverride;
    whenAnswered(
        m_workspace.csvPreview(path, PreviewRows, delimiter, encoding), this,
        [this, generation](const CsvPreview &p) { onPreview(generation, p); },
        [this, generation](const QString &) { onPreview(generation, CsvPreview{}); });
}

void CsvImportDialog::onPreview(quint64 generation, const CsvPreview &preview)
{
    if (generation != m_generation)
        return;
    const QString previousColumn = m_emailColumn->currentText();
    const bool sameFile = preview.path == m_preview.path && m_preview.ok;
    m_preview = preview;
    m_status->clear();
    if (!preview.ok) {
        m_previewModel->clear();
        m_detected->clear();
        {
            const QSignalBlocker block(m_emailColumn);
            m_emailColumn->clear();
        }
        if (!preview.path.isEmpty())
            showError(preview.error);
        else
            showError({});
        updateImportButton();
        return;
    }
    m_previewModel->setPreview(preview);
    m_previewTable->resizeColumnsToContents();
    m_delimiter->setCurrentIndex(m_delimiter->findData(QVariant::fromValue(preview.delimiter)));
    m_encoding->setCurrentIndex(m_encoding->findData(preview.encoding));
    {
        const QSignalBlocker block(m_emailColumn);
        m_emailColumn->clear();
        for (const QString &name : preview.header)
            if (!name.isEmpty())
                m_emailColumn->addItem(name);
        // The user's choice survives a delimiter or encoding change if the column still exists.
        const int kept = sameFile ? m_emailColumn->findText(previousColumn) : -1;
        const QString guessed = preview.emailColumn >= 0 ? preview.header.at(preview.emailColumn) : QString();
        m_emailColumn->setCurrentIndex(kept >= 0 ? kept : m_emailColumn->findText(guessed));
    }
    QString detected = tr("Detected: %1, %2%3.")
                           .arg(delimiterLabel(preview.detectedDelimiter), encodingLabel(preview.detectedEncoding),
                                preview.bom ? tr(" with byte order mark") : QString());
    detected += u' ';
    detected += preview.more ? tr("The first %n rows are shown.", nullptr, int(preview.rows.size()))
                             : tr("%n rows in the file.", nullptr, int(preview.rows.size()));
    m_detected->setText(detected);
    onEmailColumnChanged();
}

void CsvImportDialog::onEmailColumnChanged()
{
    const int column = m_preview.header.indexOf(m_emailColumn->currentText());
    m_previewModel->setEmailColumn(m_emailColumn->currentIndex() >= 0 ? column : -1);
    if (m_preview.ok && m_emailColumn->currentIndex() < 0)
        showError(tr("%1: no column looks like email addresses; choose the email column.")
                      .arg(QDir::toNativeSeparators(m_preview.path)));
    else if (m_preview.ok)
        showError({});
    updateImportButton();
}

void CsvImportDialog::showError(const QString &error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

void CsvImportDialog::updateImportButton()
{
    m_import->setEnabled(!m_importing && m_pages->currentIndex() == 0 && m_preview.ok &&
                         m_emailColumn->currentIndex() >= 0);
}

QChar CsvImportDialog::chosenDelimiter() const
{
    return m_delimiter->currentData().value<QChar>();
}

QString CsvImportDialog::chosenEncoding() const
{
    return m_encoding->currentData().toString();
}

void CsvImportDialog::startImport()
{
    if (m_importing || !m_preview.ok || m_emailColumn->currentIndex() < 0)
        return;
    RecipientListImport::Request request;
    request.deliveryId = m_deliveryId;
    request.csvPath = m_preview.path;
    request.emailColumn = m_emailColumn->currentText();
    request.delimiter = chosenDelimiter();
    request.encoding = chosenEncoding();
    showError({});
    setImporting(true);
    m_progress->setValue(0);
    m_status->setText(tr("Importing %1…").arg(QDir::toNativeSeparators(request.csvPath)));
    m_cancelImport = std::make_shared<std::atomic_bool>(false);
    m_importWatcher.setFuture(m_workspace.importRecipients(request, m_cancelImport));
}

void CsvImportDialog::keyPressEvent(QKeyEvent *event)
{
    // Return in the file field previews the file. QDialogButtonBox makes Import the default
    // button when the dialog is shown, and QDialog would press it on Return: an import would
    // start while the person is still typing the path, as soon as a preview had arrived.
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        event->accept();
        return;
    }
    QDialog::keyPressEvent(event);
}

void CsvImportDialog::cancelImport()
{
    if (!m_importing)
        return;
    m_cancelImport->store(true);
    m_cancel->setEnabled(false);
    m_status->setText(tr("Canceling: the import is rolled back…"));
}

void CsvImportDialog::reject()
{
    if (m_importing) {
        m_closeWhenDone = true;
        cancelImport();
        return;
    }
    QDialog::reject();
}

void CsvImportDialog::setImporting(bool importing)
{
    m_importing = importing;
    for (QWidget *w : std::initializer_list<QWidget *>{m_path, m_browse, m_delimiter, m_encoding, m_emailColumn})
        w->setEnabled(!importing);
    m_progress->setVisible(importing);
    m_cancel->setVisible(importing);
    m_cancel->setEnabled(importing);
    updateImportButton();
}

void CsvImportDialog::onImportFinished(const RecipientListImport::Result &result)
{
    setImporting(false);
    if (result.ok) {
        showResult(result);
        Q_EMIT imported(m_deliveryId, result.recipients.imported, result.recipients.rejected);
    } else if (result.canceled) {
        m_status->setText(tr("Import canceled: the previous recipients are unchanged."));
    } else {
        m_status->clear();
        showError(tr("The import failed, the previous recipients are unchanged: %1").arg(result.error));
    }
    if (m_closeWhenDone) {
        m_closeWhenDone = false;
        QDialog::reject();
    }
}

void CsvImportDialog::showResult(const RecipientListImport::Result &result)
{
    const RecipientImporter::Result &r = result.recipients;
    QString text = tr("Imported %n recipient(s) from %1.", nullptr, int(qMin<qint64>(r.imported, INT_MAX)))
                       .arg(QDir::toNativeSeparators(m_preview.path));
    text += u' ';
    if (r.rejected == 0)
        text += tr("No row was rejected.");
    else
        text += tr("%n row(s) rejected:", nullptr, int(qMin<qint64>(r.rejected, INT_MAX)));
    if (r.rejected > r.firstRejects.size())
        text += u' ' + tr("the first %1 are listed.").arg(r.firstRejects.size());
    m_result->setText(text);
    m_rejectsModel->removeRows(0, m_rejectsModel->rowCount());
    for (const RecipientImporter::Reject &reject : r.firstRejects) {
        auto *line = new QStandardItem;
        line->setData(reject.line, Qt::DisplayRole);
        line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_rejectsModel->appendRow({line, new QStandardItem(reject.reason)});
    }
    m_rejectsTable->setVisible(r.rejected > 0);
    m_rejectsTable->resizeColumnToContents(0);
    m_pages->setCurrentIndex(1);
    m_status->clear();
    updateImportButton();
    m_import->hide();
}
