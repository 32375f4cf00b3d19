#include "smtp_envelope.h"

#include <cstring>

namespace {

bool isAscii(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

} // namespace

bool SmtpEnvelope::needsSmtpUtf8() const
{
    return smtpUtf8 || !isAscii(mailFrom) || !isAscii(rcptTo);
}

bool SmtpEnvelope::hasEightBitData() const
{
    // Eight bytes at a time: a message is mostly ASCII, and this runs once per attempt.
    const char *p = data.constData();
    const char *const end = p + data.size();
    for (; end - p >= 8; p += 8) {
        quint64 word;
        std::memcpy(&word, p, sizeof word);
        if (word & 0x8080808080808080ULL)
            return true;
    }
    for (; p < end; ++p) {
        if (static_cast<uchar>(*p) >= 0x80)
            return true;
    }
    return false;
}
