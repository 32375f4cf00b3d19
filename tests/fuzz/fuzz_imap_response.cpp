// libFuzzer target for the IMAP response parser (core/feedback/imap_response_parser.h), the
// first code a hostile bounce-mailbox server reaches (docs/product.md §4). The input is split
// into feeds at points taken from its first bytes, so literals and line breaks land across
// feed boundaries; the parser must never crash, never exceed its limits and agree with itself.

#include "feedback/imap_response_parser.h"

#include <QByteArray>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

void walk(const ImapValue &v, int depth)
{
    if (depth > 200)
        std::abort(); // the parser's nesting limit failed
    (void)v.toNumber();
    (void)v.toSize();
    for (const ImapValue &e : v.list)
        walk(e, depth + 1);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // The first two bytes choose the chunk size and the literal limit.
    const qsizetype chunk = 1 + data[0] % 64;
    const qint64 limit = 16 + static_cast<qint64>(data[1]) * 64;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 2, static_cast<qsizetype>(size - 2));

    ImapResponseParser p(limit);
    qsizetype pos = 0;
    int responses = 0;
    while (pos < input.size()) {
        const qsizetype n = std::min(chunk + (pos % 7), input.size() - pos);
        p.feed(input.sliced(pos, n));
        pos += n;
        while (std::optional<ImapResponse> r = p.next()) {
            ++responses;
            for (const ImapValue &v : r->values)
                walk(v, 0);
            (void)r->fetchItem("BODY[]");
            if (r->summary.size() > 400)
                std::abort(); // the summary is bounded
        }
        // Memory stays within the limits: the current line plus the literals of one response,
        // plus complete responses not yet taken (none here: all were taken above).
        if (p.bufferedBytes() > ImapResponseParser::MaxLineBytes + limit + 2 * 1024)
            std::abort();
    }
    (void)responses;
    return 0;
}
