#include "common/clock.h"
#include "message/dkim_canonicalizer.h"
#include "message/dkim_key.h"
#include "message/dkim_signer.h"
#include "message/mime_message.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// DKIM signatures checked by two independent verifiers, dkimpy and OpenDKIM, offline with
// keys generated at test time (docs/reliability.md D1-D6; tests/peers/verify_dkim.py). Every
// signature of every message must pass both; every tampered copy must fail both.
class TestDkimSigner final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rfc8463Vector();
    void signatureField();
    void repeatedFieldsAreAllSigned();
    void invalidSigners_data();
    void invalidSigners();
    void rejectedMessages_data();
    void rejectedMessages();
    void verifiers_data();
    void verifiers();

private:
    struct Verdict
    {
        bool pass = false;
        QString output;
    };
    Verdict dkimpy(const QString &file, int signatures) const;
    Verdict openDkim(const QString &file, int signatures) const;
    QString writeMessage(const QString &name, const QByteArray &message) const;

    QTemporaryDir m_dir;
    DkimKey m_rsa;
    DkimKey m_ed25519;
    ManualClock m_clock{1764547200000}; // 2025-12-01T00:00:00Z, in the past for t= checks
    QString m_keyFile;
    QString m_openDkimConfig;
    QString m_openDkim;
    QString m_noDkimpyReason;
};

namespace {

const char *const kPython = "/usr/bin/python3";
const QString kDomain = u"example.test"_s;
const QString kSelector = u"s2048"_s;

QByteArray plainMessage(const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "From: Joe Sender <joe@example.test>\r\n"
           "To: Suzie Q <suzie@example.org>\r\n"
           "Subject: Is dinner ready?\r\n"
           "Date: Tue, 01 Dec 2026 09:00:00 +0900\r\n"
           "Message-ID: <m1@example.test>\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n" +
           extraHeaders + "\r\n" + body;
}

MimeContent koreanContent()
{
    MimeContent c;
    c.fromName = u"Acme 뉴스"_s;
    c.fromAddress = u"news@example.test"_s;
    c.replyTo = u"support@example.test"_s;
    c.toAddress = u"jimin@example.org"_s;
    c.toDisplay = u"김지민"_s;
    c.subject = u"11월 뉴스레터: 안녕하세요 지민님, 이번 달 소식을 전해 드립니다"_s;
    c.text = u"안녕하세요 지민님,\n\n11월 소식입니다.\n.점으로 시작하는 줄\n"_s;
    c.html = u"<p>안녕하세요 <b>지민</b>님</p>"_s;
    c.headers = {{u"List-Unsubscribe"_s, u"<https://example.test/u/42>, <mailto:u@example.test?subject=42>"_s},
                 {u"List-Unsubscribe-Post"_s, u"List-Unsubscribe=One-Click"_s}};
    c.messageId = u"<d1.r42@example.test>"_s;
    c.date = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::OffsetFromUTC, 9 * 3600);
    return c;
}

QByteArray built(const MimeContent &content)
{
    QString error;
    QByteArray message = MimeBuilder::build(content, &error);
    if (message.isEmpty())
        qWarning("build failed: %s", qPrintable(error));
    return message;
}

// The DKIM-Signature fields at the top of a signed message, unfolded.
QList<QByteArray> signatureFields(const QByteArray &signedMessage)
{
    QList<DkimCanonicalizer::HeaderField> headers;
    QByteArray body;
    QString error;
    DkimCanonicalizer::split(signedMessage, &headers, &body, &error);
    QList<QByteArray> fields;
    for (const auto &h : headers) {
        if (h.name.compare("DKIM-Signature", Qt::CaseInsensitive) == 0) {
            QByteArray v = h.raw.mid(h.raw.indexOf(':') + 1);
            v.replace("\r\n", "");
            fields.append(v.simplified());
        }
    }
    return fields;
}

QHash<QByteArray, QByteArray> tagsOf(const QByteArray &field)
{
    QHash<QByteArray, QByteArray> tags;
    for (const QByteArray &tag : field.split(';')) {
        const qsizetype eq = tag.indexOf('=');
        if (eq > 0) {
            QByteArray value = tag.mid(eq + 1);
            value.replace(" ", "");
            tags.insert(tag.left(eq).trimmed(), value);
        }
    }
    return tags;
}

qsizetype bodyStart(const QByteArray &message)
{
    const qsizetype blank = message.indexOf("\r\n\r\n");
    return blank < 0 ? message.size() : blank + 4;
}

