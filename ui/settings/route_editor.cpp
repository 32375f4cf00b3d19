#include "route_editor.h"

#include "routing/route_config.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QSpinBox *spin(int min, int max)
{
    auto *s = new QSpinBox;
    s->setRange(min, max);
    return s;
}

} // namespace

RouteEditor::RouteEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_generalError = new QLabel;
    m_generalError->setObjectName(u"routeGeneralError"_s);
    m_generalError->setWordWrap(true);
    m_generalError->setStyleSheet(u"color: #b3261e"_s);
    m_generalError->hide();
    layout->addWidget(m_generalError);
    m_form = new QFormLayout;
    layout->addLayout(m_form);

    m_name = new QLineEdit;
    m_type = new QComboBox;
    m_type->addItem(tr("Relay (smarthost)"), u"relay"_s);
    m_type->addItem(tr("Direct (each domain's MX)"), u"direct"_s);
    m_type->addItem(tr("Pool of relays (spread by weight, failover)"), u"pool"_s);
    m_host = new QLineEdit;
    m_port = spin(1, 65535);
    m_tls = new QComboBox;
    m_tls->addItem(tr("STARTTLS required"), u"starttls-required"_s);
    m_tls->addItem(tr("STARTTLS when offered"), u"starttls"_s);
    m_tls->addItem(tr("Implicit TLS (port 465)"), u"implicit"_s);
    m_tls->addItem(tr("None (plaintext)"), u"none"_s);
    m_username = new QLineEdit;
    m_password = new QLineEdit;
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordEnv = new QLineEdit;
    m_passwordEnv->setPlaceholderText(tr("optional, for sendscope-cli"));
    m_acceptanceMeansSent = new QCheckBox(tr("The relay's acceptance means sent"));
    m_dsn = new QCheckBox(tr("Ask for delivery status notifications (DSN)"));
    m_helo = new QLineEdit;
    m_caFile = new QLineEdit;
    m_caFile->setPlaceholderText(tr("the system's certificate authorities only"));
    auto *caRow = new QWidget;
    auto *caLayout = new QHBoxLayout(caRow);
    caLayout->setContentsMargins(0, 0, 0, 0);
    caLayout->addWidget(m_caFile, 1);
    auto *browse = new QPushButton(tr("Browse…"));
    caLayout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, &RouteEditor::browseCaFile);
    m_maxConnections = spin(1, 1000);
    m_maxPerDomain = spin(1, 1000);
    m_maxPerConnection = spin(1, 100000);
    m_maxInFlight = spin(1, 100000);

    m_mxBox = new QWidget;
    auto *mxLayout = new QVBoxLayout(m_mxBox);
    mxLayout->setContentsMargins(0, 0, 0, 0);
    m_mx = new QTableWidget(0, 2);
    m_mx->setHorizontalHeaderLabels({tr("Domain"), tr("Host:port")});
    m_mx->horizontalHeader()->setStretchLastSection(true);
    m_mx->setMinimumHeight(90);
    mxLayout->addWidget(m_mx);
    auto *mxButtons = new QHBoxLayout;
    auto *addMx = new QPushButton(tr("Add override"));
    auto *removeMx = new QPushButton(tr("Remove override"));
    addMx->setObjectName(u"addMxOverride"_s);
    removeMx->setObjectName(u"removeMxOverride"_s);
    mxButtons->addWidget(addMx);
    mxButtons->addWidget(removeMx);
    mxButtons->addStretch();
    mxLayout->addLayout(mxButtons);
    connect(addMx, &QPushButton::clicked, this, [this] {
        addMxRow({}, {});
        m_mx->editItem(m_mx->item(m_mx->rowCount() - 1, 0));
    });
    connect(removeMx, &QPushButton::clicked, this, [this] {
        if (m_mx->currentRow() >= 0)
            m_mx->removeRow(m_mx->currentRow());
        Q_EMIT changed();
    });

    addRow(m_form, u"name"_s, tr("Name"), m_name);
    addRow(m_form, u"type"_s, tr("Type"), m_type);
    buildPoolRows();
    addRow(m_form, u"members"_s, tr("Members"), m_membersBox);
    addRow(m_form, u"host"_s, tr("Host"), m_host);
    addRow(m_form, u"port"_s, tr("Port"), m_port);
    addRow(m_form, u"tls"_s, tr("TLS"), m_tls);
    addRow(m_form, u"username"_s, tr("Username"), m_username);
    addRow(m_form, u"password"_s, tr("Password"), m_password);
    addRow(m_form, u"password_env"_s, tr("Password variable"), m_passwordEnv);
    addRow(m_form, u"acceptance_means_sent"_s, QString(), m_acceptanceMeansSent);
    addRow(m_form, u"dsn"_s, QString(), m_dsn);
    buildFeedbackRows();
    addRow(m_form, u"helo"_s, tr("HELO name"), m_helo);
    addRow(m_form, u"ca_file"_s, tr("CA file"), caRow);
    caRow->setObjectName(u"route_ca_file_row"_s);
    m_caFile->setObjectName(u"route_ca_file"_s);
    addRow(m_form, u"max_connections"_s, tr("Connections"), m_maxConnections);
    addRow(m_form, u"max_connections_per_domain"_s, tr("Connections per domain"), m_maxPerDomain);
    addRow(m_form, u"max_messages_per_connection"_s, tr("Messages per connection"), m_maxPerConnection);
    addRow(m_form, u"max_in_flight"_s, tr("Messages in flight"), m_maxInFlight);
    addRow(m_form, u"mx_override"_s, tr("MX overrides"), m_mxBox);

    const QList<QLineEdit *> edits{m_name, m_host, m_username, m_password, m_passwordEnv, m_helo, m_caFile};
    for (QLineEdit *e : edits)
        connect(e, &QLineEdit::textEdited, this, &RouteEditor::changed);
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        updateForType();
        Q_EMIT changed();
    });
    connect(m_tls, &QComboBox::currentIndexChanged, this, &RouteEditor::onTlsChanged);
    connect(m_mx, &QTableWidget::itemChanged, this, &RouteEditor::changed);
    setRoute({});
}

