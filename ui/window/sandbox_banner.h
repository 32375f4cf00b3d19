#pragma once

#include <QFrame>

class QLabel;

// The sandbox's label (docs/product.md §8: the sandbox can never be mistaken for a real route).
// SandboxBanner is the visible strip for the dashboard and analysis views of a delivery whose
// route is the sandbox; tag()/tagged() mark it in lists and titles.
class SandboxBanner final : public QFrame
{
    Q_OBJECT

public:
    explicit SandboxBanner(QWidget *parent = nullptr);

    QString text() const;

    // "[Sandbox]", and "[Sandbox] name".
    static QString tag();
    static QString tagged(const QString &name);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_title;
    QLabel *m_text;
};
