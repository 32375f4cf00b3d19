#include "proof_sender.h"

#include "delivery/delivery_definition.h"
#include "message_renderer.h"
#include "recipients/address_validator.h"
#include "routing/route_endpoint.h"
#include "sandbox/sandbox_server.h"
#include "smtp/smtp_session.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
// The outcome of a proof that was never handed to the server (it could not be built or queued).
QString notSent()
{
    return u"not_sent"_s;
}
} // namespace

ProofSender::ProofSender(Store &store, qint64 deliveryId, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_deliveryId(deliveryId)
    , m_clock(clock)
{}

ProofSender::~ProofSender()
{
    if (m_session)
        m_session->abort();
}

bool ProofSender::start(const QStringList &addresses, const QString &password)
{
    if (addresses.isEmpty() || addresses.size() > MaxAddresses) {
        m_error = u"a proof goes to 1 to %1 addresses, not %2"_s.arg(MaxAddresses).arg(addresses.size());
        return false;
    }
    QStringList normalized;
    for (const QString &a : addresses) {
        const AddressCheck c = AddressValidator::check(a);
        if (!c.isValid()) {
            m_error = u"the proof address '%1' is not valid: %2"_s.arg(a, c.reason.isEmpty() ? u"missing"_s : c.reason);
            return false;
        }
        normalized.append(c.normalized);
    }
    QSqlDatabase db = m_store.db();
    QSqlQuery q(db);
    q.prepare(u"SELECT definition, fields, message_token FROM deliveries WHERE id = ?"_s);
    q.addBindValue(m_deliveryId);
    if (!q.exec() || !q.next()) {
        m_error = u"no delivery with id %1"_s.arg(m_deliveryId);
        return false;
    }
    QList<DeliveryDefinition::Error> defErrors;
    const DeliveryDefinition def =
        DeliveryDefinition::fromJson(QJsonDocument::fromJson(q.value(0).toByteArray()).object(), {}, &defErrors);
    QStringList fields;
    for (const QJsonValue v : QJsonDocument::fromJson(q.value(1).toByteArray()).array())
        fields.append(v.toString());
    const QString token = q.value(2).toString();

    std::optional<RouteConfig> route = RouteEndpoint::load(db, def.route, &m_error);
    if (!route)
        return false;
    // The sandbox route: its local sink, started for this proof, answers per recipient domain.
    if (route->type == RouteConfig::Type::Sandbox && !(m_sandbox = SandboxServer::startFor(&*route, &m_error)))
        return false;
    // A pool's proof goes through its first relay member, so the person knows which relay it took.
    if (route->type == RouteConfig::Type::Pool) {
        const auto relay = std::find_if(route->members.cbegin(), route->members.cend(), [](const RoutePoolMember &m) {
            return m.route.type == RouteConfig::Type::Relay;
        });
        if (relay == route->members.cend()) {
            m_error = u"proofs go through a relay route or the sandbox; this delivery's pool has only direct members"_s;
            return false;
        }
        // Its password, when the application keeps it, is the one asked for (routePasswordNeed).
        route = RouteConfig(relay->route);
    }
    if (route->type == RouteConfig::Type::Direct) {
        m_error = u"proofs go through a relay route or the sandbox; this delivery's route is %1"_s.arg(
            RouteConfig::typeName(route->type));
        return false;
    }
    SmtpEndpoint endpoint;
    if (!RouteEndpoint::build(*route, &endpoint, &m_error, password))
        return false;
    m_renderer = std::make_shared<MessageRenderer>(def, fields, m_clock);
    if (!m_renderer->isValid()) {
        m_error = u"DKIM: "_s + m_renderer->error();
        return false;
    }

    // Personalized with the first target rows: deliverable ones when analyzed, else the first imported.
    q.prepare(u"SELECT r.fields FROM recipients r LEFT JOIN recipient_log l ON l.recipient_id = r.id "
              "WHERE r.delivery_id = ? AND (l.state IS NULL OR l.state <> 'ignored') ORDER BY r.id LIMIT ?"_s);
    q.addBindValue(m_deliveryId);
    q.addBindValue(int(addresses.size()));
    QStringList rows;
    if (q.exec()) {
        while (q.next())
            rows.append(q.value(0).toString());
    }
    if (rows.isEmpty()) {
        m_error = u"delivery %1 has no recipient to personalize the proof with"_s.arg(m_deliveryId);
        return false;
    }
    q.finish();
    if (!reserve(normalized))
        return false;

    // The proof goes over one connection: it must take every address, whatever the route's
    // max_messages_per_connection says (a proof has at most MaxAddresses of them).
    endpoint.maxMessagesPerConnection =
        std::max(endpoint.maxMessagesPerConnection, std::min(int(normalized.size()), int(MaxAddresses)));

    const QString fromDomain = AddressValidator::check(def.fromAddress).normalized.section(u'@', 1);
    m_session = new SmtpSession(endpoint, this);
    connect(m_session, &SmtpSession::messageFinished, this, &ProofSender::onOutcome);
    for (qsizetype i = 0; i < normalized.size(); ++i) {
        MessageRenderer::Recipient r;
        r.address = normalized.at(i);
        r.fieldsJson = rows.at(i % rows.size());
        r.messageId = u"<proof.%1.%2.%3.%4@%5>"_s.arg(m_deliveryId).arg(m_number).arg(i).arg(token, fromDomain);
        const MessageRenderer::Rendered rendered = m_renderer->render(r, u"[Proof #%1] "_s.arg(m_number));
        m_results.append({addresses.at(i), false, rendered.error});
        if (rendered.data.isEmpty()) {
            record(i, notSent(), rendered.error, {});
            continue;
        }
        SmtpEnvelope env;
        env.tag = quint64(i);
        env.mailFrom = AddressValidator::check(def.fromAddress).normalized;
        env.rcptTo = r.address;
        env.data = rendered.data;
        env.smtpUtf8 = rendered.smtpUtf8;
        if (m_session->submit(env)) {
            ++m_pending;
        } else {
            m_results.last().reply = u"local: the SMTP session did not take the message"_s;
            record(i, notSent(), m_results.last().reply, {});
        }
    }
    if (m_pending == 0) {
        m_error = u"no proof could be built: %1"_s.arg(m_results.first().reply);
        return false;
    }
    m_session->start();
    return true;
}

bool ProofSender::reserve(const QStringList &addresses)
{
    // The number and one row per address are written in one write transaction, so two proofs
    // started at the same time (CLI and GUI) cannot take the same number. The rows are
    // "pending" until the outcome of their message replaces them.
    if (!m_store.begin()) {
        m_error = u"%1: cannot start a transaction: %2"_s.arg(m_store.path(), m_store.lastError());
        return false;
    }
    QSqlQuery q(m_store.db());
    auto fail = [&](const QString &what) {
        m_error = u"%1: %2: %3"_s.arg(m_store.path(), what, q.lastError().text());
        q.finish();
        m_store.rollback();
        m_number = 0;
        m_rowIds.clear();
        return false;
    };
    q.prepare(u"SELECT coalesce(max(number), 0) + 1 FROM proofs WHERE delivery_id = ?"_s);
    q.addBindValue(m_deliveryId);
    if (!q.exec() || !q.next())
        return fail(u"cannot number the proof"_s);
    m_number = q.value(0).toInt();
    q.finish();
    const qint64 now = m_clock.nowMs();
    q.prepare(u"INSERT INTO proofs (delivery_id, number, address, sent_at, outcome) VALUES (?, ?, ?, ?, ?)"_s);
    for (const QString &address : addresses) {
        q.addBindValue(m_deliveryId);
        q.addBindValue(m_number);
        q.addBindValue(address);
        q.addBindValue(now);
        q.addBindValue(u"pending"_s);
        if (!q.exec())
            return fail(u"cannot record the proof"_s);
        m_rowIds.append(q.lastInsertId().toLongLong());
    }
    q.finish();
    if (!q.exec(u"COMMIT"_s))
        return fail(u"cannot commit the proof"_s);
    return true;
}

void ProofSender::record(qsizetype index, const QString &outcome, const QString &reply, const QString &transcript)
{
    QSqlQuery q(m_store.db());
    q.prepare(u"UPDATE proofs SET sent_at = ?, outcome = ?, reply = ?, transcript = ? WHERE id = ?"_s);
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(outcome);
    q.addBindValue(reply.isNull() ? u""_s : reply);
    q.addBindValue(transcript.isNull() ? u""_s : transcript);
    q.addBindValue(m_rowIds.value(index));
    if (!q.exec())
        qWarning("proof #%d: cannot record the outcome for %s: %s", m_number,
                 qPrintable(m_results.value(index).address), qPrintable(q.lastError().text()));
}

void ProofSender::onOutcome(const SmtpOutcome &outcome)
{
    const qsizetype index = qsizetype(outcome.tag);
    Result &r = m_results[index];
    r.accepted = outcome.isAccepted();
    r.reply = outcome.reply.toString();
    record(index, SmtpOutcome::kindName(outcome.kind), r.reply, outcome.transcript);
    if (--m_pending == 0) {
        m_session->finish();
        Q_EMIT finished(m_results);
    }
}
