#pragma once

// Text helpers shared by the two halves of ImapClient (imap_client.cpp: the connection, TLS,
// login and the command loop; imap_client_commands.cpp: the mailbox commands and the test).

#include "imap_response_parser.h"

#include <QSslCertificate>
#include <QString>
#include <algorithm>

namespace ImapText {

inline QString latin(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes);
}

inline QString statusText(const ImapResponse &r)
{
    QString s = latin(r.keyword);
    if (!r.code.isEmpty())
        s += QStringLiteral(" [") + latin(r.code) +
             (r.codeArguments.isEmpty() ? QString() : u' ' + latin(r.codeArguments)) + u']';
    if (!r.text.isEmpty())
        s += u' ' + QString::fromUtf8(r.text.first(std::min<qsizetype>(r.text.size(), 300)));
    return s;
}

inline QString certificateSummary(const QSslCertificate &cert)
{
    if (cert.isNull())
        return QString();
    return QStringLiteral("subject: %1; issuer: %2; valid until %3")
        .arg(cert.subjectDisplayName(), cert.issuerDisplayName(), cert.expiryDate().toUTC().toString(Qt::ISODate));
}

} // namespace ImapText
