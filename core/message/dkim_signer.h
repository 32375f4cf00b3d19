#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

class Clock;
class DkimKey;

// Adds DKIM signatures (RFC 6376) to a message built by MimeBuilder, before dot-stuffing:
// one rsa-sha256 signature, optionally followed by an ed25519-sha256 one (RFC 8463; never
// alone, since many receivers only verify RSA). c=relaxed/relaxed, no l= (a body length
// would let anyone append content, docs/reliability.md D3), t= from the injected clock.
// h= lists the fields of signedHeaderNames() that the message has, each instance of them,
// and From and Subject once more than they occur, so that a From or Subject added later
// breaks the signature. The signer holds pointers to the keys; they must outlive it.
// sign() is const and thread-safe: one signer serves a whole worker pool.
class DkimSigner final
{
public:
    struct SigningKey
    {
        const DkimKey *key = nullptr;
        QString selector;
    };

    // keys: the RSA key first, optionally an Ed25519 key second. The RSA key is published
    // under selector, the Ed25519 key under ed25519Selector(selector) (a DNS name holds one
    // key record, so the two keys cannot share a selector).
    DkimSigner(const QString &domain, const QString &selector, const QList<const DkimKey *> &keys,
               const Clock *clock = nullptr);
    // Each key with its own selector, same ordering rule.
    DkimSigner(const QString &domain, const QList<SigningKey> &keys, const Clock *clock = nullptr);

    static QString ed25519Selector(const QString &selector);
    // The fields signed when present, lower case, in h= order.
    static const QList<QByteArray> &signedHeaderNames();

    // Whether domain, selectors and keys make a usable signer; *error says what is wrong.
    bool isValid(QString *error) const;

    // The message with the DKIM-Signature fields prepended (RSA first), or an empty array
    // with *error set. The message must use CRLF only and have exactly one From field. A
    // final CRLF is added when the message lacks one, as SMTP would add it anyway.
    QByteArray sign(const QByteArray &message, QString *error) const;

private:
    QString m_domain;
    QList<SigningKey> m_keys;
    const Clock *m_clock = nullptr;
};
