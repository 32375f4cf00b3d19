#include "delivery_editor_page.h"

#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

bool covers(const QString &slot, const QString &field)
{
    return field == slot || field.startsWith(slot + u'.') || field.startsWith(slot + u'[');
}

} // namespace

QLabel *DeliveryEditorPage::errorLabel(const QString &field)
{
    auto *label = new QLabel(this);
    label->setObjectName(u"error_"_s + field);
    label->setWordWrap(true);
    label->setStyleSheet(u"color: #c62828;"_s);
    label->setTextFormat(Qt::PlainText);
    label->hide();
    m_slots.append({field, label});
    return label;
}

QWidget *DeliveryEditorPage::withError(QWidget *field, const QString &errorField)
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(errorLabel(errorField));
    return box;
}

void DeliveryEditorPage::showErrors(const QList<DeliveryDefinition::Error> &errors, QList<bool> *covered)
{
    // Each error goes to the most specific label that covers it: "headers.List-Unsubscribe"
    // to its own field, "headers.X-Campaign" to the table's.
    QList<QStringList> lines(m_slots.size());
    for (qsizetype i = 0; i < errors.size(); ++i) {
        const auto &e = errors.at(i);
        qsizetype best = -1;
        for (qsizetype s = 0; s < m_slots.size(); ++s) {
            if (covers(m_slots.at(s).field, e.field) &&
                (best < 0 || m_slots.at(s).field.size() > m_slots.at(best).field.size()))
                best = s;
        }
        if (best < 0)
            continue;
        const QString &slot = m_slots.at(best).field;
        // The core's messages name the JSON field; next to the widget the message alone says
        // it, except inside a table where the row matters.
        if (e.field == slot) {
            lines[best].append(e.message);
        } else {
            // "waves.calendar[1].delay" under the table reads "[1].delay: …"
            const qsizetype skip = e.field.at(slot.size()) == u'.' ? 1 : 0;
            lines[best].append(e.field.mid(slot.size() + skip) + u": "_s + e.message);
        }
        (*covered)[i] = true;
    }
    for (qsizetype s = 0; s < m_slots.size(); ++s) {
        const QString text = lines.at(s).join(u'\n');
        QLabel *label = m_slots.at(s).label;
        label->setText(text);
        label->setToolTip(text);
        label->setVisible(!text.isEmpty());
    }
}

QList<DeliveryDefinition::Error> DeliveryEditorPage::localErrors() const
{
    return {};
}
