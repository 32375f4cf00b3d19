#pragma once

#include <QString>

// The result of checking one recipient address for sending.
struct AddressCheck
{
    enum class Verdict { Valid, Missing, Invalid };
    Verdict verdict = Verdict::Missing;
    QString normalized; // ASCII form for sending: local part as given, domain lower-cased A-labels
    QString display;    // the address as the user knows it (Unicode domain), trimmed
    QString reason;     // for Invalid: a short English reason, e.g. "local part longer than 64 octets"
    bool isValid() const { return verdict == Verdict::Valid; }
};

// Checks addresses against the RFC 5321 Mailbox syntax that Sendscope accepts for sending:
// dot-atom or quoted-string local part, a domain of LDH labels (IDN converted to A-labels),
// no comments, folding white space, domain literals or control characters.
class AddressValidator final
{
public:
    static AddressCheck check(const QString &raw);
};
