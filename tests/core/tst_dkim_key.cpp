#include "message/dkim_key.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

using namespace Qt::StringLiterals;

// Key policy and DNS records (docs/reliability.md D4, D6, D7): RSA under 1024 bits
// refused, under 2048 flagged, TXT strings of at most 255 characters, Ed25519 published as
// the raw 32-byte key, and the pre-flight check that a record belongs to the key.
class TestDkimKey final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void generateRsa2048();
    void generateRsa4096SplitsTxt();
    void generateEd25519();
    void generateRefusesWeakSizes();
    void pemRoundTripIsOwnerOnly();
    void loadRefuses512Bits();
    void loadAccepts1024WithWarning();
    void loadErrorsNameTheFile_data();
    void loadErrorsNameTheFile();
    void matchesRecord_data();
    void matchesRecord();
    void ed25519FromRfc8032Seed();
    void signaturesVerify();

private:
    QTemporaryDir m_dir;
    DkimKey m_rsa;
    DkimKey m_ed25519;
    DkimKey m_otherRsa;
};

namespace {

// PEM of a key made directly with OpenSSL, for sizes and kinds DkimKey refuses to make.
QByteArray opensslPem(EVP_PKEY *key, const char *passphrase = nullptr)
{
    BIO *bio = BIO_new(BIO_s_mem());
    const EVP_CIPHER *cipher = passphrase ? EVP_aes_256_cbc() : nullptr;
    PEM_write_bio_PrivateKey(bio, key, cipher, reinterpret_cast<const unsigned char *>(passphrase),
                             passphrase ? int(qstrlen(passphrase)) : 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, size);
    BIO_free(bio);
    EVP_PKEY_free(key);
    return pem;
}

QByteArray rsaPem(int bits)
{
    return opensslPem(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits)));
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &data)
{
    QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        return {};
    return path;
}

QByteArray pOf(const QString &txt)
{
    return QByteArray::fromBase64(txt.mid(txt.indexOf(u"p="_s) + 2).toLatin1());
}

} // namespace

void TestDkimKey::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_rsa = DkimKey::generateRsa(2048, &error);
    QVERIFY2(!m_rsa.isNull(), qPrintable(error));
    m_otherRsa = DkimKey::generateRsa(2048, &error);
    QVERIFY2(!m_otherRsa.isNull(), qPrintable(error));
    m_ed25519 = DkimKey::generateEd25519(&error);
    QVERIFY2(!m_ed25519.isNull(), qPrintable(error));
}

void TestDkimKey::generateRsa2048()
{
    QCOMPARE(m_rsa.algorithm(), DkimKey::Algorithm::Rsa);
    QCOMPARE(m_rsa.bits(), 2048);
    QVERIFY(!m_rsa.isWeak());
    QCOMPARE(m_rsa.keyType(), QByteArray("rsa"));
    QCOMPARE(m_rsa.signatureAlgorithm(), QByteArray("rsa-sha256"));
    const QString txt = m_rsa.dnsTxtValue();
    QVERIFY(txt.startsWith(u"v=DKIM1; k=rsa; p="_s));
    // p= is SubjectPublicKeyInfo DER.
    const QByteArray der = pOf(txt);
    const unsigned char *p = reinterpret_cast<const unsigned char *>(der.constData());
    EVP_PKEY *pub = d2i_PUBKEY(nullptr, &p, long(der.size()));
    QVERIFY(pub);
    QCOMPARE(EVP_PKEY_get_bits(pub), 2048);
    EVP_PKEY_free(pub);
    const QStringList strings = m_rsa.dnsTxtStrings();
    QCOMPARE(strings.size(), 2); // a 2048-bit key does not fit one 255-character string
    for (const QString &s : strings)
        QVERIFY(s.size() <= 255);
    QCOMPARE(strings.join(QString()), txt);
}

void TestDkimKey::generateRsa4096SplitsTxt()
{
    QString error;
    const DkimKey key = DkimKey::generateRsa(4096, &error);
    QVERIFY2(!key.isNull(), qPrintable(error));
    QCOMPARE(key.bits(), 4096);
    const QStringList strings = key.dnsTxtStrings();
    QCOMPARE(strings.size(), 3);
    for (const QString &s : strings)
        QVERIFY(s.size() <= DkimKey::kMaxTxtStringLength);
    QCOMPARE(strings.join(QString()), key.dnsTxtValue());
    QVERIFY(key.matchesRecord(key.dnsTxtValue()));
}

