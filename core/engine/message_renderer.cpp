#include "message_renderer.h"

#include "common/clock.h"
#include "message/mime_message.h"
#include "recipients/address_validator.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

MessageRenderer::MessageRenderer(const DeliveryDefinition &definition, const QStringList &fields, const Clock &clock)
    : m_def(definition)
    , m_fields(fields)
    , m_clock(clock)
    , m_subject(definition.subject)
    , m_html(definition.html)
    , m_text(definition.text)
{
    for (const auto &[name, value] : std::as_const(definition.headers))
        m_headers.append({name, PersonalizationTemplate(value)});
    if (definition.dkimKeyFile.isEmpty())
        return;
    QString error;
    m_rsaKey = DkimKey::fromPemFile(definition.dkimKeyFile, &error);
    if (m_rsaKey.isNull()) {
        m_error = error;
        return;
    }
    QList<DkimSigner::SigningKey> keys{{&m_rsaKey, definition.dkimSelector}};
    if (!definition.dkimEd25519KeyFile.isEmpty()) {
        m_edKey = DkimKey::fromPemFile(definition.dkimEd25519KeyFile, &error);
        if (m_edKey.isNull()) {
            m_error = error;
            return;
        }
        keys.append({&m_edKey, definition.dkimEd25519Selector.isEmpty()
                                   ? DkimSigner::ed25519Selector(definition.dkimSelector)
                                   : definition.dkimEd25519Selector});
    }
    m_signer = std::make_unique<DkimSigner>(definition.dkimDomain, keys, &m_clock);
    if (!m_signer->isValid(&error)) {
        m_error = error;
        m_signer.reset();
    }
}

MessageRenderer::Rendered MessageRenderer::render(const Recipient &recipient, const QString &subjectPrefix) const
{
    Rendered out;
    const QJsonArray values = QJsonDocument::fromJson(recipient.fieldsJson.toUtf8()).array();
    auto lookup = [&](const QString &name) {
        const qsizetype i = m_fields.indexOf(name);
        return i < 0 ? QString() : values.at(i).toString();
    };
    using Escape = PersonalizationTemplate::Escape;
    MimeContent c;
    c.fromName = m_def.fromName;
    c.fromAddress = AddressValidator::check(m_def.fromAddress).normalized;
    c.replyTo = m_def.replyTo.isEmpty() ? QString() : AddressValidator::check(m_def.replyTo).normalized;
    c.toAddress = recipient.address;
    c.subject = subjectPrefix + m_subject.render(lookup, Escape::Header);
    c.html = m_html.render(lookup, Escape::Html);
    c.text = m_text.render(lookup, Escape::None);
    for (const auto &[name, tpl] : m_headers)
        c.headers.append({name, tpl.render(lookup, Escape::StructuredHeader)});
    c.messageId = recipient.messageId;
    c.date = m_clock.now();
    out.smtpUtf8 = MimeBuilder::needsSmtpUtf8(c);
    QByteArray bytes = MimeBuilder::build(c, &out.error, &out.field);
    if (bytes.isEmpty())
        return out;
    if (m_signer) {
        bytes = m_signer->sign(bytes, &out.error);
        if (bytes.isEmpty()) {
            out.field = u"dkim"_s;
            return out;
        }
    }
    out.data = bytes;
    return out;
}
