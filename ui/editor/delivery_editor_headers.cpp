#include "delivery_editor_headers.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

const QString ListUnsubscribe = u"List-Unsubscribe"_s;
const QString ListUnsubscribePost = u"List-Unsubscribe-Post"_s;
const QString OneClick = u"List-Unsubscribe=One-Click"_s;

} // namespace

DeliveryEditorHeadersPage::DeliveryEditorHeadersPage(QWidget *parent)
    : DeliveryEditorPage(parent)
    , m_url(new QLineEdit(this))
    , m_mailto(new QLineEdit(this))
    , m_oneClick(new QCheckBox(tr("&One-click (adds List-Unsubscribe-Post, RFC 8058)"), this))
    , m_table(new QTableWidget(0, 2, this))
{
    setObjectName(u"headersPage"_s);
    m_url->setObjectName(u"unsubscribeUrlEdit"_s);
    m_url->setPlaceholderText(tr("https://example.com/unsubscribe/{{id}}"));
    m_mailto->setObjectName(u"unsubscribeMailtoEdit"_s);
    m_mailto->setPlaceholderText(tr("unsubscribe@example.com"));
    m_oneClick->setObjectName(u"oneClickCheck"_s);
    m_table->setObjectName(u"customHeadersTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setColumnWidth(0, 180);

    auto *unsubscribe = new QGroupBox(tr("List-Unsubscribe"), this);
    auto *form = new QFormLayout(unsubscribe);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Mail to:"), withError(m_mailto, u"headers."_s + ListUnsubscribe));
    form->addRow(QString(), withError(m_oneClick, u"headers."_s + ListUnsubscribePost));

    auto *add = new QPushButton(tr("&Add header"), this);
    add->setObjectName(u"addHeaderButton"_s);
    auto *remove = new QPushButton(tr("&Remove header"), this);
    remove->setObjectName(u"removeHeaderButton"_s);
    auto *custom = new QGroupBox(tr("Custom headers"), this);
    auto *customLayout = new QVBoxLayout(custom);
    customLayout->addWidget(m_table, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    customLayout->addLayout(buttons);
    customLayout->addWidget(errorLabel(u"headers"_s));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(unsubscribe);
    layout->addWidget(custom, 1);

    connect(add, &QPushButton::clicked, this, [this] {
        addRow();
        m_table->setCurrentCell(m_table->rowCount() - 1, 0);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0) {
            m_table->removeRow(m_table->currentRow());
            Q_EMIT changed();
        }
    });
    connect(m_table, &QTableWidget::itemChanged, this, &DeliveryEditorPage::changed);
    connect(m_url, &QLineEdit::textChanged, this, &DeliveryEditorPage::changed);
    connect(m_mailto, &QLineEdit::textChanged, this, &DeliveryEditorPage::changed);
    connect(m_oneClick, &QCheckBox::toggled, this, &DeliveryEditorPage::changed);
}

void DeliveryEditorHeadersPage::addRow(const QString &name, const QString &value)
{
    const QSignalBlocker block(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(name));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
}

QList<QPair<QString, QString>> DeliveryEditorHeadersPage::customHeaders() const
{
    QList<QPair<QString, QString>> out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *name = m_table->item(row, 0);
        const QTableWidgetItem *value = m_table->item(row, 1);
        const QString n = name ? name->text().trimmed() : QString();
        const QString v = value ? value->text() : QString();
        if (!n.isEmpty() || !v.trimmed().isEmpty())
            out.append({n, v});
    }
    return out;
}

void DeliveryEditorHeadersPage::load(const QJsonObject &definition)
{
    const QJsonObject headers = definition.value(u"headers"_s).toObject();
    m_url->clear();
    m_mailto->clear();
    // "<https://…>, <mailto:…>": each bracketed URI goes to its field.
    static const QRegularExpression uri(u"<([^>]*)>"_s);
    for (const auto &match : uri.globalMatch(headers.value(ListUnsubscribe).toString())) {
        const QString u = match.captured(1).trimmed();
        if (u.startsWith(u"mailto:"_s, Qt::CaseInsensitive))
            m_mailto->setText(u.mid(7));
        else
            m_url->setText(u);
    }
    m_oneClick->setChecked(headers.value(ListUnsubscribePost).toString().trimmed() == OneClick);
    m_table->setRowCount(0);
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        if (it.key().compare(ListUnsubscribe, Qt::CaseInsensitive) != 0 &&
            it.key().compare(ListUnsubscribePost, Qt::CaseInsensitive) != 0)
            addRow(it.key(), it.value().toString());
    }
}

void DeliveryEditorHeadersPage::write(QJsonObject *definition) const
{
    QJsonObject headers;
    QStringList uris;
    if (!m_url->text().trimmed().isEmpty())
        uris.append(u"<"_s + m_url->text().trimmed() + u">"_s);
    if (!m_mailto->text().trimmed().isEmpty())
        uris.append(u"<mailto:"_s + m_mailto->text().trimmed() + u">"_s);
    if (!uris.isEmpty())
        headers.insert(ListUnsubscribe, uris.join(u", "_s));
    if (m_oneClick->isChecked())
        headers.insert(ListUnsubscribePost, OneClick);
    for (const auto &[name, value] : customHeaders()) {
        if (!name.isEmpty())
            headers.insert(name, value);
    }
    if (headers.isEmpty())
        definition->remove(u"headers"_s);
    else
        definition->insert(u"headers"_s, headers);
}

QList<DeliveryDefinition::Error> DeliveryEditorHeadersPage::localErrors() const
{
    QList<DeliveryDefinition::Error> errors;
    const QString url = m_url->text().trimmed();
    if (!url.isEmpty() && !url.startsWith(u"https://"_s, Qt::CaseInsensitive) &&
        !url.startsWith(u"http://"_s, Qt::CaseInsensitive))
        errors.append({u"headers."_s + ListUnsubscribe, tr("the URL must start with https://")});
    const QString mailto = m_mailto->text().trimmed();
    if (!mailto.isEmpty() && !mailto.contains(u'@'))
        errors.append({u"headers."_s + ListUnsubscribe, tr("'%1' is not an address").arg(mailto)});
    if (m_oneClick->isChecked() && url.isEmpty())
        errors.append({u"headers."_s + ListUnsubscribePost, tr("one-click unsubscribe needs an https URL")});
    QStringList seen;
    for (const auto &[name, value] : customHeaders()) {
        Q_UNUSED(value)
        if (name.isEmpty()) {
            errors.append({u"headers"_s, tr("a header has a value but no name")});
        } else if (name.compare(ListUnsubscribe, Qt::CaseInsensitive) == 0 ||
                   name.compare(ListUnsubscribePost, Qt::CaseInsensitive) == 0) {
            errors.append({u"headers"_s, tr("%1: set it with the List-Unsubscribe fields above").arg(name)});
        } else if (seen.contains(name, Qt::CaseInsensitive)) {
            errors.append({u"headers"_s, tr("%1: given twice").arg(name)});
        }
        seen.append(name);
    }
    return errors;
}
