#include "dkim_key.h"

#include "common/sha256.h"

#include <QFile>
#include <QRegularExpression>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <mutex>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kEd25519KeyLength = 32;

QString openSslError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return u"unknown OpenSSL error"_s;
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

// A TXT value as a resolver or zone file may present it: plain, or as quoted strings
// (`"v=DKIM1; k=rsa; " "p=MIIB..."`, possibly inside parentheses) that concatenate.
QString unquoteTxt(const QString &txt)
{
    if (!txt.contains(u'"'))
        return txt;
    QString out;
    static const QRegularExpression quotedString(u"\"((?:[^\"\\\\]|\\\\.)*)\""_s);
    for (const QRegularExpressionMatch &m : quotedString.globalMatch(txt))
        out += m.captured(1);
    return out;
}

} // namespace

struct DkimKey::RsaContexts
{
    std::mutex mutex;
    std::vector<EVP_PKEY_CTX *> idle;

    ~RsaContexts()
    {
        for (EVP_PKEY_CTX *ctx : idle)
            EVP_PKEY_CTX_free(ctx);
    }
};

DkimKey::DkimKey() = default;

DkimKey::DkimKey(evp_pkey_st *key)
    : m_key(key)
    , m_rsaContexts(std::make_unique<RsaContexts>())
{}

DkimKey::~DkimKey()
{
    m_rsaContexts.reset(); // each context holds a reference to the key
    EVP_PKEY_free(m_key);
}

DkimKey::DkimKey(DkimKey &&other) noexcept
    : m_key(std::exchange(other.m_key, nullptr))
    , m_rsaContexts(std::move(other.m_rsaContexts))
{}

DkimKey &DkimKey::operator=(DkimKey &&other) noexcept
{
    if (this != &other) {
        m_rsaContexts = std::move(other.m_rsaContexts);
        EVP_PKEY_free(m_key);
        m_key = std::exchange(other.m_key, nullptr);
    }
    return *this;
}

DkimKey DkimKey::checkedRsa(evp_pkey_st *key, const QString &source, QString *error)
{
    const int bits = EVP_PKEY_get_bits(key);
    if (bits < kMinimumRsaBits) {
        EVP_PKEY_free(key);
        setError(error, u"%1: RSA key of %2 bits is too weak; DKIM requires at least %3 (RFC 8301)"_s.arg(
                            source, QString::number(bits), QString::number(kMinimumRsaBits)));
        return {};
    }
    return DkimKey(key);
}

DkimKey DkimKey::fromPemFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, u"%1: cannot read the key: %2"_s.arg(path, file.errorString()));
        return {};
    }
    return fromPem(file.readAll(), path, error);
}

DkimKey DkimKey::fromPem(const QByteArray &pem, const QString &source, QString *error)
{
    if (pem.contains("ENCRYPTED")) {
        setError(error, u"%1: the key is encrypted; store it without a passphrase (file mode 0600)"_s.arg(source));
        return {};
    }
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    // The callback refuses any passphrase request instead of prompting on a terminal.
    EVP_PKEY *key = PEM_read_bio_PrivateKey(
        bio, nullptr, [](char *, int, int, void *) { return -1; }, nullptr);
    BIO_free(bio);
    if (!key) {
        ERR_clear_error();
        setError(error, u"%1: not a PEM private key"_s.arg(source));
        return {};
    }
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
        return checkedRsa(key, source, error);
    case EVP_PKEY_ED25519:
        return DkimKey(key);
    default:
        EVP_PKEY_free(key);
        setError(error, u"%1: the key is neither RSA nor Ed25519"_s.arg(source));
        return {};
    }
}

DkimKey DkimKey::fromEd25519Seed(const QByteArray &seed, QString *error)
{
    if (seed.size() != kEd25519KeyLength) {
        setError(error, u"an Ed25519 seed is 32 bytes, not %1"_s.arg(seed.size()));
        return {};
    }
    EVP_PKEY *key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                                 reinterpret_cast<const unsigned char *>(seed.constData()), 32);
    if (!key) {
        setError(error, u"cannot make an Ed25519 key: %1"_s.arg(openSslError()));
        return {};
    }
    return DkimKey(key);
}

