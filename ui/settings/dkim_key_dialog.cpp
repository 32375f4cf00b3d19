#include "dkim_key_dialog.h"

#include "message/dkim_key_store.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

struct AlgorithmChoice
{
    DkimKey::Algorithm algorithm;
    int bits;
};

} // namespace

DkimKeyDialog::DkimKeyDialog(Mode mode, QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
{
    setObjectName(u"dkimKeyDialog"_s);
    setWindowTitle(mode == Mode::Generate ? tr("Generate a DKIM key") : tr("Import a DKIM key"));
    auto *form = new QFormLayout;
    if (mode == Mode::Import) {
        m_file = new QLineEdit(this);
        m_file->setObjectName(u"pemFileEdit"_s);
        m_file->setPlaceholderText(tr("PEM private key file"));
        auto *browse = new QPushButton(tr("Browse…"), this);
        connect(browse, &QPushButton::clicked, this, &DkimKeyDialog::browse);
        auto *row = new QHBoxLayout;
        row->addWidget(m_file, 1);
        row->addWidget(browse);
        form->addRow(tr("&File:"), row);
    }
    m_domain = new QLineEdit(this);
    m_domain->setObjectName(u"domainEdit"_s);
    m_domain->setPlaceholderText(tr("example.com"));
    form->addRow(tr("&Domain:"), m_domain);
    m_selector = new QLineEdit(u"sendscope"_s, this);
    m_selector->setObjectName(u"selectorEdit"_s);
    form->addRow(tr("&Selector:"), m_selector);
    if (mode == Mode::Generate) {
        m_algorithm = new QComboBox(this);
        m_algorithm->setObjectName(u"algorithmCombo"_s);
        m_algorithm->addItem(tr("RSA 2048 bits (recommended)"), 2048);
        m_algorithm->addItem(tr("RSA 4096 bits (slow to generate; long DNS record)"), 4096);
        m_algorithm->addItem(tr("Ed25519 (a second signature beside RSA)"), 0);
        form->addRow(tr("&Algorithm:"), m_algorithm);
    }
    m_error = new QLabel(this);
    m_error->setObjectName(u"dialogError"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b00020;"_s);
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(mode == Mode::Generate ? tr("Generate") : tr("Import"));
    connect(buttons, &QDialogButtonBox::accepted, this, &DkimKeyDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &DkimKeyDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

QString DkimKeyDialog::domain() const
{
    return m_domain->text().trimmed();
}

QString DkimKeyDialog::selector() const
{
    return m_selector->text().trimmed();
}

QString DkimKeyDialog::pemPath() const
{
    return m_file ? m_file->text().trimmed() : QString();
}

DkimKey::Algorithm DkimKeyDialog::algorithm() const
{
    if (!m_algorithm)
        return DkimKey::Algorithm::None;
    return m_algorithm->currentData().toInt() == 0 ? DkimKey::Algorithm::Ed25519 : DkimKey::Algorithm::Rsa;
}

int DkimKeyDialog::bits() const
{
    return m_algorithm ? m_algorithm->currentData().toInt() : 0;
}

void DkimKeyDialog::accept()
{
    QString problem;
    if (m_mode == Mode::Import && pemPath().isEmpty())
        problem = tr("File: choose the PEM file of the private key.");
    else if (m_mode == Mode::Import && !QFileInfo(pemPath()).isFile())
        problem = tr("File: %1 does not exist.").arg(pemPath());
    else if (const QString d = DkimKeyStore::checkDomain(domain()); !d.isEmpty())
        problem = d; // the core's message names the field
    else if (const QString s = DkimKeyStore::checkSelector(selector()); !s.isEmpty())
        problem = s;
    if (!problem.isEmpty()) {
        m_error->setText(problem);
        m_error->show();
        return;
    }
    QDialog::accept();
}

void DkimKeyDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a DKIM private key"), pemPath(),
                                                      tr("PEM keys (*.pem *.key);;All files (*)"));
    if (!path.isEmpty())
        m_file->setText(path);
}
