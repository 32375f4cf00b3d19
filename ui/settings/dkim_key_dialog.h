#pragma once

#include "message/dkim_key.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

// Asks what the DKIM keys page needs to generate a key (domain, selector, algorithm) or to
// import one (a PEM file, domain, selector). The names are checked with the core's rules
// before the dialog accepts, so a bad domain is named while the user can still fix it.
class DkimKeyDialog final : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Generate, Import };

    explicit DkimKeyDialog(Mode mode, QWidget *parent = nullptr);

    QString domain() const;
    QString selector() const;
    QString pemPath() const;
    DkimKey::Algorithm algorithm() const;
    int bits() const;

    void accept() override;

private:
    void browse();

    Mode m_mode;
    QLineEdit *m_file = nullptr;
    QLineEdit *m_domain = nullptr;
    QLineEdit *m_selector = nullptr;
    QComboBox *m_algorithm = nullptr;
    QLabel *m_error = nullptr;
};
