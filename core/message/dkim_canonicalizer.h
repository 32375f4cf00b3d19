#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// The "relaxed" canonicalization of RFC 6376 §3.4.2 and §3.4.4, and the split of a message
// into header fields and body it works on. Only relaxed is implemented: it is what Sendscope
// signs with (c=relaxed/relaxed), because it survives the re-folding and white-space changes
// that relays commonly make.
class DkimCanonicalizer final
{
public:
    struct HeaderField
    {
        QByteArray name; // as written, without the colon
        QByteArray raw;  // the whole field, continuation lines included, with its final CRLF
    };

    // Splits a CRLF message at the first empty line. Fails on a bare CR or LF (the signed
    // bytes must be the bytes on the wire, docs/reliability.md D2) and on a header
    // line that is neither a field nor a continuation.
    static bool split(const QByteArray &message, QList<HeaderField> *headers, QByteArray *body, QString *error);

    // "name:value\r\n": name lower-cased, the value unfolded, white-space runs made one
    // space, white space around the colon and at the end removed.
    static QByteArray relaxedHeader(const QByteArray &rawField);

    // White-space runs in a line made one space, white space at line ends removed, empty
    // lines at the end removed, a final CRLF added to a non-empty body that lacks it. An
    // empty body stays empty.
    static QByteArray relaxedBody(const QByteArray &body);
};
