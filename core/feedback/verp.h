#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <optional>

// VERP tokens (docs/product.md §4): each message's envelope sender is bounces+TOKEN@domain, where
// TOKEN names the delivery and the recipient and carries an HMAC-SHA256 under a key kept in the
// database, so a report sent to that address is matched to exactly one recipient and a forged
// one (another delivery's recipient, a made-up id) is recognized and never fails anyone. The
// same token is the DSN ENVID. Lower-case letters, digits and '-' only: some MTAs lower-case
// the local part, and every MTA carries these unchanged.
class VerpKey final
{
public:
    explicit VerpKey(QByteArray key);

    // The database's key, created (32 random bytes) the first time. Inside the caller's
    // transaction when it has one.
    static std::optional<VerpKey> load(QSqlDatabase db, QString *error);

    struct Target
    {
        qint64 deliveryId = 0;
        qint64 recipientId = 0;
    };

    // "d12r3456-0123456789abcdef"
    QString token(qint64 deliveryId, qint64 recipientId) const;
    // The ids when the token is well-formed and its HMAC is right; nullopt otherwise.
    std::optional<Target> verify(const QString &token) const;

    // bounces@acme.example + token -> bounces+TOKEN@acme.example
    static QString address(const QString &bounceAddress, const QString &token);
    // The token of a VERP address (the part after the first '+' of the local part); empty if none.
    static QString tokenOf(const QString &address);

private:
    QByteArray mac(qint64 deliveryId, qint64 recipientId) const;
    QByteArray m_key;
};
