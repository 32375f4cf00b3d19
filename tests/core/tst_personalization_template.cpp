#include "common/clock.h"
#include "engine/message_renderer.h"
#include "message/personalization_template.h"

#include <QTest>

using namespace Qt::StringLiterals;

using Escape = PersonalizationTemplate::Escape;

// Parsing, rendering and escaping of {{field|default}} templates. The header cases are the
// ones that matter most: a recipient's CSV value must never be able to add a header line.
class TestPersonalizationTemplate final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void renderWithHash();
    void renderWithLookup();
    void missingOrEmptyTakesDefault_data();
    void missingOrEmptyTakesDefault();
    void htmlEscaping();
    void headerInjection_data();
    void headerInjection();
    void headerEscapesDefaults();
    void structuredHeaderUris();
    void rendererEncodesUnsubscribeValues();
    void containsLineBreak_data();
    void containsLineBreak();
    void koreanValuesUnchanged();
};

namespace {

const QHash<QString, QString> &sampleValues()
{
    static const QHash<QString, QString> values{
        {u"first_name"_s, u"Ada"_s},        {u"last_name"_s, u"Lovelace"_s},
        {u"email"_s, u"ada@example.org"_s}, {u"x"_s, u"X"_s},
        {u"user.first-name_2"_s, u"U2"_s},  {u"empty"_s, QString()},
    };
    return values;
}

QStringList problemMessages(const PersonalizationTemplate &t)
{
    QStringList out;
    for (const auto &p : t.problems())
        out.append(p.message);
    return out;
}

QList<qsizetype> problemOffsets(const PersonalizationTemplate &t)
{
    QList<qsizetype> out;
    for (const auto &p : t.problems())
        out.append(p.offset);
    return out;
}

} // namespace

