#include "feedback/imap_response_parser.h"

#include <QTest>

using namespace Qt::StringLiterals;

// The IMAP response parser is the first thing a hostile mailbox server touches: every shape
// Dovecot sends must parse whatever the chunking, and everything else must end in a bounded
// error (docs/product.md §4, the bounce mailbox).
class TestImapResponseParser final : public QObject
{
    Q_OBJECT

    static std::vector<ImapResponse> all(ImapResponseParser &p)
    {
        std::vector<ImapResponse> out;
        while (std::optional<ImapResponse> r = p.next())
            out.push_back(std::move(*r));
        return out;
    }

    static std::vector<ImapResponse> parseWhole(const QByteArray &bytes, qint64 cap = 1 << 20)
    {
        ImapResponseParser p(cap);
        p.feed(bytes);
        return all(p);
    }

    // A recorded Dovecot exchange: greeting, capabilities, select, search, fetch, store, idle.
    static QByteArray dovecotSession()
    {
        return "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN "
               "AUTH=LOGIN] Dovecot (Debian) ready.\r\n"
               "* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN AUTH=LOGIN\r\n"
               "A001 OK Pre-login capabilities listed, post-login capabilities have more.\r\n"
               "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
               "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r\n"
               "* 2 EXISTS\r\n"
               "* 0 RECENT\r\n"
               "* OK [UIDVALIDITY 1733346000] UIDs valid\r\n"
               "* OK [UIDNEXT 3] Predicted next UID\r\n"
               "A002 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).\r\n"
               "* SEARCH 1 2\r\n"
               "A003 OK Search completed (0.001 + 0.000 secs).\r\n"
               "* 1 FETCH (UID 1 RFC822.SIZE 12 BODY[] {12}\r\nSubject: x\r\n)\r\n"
               "A004 OK Fetch completed (0.001 + 0.000 secs).\r\n"
               "* 1 FETCH (UID 1 FLAGS (\\Seen))\r\n"
               "+ idling\r\n";
    }

private Q_SLOTS:
    void dovecotSessionParses()
    {
        const auto r = parseWhole(dovecotSession());
        QCOMPARE(r.size(), size_t(16));
        QCOMPARE(r[0].kind, ImapResponse::Kind::Untagged);
        QCOMPARE(r[0].keyword, "OK");
        QCOMPARE(r[0].code, "CAPABILITY");
        QVERIFY(r[0].codeArguments.contains("STARTTLS"));
        QCOMPARE(r[0].text, "Dovecot (Debian) ready.");
        QCOMPARE(r[1].keyword, "CAPABILITY");
        QCOMPARE(r[1].values.size(), size_t(9));
        QVERIFY(r[1].values[7].isAtom("auth=plain"));
        QCOMPARE(r[2].kind, ImapResponse::Kind::Tagged);
        QCOMPARE(r[2].tag, "A001");
        QCOMPARE(r[3].keyword, "FLAGS");
        QCOMPARE(r[3].values.front().list.size(), size_t(5));
        QCOMPARE(r[4].code, "PERMANENTFLAGS");
        QCOMPARE(r[5].keyword, "EXISTS");
        QCOMPARE(r[5].number, 2u);
        QCOMPARE(r[7].code, "UIDVALIDITY");
        QCOMPARE(r[7].codeArguments, "1733346000");
        QCOMPARE(r[9].code, "READ-WRITE");
        QCOMPARE(r[10].keyword, "SEARCH");
        QCOMPARE(r[10].values.size(), size_t(2));
        QCOMPARE(r[10].values[1].toNumber(), 2u);
        QCOMPARE(r[12].keyword, "FETCH");
        QCOMPARE(r[12].number, 1u);
        QCOMPARE(r[12].fetchItem("UID")->toNumber(), 1u);
        QCOMPARE(r[12].fetchItem("rfc822.size")->toSize(), 12);
        QCOMPARE(r[12].fetchItem("BODY[]")->type, ImapValue::Type::String);
        QCOMPARE(r[12].fetchItem("BODY[]")->bytes, "Subject: x\r\n");
        QVERIFY2(r[12].summary.contains("<12 bytes>"), r[12].summary.constData());
        QVERIFY(!r[12].summary.contains("Subject"));
        QCOMPARE(r[14].fetchItem("FLAGS")->list.front().bytes, "\\Seen");
        QCOMPARE(r[15].kind, ImapResponse::Kind::Continuation);
        QCOMPARE(r[15].text, "idling");
    }