QByteArray changeBodyByte(const QByteArray &message)
{
    QByteArray out = message;
    for (qsizetype i = bodyStart(message); i < out.size(); ++i) {
        const char c = out.at(i);
        if (c != '\r' && c != '\n' && c != ' ' && c != '\t') {
            out[i] = c == 'X' ? 'Y' : 'X';
            return out;
        }
    }
    return out + "X\r\n"; // empty body: any content is a change
}

QByteArray insertHeader(const QByteArray &message, const QByteArray &field, bool atTop)
{
    if (atTop)
        return field + message;
    QByteArray out = message;
    const qsizetype blank = message.indexOf("\r\n\r\n");
    return blank < 0 ? out + field : out.insert(blank + 2, field);
}

} // namespace

void TestDkimSigner::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    m_rsa = DkimKey::generateRsa(2048, &error);
    QVERIFY2(!m_rsa.isNull(), qPrintable(error));
    m_ed25519 = DkimKey::generateEd25519(&error);
    QVERIFY2(!m_ed25519.isNull(), qPrintable(error));

    // One key file for both verifiers (OpenDKIM's TestPublicKeys format).
    m_keyFile = m_dir.filePath(u"testkeys.txt"_s);
    QFile keys(m_keyFile);
    QVERIFY(keys.open(QIODevice::WriteOnly));
    keys.write(QString(kSelector + u"._domainkey."_s + kDomain + u' ' + m_rsa.dnsTxtValue() + u'\n' +
                       DkimSigner::ed25519Selector(kSelector) + u"._domainkey."_s + kDomain + u' ' +
                       m_ed25519.dnsTxtValue() + u'\n')
                   .toUtf8());
    keys.close();
    m_openDkimConfig = m_dir.filePath(u"opendkim-verify.conf"_s);
    QFile config(m_openDkimConfig);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("Mode v\nSyslog no\nTestPublicKeys " + m_keyFile.toUtf8() + "\n");
    config.close();

    m_openDkim = QStandardPaths::findExecutable(u"opendkim"_s);
    if (m_openDkim.isEmpty())
        m_openDkim = QStandardPaths::findExecutable(u"opendkim"_s, {u"/usr/sbin"_s, u"/sbin"_s});

    QProcess probe;
    probe.start(QString::fromLatin1(kPython), {u"-c"_s, u"import dkim, nacl"_s});
    if (!probe.waitForFinished(30000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
        m_noDkimpyReason = u"/usr/bin/python3 cannot import dkim (with nacl for Ed25519): "
                           "apt-get install python3-dkim"_s;
}

void TestDkimSigner::rfc8463Vector()
{
    // RFC 8463 A.3: same key, same data, so the same deterministic Ed25519 signature. The
    // seed is the RFC 8032 §7.1 TEST 1 example key, a published test vector.
    QFile file(QString::fromUtf8(SENDSCOPE_TEST_DATA) + u"/dkim/rfc8463-a3-ed25519.eml"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray message = file.readAll();
    QList<DkimCanonicalizer::HeaderField> headers;
    QByteArray body;
    QString error;
    QVERIFY2(DkimCanonicalizer::split(message, &headers, &body, &error), qPrintable(error));

    QCOMPARE(QCryptographicHash::hash(DkimCanonicalizer::relaxedBody(body), QCryptographicHash::Sha256).toBase64(),
             QByteArray("2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8="));

    // h=from : to : subject : date : message-id : from : subject : date
    QByteArray data;
    QHash<QByteArray, int> used;
    for (const QByteArray name : {"from", "to", "subject", "date", "message-id", "from", "subject", "date"}) {
        int skip = used[name]++;
        for (qsizetype i = headers.size() - 1; i >= 0; --i) {
            if (headers.at(i).name.compare(name, Qt::CaseInsensitive) == 0 && skip-- == 0) {
                data += DkimCanonicalizer::relaxedHeader(headers.at(i).raw);
                break;
            }
        }
    }
    const QByteArray field = headers.at(0).raw;
    static const QRegularExpression bValue(u"([;\\s]b=)([A-Za-z0-9+/=\\s]*)$"_s);
    const QRegularExpressionMatch m = bValue.match(QString::fromLatin1(field));
    QVERIFY(m.hasMatch());
    QByteArray emptied = field.left(m.capturedEnd(1));
    QByteArray canonical = DkimCanonicalizer::relaxedHeader(emptied);
    canonical.chop(2);
    QString expected = m.captured(2);
    expected.remove(QRegularExpression(u"\\s"_s));

    const DkimKey key =
        DkimKey::fromEd25519Seed(QByteArray::fromBase64("nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A="), &error);
    QVERIFY2(!key.isNull(), qPrintable(error));
    QVERIFY(key.matchesRecord(u"v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="_s));
    QCOMPARE(QString::fromLatin1(key.sign(data + canonical, &error).toBase64()), expected);
}

void TestDkimSigner::signatureField()
{
    const DkimSigner signer(kDomain, kSelector, {&m_rsa, &m_ed25519}, &m_clock);
    const QByteArray message = built(koreanContent());
    QString error;
    const QByteArray signedMessage = signer.sign(message, &error);
    QVERIFY2(!signedMessage.isEmpty(), qPrintable(error));
    QVERIFY(signedMessage.endsWith(message));

    // Folded to 78 columns, CRLF only.
    const QByteArray added = signedMessage.left(signedMessage.size() - message.size());
    for (const QByteArray &line : added.split('\n')) {
        QVERIFY2(line.size() <= 79, line.constData()); // 78 + the CR
        QVERIFY(line.isEmpty() || line.endsWith('\r'));
    }

    const QList<QByteArray> fields = signatureFields(signedMessage);
    QCOMPARE(fields.size(), 2);
    const QByteArray expectedBh =
        QCryptographicHash::hash(DkimCanonicalizer::relaxedBody(message.mid(bodyStart(message))),
                                 QCryptographicHash::Sha256)
            .toBase64();
    const QList<QByteArray> algorithms{"rsa-sha256", "ed25519-sha256"};
    const QList<QString> selectors{kSelector, kSelector + u"-ed25519"_s};
    for (int i = 0; i < 2; ++i) {
        const auto tags = tagsOf(fields.at(i));
        QCOMPARE(tags.value("v"), QByteArray("1"));
        QCOMPARE(tags.value("a"), algorithms.at(i)); // RSA first; never rsa-sha1
        QCOMPARE(tags.value("c"), QByteArray("relaxed/relaxed"));
        QCOMPARE(tags.value("d"), kDomain.toLatin1());
        QCOMPARE(tags.value("s"), selectors.at(i).toLatin1());
        QCOMPARE(tags.value("t"), QByteArray("1764547200"));
        QVERIFY(!tags.contains("l")); // D3: no body length
        QVERIFY(!tags.contains("x"));
        QCOMPARE(tags.value("bh"), expectedBh);
        // From and Subject oversigned; both List-Unsubscribe fields signed; no trace fields.
        QCOMPARE(tags.value("h"), QByteArray("from:from:to:subject:subject:date:message-id:mime-version:"
                                             "content-type:reply-to:list-unsubscribe:list-unsubscribe-post"));
        QVERIFY(!tags.value("b").isEmpty());
    }
}

void TestDkimSigner::repeatedFieldsAreAllSigned()
{
    const DkimSigner signer(kDomain, kSelector, {&m_rsa}, &m_clock);
    const QByteArray message =
        plainMessage("x\r\n", "Cc: a@example.org\r\nCc: b@example.org\r\nReceived: from x by y\r\n"
                              "Return-Path: <bounce@example.test>\r\n");
    QString error;
    const QByteArray signedMessage = signer.sign(message, &error);
    QVERIFY2(!signedMessage.isEmpty(), qPrintable(error));
    const QByteArray h = tagsOf(signatureFields(signedMessage).at(0)).value("h");
    QCOMPARE(h.count("cc"), 2);
    QVERIFY(!h.contains("received"));
    QVERIFY(!h.contains("return-path"));
    QVERIFY(!h.contains("reply-to")); // absent fields are not listed
}

void TestDkimSigner::invalidSigners_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("rsaSelector");
    QTest::addColumn<QString>("edSelector");
    QTest::addColumn<QString>("keys"); // r = RSA key, e = Ed25519 key, 0 = null key
    QTest::newRow("no keys") << kDomain << kSelector << QString() << QString();
    QTest::newRow("ed25519 first") << kDomain << kSelector << u"ed"_s << u"er"_s;
    QTest::newRow("two rsa") << kDomain << kSelector << u"s2"_s << u"rr"_s;
    QTest::newRow("three keys") << kDomain << kSelector << u"ed"_s << u"rer"_s;
    QTest::newRow("null key") << kDomain << kSelector << QString() << u"0"_s;
    QTest::newRow("same selector") << kDomain << kSelector << kSelector << u"re"_s;
    QTest::newRow("tag injection in domain") << u"example.test; l=0"_s << kSelector << QString() << u"r"_s;
    QTest::newRow("space in selector") << kDomain << u"s 1"_s << QString() << u"r"_s;
    QTest::newRow("empty domain") << QString() << kSelector << QString() << u"r"_s;
}

void TestDkimSigner::invalidSigners()
{
    QFETCH(QString, domain);
    QFETCH(QString, rsaSelector);
    QFETCH(QString, edSelector);
    QFETCH(QString, keys);
    const DkimKey null;
    QList<DkimSigner::SigningKey> list;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const DkimKey *key = keys.at(i) == u'r' ? &m_rsa : keys.at(i) == u'e' ? &m_ed25519 : &null;
        list.append({key, i == 0 ? rsaSelector : edSelector});
    }
    const DkimSigner signer(domain, list, &m_clock);
    QString error;
    QVERIFY(!signer.isValid(&error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(signer.sign(plainMessage("x\r\n"), &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

void TestDkimSigner::rejectedMessages_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("bare LF") << QByteArray("From: a@example.test\nSubject: x\n\nbody\n");
    QTest::newRow("bare LF in body") << plainMessage("one\ntwo\r\n");
    QTest::newRow("no From") << QByteArray("To: a@example.org\r\nSubject: x\r\n\r\nbody\r\n");
    QTest::newRow("two From") << plainMessage("x\r\n", "From: other@example.test\r\n");
}

void TestDkimSigner::rejectedMessages()
{
    QFETCH(QByteArray, message);
    const DkimSigner signer(kDomain, kSelector, {&m_rsa}, &m_clock);
    QString error;
    QVERIFY(signer.sign(message, &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

QString TestDkimSigner::writeMessage(const QString &name, const QByteArray &message) const
{
    QString safe = name;
    safe.replace(QRegularExpression(u"[^A-Za-z0-9]+"_s), u"-"_s);
    QString path = m_dir.filePath(safe + u".eml"_s);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(message) != message.size())
        return {};
    return path;
}

TestDkimSigner::Verdict TestDkimSigner::dkimpy(const QString &file, int signatures) const
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QString::fromLatin1(kPython), {QString::fromUtf8(SENDSCOPE_TEST_DATA) + u"/../peers/verify_dkim.py"_s,
                                           u"--keys"_s, m_keyFile, u"--expect"_s, QString::number(signatures), file});
    const bool finished = p.waitForFinished(60000);
    const QString output = QString::fromUtf8(p.readAll()).trimmed();
    return {finished && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, output};
}

TestDkimSigner::Verdict TestDkimSigner::openDkim(const QString &file, int signatures) const
{
    // "opendkim -t" exits 0 whatever the result and its summary line names one signature
    // only; with -vv it prints the Authentication-Results it would add, one dkim= result per
    // signature, so every signature is checked there.
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(m_openDkim, {u"-x"_s, m_openDkimConfig, u"-vv"_s, u"-t"_s, file});
    const bool finished = p.waitForFinished(60000);
    const QString output = QString::fromUtf8(p.readAll());
    static const QRegularExpression result(u"\\bdkim=(\\w+)"_s);
    int passes = 0;
    int others = 0;
    for (const QRegularExpressionMatch &m : result.globalMatch(output))
        (m.captured(1) == u"pass"_s ? passes : others) += 1;
    QStringList summary;
    for (const QString &line : output.split(u'\n')) {
        if (line.contains(u"dkim="_s) || line.contains(u"verification"_s) || line.contains(u"error"_s))
            summary.append(line.trimmed());
    }
    return {finished && passes == signatures && others == 0, summary.join(u" | "_s)};
}

void TestDkimSigner::verifiers_data()
{
    QTest::addColumn<QByteArray>("message");
    const QList<QPair<const char *, QByteArray>> messages{
        {"korean mime", built(koreanContent())},
        {"long lines mime",
         [] {
             MimeContent c = koreanContent();
             c.html = u"<p>"_s + QString(5000, u'x') + u"</p>"_s;
             c.text = QString(5000, u'y');
             return built(c);
         }()},
        {"leading dots", plainMessage(".\r\n..\r\n.foo\r\nbar\r\n.\r\n")},
        {"empty body", plainMessage(QByteArray())},
        {"only empty lines", plainMessage("\r\n\r\n\r\n")},
        {"no final CRLF", plainMessage("Hello\r\nWorld")},
        {"trailing white space", plainMessage("a  \r\nb\t\t c \r\n \r\n\t\r\n\r\n\r\n")},
        {"folded mixed-case headers", "Received: from relay by mx; Tue, 01 Dec 2026 09:00:01 +0900\r\n"
                                      "from:   Joe Sender\r\n <joe@example.test>  \r\n"
                                      "TO:suzie@example.org\r\n"
                                      "SUBJECT:\t Folded \r\n\t  subject   here \r\n"
                                      "Date: Tue, 01 Dec 2026 09:00:00 +0900\r\n"
                                      "Message-ID: <m2@example.test>\r\n"
                                      "\r\nBody  with   runs\r\n"},
    };
    for (const auto &[name, message] : messages)
        QTest::newRow(name) << message;
}

void TestDkimSigner::verifiers()
{
    if (!m_noDkimpyReason.isEmpty())
        QSKIP(qPrintable(m_noDkimpyReason));
    if (m_openDkim.isEmpty())
        QSKIP("opendkim is not installed: apt-get install opendkim (the verifier is 'opendkim -t')");
    QFETCH(QByteArray, message);
    QVERIFY(!message.isEmpty());
    // RSA, RSA with Ed25519 beside it, and Ed25519 alone (which the analysis warns about but
    // the engine signs with: one rule in both).
    for (const QString &which : {u"rsa"_s, u"rsa+ed25519"_s, u"ed25519"_s}) {
        QList<DkimSigner::SigningKey> keys;
        if (which.startsWith(u"rsa"_s))
            keys.append({&m_rsa, kSelector});
        if (which.endsWith(u"ed25519"_s))
            keys.append({&m_ed25519, DkimSigner::ed25519Selector(kSelector)});
        const DkimSigner signer(kDomain, keys, &m_clock);
        QString error;
        const QByteArray signedMessage = signer.sign(message, &error);
        QVERIFY2(!signedMessage.isEmpty(), qPrintable(error));
        const int count = int(keys.size());
        const QString label = QString::fromLatin1(QTest::currentDataTag()) + u' ' + which;

        const QString good = writeMessage(label, signedMessage);
        const Verdict py = dkimpy(good, count);
        QVERIFY2(py.pass, qPrintable(label + u": dkimpy: "_s + py.output));
        const Verdict od = openDkim(good, count);
        QVERIFY2(od.pass, qPrintable(label + u": opendkim: "_s + od.output));
        if (!message.endsWith("\r\n")) {
            // The signer added the CRLF that SMTP adds; the relaxed body hash does not depend
            // on it, so the bytes as given verify too (dkimpy; OpenDKIM calls a body without
            // a final CRLF a syntax error, OpenDKIM issue #45).
            QVERIFY(signedMessage.endsWith(QByteArray(message + "\r\n")));
            const Verdict bare = dkimpy(writeMessage(label + u" bare"_s, signedMessage.chopped(2)), count);
            QVERIFY2(bare.pass, qPrintable(label + u": dkimpy without the final CRLF: "_s + bare.output));
        }
        qInfo("%s: dkimpy [%s] opendkim [%s]", qPrintable(label),
              qPrintable(QString(py.output).replace(u'\n', u"; "_s)), qPrintable(od.output));

        const QList<QPair<QString, QByteArray>> tampered{
            {u"body byte changed"_s, changeBodyByte(signedMessage)},
            {u"line appended"_s, signedMessage + "Appended after signing.\r\n"},
            {u"From added at the top"_s, insertHeader(signedMessage, "From: Mallory <m@evil.example>\r\n", true)},
            {u"From added at the bottom"_s, insertHeader(signedMessage, "From: Mallory <m@evil.example>\r\n", false)},
            {u"Subject added"_s, insertHeader(signedMessage, "Subject: Urgent: pay now\r\n", false)},
        };
        for (const auto &[what, copy] : tampered) {
            const QString path = writeMessage(label + u' ' + what, copy);
            const Verdict pyBad = dkimpy(path, count);
            QVERIFY2(!pyBad.pass, qPrintable(label + u", "_s + what + u": dkimpy passed: "_s + pyBad.output));
            const Verdict odBad = openDkim(path, count);
            QVERIFY2(!odBad.pass, qPrintable(label + u", "_s + what + u": opendkim passed: "_s + odBad.output));
        }
    }
}

QTEST_GUILESS_MAIN(TestDkimSigner)
#include "tst_dkim_signer.moc"