void TestPersonalizationTemplate::parse_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<QStringList>("withoutDefault");
    QTest::addColumn<QString>("rendered"); // with sampleValues(), Escape::None
    QTest::addColumn<QStringList>("problems");
    QTest::addColumn<QList<qsizetype>>("offsets");

    const QStringList none;
    const QList<qsizetype> noOffsets;

    QTest::newRow("empty") << QString() << none << none << QString() << none << noOffsets;
    QTest::newRow("plain text") << u"Hello there"_s << none << none << u"Hello there"_s << none << noOffsets;
    QTest::newRow("one field") << u"Hello {{first_name}}!"_s << QStringList{u"first_name"_s}
                               << QStringList{u"first_name"_s} << u"Hello Ada!"_s << none << noOffsets;
    QTest::newRow("default") << u"Hello {{nick|friend}}"_s << QStringList{u"nick"_s} << none << u"Hello friend"_s
                             << none << noOffsets;
    QTest::newRow("spaces around name") << u"Hi {{ first_name }}, {{\tlast_name\t}}"_s
                                        << QStringList{u"first_name"_s, u"last_name"_s}
                                        << QStringList{u"first_name"_s, u"last_name"_s} << u"Hi Ada, Lovelace"_s << none
                                        << noOffsets;
    // Only the name is trimmed: the default is the author's text, spaces included.
    QTest::newRow("spaces around default kept")
        << u"[{{ nick | pal }}]"_s << QStringList{u"nick"_s} << none << u"[ pal ]"_s << none << noOffsets;
    QTest::newRow("several fields") << u"{{first_name}} {{last_name}} <{{email}}>"_s
                                    << QStringList{u"first_name"_s, u"last_name"_s, u"email"_s}
                                    << QStringList{u"first_name"_s, u"last_name"_s, u"email"_s}
                                    << u"Ada Lovelace <ada@example.org>"_s << none << noOffsets;
    QTest::newRow("duplicates listed once")
        << u"{{x}}{{first_name}}{{x|d}}{{x}}"_s << QStringList{u"x"_s, u"first_name"_s}
        << QStringList{u"x"_s, u"first_name"_s} << u"XAdaXX"_s << none << noOffsets;
    // Used once without a default: it must still resolve for every recipient.
    QTest::newRow("default then no default")
        << u"{{id|0}} {{id}}"_s << QStringList{u"id"_s} << QStringList{u"id"_s} << u"0 "_s << none << noOffsets;
    // An explicit empty default means the author accepts an empty value.
    QTest::newRow("empty default") << u"a{{nick|}}b"_s << QStringList{u"nick"_s} << none << u"ab"_s << none
                                   << noOffsets;
    QTest::newRow("dots dashes digits") << u"{{user.first-name_2}}"_s << QStringList{u"user.first-name_2"_s}
                                        << QStringList{u"user.first-name_2"_s} << u"U2"_s << none << noOffsets;
    // Names match exactly: "First_Name" is not "first_name".
    QTest::newRow("case sensitive") << u"{{First_Name}}"_s << QStringList{u"First_Name"_s}
                                    << QStringList{u"First_Name"_s} << QString() << none << noOffsets;
    QTest::newRow("single braces literal")
        << u"a { b } c {x} { {x} } }"_s << none << none << u"a { b } c {x} { {x} } }"_s << none << noOffsets;
    QTest::newRow("css-like braces") << u"p { color: red; }"_s << none << none << u"p { color: red; }"_s << none
                                     << noOffsets;
    // Three braces: the outer ones are literal text around the value.
    QTest::newRow("triple braces") << u"{{{x}}}"_s << QStringList{u"x"_s} << QStringList{u"x"_s} << u"{X}"_s << none
                                   << noOffsets;
    QTest::newRow("default with braces and pipes")
        << u"{{nick|a|b}c{d}}"_s << QStringList{u"nick"_s} << none << u"a|b}c{d"_s << none << noOffsets;

    QTest::newRow("unbalanced open") << u"Hello {{first_name"_s << none << none << u"Hello {{first_name"_s
                                     << QStringList{u"unbalanced '{{' at offset 6"_s} << QList<qsizetype>{6};
    QTest::newRow("unbalanced close") << u"Hello first_name}} x"_s << none << none << u"Hello first_name}} x"_s
                                      << QStringList{u"unbalanced '}}' at offset 16"_s} << QList<qsizetype>{16};
    QTest::newRow("unbalanced both ways")
        << u"}} {{"_s << none << none << u"}} {{"_s
        << QStringList{u"unbalanced '}}' at offset 0"_s, u"unbalanced '{{' at offset 3"_s} << QList<qsizetype>{0, 3};
    QTest::newRow("extra closing after field") << u"{{x}}}}"_s << QStringList{u"x"_s} << QStringList{u"x"_s} << u"X}}"_s
                                               << QStringList{u"unbalanced '}}' at offset 5"_s} << QList<qsizetype>{5};
    // The likely typo: a placeholder left open before the next one; the later one still works.
    QTest::newRow("open left before next field")
        << u"Hi {{first_name, code {{x}}"_s << QStringList{u"x"_s} << QStringList{u"x"_s}
        << u"Hi {{first_name, code X"_s << QStringList{u"unbalanced '{{' at offset 3"_s} << QList<qsizetype>{3};
    QTest::newRow("empty name") << u"a {{}} b"_s << none << none << u"a {{}} b"_s
                                << QStringList{u"empty field name at offset 2"_s} << QList<qsizetype>{2};
    QTest::newRow("empty name with default") << u"{{ |x}}"_s << none << none << u"{{ |x}}"_s
                                             << QStringList{u"empty field name at offset 0"_s} << QList<qsizetype>{0};
    QTest::newRow("space inside name")
        << u"{{first name}}"_s << none << none << u"{{first name}}"_s
        << QStringList{u"invalid character U+0020 in field name \"first name\" at offset 7"_s} << QList<qsizetype>{7};
    QTest::newRow("bad character")
        << u"Dear {{na$me}}"_s << none << none << u"Dear {{na$me}}"_s
        << QStringList{u"invalid character '$' (U+0024) in field name \"na$me\" at offset 9"_s} << QList<qsizetype>{9};
    QTest::newRow("non-ASCII name")
        << u"{{이름}}"_s << none << none << u"{{이름}}"_s
        << QStringList{u"invalid character '이' (U+C774) in field name \"이름\" at offset 2"_s} << QList<qsizetype>{2};
    QTest::newRow("nested") << u"{{a {{x}} b}}!"_s << none << none << u"{{a {{x}} b}}!"_s
                            << QStringList{u"nested '{{' at offset 4"_s} << QList<qsizetype>{4};
    // A default cannot fall back to another field.
    QTest::newRow("nested in default") << u"{{nick|{{x}}}}"_s << none << none << u"{{nick|{{x}}}}"_s
                                       << QStringList{u"nested '{{' at offset 7"_s} << QList<qsizetype>{7};
    QTest::newRow("four braces") << u"{{{{x}}}}"_s << none << none << u"{{{{x}}}}"_s
                                 << QStringList{u"nested '{{' at offset 2"_s} << QList<qsizetype>{2};
    // Offsets count UTF-16 code units, like every QString index.
    QTest::newRow("offset after Korean text")
        << u"안녕하세요 {{first_name"_s << none << none << u"안녕하세요 {{first_name"_s
        << QStringList{u"unbalanced '{{' at offset 6"_s} << QList<qsizetype>{6};
}