    // Every split of the stream into two feeds, and byte by byte, gives the same responses.
    void splitAtEveryByte()
    {
        const QByteArray whole = dovecotSession();
        const auto expected = parseWhole(whole);
        for (qsizetype cut = 0; cut <= whole.size(); ++cut) {
            ImapResponseParser p(1 << 20);
            p.feed(QByteArrayView(whole).first(cut));
            auto got = all(p);
            p.feed(QByteArrayView(whole).sliced(cut));
            for (auto &r : all(p))
                got.push_back(std::move(r));
            QVERIFY2(!p.hasError(), qPrintable(p.error()));
            QCOMPARE(got.size(), expected.size());
            for (size_t i = 0; i < got.size(); ++i)
                QCOMPARE(got[i].summary, expected[i].summary);
        }
        ImapResponseParser p(1 << 20);
        std::vector<ImapResponse> got;
        for (char c : whole) {
            p.feed(QByteArrayView(&c, 1));
            for (auto &r : all(p))
                got.push_back(std::move(r));
        }
        QCOMPARE(got.size(), expected.size());
        QCOMPARE(got[12].fetchItem("BODY[]")->bytes, "Subject: x\r\n");
    }

    // A literal whose content looks like a literal header, a CRLF and a tag, split at every byte.
    void literalContentIsOpaque()
    {
        const QByteArray body = "A1 OK {5}\r\n* BYE\r\n";
        const QByteArray whole = "* 3 FETCH (UID 9 BODY[] {" + QByteArray::number(body.size()) + "}\r\n" + body +
                                 " FLAGS ())\r\nA5 OK done\r\n";
        for (qsizetype cut = 0; cut <= whole.size(); ++cut) {
            ImapResponseParser p(1 << 20);
            p.feed(QByteArrayView(whole).first(cut));
            auto got = all(p);
            p.feed(QByteArrayView(whole).sliced(cut));
            for (auto &r : all(p))
                got.push_back(std::move(r));
            QVERIFY2(!p.hasError(), qPrintable(p.error()));
            QCOMPARE(got.size(), size_t(2));
            QCOMPARE(got[0].fetchItem("BODY[]")->bytes, body);
            QCOMPARE(got[0].fetchItem("FLAGS")->type, ImapValue::Type::List);
            QCOMPARE(got[1].tag, "A5");
        }
    }

    void nonSynchronizingLiteralAndEmptyLiteral()
    {
        const auto r = parseWhole("* LIST () \".\" {3+}\r\nabc\r\n* 1 FETCH (BODY[] {0}\r\n)\r\n");
        QCOMPARE(r.size(), size_t(2));
        QCOMPARE(r[0].values[2].bytes, "abc");
        QCOMPARE(r[1].fetchItem("BODY[]")->bytes, QByteArray());
        QCOMPARE(r[1].fetchItem("BODY[]")->type, ImapValue::Type::String);
    }

    void nil()
    {
        const auto r = parseWhole("* 4 FETCH (UID 7 BODY[] NIL ENVELOPE (nil \"x\" NIL))\r\n");
        QCOMPARE(r.size(), size_t(1));
        QCOMPARE(r[0].fetchItem("BODY[]")->type, ImapValue::Type::Nil);
        const ImapValue *env = r[0].fetchItem("ENVELOPE");
        QCOMPARE(env->list[0].type, ImapValue::Type::Nil);
        QCOMPARE(env->list[1].type, ImapValue::Type::String);
        QCOMPARE(env->list[2].type, ImapValue::Type::Nil);
    }

    void quotedEscapes()
    {
        const auto r = parseWhole("* LIST (\\Noselect) \"\\\\\" \"a \\\"quoted\\\" name\"\r\n");
        QCOMPARE(r.size(), size_t(1));
        QCOMPARE(r[0].values[0].list[0].bytes, "\\Noselect");
        QCOMPARE(r[0].values[1].bytes, "\\");
        QCOMPARE(r[0].values[2].bytes, "a \"quoted\" name");
    }

    void sectionsWithSpacesAreOneName()
    {
        const auto r = parseWhole("* 1 FETCH (BODY[HEADER.FIELDS (FROM TO)] {4}\r\nab\r\n UID 3)\r\n");
        QCOMPARE(r.size(), size_t(1));
        QCOMPARE(r[0].fetchItem("BODY[HEADER.FIELDS (FROM TO)]")->bytes, "ab\r\n");
        QCOMPARE(r[0].fetchItem("UID")->toNumber(), 3u);
    }

    void bareLineFeedsAndEmptyLines()
    {
        const auto r = parseWhole("\r\n* 1 EXISTS\nA1 OK fine\r\n");
        QCOMPARE(r.size(), size_t(2));
        QCOMPARE(r[0].number, 1u);
        QCOMPARE(r[1].tag, "A1");
    }