DkimKey DkimKey::generateRsa(int bits, QString *error)
{
    if (bits < kMinimumRsaBits || bits > 8192) {
        setError(error, u"RSA keys for DKIM are %1 to 8192 bits, not %2"_s.arg(kMinimumRsaBits).arg(bits));
        return {};
    }
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits));
    if (!key) {
        setError(error, u"RSA key generation failed: %1"_s.arg(openSslError()));
        return {};
    }
    return DkimKey(key);
}

DkimKey DkimKey::generateEd25519(QString *error)
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!key) {
        setError(error, u"Ed25519 key generation failed: %1"_s.arg(openSslError()));
        return {};
    }
    return DkimKey(key);
}

DkimKey::Algorithm DkimKey::algorithm() const
{
    if (!m_key)
        return Algorithm::None;
    return EVP_PKEY_get_base_id(m_key) == EVP_PKEY_ED25519 ? Algorithm::Ed25519 : Algorithm::Rsa;
}

int DkimKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key) : 0;
}

bool DkimKey::isWeak() const
{
    return algorithm() == Algorithm::Rsa && bits() < kRecommendedRsaBits;
}

QByteArray DkimKey::keyType() const
{
    switch (algorithm()) {
    case Algorithm::Rsa:
        return QByteArrayLiteral("rsa");
    case Algorithm::Ed25519:
        return QByteArrayLiteral("ed25519");
    case Algorithm::None:
        break;
    }
    return {};
}

QByteArray DkimKey::signatureAlgorithm() const
{
    // sha256 only: rsa-sha1 is never used to sign (RFC 8301 §3.1).
    return isNull() ? QByteArray() : keyType() + "-sha256";
}

QByteArray DkimKey::privatePem() const
{
    if (!m_key)
        return {};
    BIO *bio = BIO_new(BIO_s_mem());
    QByteArray pem;
    if (PEM_write_bio_PrivateKey(bio, m_key, nullptr, nullptr, 0, nullptr, nullptr) == 1) {
        char *data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        pem = QByteArray(data, size);
    }
    BIO_free(bio);
    return pem;
}

bool DkimKey::writePrivatePem(const QString &path, QString *error) const
{
    const QByteArray pem = privatePem();
    if (pem.isEmpty()) {
        setError(error, u"%1: no key to write"_s.arg(path));
        return false;
    }
    QFile file(path);
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    // A new file is created 0600; an existing one is narrowed before it is truncated and
    // written, so the key is never readable by others, not even for a moment.
    if (file.exists() && !file.setPermissions(ownerOnly)) {
        setError(error, u"%1: cannot restrict the permissions: %2"_s.arg(path, file.errorString()));
        return false;
    }
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, ownerOnly)) {
        setError(error, u"%1: cannot write the key: %2"_s.arg(path, file.errorString()));
        return false;
    }
    if (file.write(pem) != pem.size() || !file.flush()) {
        setError(error, u"%1: cannot write the key: %2"_s.arg(path, file.errorString()));
        return false;
    }
    return true;
}