void TestDkimKey::generateEd25519()
{
    QCOMPARE(m_ed25519.algorithm(), DkimKey::Algorithm::Ed25519);
    QCOMPARE(m_ed25519.signatureAlgorithm(), QByteArray("ed25519-sha256"));
    QVERIFY(!m_ed25519.isWeak());
    const QString txt = m_ed25519.dnsTxtValue();
    QVERIFY(txt.startsWith(u"v=DKIM1; k=ed25519; p="_s));
    QCOMPARE(pOf(txt).size(), 32); // raw key, not SPKI (RFC 8463 §4.2)
    QCOMPARE(pOf(txt), m_ed25519.publicKeyData());
    QCOMPARE(m_ed25519.dnsTxtStrings(), QStringList{txt});
}

void TestDkimKey::generateRefusesWeakSizes()
{
    QString error;
    QVERIFY(DkimKey::generateRsa(512, &error).isNull());
    QVERIFY(error.contains(u"512"_s));
    error.clear();
    const DkimKey key1024 = DkimKey::generateRsa(1024, &error);
    QVERIFY2(!key1024.isNull(), qPrintable(error));
    QVERIFY(key1024.isWeak());
}

void TestDkimKey::pemRoundTripIsOwnerOnly()
{
    for (const DkimKey *key : {&m_rsa, &m_ed25519}) {
        const QString path = m_dir.filePath(u"key-%1.pem"_s.arg(QString::fromLatin1(key->keyType())));
        // An existing world-readable file is narrowed before the key goes in.
        QVERIFY(!writeFile(m_dir, QFileInfo(path).fileName(), "old").isEmpty());
        QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions(0x6644)));
        QString error;
        QVERIFY2(key->writePrivatePem(path, &error), qPrintable(error));
        const auto perms = QFile::permissions(path);
        QVERIFY(perms.testFlag(QFileDevice::ReadOwner) && perms.testFlag(QFileDevice::WriteOwner));
        QVERIFY(!(perms & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther |
                           QFileDevice::WriteOther | QFileDevice::ExeOwner)));
        QVERIFY(key->privatePem().startsWith("-----BEGIN PRIVATE KEY-----"));
        const DkimKey loaded = DkimKey::fromPemFile(path, &error);
        QVERIFY2(!loaded.isNull(), qPrintable(error));
        QCOMPARE(loaded.algorithm(), key->algorithm());
        QCOMPARE(loaded.publicKeyData(), key->publicKeyData());
        QVERIFY(loaded.matchesRecord(key->dnsTxtValue()));
    }
    // A fresh file is created 0600 too.
    const QString fresh = m_dir.filePath(u"fresh.pem"_s);
    QVERIFY(m_rsa.writePrivatePem(fresh, nullptr));
    QVERIFY(!(QFile::permissions(fresh) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
}

void TestDkimKey::loadRefuses512Bits()
{
    const QString path = writeFile(m_dir, u"rsa512.pem"_s, rsaPem(512));
    QVERIFY(!path.isEmpty());
    QString error;
    QVERIFY(DkimKey::fromPemFile(path, &error).isNull());
    QVERIFY2(error.contains(path) && error.contains(u"512"_s), qPrintable(error));
}

void TestDkimKey::loadAccepts1024WithWarning()
{
    const QString path = writeFile(m_dir, u"rsa1024.pem"_s, rsaPem(1024));
    QString error;
    const DkimKey key = DkimKey::fromPemFile(path, &error);
    QVERIFY2(!key.isNull(), qPrintable(error));
    QCOMPARE(key.bits(), 1024);
    QVERIFY(key.isWeak());
    QVERIFY(key.matchesRecord(key.dnsTxtValue()));
}

void TestDkimKey::loadErrorsNameTheFile_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: the file does not exist
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing") << QByteArray() << u"cannot read"_s;
    QTest::newRow("corrupt") << QByteArray("-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n")
                             << u"not a PEM private key"_s;
    QTest::newRow("public key") << QByteArray(
                                       "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n")
                                << u"not a PEM private key"_s;
    QTest::newRow("encrypted") << opensslPem(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), "secret")
                               << u"encrypted"_s;
    QTest::newRow("ec key") << opensslPem(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"))
                            << u"neither RSA nor Ed25519"_s;
}

