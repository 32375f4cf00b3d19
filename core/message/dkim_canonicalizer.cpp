#include "dkim_canonicalizer.h"

#include <cstring>

using namespace Qt::StringLiterals;

namespace {

bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

// The offset of the first CR or LF that is not part of a CRLF, or -1. memchr finds the line
// ends: this runs over every signed message.
qsizetype firstBareLineBreak(QByteArrayView text)
{
    const char *const begin = text.data();
    const char *const end = begin + text.size();
    qsizetype bare = -1;
    for (const char *p = begin; p < end; ++p) {
        p = static_cast<const char *>(std::memchr(p, '\n', end - p));
        if (!p)
            break;
        if (p == begin || p[-1] != '\r') {
            bare = p - begin;
            break;
        }
    }
    const char *const crEnd = bare < 0 ? end : begin + bare;
    for (const char *p = begin; p < crEnd; ++p) {
        p = static_cast<const char *>(std::memchr(p, '\r', crEnd - p));
        if (!p)
            break;
        if (p + 1 == end || p[1] != '\n')
            return p - begin;
    }
    return bare;
}

} // namespace

bool DkimCanonicalizer::split(const QByteArray &message, QList<HeaderField> *headers, QByteArray *body, QString *error)
{
    if (const qsizetype bare = firstBareLineBreak(message); bare >= 0) {
        *error = u"bare CR or LF at byte %1: only CRLF line ends can be signed"_s.arg(bare);
        return false;
    }
    headers->clear();
    const char *const data = message.constData();
    const qsizetype size = message.size();
    qsizetype pos = 0;
    while (pos < size) {
        // Every LF ends a CRLF now, so the line ends one byte before the next LF.
        const auto *lf = static_cast<const char *>(std::memchr(data + pos, '\n', size - pos));
        const qsizetype lineEnd = lf ? lf - data - 1 : size;
        const qsizetype next = lf ? lineEnd + 2 : size;
        if (lineEnd == pos) { // the empty line that ends the header
            *body = message.mid(next);
            return true;
        }
        if (isWsp(data[pos])) {
            if (headers->isEmpty()) {
                *error = u"the message starts with a continuation line"_s;
                return false;
            }
            headers->last().raw.append(data + pos, next - pos);
        } else {
            const auto *colon = static_cast<const char *>(std::memchr(data + pos, ':', lineEnd - pos));
            if (!colon) {
                *error = u"header line without a colon at byte %1"_s.arg(pos);
                return false;
            }
            qsizetype nameEnd = colon - data;
            while (nameEnd > pos && isWsp(data[nameEnd - 1]))
                --nameEnd;
            headers->append({message.mid(pos, nameEnd - pos), message.mid(pos, next - pos)});
        }
        pos = next;
    }
    body->clear(); // header only, no body
    return true;
}

// The field's name in lower case without trailing white space, a colon, then its value unfolded
// (the CRLFs removed), without leading white space, each run of white space made one space and
// trailing white space gone (RFC 6376 §3.4.2), then CRLF: one pass, written through a pointer.
QByteArray DkimCanonicalizer::relaxedHeader(const QByteArray &rawField)
{
    const qsizetype colon = rawField.indexOf(':');
    const qsizetype nameSize = colon < 0 ? rawField.size() : colon;
    QByteArray out(rawField.size() + 3, Qt::Uninitialized);
    char *w = out.data();
    const char *p = rawField.constData();
    const char *const nameEnd = p + nameSize;
    for (; p < nameEnd; ++p)
        *w++ = (*p >= 'A' && *p <= 'Z') ? char(*p + ('a' - 'A')) : *p;
    while (w > out.data() && isWsp(w[-1]))
        --w;
    *w++ = ':';
    if (colon >= 0) {
        const char *const end = rawField.constData() + rawField.size();
        bool started = false;
        bool pendingSpace = false;
        for (p = nameEnd + 1; p < end; ++p) {
            const char c = *p;
            if (c == '\r' || c == '\n')
                continue; // unfolding
            if (isWsp(c)) {
                pendingSpace = started;
                continue;
            }
            if (pendingSpace)
                *w++ = ' ';
            pendingSpace = false;
            started = true;
            *w++ = c;
        }
    }
    *w++ = '\r';
    *w++ = '\n';
    out.truncate(w - out.constData());
    return out;
}

QByteArray DkimCanonicalizer::relaxedBody(const QByteArray &body)
{
    // Written through a raw pointer: this runs over every byte of every signed message.
    QByteArray out(body.size() + 2, Qt::Uninitialized);
    char *const begin = out.data();
    char *w = begin;
    char *keep = begin; // end of the last non-empty line
    const char *p = body.constData();
    const char *const end = p + body.size();
    while (p < end) {
        const char *lineEnd = p;
        while (lineEnd < end && !(lineEnd[0] == '\r' && lineEnd + 1 < end && lineEnd[1] == '\n'))
            ++lineEnd;
        char *const lineStart = w;
        bool pendingSpace = false;
        for (; p < lineEnd; ++p) {
            if (isWsp(*p)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace)
                *w++ = ' ';
            pendingSpace = false;
            *w++ = *p;
        }
        const bool empty = w == lineStart;
        *w++ = '\r';
        *w++ = '\n';
        if (!empty)
            keep = w;
        p = lineEnd < end ? lineEnd + 2 : end;
    }
    out.truncate(keep - begin);
    return out;
}