void TestPersonalizationTemplate::parse()
{
    QFETCH(QString, source);
    QFETCH(QStringList, fields);
    QFETCH(QStringList, withoutDefault);
    QFETCH(QString, rendered);
    QFETCH(QStringList, problems);
    QFETCH(QList<qsizetype>, offsets);

    const PersonalizationTemplate t(source);
    QCOMPARE(t.fields(), fields);
    QCOMPARE(t.fieldsWithoutDefault(), withoutDefault);
    QCOMPARE(problemMessages(t), problems);
    QCOMPARE(problemOffsets(t), offsets);
    QCOMPARE(t.isValid(), problems.isEmpty());
    QCOMPARE(t.render(sampleValues(), Escape::None), rendered);
}

void TestPersonalizationTemplate::renderWithHash()
{
    const PersonalizationTemplate t(u"Dear {{ first_name }} {{last_name}}, ref {{id|n/a}}."_s);
    QVERIFY(t.isValid());
    QCOMPARE(t.render(sampleValues(), Escape::None), u"Dear Ada Lovelace, ref n/a."_s);
    QCOMPARE(t.render(QHash<QString, QString>{{u"first_name"_s, u"Bo"_s}, {u"id"_s, u"42"_s}}, Escape::None),
             u"Dear Bo , ref 42."_s);
    QCOMPARE(PersonalizationTemplate().render(sampleValues(), Escape::Html), QString());
}

void TestPersonalizationTemplate::renderWithLookup()
{
    const PersonalizationTemplate t(u"{{a}}-{{b|B}}-{{a}}"_s);
    QStringList asked;
    const auto lookup = [&asked](const QString &field) {
        asked.append(field);
        return field == u"a"_s ? u"<1>"_s : QString();
    };
    QCOMPARE(t.render(lookup, Escape::Html), u"&lt;1&gt;-B-&lt;1&gt;"_s);
    QCOMPARE(asked, (QStringList{u"a"_s, u"b"_s, u"a"_s}));
}

void TestPersonalizationTemplate::missingOrEmptyTakesDefault_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");

    QTest::newRow("missing with default") << u"Hi {{nick|there}}"_s << u"Hi there"_s;
    QTest::newRow("empty with default") << u"Hi {{empty|there}}"_s << u"Hi there"_s;
    QTest::newRow("missing without default") << u"Hi {{nick}}!"_s << u"Hi !"_s;
    QTest::newRow("empty without default") << u"Hi {{empty}}!"_s << u"Hi !"_s;
    QTest::newRow("present ignores default") << u"Hi {{first_name|there}}"_s << u"Hi Ada"_s;
}

void TestPersonalizationTemplate::missingOrEmptyTakesDefault()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QCOMPARE(PersonalizationTemplate(source).render(sampleValues(), Escape::None), expected);
}

void TestPersonalizationTemplate::htmlEscaping()
{
    const PersonalizationTemplate t(u"<p title=\"{{t}}\">{{v}} {{d|Tom & \"Jerry\" <3>}}</p>"_s);
    QVERIFY(t.isValid());
    const QHash<QString, QString> values{{u"v"_s, u"<script>alert('x')</script>"_s},
                                         {u"t"_s, u"\" onmouseover=\"alert(1)"_s}};
    // The template's own markup stays; values and defaults are escaped.
    QCOMPARE(t.render(values, Escape::Html),
             u"<p title=\"&quot; onmouseover=&quot;alert(1)\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; "
             u"Tom &amp; &quot;Jerry&quot; &lt;3&gt;</p>"_s);
    QCOMPARE(t.render(values, Escape::None),
             u"<p title=\"\" onmouseover=\"alert(1)\"><script>alert('x')</script> Tom & \"Jerry\" <3></p>"_s);
    QCOMPARE(PersonalizationTemplate::escapeValue(u"&amp;"_s, Escape::Html), u"&amp;amp;"_s);
}

