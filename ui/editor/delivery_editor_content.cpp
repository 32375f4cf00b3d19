#include "delivery_editor_content.h"

#include "message/html_to_text.h"
#include "message/personalization_template.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

DeliveryEditorContentPage::DeliveryEditorContentPage(QWidget *parent)
    : DeliveryEditorPage(parent)
    , m_html(new QPlainTextEdit(this))
    , m_preview(new QTextBrowser(this))
    , m_previewAs(new QComboBox(this))
    , m_subjectPreview(new QLabel(this))
    , m_deriveText(new QCheckBox(tr("&Derive from the HTML"), this))
    , m_text(new QPlainTextEdit(this))
    , m_previewTimer(new QTimer(this))
{
    setObjectName(u"contentPage"_s);
    m_html->setObjectName(u"htmlEdit"_s);
    m_html->setPlaceholderText(tr("<p>Hello {{first_name|there}}</p>"));
    m_html->setTabChangesFocus(true);
    m_html->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setObjectName(u"htmlPreview"_s);
    m_preview->setOpenLinks(false); // a preview: clicking must not navigate or fetch anything
    m_previewAs->setObjectName(u"previewRecipientCombo"_s);
    m_subjectPreview->setObjectName(u"subjectPreview"_s);
    m_subjectPreview->setTextFormat(Qt::PlainText);
    m_subjectPreview->setWordWrap(true);
    m_deriveText->setObjectName(u"deriveTextCheck"_s);
    m_deriveText->setChecked(true);
    m_text->setObjectName(u"textEdit"_s);
    m_text->setTabChangesFocus(true);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(PreviewDelayMs);

    auto *importHtml = new QPushButton(tr("Import from &file…"), this);
    importHtml->setObjectName(u"importHtmlButton"_s);
    auto *importText = new QPushButton(tr("Import from f&ile…"), this);
    importText->setObjectName(u"importTextButton"_s);

    auto *source = new QWidget(this);
    auto *sourceLayout = new QVBoxLayout(source);
    sourceLayout->setContentsMargins(0, 0, 0, 0);
    auto *sourceBar = new QHBoxLayout;
    sourceBar->addWidget(new QLabel(tr("HTML source:"), source), 1);
    sourceBar->addWidget(importHtml);
    sourceLayout->addLayout(sourceBar);
    sourceLayout->addWidget(m_html, 1);
    sourceLayout->addWidget(errorLabel(u"html"_s));

    auto *preview = new QWidget(this);
    auto *previewLayout = new QVBoxLayout(preview);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    auto *previewBar = new QFormLayout;
    previewBar->addRow(tr("&Preview as:"), m_previewAs);
    previewLayout->addLayout(previewBar);
    previewLayout->addWidget(m_subjectPreview);
    previewLayout->addWidget(m_preview, 1);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(source);
    splitter->addWidget(preview);

    auto *textGroup = new QGroupBox(tr("Text part"), this);
    auto *textLayout = new QVBoxLayout(textGroup);
    auto *textBar = new QHBoxLayout;
    textBar->addWidget(m_deriveText, 1);
    textBar->addWidget(importText);
    textLayout->addLayout(textBar);
    textLayout->addWidget(m_text);
    textLayout->addWidget(errorLabel(u"text"_s));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 3);
    layout->addWidget(textGroup, 1);

    connect(importHtml, &QPushButton::clicked, this, [this] { chooseFile(Part::Html); });
    connect(importText, &QPushButton::clicked, this, [this] { chooseFile(Part::Text); });
    connect(m_html, &QPlainTextEdit::textChanged, this, [this] {
        m_previewTimer->start();
        Q_EMIT changed();
    });
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_deriveText->isChecked())
            Q_EMIT changed();
    });
    connect(m_deriveText, &QCheckBox::toggled, this, [this] {
        updateTextPart();
        Q_EMIT changed();
    });
    connect(m_previewTimer, &QTimer::timeout, this, &DeliveryEditorContentPage::refreshPreview);
    connect(m_previewAs, &QComboBox::currentIndexChanged, this, &DeliveryEditorContentPage::refreshPreview);
    setRecipients({});
    updateTextPart();
}

void DeliveryEditorContentPage::chooseFile(Part part)
{
    const QString filter =
        part == Part::Html ? tr("HTML files (*.html *.htm);;All files (*)") : tr("Text files (*.txt);;All files (*)");
    const QString path = QFileDialog::getOpenFileName(this, tr("Import from file"), QString(), filter);
    if (!path.isEmpty())
        Q_EMIT fileRequested(part, path);
}

void DeliveryEditorContentPage::setImported(Part part, const QString &text)
{
    if (part == Part::Html) {
        m_html->setPlainText(text);
    } else {
        m_deriveText->setChecked(false);
        m_text->setPlainText(text);
    }
}

void DeliveryEditorContentPage::setRecipients(const QList<RecipientSample> &recipients)
{
    m_recipients = recipients;
    const QSignalBlocker block(m_previewAs);
    const int previous = m_previewAs->currentIndex();
    m_previewAs->clear();
    m_previewAs->addItem(tr("The template (fields shown as defaults)"));
    for (const RecipientSample &r : recipients)
        m_previewAs->addItem(r.email);
    m_previewAs->setCurrentIndex(previous > 0 && previous < m_previewAs->count() ? previous : 0);
    refreshPreview();
}

void DeliveryEditorContentPage::setSubject(const QString &subject)
{
    m_subject = subject;
    m_previewTimer->start();
}

void DeliveryEditorContentPage::updateTextPart()
{
    const bool derived = m_deriveText->isChecked();
    m_text->setReadOnly(derived);
    if (derived) {
        const QSignalBlocker block(m_text);
        m_text->setPlainText(HtmlToText::convert(m_html->toPlainText()));
    }
}

void DeliveryEditorContentPage::refreshPreview()
{
    m_previewTimer->stop();
    updateTextPart();
    const int index = m_previewAs->currentIndex();
    const QHash<QString, QString> values =
        index > 0 && index <= m_recipients.size() ? m_recipients.at(index - 1).values : QHash<QString, QString>();
    using Escape = PersonalizationTemplate::Escape;
    const PersonalizationTemplate subject(m_subject);
    m_subjectPreview->setText(tr("Subject: %1").arg(subject.render(values, Escape::Header)));
    const PersonalizationTemplate html(m_html->toPlainText());
    m_preview->setHtml(html.render(values, Escape::Html));
}

void DeliveryEditorContentPage::load(const QJsonObject &definition)
{
    const QString html = definition.value(u"html"_s).toString();
    const QString text = definition.value(u"text"_s).toString();
    {
        const QSignalBlocker block(m_deriveText);
        m_deriveText->setChecked(text.isEmpty() || text == HtmlToText::convert(html));
    }
    m_html->setPlainText(html);
    if (!m_deriveText->isChecked())
        m_text->setPlainText(text);
    refreshPreview();
}

void DeliveryEditorContentPage::write(QJsonObject *definition) const
{
    const QString html = m_html->toPlainText();
    definition->insert(u"html"_s, html);
    // Derived text is computed now, not from the last (debounced) refresh.
    definition->insert(u"text"_s, m_deriveText->isChecked() ? HtmlToText::convert(html) : m_text->toPlainText());
}
