// libFuzzer target for the address validator (core/recipients/address_validator.h): every
// address of a recipient list passes through it before it reaches an SMTP command or a header.
// An address it accepts must be one MimeBuilder takes and safe in an SMTP command (no character
// that ends or splits a line, no angle bracket, no white space outside quotes, an ASCII
// lower-case domain, at most 254 octets), and checking its normalized form again must accept it
// unchanged.

#include "recipients/address_validator.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

// What MimeBuilder refuses in a header value and what could rewrite an SMTP command: C0 and
// C1 controls, DEL and the Unicode line and paragraph separators.
bool breaksLine(QChar c)
{
    const char16_t u = c.unicode();
    return u < 0x20 || u == 0x7F || (u >= 0x80 && u <= 0x9F) || u == 0x2028 || u == 0x2029;
}

void checkAccepted(const AddressCheck &r)
{
    const QString &n = r.normalized;
    const qsizetype at = n.lastIndexOf(u'@');
    if (at <= 0 || at + 1 == n.size() || n.toUtf8().size() > 254 || r.display.isEmpty() || !r.reason.isEmpty())
        std::abort();
    for (QChar c : n) {
        if (breaksLine(c) || c == u'<' || c == u'>')
            std::abort();
    }
    // MimeBuilder refuses white space outside a quoted local part.
    const QStringView outside = n.startsWith(u'"') ? QStringView(n).sliced(at) : QStringView(n);
    for (QChar c : outside) {
        if (c.isSpace())
            std::abort();
    }
    for (QChar c : QStringView(n).sliced(at + 1)) {
        const bool ldh = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'.';
        if (!ldh)
            std::abort(); // the domain goes out in lower-case A-labels
    }
    const AddressCheck again = AddressValidator::check(n);
    if (!again.isValid() || again.normalized != n)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString raw = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const AddressCheck r = AddressValidator::check(raw);
    switch (r.verdict) {
    case AddressCheck::Verdict::Valid:
        checkAccepted(r);
        break;
    case AddressCheck::Verdict::Invalid:
        if (r.reason.isEmpty() || !r.normalized.isEmpty())
            std::abort();
        break;
    case AddressCheck::Verdict::Missing:
        if (!QString(raw).remove(u' ').remove(u'\t').isEmpty())
            std::abort(); // only spaces and TABs are a missing address
        break;
    }
    return 0;
}
