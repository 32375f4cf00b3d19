#include "message/html_to_text.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;

// The text/plain alternative derived from HTML: readable, predictable, never an error.
class TestHtmlToText final : public QObject
{
    Q_OBJECT

private slots:
    void convert_data();
    void convert();
    void entities_data();
    void entities();
    void hostileInputTerminates();
};

void TestHtmlToText::convert_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << u"Hello world"_s << u"Hello world"_s;
    QTest::newRow("white space collapsed") << u"  Hello \n\t  world  "_s << u"Hello world"_s;
    QTest::newRow("paragraphs") << u"<p>One</p><p>Two</p>"_s << u"One\n\nTwo"_s;
    QTest::newRow("br") << u"a<br>b<br/><br>c"_s << u"a\nb\n\nc"_s;
    QTest::newRow("div") << u"<div>a</div><div>b</div>"_s << u"a\nb"_s;
    QTest::newRow("heading") << u"<h1>Title</h1>Text"_s << u"Title\n\nText"_s;
    QTest::newRow("script and style dropped")
        << u"<style>p{color:red}</style><script>alert('<p>x</p>')</script>Hi"_s << u"Hi"_s;
    QTest::newRow("head dropped") << u"<html><head><title>T</title><meta charset=utf-8></head><body>B</body></html>"_s
                                  << u"B"_s;
    QTest::newRow("link") << u"<a href=\"https://a.example/x?a=1&amp;b=2\">Click here</a>"_s
                          << u"Click here (https://a.example/x?a=1&b=2)"_s;
    QTest::newRow("link that is its url")
        << u"<a href=\"https://a.example/\">https://a.example/</a>"_s << u"https://a.example/"_s;
    QTest::newRow("mailto") << u"Write to <a href='mailto:hi@a.example'>hi@a.example</a>."_s
                            << u"Write to hi@a.example."_s;
    QTest::newRow("in-page anchor") << u"<a href=\"#top\">Top</a>"_s << u"Top"_s;
    QTest::newRow("javascript link") << u"<a href=\"javascript:void(0)\">Menu</a>"_s << u"Menu"_s;
    QTest::newRow("image link without alt")
        << u"<a href=\"https://a.example/\"><img src=x.png></a>"_s << u"https://a.example/"_s;
    QTest::newRow("image alt") << u"<img src=\"logo.png\" alt=\"Acme logo\">News"_s << u"Acme logo News"_s;
    QTest::newRow("formatted link text") << u"<a href=\"https://a.example/\"><b>Bold</b> link</a>"_s
                                         << u"Bold link (https://a.example/)"_s;
    QTest::newRow("list") << u"<ul><li>One</li><li>Two</li></ul>After"_s << u"- One\n- Two\n\nAfter"_s;
    QTest::newRow("table") << u"<table><tr><td>A</td><td>B</td></tr><tr><td>C</td><td>D</td></tr></table>"_s
                           << u"A B\nC D"_s;
    QTest::newRow("pre keeps white space") << u"<p>x</p><pre>  a\n    b</pre>"_s << u"x\n\n  a\n    b"_s;
    QTest::newRow("comment") << u"a<!-- <p>hidden</p> -->b"_s << u"ab"_s;
    QTest::newRow("doctype") << u"<!DOCTYPE html><p>x</p>"_s << u"x"_s;
    QTest::newRow("korean") << u"<p>안녕하세요 <b>지민</b>님</p>"_s << u"안녕하세요 지민님"_s;
    QTest::newRow("not a tag") << u"a < b and c > d"_s << u"a < b and c > d"_s;
    QTest::newRow("tag cut off at the end") << u"text <a href=\"x"_s << u"text"_s;
    QTest::newRow("hr") << u"a<hr>b"_s << u"a\n\n----\n\nb"_s;
    QTest::newRow("at most one blank line") << u"<p>a</p><br><br><br><p>b</p>"_s << u"a\n\nb"_s;
    QTest::newRow("upper case tags") << u"<P>A</P><BR><A HREF='https://x.example'>X</A>"_s
                                     << u"A\n\nX (https://x.example)"_s;
    QTest::newRow("quoted > in attribute")
        << u"<a title=\"a > b\" href=\"https://x.example\">X</a>"_s << u"X (https://x.example)"_s;
    QTest::newRow("empty") << QString() << QString();
}

void TestHtmlToText::convert()
{
    QFETCH(QString, html);
    QFETCH(QString, text);
    QCOMPARE(HtmlToText::convert(html), text);
}

void TestHtmlToText::entities_data()
{
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<QString>("decoded");
    QTest::newRow("basic") << u"&lt;b&gt; &amp; &quot;q&quot; &#39;s&#39;"_s << u"<b> & \"q\" 's'"_s;
    QTest::newRow("numeric") << u"&#x1F600; &#44032; &#xAC00;"_s << u"😀 가 가"_s;
    QTest::newRow("named") << u"&copy; &mdash; &hellip; &euro;"_s << u"© — … €"_s;
    QTest::newRow("unknown kept") << u"&unknown; a&b &"_s << u"&unknown; a&b &"_s;
    QTest::newRow("invalid code points") << u"&#0; &#xD800; &#x110000;"_s << u"\uFFFD \uFFFD \uFFFD"_s;
}

void TestHtmlToText::entities()
{
    QFETCH(QString, encoded);
    QFETCH(QString, decoded);
    QCOMPARE(HtmlToText::decodeEntities(encoded), decoded);
}

void TestHtmlToText::hostileInputTerminates()
{
    // Unclosed constructs must end the scan, neither loop nor throw, and the time must stay
    // linear in the input.
    const QList<QString> inputs{u"<script>never closed"_s,
                                u"<!-- never closed"_s,
                                u"<a href=\"unterminated"_s,
                                u"<"_s,
                                u"<<<<>>>>"_s,
                                u"&#xFFFFFFFFFFFF;"_s,
                                QString(100000, u'<'),
                                u"<a x=\""_s.repeated(50000),
                                u"&amp"_s.repeated(50000),
                                u"<b>"_s.repeated(50000)};
    for (const QString &html : inputs) {
        QElapsedTimer timer;
        timer.start();
        const QString text = HtmlToText::convert(html);
        QVERIFY(text.size() <= html.size());
        QVERIFY2(timer.elapsed() < 3000, "quadratic behaviour on hostile input");
    }
}

QTEST_GUILESS_MAIN(TestHtmlToText)
#include "tst_mime_html_to_text.moc"
