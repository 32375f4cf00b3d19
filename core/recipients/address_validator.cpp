#include "address_validator.h"

#include <QStringList>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MaxLocalOctets = 64;
constexpr qsizetype MaxAddressOctets = 254;
constexpr qsizetype MaxLabelOctets = 63;

bool isAsciiAlnum(char16_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// atext of RFC 5322 section 3.2.3, widened by RFC 6531 to any non-ASCII character.
bool isAtext(char16_t c)
{
    if (isAsciiAlnum(c) || c >= 0x80)
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '/':
    case '=':
    case '?':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
        return true;
    default:
        return false;
    }
}

// C0, DEL, C1 (NEL among them) and the Unicode line and paragraph separators: what MimeBuilder
// refuses in a header, so an address accepted here is never refused when its message is built.
bool isControl(char16_t c)
{
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

// Only space and TAB are trimmed: a CR or LF at either end is refused like one inside, since
// it is more likely an injection attempt than a stray keystroke.
QStringView trimmed(QStringView text)
{
    const auto isBlank = [](QChar c) { return c == u' ' || c == u'\t'; };
    while (!text.isEmpty() && isBlank(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isBlank(text.back()))
        text.chop(1);
    return text;
}

// Two dots in a row; a plain loop, as QStringView::contains(QStringView) sets up a general search.
bool hasDoubleDot(QStringView text)
{
    for (qsizetype i = 1; i < text.size(); ++i) {
        if (text.at(i) == u'.' && text.at(i - 1) == u'.')
            return true;
    }
    return false;
}

// The length in UTF-8 octets, counted without encoding (a lone surrogate counts as the three
// octets of its replacement; hasLoneSurrogate refuses it anyway).
qsizetype utf8Length(QStringView text)
{
    qsizetype octets = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        octets += u < 0x80 ? 1 : u < 0x800 ? 2 : c.isSurrogate() ? 2 : 3;
    }
    return octets;
}

QString quotedChar(QChar c)
{
    return u"'"_s + c + u"'"_s;
}

// A lone surrogate cannot be encoded in UTF-8, so it cannot be sent either.
bool hasLoneSurrogate(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        else if (c.isSurrogate())
            return true;
    }
    return false;
}

// Returns the end of a quoted local part starting at text[0] (the index just past the closing
// quote), or -1 with a reason.
qsizetype scanQuoted(QStringView text, QString &reason)
{
    for (qsizetype i = 1; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (c == '"')
            return i + 1;
        if (c == '\\') {
            if (++i == text.size())
                break;
            const char16_t escaped = text.at(i).unicode();
            if (escaped < 0x20 || escaped > 0x7E) {
                reason = u"invalid escape in quoted local part"_s;
                return -1;
            }
        }
    }
    reason = u"unterminated quoted local part"_s;
    return -1;
}

QString checkDotAtom(QStringView local)
{
    if (local.startsWith(u'.'))
        return u"local part starts with a dot"_s;
    if (local.endsWith(u'.'))
        return u"local part ends with a dot"_s;
    if (hasDoubleDot(local))
        return u"consecutive dots in local part"_s;
    for (const QChar c : local) {
        if (c != u'.' && !isAtext(c.unicode()))
            return u"invalid character "_s + quotedChar(c) + u" in local part"_s;
    }
    return {};
}

// Checks the A-label form of the domain: LDH labels of 1 to 63 octets, at least two of them,
// and a top-level label that is not all digits (it would read as an IPv4 address).
QString checkDots(QStringView domain)
{
    if (domain.startsWith(u'.'))
        return u"domain starts with a dot"_s;
    if (domain.endsWith(u'.'))
        return u"domain ends with a dot"_s;
    if (hasDoubleDot(domain))
        return u"consecutive dots in domain"_s;
    return {};
}

