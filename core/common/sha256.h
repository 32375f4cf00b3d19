#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <initializer_list>

// The SHA-256 digest (32 bytes) of the parts, one after the other, computed by OpenSSL, whose
// implementation uses the CPU's SHA or vector instructions: several times faster than
// QCryptographicHash's portable code on a message body, which is hashed once per recipient.
QByteArray sha256(std::initializer_list<QByteArrayView> parts);
