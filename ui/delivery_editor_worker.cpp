#include "delivery_editor_worker.h"

#include "store/store.h"

#include <QFile>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace {

// Larger files are not a message body anyone should send; refuse rather than freeze the editor.
constexpr qint64 MaxTextFileBytes = 5 * 1024 * 1024;

} // namespace

DeliveryEditorWorker::DeliveryEditorWorker(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_path(databasePath)
{
    registerMetaTypes();
}

DeliveryEditorWorker::~DeliveryEditorWorker() = default;

void DeliveryEditorWorker::registerMetaTypes()
{
    qRegisterMetaType<EditableDelivery>();
    qRegisterMetaType<RecipientSample>();
    qRegisterMetaType<QList<RecipientSample>>();
}

void DeliveryEditorWorker::open()
{
    if (m_store)
        return;
    QString error;
    m_store = Store::open(m_path, &error);
    if (!m_store) {
        Q_EMIT failed(error);
        return;
    }
    DeliveryEditing editing(*m_store);
    Q_EMIT routeNamesLoaded(editing.routeNames());
}

void DeliveryEditorWorker::load(qint64 deliveryId)
{
    if (!m_store)
        return;
    DeliveryEditing editing(*m_store);
    const auto delivery = editing.load(deliveryId);
    if (!delivery) {
        Q_EMIT failed(editing.lastError());
        return;
    }
    Q_EMIT loaded(*delivery);
}

void DeliveryEditorWorker::loadRecipients(qint64 deliveryId, int limit)
{
    if (!m_store)
        return;
    DeliveryEditing editing(*m_store);
    Q_EMIT recipientsLoaded(deliveryId, editing.firstRecipients(deliveryId, limit));
}

void DeliveryEditorWorker::save(qint64 deliveryId, const QJsonObject &definition)
{
    if (!m_store) {
        Q_EMIT saveFailed(tr("The database is not open."));
        return;
    }
    // The form checked it already; a definition that still has errors is refused whole.
    const QList<DeliveryDefinition::Error> errors = DeliveryEditing::check(definition);
    if (!errors.isEmpty()) {
        QStringList lines;
        for (const auto &e : errors)
            lines.append(u"field '%1': %2"_s.arg(e.field, e.message));
        Q_EMIT saveFailed(lines.join(u'\n'));
        return;
    }
    QList<DeliveryDefinition::Error> ignored; // the missing recipient file, before any import
    const DeliveryDefinition def = DeliveryDefinition::fromJson(definition, QString(), &ignored);
    DeliveryEditing editing(*m_store);
    const qint64 id = deliveryId == 0 ? editing.create(def) : (editing.update(deliveryId, def) ? deliveryId : 0);
    if (id == 0) {
        Q_EMIT saveFailed(editing.lastError());
        return;
    }
    Q_EMIT saved(id, deliveryId == 0);
    if (const auto delivery = editing.load(id))
        Q_EMIT loaded(*delivery);
}

void DeliveryEditorWorker::readTextFile(int tag, const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        Q_EMIT textFileRead(tag, {}, tr("Cannot read %1: %2").arg(path, f.errorString()));
        return;
    }
    if (f.size() > MaxTextFileBytes) {
        Q_EMIT textFileRead(tag, {}, tr("%1 is larger than 5 MB.").arg(path));
        return;
    }
    // The decoder drops a leading byte order mark and flags any invalid sequence.
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(f.readAll());
    if (decoder.hasError()) {
        Q_EMIT textFileRead(tag, {}, tr("%1 is not valid UTF-8.").arg(path));
        return;
    }
    Q_EMIT textFileRead(tag, text, QString());
}
