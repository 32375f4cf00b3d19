#include "dkim_signer.h"

#include "common/clock.h"
#include "common/sha256.h"
#include "dkim_canonicalizer.h"
#include "dkim_key.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kFoldLength = 78;

// Letters, digits, hyphens and underscores in dot-separated labels: what d= and s= may hold.
// Anything else (";" above all) could add or change tags in the signature.
bool isDomainName(const QString &name)
{
    if (name.isEmpty() || name.size() > 253)
        return false;
    for (const QString &label : name.split(u'.')) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-'))
            return false;
        for (QChar c : label) {
            const char16_t u = c.unicode();
            if (!((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-' ||
                  u == u'_'))
                return false;
        }
    }
    return true;
}

// Writes the DKIM-Signature field a piece at a time, folding before a piece that would
// pass 78 columns. Pieces that do not start with a space are glued to the previous one
// unless a fold is needed; the fold's leading space is then legal FWS (the h= list allows
// FWS around its colons).
class FieldWriter
{
public:
    explicit FieldWriter(const QByteArray &start)
        : m_out(start)
        , m_lineLength(start.size())
    {}

    void add(const QByteArray &piece, bool space)
    {
        if (m_lineLength + (space ? 1 : 0) + piece.size() > kFoldLength) {
            fold();
        } else if (space) {
            m_out += ' ';
            ++m_lineLength;
        }
        m_out += piece;
        m_lineLength += piece.size();
    }

    // Base64 may be broken anywhere: a verifier removes all FWS inside b= (RFC 6376 §3.5).
    void addBreakable(const QByteArray &value)
    {
        qsizetype pos = 0;
        while (pos < value.size()) {
            if (m_lineLength >= kFoldLength)
                fold();
            const qsizetype take = qMin(kFoldLength - m_lineLength, value.size() - pos);
            m_out += QByteArrayView(value).sliced(pos, take);
            m_lineLength += take;
            pos += take;
        }
    }

    const QByteArray &text() const { return m_out; }

private:
    void fold()
    {
        m_out += "\r\n ";
        m_lineLength = 1;
    }

    QByteArray m_out;
    qsizetype m_lineLength = 0;
};

struct Piece
{
    QByteArray text;
    bool space = true; // false: glued to the previous piece unless folded
};

QByteArray signatureField(const QString &domain, const DkimSigner::SigningKey &signingKey, const QByteArray &headerData,
                          const QList<Piece> &tags, QString *error)
{
    FieldWriter writer("DKIM-Signature:");
    writer.add("v=1;", true);
    writer.add("a=" + signingKey.key->signatureAlgorithm() + ';', true);
    writer.add("c=relaxed/relaxed;", true);
    writer.add("d=" + domain.toLatin1() + ';', true);
    writer.add("s=" + signingKey.selector.toLatin1() + ';', true);
    for (const Piece &piece : tags)
        writer.add(piece.text, piece.space);
    writer.add("b=", true);
    // What is signed is the field with an empty b= and no final CRLF (RFC 6376 §3.7).
    QByteArray canonical = DkimCanonicalizer::relaxedHeader(writer.text());
    canonical.chop(2);
    const QByteArray signature = signingKey.key->sign(headerData + canonical, error);
    if (signature.isEmpty())
        return {};
    writer.addBreakable(signature.toBase64());
    return writer.text() + "\r\n";
}

} // namespace

DkimSigner::DkimSigner(const QString &domain, const QString &selector, const QList<const DkimKey *> &keys,
                       const Clock *clock)
    : m_domain(domain)
    , m_clock(clock)
{
    for (qsizetype i = 0; i < keys.size(); ++i)
        m_keys.append({keys.at(i), i == 0 ? selector : ed25519Selector(selector)});
}

DkimSigner::DkimSigner(const QString &domain, const QList<SigningKey> &keys, const Clock *clock)
    : m_domain(domain)
    , m_keys(keys)
    , m_clock(clock)
{}

QString DkimSigner::ed25519Selector(const QString &selector)
{
    return selector + u"-ed25519"_s;
}

const QList<QByteArray> &DkimSigner::signedHeaderNames()
{
    // The set of docs/reliability.md D5 (RFC 8058 needs both List-Unsubscribe fields
    // signed), plus Content-Transfer-Encoding: it decides how the body reads. Trace fields
    // (Received, Return-Path) are added in transit and never signed.
    static const QList<QByteArray> names{
        "from",
        "to",
        "cc",
        "subject",
        "date",
        "message-id",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "reply-to",
        "list-unsubscribe",
        "list-unsubscribe-post",
    };
    return names;
}

