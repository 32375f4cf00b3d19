#include "recipients/address_validator.h"

#include <QTest>

using namespace Qt::StringLiterals;

using Verdict = AddressCheck::Verdict;

// The address rules of the analysis: what may be sent, in which form, and why the rest is
// refused. The injection rows matter most: an address must never add an SMTP command.
class TestAddressValidator final : public QObject
{
    Q_OBJECT

private slots:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void missing_data();
    void missing();
    void invalidKeepsTrimmedDisplay();
};

namespace {

QString repeated(char c, qsizetype count)
{
    return QString(count, QLatin1Char(c));
}

// A domain of exactly `octets` octets, made of full-size labels and ending in ".com".
QString domainOf(qsizetype octets)
{
    QString domain;
    qsizetype left = octets - 4; // ".com"
    char letter = 'a';
    while (left > 0) {
        const qsizetype label = qMin<qsizetype>(63, left - (left > 63 ? 1 : 0));
        domain += repeated(letter++, label);
        left -= label;
        if (left > 0) {
            domain += u'.';
            --left;
        }
    }
    return domain + u".com"_s;
}

} // namespace

void TestAddressValidator::valid_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<QString>("display");

    const auto same = [](const char *name, const QString &address) {
        QTest::newRow(name) << address << address << address;
    };
    same("plain", u"user@example.com"_s);
    same("plus tag", u"first.last+news@example.com"_s);
    same("digits", u"1234567890@example.com"_s);
    same("all atext", u"!#$%&'*+-/=?^_`{|}~@example.com"_s);
    same("subdomains", u"user@mail.eu.example.co.uk"_s);
    same("numeric label", u"user@123.example"_s);
    same("hyphen inside label", u"user@my-host.ex-ample.com"_s);
    same("quoted with space", u"\"john doe\"@example.com"_s);
    same("quoted escaped quote", u"\"a\\\"b\"@example.com"_s);
    same("quoted with at sign", u"\"a@b\"@example.com"_s);
    same("quoted with dots", u"\"..a..\"@example.com"_s);
    same("local part of 64", repeated('a', 64) + u"@example.com"_s);
    same("label of 63", u"user@"_s + repeated('d', 63) + u".com"_s);
    same("address of 254", repeated('a', 64) + u'@' + domainOf(189));
    same("UTF-8 local part of 64 octets", QString(32, QChar(0xE9)) + u"@example.com"_s);

    QTest::newRow("surrounding blanks") << u" \t user@example.com \t"_s << u"user@example.com"_s
                                        << u"user@example.com"_s;
    QTest::newRow("domain lower-cased, local kept")
        << u"John.Smith@EXAMPLE.Com"_s << u"John.Smith@example.com"_s << u"John.Smith@example.com"_s;
    QTest::newRow("IDN") << u"user@bücher.example"_s << u"user@xn--bcher-kva.example"_s << u"user@bücher.example"_s;
    QTest::newRow("IDN upper case") << u"User@BÜCHER.Example"_s << u"User@xn--bcher-kva.example"_s
                                    << u"User@bücher.example"_s;
    QTest::newRow("A-label given") << u"user@XN--BCHER-KVA.example"_s << u"user@xn--bcher-kva.example"_s
                                   << u"user@bücher.example"_s;
    QTest::newRow("ideographic full stop")
        << u"user@bücher\u3002example"_s << u"user@xn--bcher-kva.example"_s << u"user@bücher.example"_s;
    QTest::newRow("UTF-8 local part and IDN")
        << u"用户@例子.广告"_s << u"用户@xn--fsqu00a.xn--4rr70v"_s << u"用户@例子.广告"_s;
}

void TestAddressValidator::valid()
{
    QFETCH(QString, raw);
    QFETCH(QString, normalized);
    QFETCH(QString, display);

    const AddressCheck check = AddressValidator::check(raw);
    QCOMPARE(check.reason, QString());
    QCOMPARE(check.verdict, Verdict::Valid);
    QVERIFY(check.isValid());
    QCOMPARE(check.normalized, normalized);
    QCOMPARE(check.display, display);
}

