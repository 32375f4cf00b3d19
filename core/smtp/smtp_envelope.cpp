#include "smtp_envelope.h"

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
    for (char c : data) {
        if (static_cast<uchar>(c) >= 0x80)
            return true;
    }
    return false;
}