bool DkimSigner::isValid(QString *error) const
{
    QString message;
    if (!isDomainName(m_domain))
        message = u"DKIM domain is not a valid domain name: '%1'"_s.arg(m_domain);
    else if (m_keys.isEmpty() || m_keys.size() > 2)
        message = u"DKIM needs one key (RSA or Ed25519), or an RSA key and an Ed25519 key besides it"_s;
    // One key of either kind (docs/product.md §5.3 warns about Ed25519 alone, as the analysis
    // does, but sends), or RSA then Ed25519.
    for (qsizetype i = 0; message.isEmpty() && i < m_keys.size(); ++i) {
        const SigningKey &k = m_keys.at(i);
        const auto expected = i == 0 ? DkimKey::Algorithm::Rsa : DkimKey::Algorithm::Ed25519;
        if (!k.key || k.key->isNull())
            message = u"DKIM key %1 is missing"_s.arg(i + 1);
        else if (m_keys.size() == 2 && k.key->algorithm() != expected)
            message = i == 0 ? u"with two DKIM keys the first must be RSA"_s : u"the second DKIM key must be Ed25519"_s;
        else if (!isDomainName(k.selector))
            message = u"DKIM selector is not valid: '%1'"_s.arg(k.selector);
    }
    if (message.isEmpty() && m_keys.size() == 2 && m_keys.at(0).selector == m_keys.at(1).selector)
        message = u"the RSA and Ed25519 keys need different selectors"_s;
    if (error)
        *error = message;
    return message.isEmpty();
}

QByteArray DkimSigner::sign(const QByteArray &message, QString *error) const
{
    QString localError;
    QString *err = error ? error : &localError;
    if (!isValid(err))
        return {};
    // SMTP ends the data with CRLF "." CRLF, so a message that lacks a final CRLF arrives
    // with one (RFC 5321 §4.1.1.4). It is added here, so that the returned bytes are the
    // received bytes; the relaxed body hash is the same either way, but OpenDKIM rejects a
    // body without it as a syntax error.
    const QByteArray complete = message.endsWith("\r\n") || message.isEmpty() ? message : message + "\r\n";
    QList<DkimCanonicalizer::HeaderField> headers;
    QByteArray body;
    if (!DkimCanonicalizer::split(complete, &headers, &body, err))
        return {};
    const auto fromCount = std::count_if(headers.cbegin(), headers.cend(), [](const auto &h) {
        return h.name.compare("from", Qt::CaseInsensitive) == 0;
    });
    if (fromCount != 1) {
        *err = u"the message has %1 From fields; exactly one is required"_s.arg(fromCount);
        return {};
    }

    const QByteArray bodyHash = sha256({DkimCanonicalizer::relaxedBody(body)}).toBase64();

    // Instances of a repeated field are signed from the bottom up (RFC 6376 §5.4.2); the
    // extra From and Subject entries match nothing now and make any added one fail.
    QList<QByteArray> hNames;
    QByteArray headerData;
    for (const QByteArray &name : signedHeaderNames()) {
        for (qsizetype i = headers.size() - 1; i >= 0; --i) {
            if (headers.at(i).name.compare(name, Qt::CaseInsensitive) == 0) {
                hNames.append(name);
                headerData += DkimCanonicalizer::relaxedHeader(headers.at(i).raw);
            }
        }
        if (name == "from" || name == "subject")
            hNames.append(name);
    }

    const Clock &clock = m_clock ? *m_clock : Clock::system();
    // t=, h= and bh= are the same for every key. h= is written "from:from:to:..." and folds
    // only between names.
    QList<Piece> tags{{"t=" + QByteArray::number(clock.nowMs() / 1000) + ';'}};
    for (qsizetype i = 0; i < hNames.size(); ++i) {
        const QByteArray end = i + 1 == hNames.size() ? ";" : ":";
        tags.append({(i == 0 ? "h=" : "") + hNames.at(i) + end, i == 0});
    }
    tags.append({"bh=" + bodyHash + ';'});

    QByteArray fields;
    for (const SigningKey &signingKey : m_keys) {
        const QByteArray field = signatureField(m_domain, signingKey, headerData, tags, err);
        if (field.isEmpty())
            return {};
        fields += field;
    }
    return fields + complete;
}
