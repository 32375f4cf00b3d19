#include "recipient_list_import.h"

#include "store/store.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

QString compactJson(const QJsonDocument &doc)
{
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

} // namespace

RecipientListImport::Result RecipientListImport::run(Store &store, const Request &request,
                                                     const std::atomic_bool *cancel, const Progress &progress,
                                                     const Clock &clock)
{
    Result result;
    if (request.emailColumn.trimmed().isEmpty()) {
        result.badInput = true;
        result.error = u"%1: no email column chosen"_s.arg(request.csvPath);
        return result;
    }
    if (!store.begin()) {
        result.error = u"%1: cannot start a transaction: %2"_s.arg(store.path(), store.lastError());
        return result;
    }
    const auto fail = [&](const QString &error, bool badInput) {
        store.rollback();
        result.error = error;
        result.badInput = badInput;
        return result;
    };
    const auto dbError = [&](const QString &what, const QSqlQuery &q) {
        return fail(u"%1: %2: %3"_s.arg(store.path(), what, q.lastError().text()), false);
    };

    QSqlQuery q(store.db());
    q.prepare(u"SELECT state, definition FROM deliveries WHERE id = ?"_s);
    q.addBindValue(request.deliveryId);
    if (!q.exec())
        return dbError(u"cannot read the delivery"_s, q);
    if (!q.next())
        return fail(u"no delivery with id %1"_s.arg(request.deliveryId), true);
    const QString state = q.value(0).toString();
    QJsonObject definition = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
    q.finish();
    static const QStringList editable = {u"being_edited"_s, u"analyzed"_s, u"analysis_failed"_s};
    if (!editable.contains(state))
        return fail(u"delivery %1 is %2: the recipients of a confirmed delivery cannot be replaced"_s.arg(
                        QString::number(request.deliveryId), state),
                    true);

    // Children first: the log rows and attempts point at the recipients.
    const QString deletions[] = {
        u"DELETE FROM recipient_log WHERE delivery_id = ?"_s,
        u"DELETE FROM attempts WHERE delivery_id = ?"_s,
        u"DELETE FROM recipients WHERE delivery_id = ?"_s,
        u"DELETE FROM import_rejects WHERE delivery_id = ?"_s,
    };
    for (const QString &sql : deletions) {
        q.prepare(sql);
        q.addBindValue(request.deliveryId);
        if (!q.exec())
            return dbError(u"cannot remove the previous recipients"_s, q);
    }

    bool canceled = false;
    const auto step = [&](qint64 done, qint64 total) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            canceled = true;
            return false;
        }
        if (progress)
            progress(done, total);
        return true;
    };
    if (cancel && cancel->load()) {
        store.rollback();
        result.canceled = true;
        result.error = u"%1: import canceled"_s.arg(request.csvPath);
        return result;
    }
    RecipientImporter::Options options;
    options.delimiter = request.delimiter;
    options.encoding = request.encoding;
    result.recipients =
        RecipientImporter::run(store.db(), request.deliveryId, request.csvPath, request.emailColumn, options, step);
    if (canceled || (cancel && cancel->load())) {
        store.rollback();
        result.canceled = true;
        result.error = u"%1: import canceled"_s.arg(request.csvPath);
        return result;
    }
    if (!result.recipients.ok)
        return fail(result.recipients.error, result.recipients.inputError);

    // Stored absolute, as a definition's csv is once parsed.
    const QString source = QFileInfo(request.csvPath).absoluteFilePath();
    QJsonObject recipients = definition.value(u"recipients"_s).toObject();
    recipients.insert(u"csv"_s, source);
    recipients.insert(u"email_column"_s, request.emailColumn);
    definition.insert(u"recipients"_s, recipients);

    const qint64 now = clock.nowMs();
    q.prepare(u"UPDATE deliveries SET definition = ?, fields = ?, email_column = ?, source_file = ?, "
              "imported_rows = ?, rejected_rows = ?, state = 'being_edited', analysis_report = NULL, "
              "analyzed_at = NULL, updated_at = ? WHERE id = ?"_s);
    q.addBindValue(compactJson(QJsonDocument(definition)));
    q.addBindValue(compactJson(QJsonDocument(QJsonArray::fromStringList(result.recipients.fields))));
    q.addBindValue(request.emailColumn);
    q.addBindValue(source);
    q.addBindValue(result.recipients.imported);
    q.addBindValue(result.recipients.rejected);
    q.addBindValue(now);
    q.addBindValue(request.deliveryId);
    if (!q.exec())
        return dbError(u"cannot update the delivery"_s, q);

    if (!q.exec(u"COMMIT"_s))
        return dbError(u"cannot commit the import"_s, q);
    result.ok = true;
    return result;
}
