#include "proof_sender.h"

#include "delivery/delivery_definition.h"
#include "message_renderer.h"
#include "recipients/address_validator.h"
#include "routing/route_endpoint.h"
#include "smtp/smtp_session.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

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

bool ProofSender::start(const QStringList &addresses)
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
    for (const QJsonValue &v : QJsonDocument::fromJson(q.value(1).toByteArray()).array())
        fields.append(v.toString());
    const QString token = q.value(2).toString();

    const std::optional<RouteConfig> route = RouteEndpoint::load(db, def.route, &m_error);
    if (!route)
        return false;
    if (route->type != RouteConfig::Type::Relay) {
        m_error =
            u"proofs go through a relay route; this delivery's route is %1"_s.arg(RouteConfig::typeName(route->type));
        return false;
    }
    SmtpEndpoint endpoint;
    if (!RouteEndpoint::build(*route, &endpoint, &m_error))
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
    q.prepare(u"SELECT coalesce(max(number), 0) + 1 FROM proofs WHERE delivery_id = ?"_s);
    q.addBindValue(m_deliveryId);
    m_number = q.exec() && q.next() ? q.value(0).toInt() : 1;

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
        if (rendered.data.isEmpty())
            continue;
        SmtpEnvelope env;
        env.tag = quint64(i);
        env.mailFrom = AddressValidator::check(def.fromAddress).normalized;
        env.rcptTo = r.address;
        env.data = rendered.data;
        env.smtpUtf8 = rendered.smtpUtf8;
        if (m_session->submit(env))
            ++m_pending;
    }
    if (m_pending == 0) {
        m_error = u"no proof could be built: %1"_s.arg(m_results.first().reply);
        return false;
    }
    m_session->start();
    return true;
}

void ProofSender::onOutcome(const SmtpOutcome &outcome)
{
    Result &r = m_results[qsizetype(outcome.tag)];
    r.accepted = outcome.isAccepted();
    r.reply = outcome.reply.toString();
    QSqlQuery q(m_store.db());
    q.prepare(u"INSERT INTO proofs (delivery_id, number, address, sent_at, outcome, reply, transcript) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(m_deliveryId);
    q.addBindValue(m_number);
    q.addBindValue(r.address);
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(SmtpOutcome::kindName(outcome.kind));
    q.addBindValue(r.reply);
    q.addBindValue(outcome.transcript.isNull() ? u""_s : outcome.transcript);
    q.exec();
    if (--m_pending == 0) {
        m_session->finish();
        Q_EMIT finished(m_results);
    }
}