void TestAddressValidator::invalid_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("reason");

    const QString nul(QChar(0));
    QTest::newRow("no at") << u"user.example.com"_s << u"missing '@'"_s;
    QTest::newRow("two ats") << u"a@b@example.com"_s << u"more than one '@'"_s;
    QTest::newRow("no local part") << u"@example.com"_s << u"missing local part"_s;
    QTest::newRow("empty quoted local part") << u"\"\"@example.com"_s << u"missing local part"_s;
    QTest::newRow("no domain") << u"user@"_s << u"missing domain"_s;

    QTest::newRow("leading dot") << u".user@example.com"_s << u"local part starts with a dot"_s;
    QTest::newRow("trailing dot") << u"user.@example.com"_s << u"local part ends with a dot"_s;
    QTest::newRow("double dot") << u"us..er@example.com"_s << u"consecutive dots in local part"_s;
    QTest::newRow("comma") << u"a,b@example.com"_s << u"invalid character ',' in local part"_s;
    QTest::newRow("stray quote") << u"a\"b@example.com"_s << u"invalid character '\"' in local part"_s;
    QTest::newRow("backslash") << u"a\\b@example.com"_s << u"invalid character '\\' in local part"_s;
    QTest::newRow("local part of 65") << repeated('a', 65) + u"@example.com"_s << u"local part longer than 64 octets"_s;
    QTest::newRow("UTF-8 local part of 65 octets")
        << QString(32, QChar(0xE9)) + u"a@example.com"_s << u"local part longer than 64 octets"_s;

    QTest::newRow("unterminated quote") << u"\"john@example.com"_s << u"unterminated quoted local part"_s;
    QTest::newRow("text after quote") << u"\"john\"x@example.com"_s << u"text after quoted local part"_s;
    QTest::newRow("quoted only") << u"\"john@example.com\""_s << u"missing '@'"_s;
    QTest::newRow("escaped non-ASCII") << u"\"a\\é\"@example.com"_s << u"invalid escape in quoted local part"_s;

    QTest::newRow("domain leading dot") << u"user@.example.com"_s << u"domain starts with a dot"_s;
    QTest::newRow("domain trailing dot") << u"user@example.com."_s << u"domain ends with a dot"_s;
    QTest::newRow("IDN trailing dot") << u"user@bücher.example."_s << u"domain ends with a dot"_s;
    QTest::newRow("IDN double dot") << u"user@bücher..example"_s << u"consecutive dots in domain"_s;
    QTest::newRow("domain double dot") << u"user@example..com"_s << u"consecutive dots in domain"_s;
    QTest::newRow("dotless") << u"user@localhost"_s << u"domain has no dot"_s;
    QTest::newRow("leading hyphen") << u"user@-example.com"_s << u"domain label starts with a hyphen"_s;
    QTest::newRow("trailing hyphen") << u"user@example-.com"_s << u"domain label ends with a hyphen"_s;
    QTest::newRow("hyphen TLD") << u"user@example.-com"_s << u"domain label starts with a hyphen"_s;
    QTest::newRow("underscore") << u"user@exa_mple.com"_s << u"invalid character '_' in domain"_s;
    QTest::newRow("numeric TLD") << u"user@example.123"_s << u"top-level domain is all-numeric"_s;
    QTest::newRow("IPv4 as domain") << u"user@192.168.1.1"_s << u"top-level domain is all-numeric"_s;
    QTest::newRow("label of 64") << u"user@"_s + repeated('d', 64) + u".com"_s
                                 << u"domain label longer than 63 octets"_s;
    QTest::newRow("address of 255") << repeated('a', 64) + u'@' + domainOf(190) << u"address longer than 254 octets"_s;
    QTest::newRow("disallowed IDN") << u"user@a\u2488.com"_s
                                    << u"domain is not a valid internationalized domain name"_s;
    QTest::newRow("IDN leading combining mark")
        << u"user@\u0301ab.com"_s << u"domain is not a valid internationalized domain name"_s;
    QTest::newRow("bad A-label") << u"user@xn--abc.com"_s << u"domain is not a valid internationalized domain name"_s;

    QTest::newRow("domain literal") << u"user@[192.168.1.1]"_s << u"domain literals are not accepted"_s;
    QTest::newRow("IPv6 literal") << u"user@[IPv6:2001:db8::1]"_s << u"domain literals are not accepted"_s;
    QTest::newRow("comment in local part") << u"user(work)@example.com"_s << u"comments are not accepted"_s;
    QTest::newRow("comment after") << u"user@example.com (Joe)"_s << u"comments are not accepted"_s;
    QTest::newRow("comment in domain") << u"user@(x)example.com"_s << u"comments are not accepted"_s;
    QTest::newRow("space in local part") << u"john doe@example.com"_s << u"white space in address"_s;
    QTest::newRow("space before at") << u"user @example.com"_s << u"white space in address"_s;
    QTest::newRow("no-break space") << u"john\u00A0doe@example.com"_s << u"white space in address"_s;
    QTest::newRow("ideographic space") << u"user\u3000@example.com"_s << u"white space in address"_s;
    QTest::newRow("tab in domain") << u"user@\texample.com"_s << u"control character in address"_s;
    QTest::newRow("display name") << u"Joe <joe@example.com>"_s << u"angle brackets are not accepted"_s;
    QTest::newRow("bracketed") << u"<joe@example.com>"_s << u"angle brackets are not accepted"_s;

    QTest::newRow("SMTP injection") << u"a@b.c>\r\nRCPT TO:<x@y.z>"_s << u"control character in address"_s;
    QTest::newRow("header injection") << u"a@b.com\nBcc: x@y.z"_s << u"control character in address"_s;
    QTest::newRow("trailing CRLF") << u"a@b.com\r\n"_s << u"control character in address"_s;
    QTest::newRow("leading LF") << u"\na@b.com"_s << u"control character in address"_s;
    QTest::newRow("lone CR") << u"a\r@b.com"_s << u"control character in address"_s;
    QTest::newRow("NUL") << u"a"_s + nul + u"@b.com"_s << u"control character in address"_s;
    QTest::newRow("NUL in quotes") << u"\"a"_s + nul + u"\"@b.com"_s << u"control character in address"_s;
    QTest::newRow("TAB in quotes") << u"\"a\tb\"@b.com"_s << u"control character in address"_s;
    QTest::newRow("DEL") << u"a\x7f@b.com"_s << u"control character in address"_s;
    // Found by tests/fuzz/fuzz_address_validator: MimeBuilder refuses these in a header.
    QTest::newRow("C1 control") << u"a\u0086@b.com"_s << u"control character in address"_s;
    QTest::newRow("NEL in quotes") << u"\"a\u0085b\"@b.com"_s << u"control character in address"_s;
    QTest::newRow("line separator") << u"a\u2028@b.com"_s << u"control character in address"_s;
    QTest::newRow("paragraph separator") << u"a@b\u2029.com"_s << u"control character in address"_s;
    QTest::newRow("lone surrogate") << u"a"_s + QChar(0xD800) + u"@b.com"_s << u"invalid Unicode in address"_s;
}

