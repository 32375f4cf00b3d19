#include "sha256.h"

#include <openssl/evp.h>

QByteArray sha256(std::initializer_list<QByteArrayView> parts)
{
    QByteArray digest(32, Qt::Uninitialized);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) == 1;
    for (const QByteArrayView part : parts)
        ok = ok && EVP_DigestUpdate(ctx, part.data(), size_t(part.size())) == 1;
    unsigned int length = 0;
    ok = ok && EVP_DigestFinal_ex(ctx, reinterpret_cast<unsigned char *>(digest.data()), &length) == 1;
    EVP_MD_CTX_free(ctx);
    // Only an allocation failure inside OpenSSL gets here; a wrong digest must never be used.
    if (!ok || length != 32)
        qFatal("SHA-256 through OpenSSL failed");
    return digest;
}
