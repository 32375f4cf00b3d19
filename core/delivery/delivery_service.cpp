#include "delivery_service.h"

#include "analysis/analyzer.h"
#include "delivery/delivery_definition.h"
#include "log/log_table.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

QString randomToken()
{
    // Part of every Message-ID of the delivery: unguessable, stable once stored.
    const quint64 n = QRandomGenerator::system()->generate64();
    return QString::number(n, 36);
}

QString jsonText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// Commits the open transaction. A COMMIT that fails (busy, a deferred constraint) leaves the
// transaction open and the connection holding the write lock, so it is rolled back here.
bool commitOrRollback(Store &store, QString *error)
{
    QSqlQuery q(store.db());
    if (q.exec(u"COMMIT"_s))
        return true;
    *error = q.lastError().text();
    store.rollback();
    return false;
}

} // namespace

DeliveryService::DeliveryService(Store &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
{}

DeliveryService::ImportResult DeliveryService::importDefinition(const QString &definitionPath,
                                                                const RecipientImporter::Progress &progress)
{
    ImportResult result;
    const DeliveryDefinition def = DeliveryDefinition::fromFile(definitionPath, &result.errors);
    if (!result.errors.isEmpty()) {
        result.badInput = true;
        return result;
    }
    if (!m_store.begin()) {
        result.errors.append(u"%1: cannot start a transaction: %2"_s.arg(m_store.path(), m_store.lastError()));
        return result;
    }
    auto fail = [&](const QString &error, bool badInput) {
        m_store.rollback();
        result.errors.append(error);
        result.badInput = badInput;
        return result;
    };

    const qint64 now = m_clock.nowMs();
    QSqlQuery q(m_store.db());
    q.prepare(u"INSERT INTO deliveries (name, definition, state, email_column, source_file, message_token, "
              "created_at, updated_at) VALUES (?, ?, 'being_edited', ?, ?, ?, ?, ?)"_s);
    q.addBindValue(def.name);
    q.addBindValue(jsonText(def.toJson()));
    q.addBindValue(def.emailColumn);
    q.addBindValue(def.csvFile);
    q.addBindValue(randomToken());
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec())
        return fail(u"%1: cannot create the delivery: %2"_s.arg(m_store.path(), q.lastError().text()), false);
    const qint64 id = q.lastInsertId().toLongLong();

    result.recipients = RecipientImporter::run(m_store.db(), id, def.csvFile, def.emailColumn, progress);
    if (!result.recipients.ok)
        return fail(result.recipients.error, result.recipients.inputError);

    q.prepare(u"UPDATE deliveries SET fields = ?, imported_rows = ?, rejected_rows = ? WHERE id = ?"_s);
    q.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(result.recipients.fields)).toJson(QJsonDocument::Compact)));
    q.addBindValue(result.recipients.imported);
    q.addBindValue(result.recipients.rejected);
    q.addBindValue(id);
    if (!q.exec())
        return fail(u"%1: cannot update the delivery: %2"_s.arg(m_store.path(), q.lastError().text()), false);
    QString commitError;
    if (!commitOrRollback(m_store, &commitError)) {
        result.errors.append(u"%1: cannot commit the import: %2"_s.arg(m_store.path(), commitError));
        return result;
    }
    result.ok = true;
    result.deliveryId = id;
    return result;
}

