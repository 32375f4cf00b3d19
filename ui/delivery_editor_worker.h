#pragma once

#include "delivery/delivery_editing.h"

#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <memory>

class Store;

Q_DECLARE_METATYPE(EditableDelivery)
Q_DECLARE_METATYPE(RecipientSample)

// The delivery editor's door to the database and the file system. Like StoreWorker it lives
// on its own QThread with its own Store, and answers queued requests with signals, so the
// editor's GUI thread never runs SQL or reads files.
class DeliveryEditorWorker final : public QObject
{
    Q_OBJECT

public:
    explicit DeliveryEditorWorker(const QString &databasePath, QObject *parent = nullptr);
    ~DeliveryEditorWorker() override;

    static void registerMetaTypes();

    // Request slots (queued calls from the GUI thread).
    void open();
    void load(qint64 deliveryId);
    void loadRecipients(qint64 deliveryId, int limit);
    // Creates the delivery when deliveryId is 0, else updates it.
    void save(qint64 deliveryId, const QJsonObject &definition);
    // Reads a UTF-8 text file (HTML or text part); tag comes back with the answer.
    void readTextFile(int tag, const QString &path);

Q_SIGNALS:
    void failed(const QString &error);
    void loaded(const EditableDelivery &delivery);
    void routeNamesLoaded(const QStringList &names);
    void recipientsLoaded(qint64 deliveryId, const QList<RecipientSample> &recipients);
    void saved(qint64 deliveryId, bool created);
    void saveFailed(const QString &error);
    void textFileRead(int tag, const QString &text, const QString &error);

private:
    QString m_path;
    std::unique_ptr<Store> m_store;
};