void TestPersonalizationTemplate::headerInjection_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("escaped");

    QTest::newRow("CRLF Bcc") << u"Bob\r\nBcc: x@evil"_s << u"Bob Bcc: x@evil"_s;
    QTest::newRow("LF only") << u"\n"_s << u" "_s;
    QTest::newRow("CR only") << u"\r"_s << u" "_s;
    QTest::newRow("NUL") << (u"Bob"_s + QChar(0) + u"Bcc: x@evil"_s) << u"Bob Bcc: x@evil"_s;
    QTest::newRow("trailing newline") << u"Bob\n"_s << u"Bob "_s;
    QTest::newRow("folded continuation") << u"Bob\r\n Bcc: x@evil"_s << u"Bob  Bcc: x@evil"_s;
    QTest::newRow("run of breaks") << u"a\r\n\r\n\t\v\fb"_s << u"a b"_s;
    QTest::newRow("U+2028") << (u"Bob"_s + QChar(0x2028) + u"Bcc: x@evil"_s) << u"Bob Bcc: x@evil"_s;
    QTest::newRow("U+2029") << (u"Bob"_s + QChar(0x2029) + u"x"_s) << u"Bob x"_s;
    QTest::newRow("U+0085") << (u"Bob"_s + QChar(0x85) + u"x"_s) << u"Bob x"_s;
    QTest::newRow("DEL") << (u"Bob"_s + QChar(0x7F) + u"x"_s) << u"Bob x"_s;
    // No line break in it: stays literal text; the MIME layer encodes the header later.
    QTest::newRow("encoded word") << u"=?UTF-8?Q?=0A?=Bcc:"_s << u"=?UTF-8?Q?=0A?=Bcc:"_s;
    QTest::newRow("ordinary") << u"Ada Lovelace"_s << u"Ada Lovelace"_s;
}

void TestPersonalizationTemplate::headerInjection()
{
    QFETCH(QString, value);
    QFETCH(QString, escaped);

    const QString once = PersonalizationTemplate::escapeValue(value, Escape::Header);
    QCOMPARE(once, escaped);

    const PersonalizationTemplate subject(u"Hello {{first_name}}, your offer"_s);
    const QString rendered = subject.render(QHash<QString, QString>{{u"first_name"_s, value}}, Escape::Header);
    QCOMPARE(rendered, u"Hello "_s + escaped + u", your offer"_s);
    QVERIFY(!rendered.contains(u'\r'));
    QVERIFY(!rendered.contains(u'\n'));
    QVERIFY(!rendered.contains(QChar(0)));
    QVERIFY(!PersonalizationTemplate::containsLineBreak(rendered));
    QCOMPARE(rendered.split(u'\n').size(), 1);
    QCOMPARE(rendered.split(u'\r').size(), 1);
}

void TestPersonalizationTemplate::headerEscapesDefaults()
{
    // Defaults go through the same escaping as values, whatever the mode.
    const PersonalizationTemplate t(u"Hi {{nick|a\r\nb}}"_s);
    QVERIFY(t.isValid());
    QCOMPARE(t.render(QHash<QString, QString>(), Escape::Header), u"Hi a b"_s);
}

