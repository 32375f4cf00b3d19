#include "delivery_editing.h"

#include "recipients/address_validator.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Part of every Message-ID of the delivery, as DeliveryService stores it: unguessable and
// never shared with the delivery a copy was made from.
QString randomToken()
{
    return QString::number(QRandomGenerator::system()->generate64(), 36);
}

QString jsonText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void checkAddress(const QString &address, const QString &field, QList<DeliveryDefinition::Error> *errors)
{
    const AddressCheck c = AddressValidator::check(address);
    if (c.verdict == AddressCheck::Verdict::Invalid)
        errors->append({field, u"'%1' is not a valid address: %2"_s.arg(address.trimmed(), c.reason)});
}

QString copyName(const QString &name)
{
    return name + u" (copy)"_s;
}

} // namespace

DeliveryEditing::DeliveryEditing(Store &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
{}

QList<DeliveryDefinition::Error> DeliveryEditing::check(const QJsonObject &json)
{
    QList<DeliveryDefinition::Error> errors;
    const DeliveryDefinition def = DeliveryDefinition::fromJson(json, QString(), &errors);
    const QJsonValue csv = json.value(u"recipients"_s).toObject().value(u"csv"_s);
    if (csv.isString() && csv.toString().trimmed().isEmpty()) {
        errors.removeIf([](const DeliveryDefinition::Error &e) { return e.field == u"recipients.csv"_s; });
    }
    // fromJson checks the shape; whether an address can be sent to is the validator's rule.
    const auto hasError = [&](const QString &field) {
        return std::any_of(errors.cbegin(), errors.cend(), [&](const auto &e) { return e.field == field; });
    };
    if (!def.fromAddress.isEmpty() && !hasError(u"from.address"_s))
        checkAddress(def.fromAddress, u"from.address"_s, &errors);
    if (!def.replyTo.isEmpty() && !hasError(u"reply_to"_s))
        checkAddress(def.replyTo, u"reply_to"_s, &errors);
    for (qsizetype i = 0; i < def.proofAddresses.size(); ++i) {
        const QString field = u"proofs[%1]"_s.arg(i);
        if (def.proofAddresses.at(i).trimmed().isEmpty())
            errors.append({field, u"must not be empty"_s});
        else
            checkAddress(def.proofAddresses.at(i), field, &errors);
    }
    return errors;
}

bool DeliveryEditing::isEditable(DeliveryState state)
{
    return state == DeliveryState::BeingEdited || state == DeliveryState::Analyzed ||
           state == DeliveryState::AnalysisFailed;
}

bool DeliveryEditing::fail(const QString &error, bool rollback)
{
    if (rollback)
        m_store.rollback();
    m_lastError = error;
    return false;
}

bool DeliveryEditing::validate(const DeliveryDefinition &definition)
{
    const QList<DeliveryDefinition::Error> errors = check(definition.toJson());
    if (errors.isEmpty())
        return true;
    QStringList lines;
    for (const auto &e : errors)
        lines.append(u"field '%1': %2"_s.arg(e.field, e.message));
    m_lastError = lines.join(u'\n');
    return false;
}

// A COMMIT that fails leaves the transaction open and the write lock held: roll it back.
bool DeliveryEditing::commit()
{
    QSqlQuery q(m_store.db());
    if (q.exec(u"COMMIT"_s))
        return true;
    return fail(u"%1: cannot commit: %2"_s.arg(m_store.path(), q.lastError().text()), true);
}

qint64 DeliveryEditing::create(const DeliveryDefinition &definition)
{
    if (!validate(definition))
        return 0;
    const qint64 now = m_clock.nowMs();
    QSqlQuery q(m_store.db());
    q.prepare(u"INSERT INTO deliveries (name, definition, state, email_column, source_file, message_token, "
              "created_at, updated_at) VALUES (?, ?, 'being_edited', ?, ?, ?, ?, ?)"_s);
    q.addBindValue(definition.name);
    q.addBindValue(jsonText(definition.toJson()));
    q.addBindValue(definition.emailColumn);
    q.addBindValue(definition.csvFile);
    q.addBindValue(randomToken());
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec()) {
        fail(u"%1: cannot create the delivery: %2"_s.arg(m_store.path(), q.lastError().text()), false);
        return 0;
    }
    return q.lastInsertId().toLongLong();
}

