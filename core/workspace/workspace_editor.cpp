// The delivery editor's part of the Workspace (workspace.h).

#include "workspace.h"

#include <QFile>
#include <QStringDecoder>
#include <QThreadPool>

using namespace Qt::StringLiterals;

QFuture<WorkspaceResult<QStringList>> Workspace::routeNames()
{
    return m_executor.run([](Store &store) {
        WorkspaceResult<QStringList> r;
        DeliveryEditing editing(store);
        r.value = editing.routeNames();
        return r;
    });
}

QFuture<WorkspaceResult<EditableDelivery>> Workspace::editableDelivery(qint64 deliveryId)
{
    return m_executor.run([deliveryId](Store &store) {
        WorkspaceResult<EditableDelivery> r;
        DeliveryEditing editing(store);
        r.value = editing.load(deliveryId);
        if (!r.value)
            r.error = editing.lastError();
        return r;
    });
}

QFuture<QList<RecipientSample>> Workspace::recipientSample(qint64 deliveryId, int limit)
{
    return m_executor.run(
        [deliveryId, limit](Store &store) { return DeliveryEditing(store).firstRecipients(deliveryId, limit); });
}

QFuture<WorkspaceResult<Workspace::SavedDelivery>> Workspace::saveDelivery(qint64 deliveryId,
                                                                           const QJsonObject &definition)
{
    return m_executor.run([deliveryId, definition](Store &store) {
        WorkspaceResult<SavedDelivery> r;
        // The form checked it already; a definition that still has errors is refused whole.
        const QList<DeliveryDefinition::Error> errors = DeliveryEditing::check(definition);
        if (!errors.isEmpty()) {
            QStringList lines;
            for (const auto &e : errors)
                lines.append(u"field '%1': %2"_s.arg(e.field, e.message));
            r.error = lines.join(u'\n');
            return r;
        }
        QList<DeliveryDefinition::Error> ignored; // the missing recipient file, before any import
        const DeliveryDefinition def = DeliveryDefinition::fromJson(definition, QString(), &ignored);
        DeliveryEditing editing(store);
        const qint64 id = deliveryId == 0 ? editing.create(def) : (editing.update(deliveryId, def) ? deliveryId : 0);
        if (id == 0) {
            r.error = editing.lastError();
            return r;
        }
        r.value = SavedDelivery{id, deliveryId == 0, editing.load(id)};
        return r;
    });
}

QFuture<Workspace::TextFile> Workspace::readTextFile(const QString &path)
{
    auto promise = std::make_shared<QPromise<TextFile>>();
    QFuture<TextFile> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, path] {
        TextFile result;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            result.problem = TextFile::Problem::CannotRead;
            result.detail = f.errorString();
        } else if (f.size() > MaxTextFileBytes) {
            // Not a message body anyone should send: refused rather than freezing the editor.
            result.problem = TextFile::Problem::TooLarge;
        } else {
            // The decoder drops a leading byte order mark and flags any invalid sequence. Stateless:
            // the file is all there is, so a sequence cut off at its end is an error too.
            QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            result.text = decoder(f.readAll());
            if (decoder.hasError()) {
                result.problem = TextFile::Problem::NotUtf8;
                result.text.clear();
            }
        }
        promise->addResult(result);
        promise->finish();
    });
    return future;
}
