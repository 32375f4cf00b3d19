#pragma once

#include <QString>

// What the analysis needs to know about a DKIM private key file, read with OpenSSL.
struct DkimKeyInfo
{
    enum class Algorithm { Unknown, Rsa, Ed25519 };
    Algorithm algorithm = Algorithm::Unknown;
    int bits = 0;
    QString error;                 // set when the file cannot be read or is not a private key
    bool readableByOthers = false; // by its group or by everyone

    static DkimKeyInfo read(const QString &path);
};