void TestPersonalizationTemplate::structuredHeaderUris()
{
    // Inside <...> a value is data in a URI: percent-encoded, so it cannot close the URI and
    // add another; outside, only line breaks go, as in any header.
    const PersonalizationTemplate t(
        u"<https://acme.example/u/{{id}}?e={{email}}>, <mailto:u@acme.example?subject={{id}}> {{note}}"_s);
    const QHash<QString, QString> values{{u"id"_s, u"x>, <https://evil.example/u"_s},
                                         {u"email"_s, u"jin+news@example.kr"_s},
                                         {u"note"_s, u"a <b>\r\nBcc: c"_s}};
    QCOMPARE(t.render(values, Escape::StructuredHeader),
             u"<https://acme.example/u/x%3E,%20%3Chttps://evil.example/u?e=jin+news@example.kr>, "
             "<mailto:u@acme.example?subject=x%3E,%20%3Chttps://evil.example/u> a <b> Bcc: c"_s);
    // A whole URL in a field stays a URL (an encoded query too); Korean is UTF-8 encoded.
    QCOMPARE(PersonalizationTemplate(u"<{{url}}>"_s)
                 .render(QHash<QString, QString>{{u"url"_s, u"https://acme.example/u/abc?t=a%20b&x=1"_s}},
                         Escape::StructuredHeader),
             u"<https://acme.example/u/abc?t=a%20b&x=1>"_s);
    QCOMPARE(PersonalizationTemplate(u"<https://acme.example/{{n}}>"_s)
                 .render(QHash<QString, QString>{{u"n"_s, u"서연 \"q\""_s}}, Escape::StructuredHeader),
             u"<https://acme.example/%EC%84%9C%EC%97%B0%20%22q%22>"_s);
    // The subject is unstructured: angle brackets there are text.
    QCOMPARE(PersonalizationTemplate(u"<{{n}}>"_s).render(QHash<QString, QString>{{u"n"_s, u"a b"_s}}, Escape::Header),
             u"<a b>"_s);
}

void TestPersonalizationTemplate::rendererEncodesUnsubscribeValues()
{
    DeliveryDefinition d;
    d.fromAddress = u"news@acme.example"_s;
    d.subject = u"Hello"_s;
    d.html = u"<p>hi</p>"_s;
    d.headers = {{u"List-Unsubscribe"_s, u"<https://acme.example/u/{{id}}>"_s},
                 {u"List-Unsubscribe-Post"_s, u"List-Unsubscribe=One-Click"_s}};
    ManualClock clock(1'795'000'000'000);
    const MessageRenderer renderer(d, {u"email"_s, u"id"_s}, clock);
    QVERIFY2(renderer.isValid(), qPrintable(renderer.error()));
    MessageRenderer::Recipient r;
    r.address = u"a@example.com"_s;
    r.fieldsJson = uR"(["a@example.com","x>, <https://evil.example/u"])"_s;
    r.messageId = u"<m1@acme.example>"_s;
    const MessageRenderer::Rendered out = renderer.render(r);
    QVERIFY2(!out.data.isEmpty(), qPrintable(out.error));
    const QByteArray headers = out.data.left(out.data.indexOf("\r\n\r\n"));
    QVERIFY2(headers.contains("List-Unsubscribe: <https://acme.example/u/x%3E,%20%3Chttps://evil.example/u>"),
             headers.constData());
    QVERIFY(!headers.contains("<https://evil.example"));
}

void TestPersonalizationTemplate::containsLineBreak_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");

    QTest::newRow("plain") << u"Hello, Ada"_s << false;
    QTest::newRow("tab") << u"a\tb"_s << false;
    QTest::newRow("LF") << u"a\nb"_s << true;
    QTest::newRow("CR") << u"a\r"_s << true;
    QTest::newRow("VT") << u"a\vb"_s << true;
    QTest::newRow("FF") << u"a\fb"_s << true;
    QTest::newRow("NEL") << QString(QChar(0x85)) << true;
    QTest::newRow("LS") << QString(QChar(0x2028)) << true;
    QTest::newRow("PS") << QString(QChar(0x2029)) << true;
}

void TestPersonalizationTemplate::containsLineBreak()
{
    QFETCH(QString, text);
    QFETCH(bool, expected);
    QCOMPARE(PersonalizationTemplate::containsLineBreak(text), expected);
}

void TestPersonalizationTemplate::koreanValuesUnchanged()
{
    const PersonalizationTemplate t(u"{{last_name}}{{first_name}}님, 안녕하세요"_s);
    const QHash<QString, QString> values{{u"first_name"_s, u"지민"_s}, {u"last_name"_s, u"김"_s}};
    const QString expected = u"김지민님, 안녕하세요"_s;
    QCOMPARE(t.render(values, Escape::None), expected);
    QCOMPARE(t.render(values, Escape::Html), expected);
    QCOMPARE(t.render(values, Escape::Header), expected);
}

QTEST_APPLESS_MAIN(TestPersonalizationTemplate)

#include "tst_personalization_template.moc"