std::optional<EditableDelivery> DeliveryEditing::load(qint64 deliveryId)
{
    QSqlQuery q(m_store.db());
    q.prepare(u"SELECT name, state, definition, fields, email_column, source_file, imported_rows, rejected_rows "
              "FROM deliveries WHERE id = ?"_s);
    q.addBindValue(deliveryId);
    if (!q.exec()) {
        fail(
            u"%1: cannot read delivery %2: %3"_s.arg(m_store.path(), QString::number(deliveryId), q.lastError().text()),
            false);
        return std::nullopt;
    }
    if (!q.next()) {
        fail(u"no delivery with id %1"_s.arg(deliveryId), false);
        return std::nullopt;
    }
    EditableDelivery d;
    d.id = deliveryId;
    d.name = q.value(0).toString();
    const auto state = LogStates::deliveryStateFromName(q.value(1).toString());
    if (!state) {
        fail(u"delivery %1 has an unknown state '%2'"_s.arg(QString::number(deliveryId), q.value(1).toString()), false);
        return std::nullopt;
    }
    d.state = *state;
    d.definition = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
    for (const QJsonValue v : QJsonDocument::fromJson(q.value(3).toByteArray()).array())
        d.fields.append(v.toString());
    d.emailColumn = q.value(4).toString();
    d.sourceFile = q.value(5).toString();
    d.importedRows = q.value(6).toLongLong();
    d.rejectedRows = q.value(7).toLongLong();
    d.editable = isEditable(d.state);
    return d;
}

bool DeliveryEditing::update(qint64 deliveryId, const DeliveryDefinition &definition)
{
    if (!validate(definition))
        return false;
    if (!m_store.begin())
        return fail(u"%1: cannot start a transaction: %2"_s.arg(m_store.path(), m_store.lastError()), false);
    // Read inside the transaction, so the state cannot change between the check and the write.
    const auto current = load(deliveryId);
    if (!current) {
        m_store.rollback();
        return false;
    }
    if (!current->editable) {
        return fail(u"delivery %1 is %2: only a delivery that has not been confirmed can be edited"_s.arg(
                        QString::number(deliveryId), LogStates::name(current->state)),
                    true);
    }
    DeliveryDefinition def = definition;
    const QJsonObject storedRecipients = current->definition.value(u"recipients"_s).toObject();
    def.csvFile = current->sourceFile.isEmpty() ? storedRecipients.value(u"csv"_s).toString() : current->sourceFile;
    def.emailColumn = current->emailColumn.isEmpty() ? def.emailColumn : current->emailColumn;

    QSqlQuery q(m_store.db());
    q.prepare(u"UPDATE deliveries SET name = ?, definition = ?, state = 'being_edited', analysis_report = NULL, "
              "analyzed_at = NULL, updated_at = ? WHERE id = ?"_s);
    q.addBindValue(def.name);
    q.addBindValue(jsonText(def.toJson()));
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(deliveryId);
    if (!q.exec())
        return fail(u"%1: cannot update delivery %2: %3"_s.arg(m_store.path(), QString::number(deliveryId),
                                                               q.lastError().text()),
                    true);
    // The analysis made these rows from the old definition; the next analysis makes new ones.
    q.prepare(u"DELETE FROM recipient_log WHERE delivery_id = ?"_s);
    q.addBindValue(deliveryId);
    if (!q.exec())
        return fail(u"%1: cannot clear the analysis of delivery %2: %3"_s.arg(
                        m_store.path(), QString::number(deliveryId), q.lastError().text()),
                    true);
    return commit();
}

