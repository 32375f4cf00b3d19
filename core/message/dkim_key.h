#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

struct evp_pkey_st; // OpenSSL's EVP_PKEY, kept out of this header

// A DKIM private key (RSA or Ed25519) owned for its lifetime, with what the product needs
// around it: loading a PEM file with the key policy of RFC 8301 (RSA under 1024 bits is
// refused, under 2048 flagged weak), generating keys, writing them with owner-only
// permissions, the DNS TXT value to publish, and the pre-flight check that a published
// record belongs to this key (docs/reliability.md D4, D6, D7). Move-only.
class DkimKey final
{
public:
    enum class Algorithm { None, Rsa, Ed25519 };

    static constexpr int kMinimumRsaBits = 1024;
    static constexpr int kRecommendedRsaBits = 2048;
    static constexpr qsizetype kMaxTxtStringLength = 255; // one DNS character-string

    DkimKey();
    ~DkimKey();
    DkimKey(DkimKey &&other) noexcept;
    DkimKey &operator=(DkimKey &&other) noexcept;
    DkimKey(const DkimKey &) = delete;
    DkimKey &operator=(const DkimKey &) = delete;

    // Errors name the file. Encrypted keys are refused: there is nobody to ask for a
    // passphrase in the engine, and asking would block a worker.
    static DkimKey fromPemFile(const QString &path, QString *error);
    static DkimKey fromPem(const QByteArray &pem, const QString &source, QString *error);
    // The raw 32-byte Ed25519 seed (the form dkimpy and RFC 8463 use).
    static DkimKey fromEd25519Seed(const QByteArray &seed, QString *error);
    static DkimKey generateRsa(int bits, QString *error);
    static DkimKey generateEd25519(QString *error);

    bool isNull() const { return m_key == nullptr; }
    Algorithm algorithm() const;
    int bits() const;
    // An RSA key under 2048 bits: still accepted (RFC 8301 allows 1024) but to be warned about.
    bool isWeak() const;
    // The k= tag ("rsa", "ed25519") and the a= tag ("rsa-sha256", "ed25519-sha256").
    QByteArray keyType() const;
    QByteArray signatureAlgorithm() const;

    // PKCS#8 PEM, unencrypted. Only ever written to the file the user chose.
    QByteArray privatePem() const;
    // Creates or replaces path with mode 0600 before a single key byte is written.
    bool writePrivatePem(const QString &path, QString *error) const;

    // The p= data: SubjectPublicKeyInfo DER for RSA, the raw 32-byte key for Ed25519
    // (RFC 8463 §4.2, not SPKI).
    QByteArray publicKeyData() const;
    // "v=DKIM1; k=rsa; p=<base64>" and the same split into strings of at most 255
    // characters, as a DNS TXT record carries them.
    QString dnsTxtValue() const;
    QStringList dnsTxtStrings() const;
    // Whether a published record (one string, or zone-file style quoted strings) names
    // this key: same key type and the same p=. A revoked (empty p=) record never matches.
    bool matchesRecord(const QString &txtValue) const;

    // The DKIM signature over the canonicalized header data: RSASSA-PKCS1-v1_5 with
    // SHA-256 for RSA; for Ed25519, PureEdDSA over the SHA-256 hash of the data, as RFC 8463
    // §3 specifies (the hash is signed, not the data).
    QByteArray sign(const QByteArray &data, QString *error) const;

private:
    explicit DkimKey(evp_pkey_st *key);
    static DkimKey checkedRsa(evp_pkey_st *key, const QString &source, QString *error);
    QByteArray signRsa(const QByteArray &data, QString *error) const;

    // RSA signing contexts made ready once (EVP_PKEY_sign_init) and reused: setting one up
    // costs about a tenth of the signature itself. Shared by the threads signing with the key.
    struct RsaContexts;
    evp_pkey_st *m_key = nullptr;
    std::unique_ptr<RsaContexts> m_rsaContexts;
};