QString checkAsciiDomain(QStringView domain)
{
    if (QString dots = checkDots(domain); !dots.isEmpty())
        return dots;
    if (!domain.contains(u'.'))
        return u"domain has no dot"_s;
    QStringView tld;
    for (const QStringView label : domain.tokenize(u'.')) {
        tld = label;
        if (label.size() > MaxLabelOctets)
            return u"domain label longer than 63 octets"_s;
        for (const QChar c : label) {
            if (!isAsciiAlnum(c.unicode()) && c != u'-')
                return u"invalid character "_s + quotedChar(c) + u" in domain"_s;
        }
        if (label.startsWith(u'-'))
            return u"domain label starts with a hyphen"_s;
        if (label.endsWith(u'-'))
            return u"domain label ends with a hyphen"_s;
    }
    if (std::all_of(tld.begin(), tld.end(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return u"top-level domain is all-numeric"_s;
    return {};
}

bool isAscii(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
}

AddressCheck invalid(const QString &reason, QStringView display)
{
    AddressCheck result;
    result.verdict = AddressCheck::Verdict::Invalid;
    result.reason = reason;
    result.display = display.toString();
    return result;
}

} // namespace

AddressCheck AddressValidator::check(const QString &raw)
{
    const QStringView address = trimmed(raw);
    if (address.isEmpty())
        return {};

    // Refusals that hold anywhere, even inside quotes: these characters could rewrite the
    // SMTP command or the header the address lands in.
    if (std::any_of(address.begin(), address.end(), [](QChar c) { return isControl(c.unicode()); }))
        return invalid(u"control character in address"_s, address);
    if (address.contains(u'<') || address.contains(u'>'))
        return invalid(u"angle brackets are not accepted"_s, address);

    QString reason;
    qsizetype at = -1;
    if (address.startsWith(u'"')) {
        const qsizetype end = scanQuoted(address, reason);
        if (end < 0)
            return invalid(reason, address);
        if (end == address.size() || address.at(end) != u'@')
            return invalid(end == address.size() ? u"missing '@'"_s : u"text after quoted local part"_s, address);
        at = end;
    } else {
        at = address.indexOf(u'@');
        if (at < 0)
            return invalid(u"missing '@'"_s, address);
    }
    const QStringView local = address.first(at);
    const QStringView domain = address.sliced(at + 1);
    const bool quotedLocal = local.startsWith(u'"');

    // Structural refusals outside the quoted part, most telling first: a comment usually
    // comes with white space, and a domain literal with its own characters.
    const QStringView outside = quotedLocal ? domain : address;
    if (outside.contains(u'(') || outside.contains(u')'))
        return invalid(u"comments are not accepted"_s, address);
    if (domain.contains(u'@'))
        return invalid(u"more than one '@'"_s, address);
    // Any white space, not only ASCII: a no-break space pasted from a web page or a spreadsheet
    // is as invalid as a space (and MimeBuilder refuses the address in the header).
    if (std::any_of(outside.begin(), outside.end(), [](QChar c) { return c.isSpace(); }))
        return invalid(u"white space in address"_s, address);
    if (domain.startsWith(u'['))
        return invalid(u"domain literals are not accepted"_s, address);
    if (hasLoneSurrogate(address))
        return invalid(u"invalid Unicode in address"_s, address);

    if (local.isEmpty() || local == u"\"\"")
        return invalid(u"missing local part"_s, address);
    if (!quotedLocal) {
        reason = checkDotAtom(local);
        if (!reason.isEmpty())
            return invalid(reason, address);
    }
    if (utf8Length(local) > MaxLocalOctets)
        return invalid(u"local part longer than 64 octets"_s, address);

    if (domain.isEmpty())
        return invalid(u"missing domain"_s, address);
    QString ace;
    if (isAscii(domain)) {
        reason = checkAsciiDomain(domain);
        if (!reason.isEmpty())
            return invalid(reason, address);
        ace = domain.toString().toLower();
    } else {
        // UTS #46 also maps the ideographic full stops to dots, so the A-label form is
        // checked again below; this first look gives the plainer reason for plain mistakes.
        reason = checkDots(domain);
        if (!reason.isEmpty())
            return invalid(reason, address);
        ace = QString::fromLatin1(QUrl::toAce(domain.toString()));
        if (ace.isEmpty())
            return invalid(u"domain is not a valid internationalized domain name"_s, address);
        ace = ace.toLower();
        reason = checkAsciiDomain(ace);
        if (!reason.isEmpty())
            return invalid(reason, address);
    }
    // The display form decodes every A-label. The whitelist that QUrl applies against
    // look-alike names is meant for browsers; here the user typed the address. A label that
    // stays "xn--" did not decode to a valid name (bad Punycode, or failing IDNA rules).
    QString unicodeDomain = ace;
    if (ace.startsWith(u"xn--") || ace.contains(u".xn--")) {
        unicodeDomain = QUrl::fromAce(ace.toLatin1(), QUrl::IgnoreIDNWhitelist);
        const QList<QStringView> labels = QStringView(unicodeDomain).split(u'.');
        const auto undecoded = [](QStringView label) { return label.startsWith(u"xn--"); };
        if (unicodeDomain.isEmpty() || std::any_of(labels.begin(), labels.end(), undecoded))
            return invalid(u"domain is not a valid internationalized domain name"_s, address);
    }

    AddressCheck result;
    result.normalized = local + u'@' + ace;
    if (utf8Length(result.normalized) > MaxAddressOctets)
        return invalid(u"address longer than 254 octets"_s, address);
    result.verdict = AddressCheck::Verdict::Valid;
    // Shared, not copied, when the domain has no A-label to decode (nearly every address).
    result.display = unicodeDomain == ace ? result.normalized : local + u'@' + unicodeDomain;
    return result;
}