    void hugeLiteralRefusedBeforeBuffering()
    {
        ImapResponseParser p(1000);
        p.feed("* 1 FETCH (UID 1 BODY[] {1001}\r\n");
        QVERIFY(p.hasError());
        QVERIFY2(p.error().contains(u"1001"_s) && p.error().contains(u"limit of 1000"_s), qPrintable(p.error()));
        QCOMPARE(p.bufferedBytes(), 0);
        p.feed(QByteArray(5000, 'x')); // ignored once failed
        QCOMPARE(p.bufferedBytes(), 0);
        QVERIFY(!p.next());

        // The limit counts all literals of one response together.
        ImapResponseParser q(1000);
        q.feed(QByteArray("* 1 FETCH (BODY[1] {600}\r\n" + QByteArray(600, 'a') + " BODY[2] {600}\r\n"));
        QVERIFY(q.hasError());

        // Exactly at the limit is fine; a length beyond 64 bits is refused, not overflowed.
        ImapResponseParser ok(1000);
        ok.feed(QByteArray("* 1 FETCH (BODY[] {1000}\r\n" + QByteArray(1000, 'a') + ")\r\n"));
        QVERIFY2(!ok.hasError(), qPrintable(ok.error()));
        QCOMPARE(ok.next()->fetchItem("BODY[]")->bytes.size(), 1000);
        ImapResponseParser overflow(1000);
        overflow.feed("* 1 FETCH (BODY[] {99999999999999999999}\r\n");
        QVERIFY(overflow.hasError());
    }

    void overLongLineRefused()
    {
        ImapResponseParser p;
        const QByteArray chunk(4096, 'a');
        p.feed("* OK ");
        for (int i = 0; i < 20 && !p.hasError(); ++i)
            p.feed(chunk);
        QVERIFY(p.hasError());
        QVERIFY2(p.error().contains(u"longer than"_s), qPrintable(p.error()));
        QVERIFY(p.bufferedBytes() <= ImapResponseParser::MaxLineBytes);

        // Exactly the limit, line break excluded, is accepted.
        ImapResponseParser q;
        q.feed(QByteArray("* OK " + QByteArray(ImapResponseParser::MaxLineBytes - 5, 'b') + "\r\n"));
        QVERIFY2(!q.hasError(), qPrintable(q.error()));
        QVERIFY(q.next());

        // The text outside literals counts across the literals of a response.
        ImapResponseParser r;
        for (int i = 0; i < 40 && !r.hasError(); ++i)
            r.feed(QByteArray("* 1 FETCH (X " + QByteArray(2000, 'c') + " {1}\r\nz"));
        QVERIFY(r.hasError());
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("unbalanced (") << QByteArray("* 1 FETCH (UID 1\r\n");
        QTest::newRow("unbalanced )") << QByteArray("* 1 FETCH UID 1)\r\n");
        QTest::newRow("open quote") << QByteArray("* LIST () \".\" \"abc\r\n");
        QTest::newRow("open bracket") << QByteArray("* 1 FETCH (BODY[HEADER 1)\r\n");
        QTest::newRow("tagged data") << QByteArray("A1 FETCH (UID 1)\r\n");
        QTest::newRow("no keyword") << QByteArray("*\r\n");
        QTest::newRow("number too big") << QByteArray("* 99999999999 EXISTS\r\n");
        QTest::newRow("bad tag") << QByteArray("A(1 OK x\r\n");
        QTest::newRow("code without ]") << QByteArray("* OK [UIDVALIDITY 3\r\n");
        QTest::newRow("deep nesting") << QByteArray("* X " + QByteArray(200, '(') + QByteArray(200, ')') + "\r\n");
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        ImapResponseParser p;
        p.feed(bytes);
        QVERIFY(!p.next());
        QVERIFY(p.hasError());
        QVERIFY(p.error().startsWith(u"malformed response"_s));
        p.reset();
        QVERIFY(!p.hasError());
        p.feed("A1 OK fine\r\n");
        QCOMPARE(p.next()->tag, "A1");
    }

    void numbers()
    {
        const auto r = parseWhole("* SEARCH 4294967295 4294967296 12a\r\n");
        QCOMPARE(r[0].values[0].toNumber(), 4294967295u);
        QVERIFY(!r[0].values[1].toNumber());
        QVERIFY(!r[0].values[2].toNumber());
    }

    void summaryIsPrintable()
    {
        const auto r = parseWhole("* OK \x01\x7f text\r\n");
        QCOMPARE(r[0].summary, "* OK .. text");
    }
};

QTEST_GUILESS_MAIN(TestImapResponseParser)
#include "tst_imap_response_parser.moc"
