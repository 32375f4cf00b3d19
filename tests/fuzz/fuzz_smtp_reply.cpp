// libFuzzer target for the SMTP reply parser (core/smtp/smtp_reply_parser.h), the first code a
// hostile or broken mail server reaches. The first byte chooses a feed size; the rest is parsed
// once in one feed and once in pieces, and both must give the same replies and the same error.
// Every reply must be one the engine can qualify: a valid code, bounded, text without control
// characters (it goes into logs and tables), an enhanced code of the reply's class.

#include "smtp/smtp_reply_parser.h"

#include <QByteArray>
#include <QList>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

bool isEnhancedCode(const QString &code, int replyCode)
{
    // class.subject.detail, 1 to 3 digits each, the class the reply's first digit.
    const QStringList parts = code.split(u'.');
    if (parts.size() != 3 || parts[0] != QString::number(replyCode / 100))
        return false;
    for (const QString &p : parts) {
        if (p.isEmpty() || p.size() > 3)
            return false;
        for (QChar c : p) {
            if (c < u'0' || c > u'9')
                return false;
        }
    }
    return true;
}

void check(const SmtpReply &r)
{
    if (!r.isValid() || r.local || r.lines.isEmpty() || r.lines.size() > SmtpReplyParser::MaxLines)
        std::abort();
    if (!r.enhancedCode.isEmpty() && !isEnhancedCode(r.enhancedCode, r.code))
        std::abort();
    qsizetype chars = 0;
    for (const QString &line : r.lines) {
        chars += line.size();
        for (QChar c : line) {
            if ((c.unicode() < 0x20 && c != u'\t') || c.unicode() == 0x7F)
                std::abort(); // a control character would reach the logs
        }
    }
    if (chars > SmtpReplyParser::MaxReplyBytes)
        std::abort();
    if (!r.toString().startsWith(QString::number(r.code)))
        std::abort();
}

struct Result
{
    QList<SmtpReply> replies;
    bool error = false;
    QString errorString;
};

Result parse(QByteArrayView input, qsizetype chunk)
{
    SmtpReplyParser p;
    Result result;
    qsizetype pos = 0;
    while (pos < input.size()) {
        const qsizetype n = std::min(chunk + (pos % 5), input.size() - pos);
        p.feed(input.sliced(pos, n));
        pos += n;
        while (p.hasReply()) {
            result.replies.append(p.takeReply());
            check(result.replies.constLast());
        }
        if (p.hasError() && p.errorString().isEmpty())
            std::abort();
    }
    p.endOfInput();
    while (p.hasReply())
        result.replies.append(p.takeReply());
    // After the end nothing is left half-read: either every byte became a reply, or it failed.
    if (!p.hasError() && p.hasPendingInput())
        std::abort();
    result.error = p.hasError();
    result.errorString = p.errorString();
    return result;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype chunk = 1 + data[0] % 32;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const Result whole = parse(input, input.size() + 1);
    const Result pieces = parse(input, chunk);
    if (whole.replies != pieces.replies || whole.error != pieces.error || whole.errorString != pieces.errorString)
        std::abort();
    return 0;
}