DeliveryService::AnalyzeResult DeliveryService::analyze(qint64 deliveryId)
{
    AnalyzeResult result;
    // The DNS first, outside the write transaction (seconds when a name server is slow).
    Analyzer::DnsAnswers dns;
    {
        QSqlQuery q(m_store.db());
        q.prepare(u"SELECT definition FROM deliveries WHERE id = ?"_s);
        q.addBindValue(deliveryId);
        if (q.exec() && q.next()) {
            QList<DeliveryDefinition::Error> ignored; // reported by the analysis itself
            const QJsonObject json = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
            q.finish();
            dns = Analyzer::lookUpDns(m_store.db(), deliveryId, DeliveryDefinition::fromJson(json, {}, &ignored));
        }
    }
    if (!m_store.begin()) {
        result.error = u"%1: cannot start a transaction: %2"_s.arg(m_store.path(), m_store.lastError());
        return result;
    }
    QSqlQuery q(m_store.db());
    q.prepare(u"SELECT definition, fields, state, message_token FROM deliveries WHERE id = ?"_s);
    q.addBindValue(deliveryId);
    if (!q.exec() || !q.next()) {
        m_store.rollback();
        result.error = u"no delivery with id %1"_s.arg(deliveryId);
        return result;
    }
    const QJsonObject json = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
    QStringList fields;
    for (const QJsonValue v : QJsonDocument::fromJson(q.value(1).toByteArray()).array())
        fields.append(v.toString());
    const QString state = q.value(2).toString();
    const QString token = q.value(3).toString();
    q.finish();

    static const QStringList analyzable = {u"being_edited"_s, u"analyzed"_s, u"analysis_failed"_s};
    if (!analyzable.contains(state)) {
        m_store.rollback();
        result.error = u"delivery %1 is %2: only a delivery that has not been confirmed can be analyzed"_s.arg(
            QString::number(deliveryId), state);
        return result;
    }

    QList<DeliveryDefinition::Error> defErrors;
    const DeliveryDefinition def = DeliveryDefinition::fromJson(json, {}, &defErrors);
    const qint64 now = m_clock.nowMs();
    Analyzer analyzer(m_store.db(), deliveryId, def, fields, token, now);
    analyzer.setDnsAnswers(std::move(dns));
    for (const auto &e : defErrors)
        result.report.add(AnalysisReport::Level::Error, u"definition"_s, u"field '%1': %2"_s.arg(e.field, e.message));
    if (!analyzer.run(&result.report)) {
        m_store.rollback();
        result.error = u"%1: the analysis failed: %2"_s.arg(m_store.path(), analyzer.error());
        return result;
    }

    q.prepare(u"UPDATE deliveries SET analysis_report = ?, state = ?, analyzed_at = ?, updated_at = ? WHERE id = ?"_s);
    q.addBindValue(jsonText(result.report.toJson()));
    q.addBindValue(LogStates::name(result.report.blocked() ? DeliveryState::AnalysisFailed : DeliveryState::Analyzed));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(deliveryId);
    if (!q.exec()) {
        const QString err = q.lastError().text();
        m_store.rollback();
        result.error = u"%1: cannot store the analysis: %2"_s.arg(m_store.path(), err);
        return result;
    }
    QString commitError;
    if (!commitOrRollback(m_store, &commitError)) {
        result.error = u"%1: cannot commit the analysis: %2"_s.arg(m_store.path(), commitError);
        return result;
    }
    result.ok = true;
    return result;
}

QList<DeliveryService::EventResult> DeliveryService::applyEvents(const QList<QPair<qint64, LogEvent>> &events, bool *ok)
{
    QList<EventResult> out;
    bool dummy = false;
    bool &success = ok ? *ok : dummy;
    success = false;
    if (!m_store.begin()) {
        m_lastError = m_store.lastError();
        return out;
    }
    LogTable table(m_store.db());
    const qint64 now = m_clock.nowMs();
    for (const auto &[recipientId, event] : events) {
        bool dbError = false;
        EventResult er{recipientId, table.apply(recipientId, event, now, &dbError)};
        if (dbError) {
            m_lastError = table.error();
            m_store.rollback();
            return {};
        }
        out.append(er);
    }
    if (!commitOrRollback(m_store, &m_lastError))
        return {};
    success = true;
    return out;
}

bool DeliveryService::setState(qint64 deliveryId, DeliveryState state)
{
    QSqlQuery q(m_store.db());
    const qint64 now = m_clock.nowMs();
    q.prepare(u"UPDATE deliveries SET state = ?, updated_at = ? WHERE id = ?"_s);
    q.addBindValue(LogStates::name(state));
    q.addBindValue(now);
    q.addBindValue(deliveryId);
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        return false;
    }
    return true;
}

bool DeliveryService::cancelPending(qint64 deliveryId)
{
    QSqlQuery q(m_store.db());
    q.prepare(
        u"SELECT recipient_id FROM recipient_log WHERE delivery_id = ? AND state = 'pending' AND in_flight = 0"_s);
    q.addBindValue(deliveryId);
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        return false;
    }
    QList<QPair<qint64, LogEvent>> events;
    LogEvent cancel;
    cancel.kind = LogEvent::Kind::Canceled;
    while (q.next())
        events.append({q.value(0).toLongLong(), cancel});
    bool ok = false;
    applyEvents(events, &ok);
    return ok;
}
