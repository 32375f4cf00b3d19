#include "delivery_editor_route.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// The route combo's item data: "", "relay", "direct", "saved:<name>" or "inline" (a route the
// page has no form for, such as a pool, kept as the definition wrote it).
const QString SavedPrefix = u"saved:"_s;
const QString InlineKey = u"inline"_s;

} // namespace

DeliveryEditorRoutePage::DeliveryEditorRoutePage(QWidget *parent)
    : DeliveryEditorPage(parent)
    , m_route(new QComboBox(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_tls(new QComboBox(this))
    , m_dkimDomain(new QLineEdit(this))
    , m_dkimSelector(new QLineEdit(this))
    , m_dkimKeyFile(new QLineEdit(this))
    , m_edSelector(new QLineEdit(this))
    , m_edKeyFile(new QLineEdit(this))
{
    setObjectName(u"routePage"_s);
    m_route->setObjectName(u"routeCombo"_s);
    m_route->addItem(tr("None chosen yet"), QString());
    m_route->addItem(tr("Relay (below)"), u"relay"_s);
    m_route->addItem(tr("Direct (built-in MTA, MX lookup)"), u"direct"_s);
    m_host->setObjectName(u"relayHostEdit"_s);
    m_host->setPlaceholderText(tr("smtp.example.com"));
    m_port->setObjectName(u"relayPortSpin"_s);
    m_port->setRange(1, 65535);
    m_port->setValue(587);
    m_tls->setObjectName(u"relayTlsCombo"_s);
    m_tls->addItem(tr("STARTTLS required"), u"starttls-required"_s);
    m_tls->addItem(tr("STARTTLS when offered"), u"starttls"_s);
    m_tls->addItem(tr("Implicit TLS (port 465)"), u"implicit"_s);
    m_tls->addItem(tr("None (plain text)"), u"none"_s);
    m_dkimDomain->setObjectName(u"dkimDomainEdit"_s);
    m_dkimDomain->setPlaceholderText(tr("example.com"));
    m_dkimSelector->setObjectName(u"dkimSelectorEdit"_s);
    m_dkimKeyFile->setObjectName(u"dkimKeyFileEdit"_s);
    m_edSelector->setObjectName(u"dkimEd25519SelectorEdit"_s);
    m_edSelector->setPlaceholderText(tr("Optional"));
    m_edKeyFile->setObjectName(u"dkimEd25519KeyFileEdit"_s);
    m_edKeyFile->setPlaceholderText(tr("Optional: a second, Ed25519 signature"));

    auto *routeGroup = new QGroupBox(tr("Route"), this);
    auto *routeForm = new QFormLayout(routeGroup);
    routeForm->addRow(tr("R&oute:"), m_route);
    routeForm->addRow(tr("Relay &host:"), m_host);
    routeForm->addRow(tr("&Port:"), m_port);
    routeForm->addRow(tr("&TLS:"), m_tls);
    routeForm->addRow(QString(), errorLabel(u"route"_s));

    QWidget *keyRow = nullptr;
    QWidget *edKeyRow = nullptr;
    keyFileRow(m_dkimKeyFile, u"dkimKeyFileButton"_s, &keyRow);
    keyFileRow(m_edKeyFile, u"dkimEd25519KeyFileButton"_s, &edKeyRow);
    auto *dkimGroup = new QGroupBox(tr("DKIM signature"), this);
    auto *dkimForm = new QFormLayout(dkimGroup);
    dkimForm->addRow(tr("&Domain:"), withError(m_dkimDomain, u"dkim.domain"_s));
    dkimForm->addRow(tr("&Selector:"), withError(m_dkimSelector, u"dkim.selector"_s));
    dkimForm->addRow(tr("&Key file:"), withError(keyRow, u"dkim.key_file"_s));
    dkimForm->addRow(tr("Ed25519 s&elector:"), withError(m_edSelector, u"dkim.ed25519_selector"_s));
    dkimForm->addRow(tr("Ed25519 ke&y file:"), withError(edKeyRow, u"dkim.ed25519_key_file"_s));
    dkimForm->addRow(QString(), errorLabel(u"dkim"_s));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(routeGroup);
    layout->addWidget(dkimGroup);

    connect(m_route, &QComboBox::currentIndexChanged, this, [this] {
        updateRelayForm();
        Q_EMIT changed();
    });
    connect(m_host, &QLineEdit::textChanged, this, &DeliveryEditorPage::changed);
    connect(m_port, &QSpinBox::valueChanged, this, &DeliveryEditorPage::changed);
    connect(m_tls, &QComboBox::currentIndexChanged, this, &DeliveryEditorPage::changed);
    for (QLineEdit *e : {m_dkimDomain, m_dkimSelector, m_dkimKeyFile, m_edSelector, m_edKeyFile})
        connect(e, &QLineEdit::textChanged, this, &DeliveryEditorPage::changed);
    updateRelayForm();
}

QLineEdit *DeliveryEditorRoutePage::keyFileRow(QLineEdit *edit, const QString &name, QWidget **row)
{
    *row = new QWidget(this);
    auto *layout = new QHBoxLayout(*row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *browse = new QPushButton(tr("&Browse…"), *row);
    browse->setObjectName(name);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit] {
        const QString path = QFileDialog::getOpenFileName(this, tr("DKIM private key"), edit->text(),
                                                          tr("PEM keys (*.pem *.key);;All files (*)"));
        if (!path.isEmpty())
            edit->setText(path);
    });
    return edit;
}

void DeliveryEditorRoutePage::setRouteNames(const QStringList &names)
{
    const QString current = m_route->currentData().toString();
    const QSignalBlocker block(m_route);
    for (int i = m_route->count() - 1; i >= 3; --i)
        m_route->removeItem(i);
    for (const QString &name : names)
        m_route->addItem(tr("Saved route: %1").arg(name), QString(SavedPrefix + name));
    selectRoute(current);
}

void DeliveryEditorRoutePage::selectRoute(const QString &key)
{
    int index = m_route->findData(key);
    if (index < 0 && key.startsWith(SavedPrefix)) {
        // Named by the definition but not (or no longer) saved: keep it, the analysis says why.
        m_route->addItem(tr("Saved route: %1").arg(key.mid(SavedPrefix.size())), key);
        index = m_route->count() - 1;
    }
    m_route->setCurrentIndex(qMax(index, 0));
    updateRelayForm();
}

void DeliveryEditorRoutePage::updateRelayForm()
{
    const bool relay = m_route->currentData().toString() == u"relay"_s;
    for (QWidget *w : std::initializer_list<QWidget *>{m_host, m_port, m_tls})
        w->setEnabled(relay);
}

void DeliveryEditorRoutePage::load(const QJsonObject &definition)
{
    const QJsonValue route = definition.value(u"route"_s);
    m_inlineRoute = route.toObject();
    if (const int i = m_route->findData(InlineKey); i >= 0)
        m_route->removeItem(i);
    const QString type = m_inlineRoute.value(u"type"_s).toString();
    if (type == u"pool"_s || type == u"sandbox"_s) {
        // No form for these here: the route stays as the definition wrote it.
        m_route->addItem(type == u"pool"_s ? tr("Pool of %n relay(s), as written in the definition", "",
                                                int(m_inlineRoute.value(u"members"_s).toArray().size()))
                                           : tr("Sandbox, as written in the definition"),
                         InlineKey);
        selectRoute(InlineKey);
    } else if (route.isString()) {
        selectRoute(SavedPrefix + route.toString());
    } else if (m_inlineRoute.value(u"type"_s).toString() == u"direct"_s) {
        selectRoute(u"direct"_s);
    } else if (route.isObject()) {
        m_host->setText(m_inlineRoute.value(u"host"_s).toString());
        m_port->setValue(m_inlineRoute.value(u"port"_s).toInt(25));
        const int tls = m_tls->findData(m_inlineRoute.value(u"tls"_s).toString(u"starttls-required"_s));
        m_tls->setCurrentIndex(qMax(tls, 0));
        selectRoute(u"relay"_s);
    } else {
        selectRoute(QString());
    }
    const QJsonObject dkim = definition.value(u"dkim"_s).toObject();
    m_dkimDomain->setText(dkim.value(u"domain"_s).toString());
    m_dkimSelector->setText(dkim.value(u"selector"_s).toString());
    m_dkimKeyFile->setText(dkim.value(u"key_file"_s).toString());
    m_edSelector->setText(dkim.value(u"ed25519_selector"_s).toString());
    m_edKeyFile->setText(dkim.value(u"ed25519_key_file"_s).toString());
}

void DeliveryEditorRoutePage::write(QJsonObject *definition) const
{
    const QString key = m_route->currentData().toString();
    if (key.startsWith(SavedPrefix)) {
        definition->insert(u"route"_s, key.mid(SavedPrefix.size()));
    } else if (key == u"relay"_s) {
        QJsonObject route = m_inlineRoute.value(u"type"_s).toString() == u"relay"_s ? m_inlineRoute : QJsonObject();
        route.insert(u"type"_s, u"relay"_s);
        route.insert(u"host"_s, m_host->text().trimmed());
        route.insert(u"port"_s, m_port->value());
        route.insert(u"tls"_s, m_tls->currentData().toString());
        definition->insert(u"route"_s, route);
    } else if (key == InlineKey) {
        definition->insert(u"route"_s, m_inlineRoute);
    } else if (key == u"direct"_s) {
        QJsonObject route = m_inlineRoute.value(u"type"_s).toString() == u"direct"_s ? m_inlineRoute : QJsonObject();
        route.insert(u"type"_s, u"direct"_s);
        definition->insert(u"route"_s, route);
    } else {
        definition->remove(u"route"_s);
    }

    QJsonObject dkim;
    const auto put = [&dkim](const QString &key, const QLineEdit *edit) {
        if (!edit->text().trimmed().isEmpty())
            dkim.insert(key, edit->text().trimmed());
    };
    put(u"domain"_s, m_dkimDomain);
    put(u"selector"_s, m_dkimSelector);
    put(u"key_file"_s, m_dkimKeyFile);
    put(u"ed25519_selector"_s, m_edSelector);
    put(u"ed25519_key_file"_s, m_edKeyFile);
    if (dkim.isEmpty())
        definition->remove(u"dkim"_s);
    else
        definition->insert(u"dkim"_s, dkim);
}