void TestAddressValidator::invalid()
{
    QFETCH(QString, raw);
    QFETCH(QString, reason);

    const AddressCheck check = AddressValidator::check(raw);
    QCOMPARE(check.reason, reason);
    QCOMPARE(check.verdict, Verdict::Invalid);
    QVERIFY(!check.isValid());
    QVERIFY(check.normalized.isEmpty());
}

void TestAddressValidator::missing_data()
{
    QTest::addColumn<QString>("raw");
    QTest::newRow("null") << QString();
    QTest::newRow("empty") << u""_s;
    QTest::newRow("blanks") << u"  \t "_s;
}

void TestAddressValidator::missing()
{
    QFETCH(QString, raw);
    const AddressCheck check = AddressValidator::check(raw);
    QCOMPARE(check.verdict, Verdict::Missing);
    QVERIFY(check.reason.isEmpty());
    QVERIFY(check.normalized.isEmpty());
}

void TestAddressValidator::invalidKeepsTrimmedDisplay()
{
    // The report shows the refused address as the user wrote it, minus the padding.
    const AddressCheck check = AddressValidator::check(u"  user@@example.com "_s);
    QCOMPARE(check.verdict, Verdict::Invalid);
    QCOMPARE(check.display, u"user@@example.com"_s);
}

QTEST_APPLESS_MAIN(TestAddressValidator)

#include "tst_address_validator.moc"
