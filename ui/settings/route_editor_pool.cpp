// RouteEditor: a pool route's members (docs/product.md §6, relay pool), and the keys of a route
// the form does not show, kept as they were.
#include "route_editor.h"

#include "routing/route_config.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// The keys the form edits; any other is kept as it came (a warm-up, timeouts, ...).
const QStringList FormKeys = {u"name"_s,
                              u"type"_s,
                              u"host"_s,
                              u"port"_s,
                              u"tls"_s,
                              u"username"_s,
                              u"password"_s,
                              u"password_env"_s,
                              u"acceptance_means_sent"_s,
                              u"dsn"_s,
                              u"dsn_notify"_s,
                              u"bounce_address"_s,
                              u"verp"_s,
                              u"bounce_mailbox"_s,
                              u"helo"_s,
                              u"ca_file"_s,
                              u"max_connections"_s,
                              u"max_connections_per_domain"_s,
                              u"max_messages_per_connection"_s,
                              u"max_in_flight"_s,
                              u"mx_override"_s,
                              u"members"_s};
// Kept only while the route stays of the type it had.
const QStringList TypeKeys = {
    u"dns_server"_s, u"smtp_port"_s, u"mta_sts"_s,    u"mta_sts_port"_s, u"member_retry_seconds"_s,
    u"outcomes"_s,   u"default"_s,   u"latency_ms"_s, u"keep_last"_s};

constexpr int InlineRole = Qt::UserRole;    // an inline member's JSON, without its weight
constexpr int LabelRole = Qt::UserRole + 1; // the label it was shown with

} // namespace

void RouteEditor::buildPoolRows()
{
    m_membersBox = new QWidget;
    auto *layout = new QVBoxLayout(m_membersBox);
    layout->setContentsMargins(0, 0, 0, 0);
    m_members = new QTableWidget(0, 2);
    m_members->setObjectName(u"route_members_table"_s);
    m_members->setHorizontalHeaderLabels({tr("Saved relay or direct route"), tr("Weight")});
    m_members->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_members->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_members->setMinimumHeight(90);
    m_members->setToolTip(tr("Messages are spread over the members by weight; one that cannot be reached or "
                             "drops the connection is left out for a while and the others take its share."));
    layout->addWidget(m_members);
    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add member"));
    auto *remove = new QPushButton(tr("Remove member"));
    add->setObjectName(u"addPoolMember"_s);
    remove->setObjectName(u"removePoolMember"_s);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        addMemberRow({}, 1, {});
        m_members->editItem(m_members->item(m_members->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_members->currentRow() >= 0)
            m_members->removeRow(m_members->currentRow());
        Q_EMIT changed();
    });
    connect(m_members, &QTableWidget::itemChanged, this, &RouteEditor::changed);
}

void RouteEditor::addMemberRow(const QString &label, int weight, const QJsonObject &inlineRoute)
{
    const QSignalBlocker block(m_members);
    const int row = m_members->rowCount();
    m_members->insertRow(row);
    auto *name = new QTableWidgetItem(label);
    if (!inlineRoute.isEmpty()) {
        name->setData(InlineRole, inlineRoute);
        name->setData(LabelRole, label);
        name->setToolTip(tr("Written in the route itself, not a saved route; kept as it is unless renamed"));
    }
    m_members->setItem(row, 0, name);
    m_members->setItem(row, 1, new QTableWidgetItem(QString::number(weight)));
}

void RouteEditor::setPoolAndExtras(const QJsonObject &json, const RouteConfig &r)
{
    m_extra = json;
    for (const QString &key : FormKeys)
        m_extra.remove(key);
    m_extraType = RouteConfig::typeName(r.type);
    // A pool's limits default to its members' sum, which saved members only give when it is
    // sent: what the form shows of them is written only when given or changed.
    m_defaultMaxConnections = json.contains(u"max_connections"_s) ? -1 : r.maxConnections;
    m_defaultMaxInFlight = json.contains(u"max_in_flight"_s) ? -1 : r.maxInFlight;
    const QSignalBlocker block(m_members);
    m_members->setRowCount(0);
    for (const RoutePoolMember &m : r.members) {
        QJsonObject own;
        if (m.saved.isEmpty()) {
            own = m.route.toJson();
            own.remove(u"weight"_s);
        }
        addMemberRow(m.label(), m.weight, own);
    }
}

void RouteEditor::putPoolAndExtras(QJsonObject *o) const
{
    const QString type = o->value(u"type"_s).toString();
    for (auto it = m_extra.begin(); it != m_extra.end(); ++it) {
        if (type == m_extraType || !TypeKeys.contains(it.key()))
            o->insert(it.key(), it.value());
    }
    if (type != u"pool"_s)
        return;
    if (m_maxConnections->value() == m_defaultMaxConnections)
        o->remove(u"max_connections"_s);
    if (m_maxInFlight->value() == m_defaultMaxInFlight)
        o->remove(u"max_in_flight"_s);
    // A pool has no connection of its own.
    for (const QString &key : {u"host"_s, u"port"_s, u"tls"_s, u"username"_s, u"password_env"_s, u"helo"_s,
                               u"ca_file"_s, u"max_connections_per_domain"_s, u"max_messages_per_connection"_s})
        o->remove(key);
    QJsonArray members;
    for (int row = 0; row < m_members->rowCount(); ++row) {
        const QTableWidgetItem *name = m_members->item(row, 0);
        const QTableWidgetItem *weight = m_members->item(row, 1);
        const QString text = name ? name->text().trimmed() : QString();
        const QJsonObject own = name ? name->data(InlineRole).toJsonObject() : QJsonObject();
        QJsonObject member;
        if (!own.isEmpty() && text == name->data(LabelRole).toString())
            member = own;
        else if (!text.isEmpty() || row + 1 < m_members->rowCount())
            member.insert(u"saved"_s, text);
        else
            continue; // a blank last row, just added
        bool ok = false;
        const int w = weight ? weight->text().trimmed().toInt(&ok) : 1;
        member.insert(u"weight"_s, ok ? QJsonValue(w) : QJsonValue(weight ? weight->text() : QString()));
        members.append(member);
    }
    o->insert(u"members"_s, members);
}