qint64 DeliveryEditing::duplicate(qint64 deliveryId)
{
    if (!m_store.begin()) {
        fail(u"%1: cannot start a transaction: %2"_s.arg(m_store.path(), m_store.lastError()), false);
        return 0;
    }
    const auto source = load(deliveryId);
    if (!source) {
        m_store.rollback();
        return 0;
    }
    const QString name = copyName(source->name);
    QJsonObject definition = source->definition;
    definition.insert(u"name"_s, name);

    const qint64 now = m_clock.nowMs();
    QSqlQuery q(m_store.db());
    q.prepare(u"INSERT INTO deliveries (name, definition, state, fields, email_column, source_file, imported_rows, "
              "rejected_rows, message_token, created_at, updated_at) "
              "SELECT ?, ?, 'being_edited', fields, email_column, source_file, imported_rows, rejected_rows, ?, ?, ? "
              "FROM deliveries WHERE id = ?"_s);
    q.addBindValue(name);
    q.addBindValue(jsonText(definition));
    q.addBindValue(randomToken());
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(deliveryId);
    if (!q.exec()) {
        fail(
            u"%1: cannot copy delivery %2: %3"_s.arg(m_store.path(), QString::number(deliveryId), q.lastError().text()),
            true);
        return 0;
    }
    const qint64 copyId = q.lastInsertId().toLongLong();
    // In one statement each, in id order, so the copy's recipients keep the original's order.
    const QList<QString> copies = {
        u"INSERT INTO recipients (delivery_id, line, email, email_norm, address_error, fields) "
        "SELECT ?, line, email, email_norm, address_error, fields FROM recipients WHERE delivery_id = ? ORDER BY id"_s,
        u"INSERT INTO import_rejects (delivery_id, line, reason) "
        "SELECT ?, line, reason FROM import_rejects WHERE delivery_id = ? ORDER BY id"_s,
    };
    for (const QString &sql : copies) {
        q.prepare(sql);
        q.addBindValue(copyId);
        q.addBindValue(deliveryId);
        if (!q.exec()) {
            fail(u"%1: cannot copy the recipients of delivery %2: %3"_s.arg(m_store.path(), QString::number(deliveryId),
                                                                            q.lastError().text()),
                 true);
            return 0;
        }
    }
    return commit() ? copyId : 0;
}

bool DeliveryEditing::remove(qint64 deliveryId)
{
    if (!m_store.begin())
        return fail(u"%1: cannot start a transaction: %2"_s.arg(m_store.path(), m_store.lastError()), false);
    const auto current = load(deliveryId);
    if (!current) {
        m_store.rollback();
        return false;
    }
    if (current->state == DeliveryState::InProgress) {
        return fail(u"delivery %1 is in progress: pause or stop it before deleting it"_s.arg(deliveryId), true);
    }
    QSqlQuery q(m_store.db());
    q.prepare(u"DELETE FROM deliveries WHERE id = ?"_s); // recipients, log, attempts, proofs: ON DELETE CASCADE
    q.addBindValue(deliveryId);
    if (!q.exec())
        return fail(u"%1: cannot delete delivery %2: %3"_s.arg(m_store.path(), QString::number(deliveryId),
                                                               q.lastError().text()),
                    true);
    return commit();
}

QList<RecipientSample> DeliveryEditing::firstRecipients(qint64 deliveryId, int limit)
{
    QList<RecipientSample> out;
    QSqlQuery q(m_store.db());
    q.prepare(u"SELECT fields FROM deliveries WHERE id = ?"_s);
    q.addBindValue(deliveryId);
    if (!q.exec() || !q.next()) {
        m_lastError = u"no delivery with id %1"_s.arg(deliveryId);
        return out;
    }
    QStringList fields;
    for (const QJsonValue v : QJsonDocument::fromJson(q.value(0).toByteArray()).array())
        fields.append(v.toString());
    q.prepare(u"SELECT email, fields FROM recipients WHERE delivery_id = ? ORDER BY id LIMIT ?"_s);
    q.addBindValue(deliveryId);
    q.addBindValue(limit);
    if (!q.exec()) {
        m_lastError = u"%1: cannot read the recipients: %2"_s.arg(m_store.path(), q.lastError().text());
        return out;
    }
    while (q.next()) {
        // Values are stored as a JSON array in the order of the delivery's fields.
        const QJsonArray values = QJsonDocument::fromJson(q.value(1).toByteArray()).array();
        RecipientSample r;
        r.email = q.value(0).toString();
        for (qsizetype i = 0; i < fields.size() && i < values.size(); ++i)
            r.values.insert(fields.at(i), values.at(i).toString());
        out.append(r);
    }
    return out;
}

QStringList DeliveryEditing::routeNames()
{
    QStringList names;
    QSqlQuery q(m_store.db());
    if (!q.exec(u"SELECT name FROM routes ORDER BY name"_s)) {
        m_lastError = u"%1: cannot read the routes: %2"_s.arg(m_store.path(), q.lastError().text());
        return names;
    }
    while (q.next())
        names.append(q.value(0).toString());
    return names;
}
