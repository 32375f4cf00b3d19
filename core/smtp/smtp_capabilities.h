#pragma once

#include "smtp_reply.h"

#include <QHash>
#include <QString>
#include <QStringList>

// The service extensions a server announced in its EHLO reply (RFC 5321 §4.1.1.1). After
// STARTTLS the client throws the old set away and keeps only what the new EHLO says
// (RFC 3207 §4.2), so this is a plain value built from one reply.
class SmtpCapabilities final
{
public:
    SmtpCapabilities() = default;
    static SmtpCapabilities fromEhloReply(const SmtpReply &reply);

    bool isEmpty() const { return m_keywords.isEmpty(); }
    bool has(const QString &keyword) const; // case-insensitive
    QStringList parameters(const QString &keyword) const;

    // The SIZE limit in bytes; 0 when the server announced no limit or no SIZE.
    qint64 sizeLimit() const;
    // Upper-cased SASL mechanism names.
    QStringList authMechanisms() const;
    // The keywords in the order the server sent them, for the transcript.
    QStringList keywords() const { return m_order; }

private:
    QHash<QString, QStringList> m_keywords; // upper-cased keyword -> parameters
    QStringList m_order;
};
