#include "dkim_key_info.h"

#include <QFile>
#include <QFileInfo>

#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;

DkimKeyInfo DkimKeyInfo::read(const QString &path)
{
    DkimKeyInfo info;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        info.error = u"%1: cannot read the key: %2"_s.arg(path, f.errorString());
        return info;
    }
    info.readableByOthers = f.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup);
    const QByteArray pem = f.readAll();
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    // No passphrase callback: an encrypted key is reported, never prompted for here.
    EVP_PKEY *key = PEM_read_bio_PrivateKey(
        bio, nullptr, [](char *, int, int, void *) { return -1; }, nullptr);
    BIO_free(bio);
    if (!key) {
        info.error = u"%1: not a PEM private key (or it is encrypted)"_s.arg(path);
        return info;
    }
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
        info.algorithm = Algorithm::Rsa;
        info.bits = EVP_PKEY_get_bits(key);
        break;
    case EVP_PKEY_ED25519:
        info.algorithm = Algorithm::Ed25519;
        info.bits = 256;
        break;
    default:
        info.error = u"%1: the key is neither RSA nor Ed25519"_s.arg(path);
    }
    EVP_PKEY_free(key);
    return info;
}