void RouteEditor::addRow(QFormLayout *form, const QString &field, const QString &label, QWidget *editor)
{
    editor->setObjectName(u"route_"_s + field);
    auto *cell = new QWidget;
    auto *v = new QVBoxLayout(cell);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(editor);
    auto *error = new QLabel;
    error->setObjectName(u"error_"_s + field);
    error->setWordWrap(true);
    error->setStyleSheet(u"color: #b3261e"_s);
    error->hide();
    v->addWidget(error);
    m_errors.insert(field, error);
    m_rowWidgets.insert(field, cell);
    if (label.isEmpty())
        form->addRow(cell);
    else
        form->addRow(label, cell);
}

void RouteEditor::setRoute(const QJsonObject &json)
{
    QStringList ignored;
    QJsonObject source = json;
    if (source.isEmpty())
        source = QJsonObject{{u"type"_s, u"relay"_s}, {u"host"_s, QString()}};
    const RouteConfig r = RouteConfig::fromJson(source, &ignored);
    m_name->setText(json.value(u"name"_s).toString());
    m_type->setCurrentIndex(qMax(0, m_type->findData(RouteConfig::typeName(r.type))));
    m_host->setText(r.host);
    const QSignalBlocker block(m_tls);
    m_tls->setCurrentIndex(qMax(0, m_tls->findData(RouteConfig::tlsName(r.tls))));
    m_previousTls = m_tls->currentIndex();
    m_port->setValue(r.port);
    m_username->setText(r.username);
    m_password->clear();
    m_passwordEnv->setText(r.passwordEnv);
    m_acceptanceMeansSent->setChecked(r.acceptanceMeansSent);
    m_dsn->setChecked(r.dsn);
    m_helo->setText(r.heloName);
    m_caFile->setText(r.caFile);
    m_maxConnections->setValue(r.maxConnections);
    m_maxPerDomain->setValue(r.maxConnectionsPerDomain);
    m_maxPerConnection->setValue(r.maxMessagesPerConnection);
    m_maxInFlight->setValue(r.maxInFlight);
    setFeedback(r);
    setPoolAndExtras(source, r);
    const QSignalBlocker blockMx(m_mx);
    m_mx->setRowCount(0);
    for (auto it = r.mxOverride.cbegin(); it != r.mxOverride.cend(); ++it)
        addMxRow(it.key(), it.value());
    showErrors({});
    updateForType();
}

