#pragma once

#include "delivery/delivery_editing.h"
#include "delivery_editor_page.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTextBrowser;
class QTimer;

// The Content tab: the HTML source with a live preview (personalized as a chosen recipient),
// and the text part, derived from the HTML or written by hand.
class DeliveryEditorContentPage final : public DeliveryEditorPage
{
    Q_OBJECT

public:
    enum class Part { Html, Text };

    explicit DeliveryEditorContentPage(QWidget *parent = nullptr);

    void load(const QJsonObject &definition) override;
    void write(QJsonObject *definition) const override;

    // The first recipients, for "Preview as".
    void setRecipients(const QList<RecipientSample> &recipients);
    void setSubject(const QString &subject);
    // A file's text read for "Import from file…" (by the dialog's worker, off this thread).
    void setImported(Part part, const QString &text);

    // Milliseconds between the last keystroke and the preview's refresh.
    static constexpr int PreviewDelayMs = 250;

Q_SIGNALS:
    void fileRequested(DeliveryEditorContentPage::Part part, const QString &path);

private:
    void chooseFile(Part part);
    void updateTextPart();
    void refreshPreview();

    QPlainTextEdit *m_html;
    QTextBrowser *m_preview;
    QComboBox *m_previewAs;
    QLabel *m_subjectPreview;
    QCheckBox *m_deriveText;
    QPlainTextEdit *m_text;
    QTimer *m_previewTimer;
    QList<RecipientSample> m_recipients;
    QString m_subject;
};
