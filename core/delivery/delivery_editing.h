#pragma once

#include "common/clock.h"
#include "delivery/delivery_definition.h"
#include "log/log_state.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

class Store;

// A delivery as the editor sees it: its definition and what the recipient import left.
struct EditableDelivery
{
    qint64 id = 0;
    QString name;
    DeliveryState state = DeliveryState::BeingEdited;
    QJsonObject definition; // the stored, self-contained definition (DeliveryDefinition::toJson)
    QStringList fields;     // the imported CSV's header; empty before any import
    QString emailColumn;
    QString sourceFile;
    qint64 importedRows = 0;
    qint64 rejectedRows = 0;
    bool editable = false; // being edited, analyzed or analysis failed
};

// One imported recipient, for previews: its address and its fields by name.
struct RecipientSample
{
    QString email;
    QHash<QString, QString> values;
};

// The editing side of the core's public API (the GUI's delivery editor): create a delivery
// from a definition before any recipient is imported, load it for editing, update it,
// duplicate it and delete it. Like DeliveryService it works on the Store it is given, on the
// thread that owns that Store. Every refusal leaves the database unchanged and says why in
// lastError().
class DeliveryEditing final
{
public:
    explicit DeliveryEditing(Store &store, const Clock &clock = Clock::system());

    // The definition's field errors as the editor shows them: DeliveryDefinition::fromJson's,
    // plus From, Reply-To and proof addresses checked by AddressValidator. An empty recipient
    // list file is no error here: recipients come from the CSV import, after the delivery exists.
    static QList<DeliveryDefinition::Error> check(const QJsonObject &json);
    // Only a delivery that has not been confirmed can change (docs/product.md §2).
    static bool isEditable(DeliveryState state);

    // Creates a delivery in state being_edited with no recipients. Returns its id, or 0.
    qint64 create(const DeliveryDefinition &definition);
    std::optional<EditableDelivery> load(qint64 deliveryId);
    // Replaces the definition of a delivery that is being edited, analyzed or whose analysis
    // failed. The delivery goes back to being_edited, its analysis report and its log rows are
    // dropped: it must be analyzed again. The recipient list (file, e-mail column) is kept as
    // imported: the import, not the form, owns it.
    bool update(qint64 deliveryId, const DeliveryDefinition &definition);
    // A new delivery (being_edited) with the same definition, named "<name> (copy)", and the
    // same recipients. Returns its id, or 0.
    qint64 duplicate(qint64 deliveryId);
    // Deletes a delivery with its recipients, log, attempts and proofs. Refused while it is in
    // progress: the engine is sending it.
    bool remove(qint64 deliveryId);

    // The first recipients in import order, for a personalized preview.
    QList<RecipientSample> firstRecipients(qint64 deliveryId, int limit);
    // The names of the routes saved in the database, sorted.
    QStringList routeNames();

    QString lastError() const { return m_lastError; }

private:
    bool fail(const QString &error, bool rollback);
    bool validate(const DeliveryDefinition &definition);
    bool commit();

    Store &m_store;
    const Clock &m_clock;
    QString m_lastError;
};
