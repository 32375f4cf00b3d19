#pragma once

#include "delivery/delivery_definition.h"
#include "message/dkim_key.h"
#include "message/dkim_signer.h"
#include "message/personalization_template.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>
#include <memory>

// Turns a delivery's templates and one recipient's fields into the signed bytes that go on the
// wire. Built once per delivery; render() is const and safe to call from the worker pool.
class MessageRenderer final
{
public:
    struct Recipient
    {
        qint64 id = 0;
        QString address;    // normalized (A-label domain)
        QString display;    // as the user wrote it
        QString fieldsJson; // the CSV row as a JSON array, in header order
        QString messageId;
    };

    struct Rendered
    {
        QByteArray data; // CRLF, signed, not dot-stuffed; empty on error
        bool smtpUtf8 = false;
        QString error;
        QString field; // the definition field the builder refused ("subject", "headers.X"), or empty
    };

    // Loads the DKIM keys named by the definition; error() says what failed.
    MessageRenderer(const DeliveryDefinition &definition, const QStringList &fields, const Clock &clock);

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    bool signs() const { return m_signer != nullptr; }

    Rendered render(const Recipient &recipient, const QString &subjectPrefix = {}) const;

private:
    DeliveryDefinition m_def;
    QStringList m_fields;
    const Clock &m_clock;
    PersonalizationTemplate m_subject;
    PersonalizationTemplate m_html;
    PersonalizationTemplate m_text;
    QList<QPair<QString, PersonalizationTemplate>> m_headers;
    DkimKey m_rsaKey;
    DkimKey m_edKey;
    std::unique_ptr<DkimSigner> m_signer;
    QString m_error;
};
