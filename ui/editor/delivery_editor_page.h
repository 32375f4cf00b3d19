#pragma once

#include "delivery/delivery_definition.h"

#include <QJsonObject>
#include <QList>
#include <QWidget>

class QLabel;

// One tab of the delivery editor. A page fills the widgets from a definition (JSON as stored),
// writes its part of the definition back as the user typed it (so the core's parser judges
// it), and shows the parser's errors in labels next to the fields they name.
class DeliveryEditorPage : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    virtual void load(const QJsonObject &definition) = 0;
    virtual void write(QJsonObject *definition) const = 0;
    // Errors the JSON cannot express (a header name given twice, a one-click unsubscribe
    // without a URL), named like the core's ("headers.List-Unsubscribe-Post").
    virtual QList<DeliveryDefinition::Error> localErrors() const;

    // Shows the errors whose field one of this page's labels covers and marks them in covered
    // (same size as errors), so the dialog can show the rest elsewhere.
    void showErrors(const QList<DeliveryDefinition::Error> &errors, QList<bool> *covered);

Q_SIGNALS:
    void changed();

protected:
    // A hidden red label for errors of field (e.g. "from.address") and of the fields below it
    // ("waves" covers "waves.size" and "waves.calendar[2].delay").
    QLabel *errorLabel(const QString &field);
    // field with its error label right under it, for a form row.
    QWidget *withError(QWidget *field, const QString &errorField);

private:
    struct Slot
    {
        QString field;
        QLabel *label;
    };
    QList<Slot> m_slots;
};