QByteArray DkimKey::publicKeyData() const
{
    if (!m_key)
        return {};
    if (algorithm() == Algorithm::Ed25519) {
        QByteArray raw(kEd25519KeyLength, Qt::Uninitialized);
        size_t length = size_t(raw.size());
        if (EVP_PKEY_get_raw_public_key(m_key, reinterpret_cast<unsigned char *>(raw.data()), &length) != 1)
            return {};
        raw.resize(qsizetype(length));
        return raw;
    }
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(m_key, &der);
    if (length <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return out;
}

QString DkimKey::dnsTxtValue() const
{
    if (!m_key)
        return {};
    return u"v=DKIM1; k="_s + QString::fromLatin1(keyType()) + u"; p="_s +
           QString::fromLatin1(publicKeyData().toBase64());
}

QStringList DkimKey::dnsTxtStrings() const
{
    const QString value = dnsTxtValue();
    QStringList strings;
    for (qsizetype i = 0; i < value.size(); i += kMaxTxtStringLength)
        strings.append(value.mid(i, kMaxTxtStringLength));
    return strings;
}

bool DkimKey::matchesRecord(const QString &txtValue) const
{
    if (!m_key)
        return false;
    QString keyTag = u"rsa"_s; // RFC 6376 §3.6.1: k= defaults to rsa
    QString p;
    bool hasP = false;
    for (const QString &tag : unquoteTxt(txtValue).split(u';')) {
        const qsizetype eq = tag.indexOf(u'=');
        if (eq < 0)
            continue;
        const QString name = tag.left(eq).trimmed();
        QString value = tag.mid(eq + 1);
        value.remove(QRegularExpression(u"\\s"_s));
        if (name == u"v"_s && value != u"DKIM1"_s)
            return false;
        if (name == u"k"_s)
            keyTag = value.toLower();
        if (name == u"p"_s) {
            p = value;
            hasP = true;
        }
    }
    if (!hasP || p.isEmpty() || keyTag.toLatin1() != keyType())
        return false;
    const auto decoded = QByteArray::fromBase64Encoding(p.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    return decoded && *decoded == publicKeyData();
}

QByteArray DkimKey::sign(const QByteArray &data, QString *error) const
{
    if (!m_key) {
        setError(error, u"no key to sign with"_s);
        return {};
    }
    if (algorithm() != Algorithm::Ed25519)
        return signRsa(data, error);
    // PureEdDSA (no digest given here) over the SHA-256 of the data.
    const QByteArray input = sha256({data});
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    QByteArray signature;
    size_t length = 0;
    const auto *in = reinterpret_cast<const unsigned char *>(input.constData());
    bool ok = ctx && EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, m_key) == 1 &&
              EVP_DigestSign(ctx, nullptr, &length, in, size_t(input.size())) == 1;
    if (ok) {
        signature.resize(qsizetype(length));
        ok = EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(signature.data()), &length, in,
                            size_t(input.size())) == 1;
        signature.resize(qsizetype(length));
    }
    EVP_MD_CTX_free(ctx);
    if (!ok) {
        setError(error, u"signing failed: %1"_s.arg(openSslError()));
        return {};
    }
    return signature;
}

// RSASSA-PKCS1-v1_5 over the SHA-256 of the data: the digest computed here, the DigestInfo
// and padding by OpenSSL, with a context taken from the key's idle ones (or made ready now) and
// put back afterwards.
QByteArray DkimKey::signRsa(const QByteArray &data, QString *error) const
{
    EVP_PKEY_CTX *ctx = nullptr;
    {
        std::lock_guard lock(m_rsaContexts->mutex);
        if (!m_rsaContexts->idle.empty()) {
            ctx = m_rsaContexts->idle.back();
            m_rsaContexts->idle.pop_back();
        }
    }
    if (!ctx) {
        ctx = EVP_PKEY_CTX_new_from_pkey(nullptr, m_key, nullptr);
        if (!ctx || EVP_PKEY_sign_init(ctx) != 1 || EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) != 1 ||
            EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) != 1) {
            EVP_PKEY_CTX_free(ctx);
            setError(error, u"signing failed: %1"_s.arg(openSslError()));
            return {};
        }
    }
    const QByteArray digest = sha256({data});
    const auto *md = reinterpret_cast<const unsigned char *>(digest.constData());
    size_t length = 0;
    QByteArray signature;
    bool ok = EVP_PKEY_sign(ctx, nullptr, &length, md, size_t(digest.size())) == 1;
    if (ok) {
        signature.resize(qsizetype(length));
        ok = EVP_PKEY_sign(ctx, reinterpret_cast<unsigned char *>(signature.data()), &length, md,
                           size_t(digest.size())) == 1;
        signature.resize(qsizetype(length));
    }
    if (!ok) {
        EVP_PKEY_CTX_free(ctx); // its state after a failure is not worth trusting
        setError(error, u"signing failed: %1"_s.arg(openSslError()));
        return {};
    }
    std::lock_guard lock(m_rsaContexts->mutex);
    m_rsaContexts->idle.push_back(ctx);
    return signature;
}
