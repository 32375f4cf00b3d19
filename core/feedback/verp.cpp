#include "verp.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {
const QString settingKey = u"verp_key"_s;
constexpr int MacHexLength = 16; // 64 bits: a forger has one chance in 2^64 per try
} // namespace

VerpKey::VerpKey(QByteArray key)
    : m_key(std::move(key))
{}

namespace {

// The stored key, or an empty array when there is none (or it is too short to be one).
std::optional<QByteArray> storedKey(QSqlDatabase db, QString *error)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT value FROM settings WHERE key = ?"_s);
    q.addBindValue(settingKey);
    if (!q.exec()) {
        if (error)
            *error = u"cannot read the VERP key: %1"_s.arg(q.lastError().text());
        return std::nullopt;
    }
    if (!q.next())
        return QByteArray();
    const QByteArray key = QByteArray::fromHex(q.value(0).toString().toLatin1());
    return key.size() >= 16 ? key : QByteArray();
}

} // namespace

std::optional<VerpKey> VerpKey::load(QSqlDatabase db, QString *error)
{
    std::optional<QByteArray> key = storedKey(db, error);
    if (!key)
        return std::nullopt;
    if (!key->isEmpty())
        return VerpKey(*key);
    // None yet. Another connection (the engine and the mailbox reader of one process, or two
    // processes) may be creating one at the same moment: the first write wins and everyone uses
    // the stored key, so no token is ever signed with a key that is later replaced. A value too
    // short to be a key is replaced.
    QByteArray fresh(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(fresh.data()),
                                         reinterpret_cast<quint32 *>(fresh.data() + fresh.size()));
    QSqlQuery w(db);
    w.prepare(u"INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
              "value = excluded.value WHERE length(settings.value) < 32"_s);
    w.addBindValue(settingKey);
    w.addBindValue(QString::fromLatin1(fresh.toHex()));
    if (!w.exec()) {
        if (error)
            *error = u"cannot store the VERP key: %1"_s.arg(w.lastError().text());
        return std::nullopt;
    }
    key = storedKey(db, error);
    if (!key)
        return std::nullopt;
    if (key->isEmpty()) {
        if (error)
            *error = u"cannot store the VERP key: it reads back empty"_s;
        return std::nullopt;
    }
    return VerpKey(*key);
}

QByteArray VerpKey::mac(qint64 deliveryId, qint64 recipientId) const
{
    const QByteArray message =
        "sendscope-verp:" + QByteArray::number(deliveryId) + ':' + QByteArray::number(recipientId);
    return QMessageAuthenticationCode::hash(message, m_key, QCryptographicHash::Sha256).toHex().left(MacHexLength);
}

QString VerpKey::token(qint64 deliveryId, qint64 recipientId) const
{
    return u"d%1r%2-%3"_s.arg(deliveryId).arg(recipientId).arg(QString::fromLatin1(mac(deliveryId, recipientId)));
}

std::optional<VerpKey::Target> VerpKey::verify(const QString &token) const
{
    static const QRegularExpression shape(u"^d([1-9][0-9]{0,17})r([1-9][0-9]{0,17})-([0-9a-f]{16})$"_s);
    const auto m = shape.match(token.toLower());
    if (!m.hasMatch())
        return std::nullopt;
    bool ok1 = false;
    bool ok2 = false;
    const Target t{m.captured(1).toLongLong(&ok1), m.captured(2).toLongLong(&ok2)};
    if (!ok1 || !ok2)
        return std::nullopt;
    const QByteArray expected = mac(t.deliveryId, t.recipientId);
    const QByteArray given = m.captured(3).toLatin1();
    // Constant-time comparison: the time taken says nothing about how much of a forgery is right.
    unsigned char diff = 0;
    for (int i = 0; i < MacHexLength; ++i)
        diff |= static_cast<unsigned char>(expected[i] ^ given[i]);
    if (diff != 0)
        return std::nullopt;
    return t;
}

QString VerpKey::address(const QString &bounceAddress, const QString &token)
{
    const qsizetype at = bounceAddress.lastIndexOf(u'@');
    if (at <= 0)
        return bounceAddress;
    return bounceAddress.left(at) + u'+' + token + bounceAddress.mid(at);
}

QString VerpKey::tokenOf(const QString &address)
{
    const qsizetype at = address.lastIndexOf(u'@');
    const QString local = at < 0 ? address : address.left(at);
    const qsizetype plus = local.indexOf(u'+');
    return plus < 0 ? QString() : local.mid(plus + 1);
}