void TestDkimKey::loadErrorsNameTheFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString name = u"%1.pem"_s.arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'));
    const QString path = content.isEmpty() ? m_dir.filePath(u"does-not-exist.pem"_s) : writeFile(m_dir, name, content);
    QString error;
    QVERIFY(DkimKey::fromPemFile(path, &error).isNull());
    QVERIFY2(error.startsWith(path + u':'), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestDkimKey::matchesRecord_data()
{
    QTest::addColumn<int>("key"); // 0 RSA, 1 Ed25519
    QTest::addColumn<QString>("record");
    QTest::addColumn<bool>("matches");
    const QString rsaP = QString::fromLatin1(m_rsa.publicKeyData().toBase64());
    const QString edP = QString::fromLatin1(m_ed25519.publicKeyData().toBase64());
    QTest::newRow("rsa own") << 0 << m_rsa.dnsTxtValue() << true;
    QTest::newRow("rsa zone-file strings")
        << 0 << u"( \""_s + m_rsa.dnsTxtStrings().join(u"\"\n\t\""_s) + u"\" )"_s << true;
    QTest::newRow("rsa without v and k") << 0 << u"p="_s + rsaP << true;
    QTest::newRow("rsa p with white space")
        << 0 << u"v=DKIM1;k=rsa;p="_s + rsaP.left(40) + u" \t"_s + rsaP.mid(40) << true;
    QTest::newRow("rsa other key") << 0 << m_otherRsa.dnsTxtValue() << false;
    QTest::newRow("rsa record says ed25519") << 0 << u"v=DKIM1; k=ed25519; p="_s + rsaP << false;
    QTest::newRow("rsa revoked") << 0 << u"v=DKIM1; k=rsa; p="_s << false;
    QTest::newRow("rsa wrong version") << 0 << u"v=DKIM2; k=rsa; p="_s + rsaP << false;
    QTest::newRow("rsa garbage p") << 0 << u"v=DKIM1; k=rsa; p=!!!"_s << false;
    QTest::newRow("rsa empty") << 0 << QString() << false;
    QTest::newRow("ed25519 own") << 1 << m_ed25519.dnsTxtValue() << true;
    QTest::newRow("ed25519 with default k") << 1 << u"v=DKIM1; p="_s + edP << false;
    QTest::newRow("ed25519 as rsa key") << 0 << m_ed25519.dnsTxtValue() << false;
    QTest::newRow("rsa record for ed25519 key") << 1 << m_rsa.dnsTxtValue() << false;
}

void TestDkimKey::matchesRecord()
{
    QFETCH(int, key);
    QFETCH(QString, record);
    QFETCH(bool, matches);
    QCOMPARE((key == 0 ? m_rsa : m_ed25519).matchesRecord(record), matches);
}

void TestDkimKey::ed25519FromRfc8032Seed()
{
    // RFC 8032 §7.1 TEST 1: a published test vector (also RFC 8463 A.2's example key),
    // not a secret.
    const QByteArray seed = QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    QString error;
    const DkimKey key = DkimKey::fromEd25519Seed(seed, &error);
    QVERIFY2(!key.isNull(), qPrintable(error));
    QCOMPARE(key.publicKeyData().toHex(),
             QByteArray("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
    QVERIFY(key.matchesRecord(u"v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="_s));
    QVERIFY(DkimKey::fromEd25519Seed(seed.left(31), &error).isNull());
}

void TestDkimKey::signaturesVerify()
{
    const QByteArray data = "from:Joe <joe@example.test>\r\nsubject:hi\r\ndkim-signature:v=1; b=";
    QString error;
    for (const DkimKey *key : {&m_rsa, &m_ed25519}) {
        const QByteArray signature = key->sign(data, &error);
        QVERIFY2(!signature.isEmpty(), qPrintable(error));
        const bool ed = key->algorithm() == DkimKey::Algorithm::Ed25519;
        QCOMPARE(signature.size(), ed ? 64 : 256);
        // Verify with OpenSSL from the published public key alone.
        const QByteArray pub = key->publicKeyData();
        EVP_PKEY *verifyKey = nullptr;
        if (ed) {
            verifyKey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                                    reinterpret_cast<const unsigned char *>(pub.constData()), 32);
        } else {
            const unsigned char *p = reinterpret_cast<const unsigned char *>(pub.constData());
            verifyKey = d2i_PUBKEY(nullptr, &p, long(pub.size()));
        }
        QVERIFY(verifyKey);
        // RFC 8463: Ed25519 signs the SHA-256 of the data; RSA hashes the data itself.
        const QByteArray input = ed ? QCryptographicHash::hash(data, QCryptographicHash::Sha256) : data;
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        const bool ok =
            EVP_DigestVerifyInit(ctx, nullptr, ed ? nullptr : EVP_sha256(), nullptr, verifyKey) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(signature.constData()),
                             size_t(signature.size()), reinterpret_cast<const unsigned char *>(input.constData()),
                             size_t(input.size())) == 1;
        EVP_MD_CTX_free(ctx);
        EVP_PKEY_free(verifyKey);
        QVERIFY(ok);
    }
    QVERIFY(DkimKey().sign(data, &error).isEmpty());
}

QTEST_GUILESS_MAIN(TestDkimKey)
#include "tst_dkim_key.moc"
