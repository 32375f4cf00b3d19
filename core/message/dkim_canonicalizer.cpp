#include "dkim_canonicalizer.h"

using namespace Qt::StringLiterals;

namespace {

bool isWsp(char c)
{
    return c == ' ' || c == '\t';
}

// Appends line with every run of white space made one space and trailing white space gone.
void appendCompressed(QByteArrayView line, QByteArray &out)
{
    bool pendingSpace = false;
    for (char c : line) {
        if (isWsp(c)) {
            pendingSpace = true;
            continue;
        }
        if (pendingSpace)
            out += ' ';
        pendingSpace = false;
        out += c;
    }
}

} // namespace

bool DkimCanonicalizer::split(const QByteArray &message, QList<HeaderField> *headers, QByteArray *body, QString *error)
{
    for (qsizetype i = 0; i < message.size(); ++i) {
        const char c = message.at(i);
        const bool crlf = c == '\r' && i + 1 < message.size() && message.at(i + 1) == '\n';
        if (crlf) {
            ++i;
        } else if (c == '\r' || c == '\n') {
            *error = u"bare CR or LF at byte %1: only CRLF line ends can be signed"_s.arg(i);
            return false;
        }
    }
    headers->clear();
    qsizetype pos = 0;
    while (pos < message.size()) {
        const qsizetype eol = message.indexOf("\r\n", pos);
        const qsizetype lineEnd = eol < 0 ? message.size() : eol;
        const qsizetype next = eol < 0 ? message.size() : eol + 2;
        if (lineEnd == pos) { // the empty line that ends the header
            *body = message.mid(next);
            return true;
        }
        if (isWsp(message.at(pos))) {
            if (headers->isEmpty()) {
                *error = u"the message starts with a continuation line"_s;
                return false;
            }
            headers->last().raw += message.mid(pos, next - pos);
        } else {
            const qsizetype colon = message.indexOf(':', pos);
            if (colon < 0 || colon > lineEnd) {
                *error = u"header line without a colon at byte %1"_s.arg(pos);
                return false;
            }
            QByteArray name = message.mid(pos, colon - pos);
            while (!name.isEmpty() && isWsp(name.back()))
                name.chop(1);
            headers->append({name, message.mid(pos, next - pos)});
        }
        pos = next;
    }
    body->clear(); // header only, no body
    return true;
}

QByteArray DkimCanonicalizer::relaxedHeader(const QByteArray &rawField)
{
    const qsizetype colon = rawField.indexOf(':');
    QByteArray name = rawField.left(colon < 0 ? rawField.size() : colon).toLower();
    while (!name.isEmpty() && isWsp(name.back()))
        name.chop(1);
    QByteArray value = colon < 0 ? QByteArray() : rawField.mid(colon + 1);
    value.replace("\r\n", ""); // unfold
    QByteArray out = name + ':';
    qsizetype start = 0;
    while (start < value.size() && isWsp(value.at(start)))
        ++start;
    appendCompressed(QByteArrayView(value).sliced(start), out);
    out += "\r\n";
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