QJsonObject RouteEditor::route() const
{
    QJsonObject o{{u"name"_s, m_name->text().trimmed()},
                  {u"type"_s, m_type->currentData().toString()},
                  {u"port"_s, m_port->value()},
                  {u"tls"_s, m_tls->currentData().toString()},
                  {u"acceptance_means_sent"_s, m_acceptanceMeansSent->isChecked()},
                  {u"dsn"_s, m_dsn->isChecked()},
                  {u"max_connections"_s, m_maxConnections->value()},
                  {u"max_connections_per_domain"_s, m_maxPerDomain->value()},
                  {u"max_messages_per_connection"_s, m_maxPerConnection->value()},
                  {u"max_in_flight"_s, m_maxInFlight->value()}};
    auto put = [&o](const QString &key, const QLineEdit *edit) {
        const QString text = edit->text().trimmed();
        if (!text.isEmpty())
            o.insert(key, text);
    };
    if (!isDirect() && !isPool())
        put(u"host"_s, m_host);
    put(u"username"_s, m_username);
    put(u"password_env"_s, m_passwordEnv);
    put(u"helo"_s, m_helo);
    put(u"ca_file"_s, m_caFile);
    putFeedback(&o);
    if (isDirect()) {
        QJsonObject mx;
        for (int row = 0; row < m_mx->rowCount(); ++row) {
            const QString domain = m_mx->item(row, 0) ? m_mx->item(row, 0)->text().trimmed().toLower() : QString();
            const QString target = m_mx->item(row, 1) ? m_mx->item(row, 1)->text().trimmed() : QString();
            if (!domain.isEmpty() || !target.isEmpty())
                mx.insert(domain.isEmpty() ? tr("(no domain)") : domain, target);
        }
        if (!mx.isEmpty())
            o.insert(u"mx_override"_s, mx);
    }
    putPoolAndExtras(&o);
    return o;
}

QString RouteEditor::password() const
{
    return m_password->text();
}

void RouteEditor::setPasswordHint(const QString &hint)
{
    m_password->setPlaceholderText(hint);
}

bool RouteEditor::isDirect() const
{
    return m_type->currentData().toString() == u"direct"_s;
}

bool RouteEditor::isPool() const
{
    return m_type->currentData().toString() == u"pool"_s;
}

void RouteEditor::showErrors(const QStringList &errors)
{
    for (QLabel *label : std::as_const(m_errors)) {
        label->clear();
        label->hide();
    }
    QStringList general;
    for (const QString &e : errors) {
        const qsizetype colon = e.indexOf(u": "_s);
        QString field = colon > 0 ? e.left(colon) : QString();
        if (field.startsWith(u"route."_s))
            field = field.mid(6);
        if (field.startsWith(u"bounce_mailbox."_s) && !m_errors.contains(field))
            field = u"bounce_mailbox"_s;
        if (field.startsWith(u"mx_override."_s))
            field = u"mx_override"_s;
        if (field.startsWith(u"members"_s))
            field = u"members"_s;
        QLabel *label = m_errors.value(field);
        if (!label || m_rowWidgets.value(field)->isHidden()) {
            general.append(e);
            continue;
        }
        const QString message = e.mid(colon + 2);
        label->setText(label->text().isEmpty() ? message : label->text() + u'\n' + message);
        label->show();
    }
    m_generalError->setText(general.join(u'\n'));
    m_generalError->setVisible(!general.isEmpty());
}

void RouteEditor::updateForType()
{
    const bool direct = isDirect();
    const bool pool = isPool();
    m_form->setRowVisible(m_rowWidgets.value(u"host"_s), !direct && !pool);
    m_form->setRowVisible(m_rowWidgets.value(u"mx_override"_s), direct);
    m_form->setRowVisible(m_rowWidgets.value(u"acceptance_means_sent"_s), !direct);
    m_form->setRowVisible(m_rowWidgets.value(u"members"_s), pool);
    // A pool's connections are its members': only its total and its window are its own.
    for (const QString &field : {u"port"_s, u"tls"_s, u"username"_s, u"password"_s, u"password_env"_s, u"helo"_s,
                                 u"ca_file"_s, u"max_connections_per_domain"_s, u"max_messages_per_connection"_s})
        m_form->setRowVisible(m_rowWidgets.value(field), !pool);
    updateFeedbackRows();
}

void RouteEditor::onTlsChanged()
{
    // Follow the usual ports while the user has not chosen another one.
    const QString was = m_tls->itemData(m_previousTls).toString();
    const QString now = m_tls->currentData().toString();
    m_previousTls = m_tls->currentIndex();
    const int usual = isDirect() ? 25 : 587;
    if (now == u"implicit"_s && m_port->value() == usual)
        m_port->setValue(465);
    else if (was == u"implicit"_s && m_port->value() == 465)
        m_port->setValue(usual);
    Q_EMIT changed();
}

void RouteEditor::addMxRow(const QString &domain, const QString &target)
{
    const int row = m_mx->rowCount();
    m_mx->insertRow(row);
    m_mx->setItem(row, 0, new QTableWidgetItem(domain));
    m_mx->setItem(row, 1, new QTableWidgetItem(target));
}

void RouteEditor::browseCaFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Certificate authorities (PEM)"), m_caFile->text(),
                                                      tr("PEM certificates (*.pem *.crt);;All files (*)"));
    if (!path.isEmpty()) {
        m_caFile->setText(path);
        Q_EMIT changed();
    }
}
