#pragma once

#include <QDialog>

class QListWidget;
class QStackedWidget;

// Settings (docs/product.md §6): a list of pages on the left (Routes, DKIM keys, qualification
// rules, quarantine...) and the selected page on the right. Each page is a self-contained
// widget; the dialog only switches between them. Close keeps nothing pending: pages save
// through their own buttons.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    // Appends a page (the dialog takes ownership); returns its index. The first page added is shown.
    int addPage(const QString &title, QWidget *page);
    // Shows the page with that title; false when there is none.
    bool showPage(const QString &title);
    int pageCount() const;
    QWidget *page(int index) const;

private:
    QListWidget *m_pages = nullptr;
    QStackedWidget *m_stack = nullptr;
};
