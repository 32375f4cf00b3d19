// The DKIM keys folder: keys generated and imported as owner-only PEM files named after their
// DNS record, listed back with their algorithm and TXT strings, weak keys refused or warned
// about, bad names and overwrites refused with errors naming the field.
#include "message/dkim_key_store.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;

namespace {

QByteArray rsaPem(int bits)
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits));
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, size);
    BIO_free(bio);
    EVP_PKEY_free(key);
    return pem;
}

QString writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
        return {};
    return path;
}

} // namespace

class TstDkimKeyStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generateEd25519AndList()
    {
        QTemporaryDir dir;
        const DkimKeyStore store(dir.filePath(u"dkim"_s)); // created on first use
        QString error;
        QVERIFY(store.list(&error).isEmpty());
        const DkimKeyStore::Entry e =
            store.generate(u"Acme.example"_s, u"s2024"_s, DkimKey::Algorithm::Ed25519, 0, &error);
        QVERIFY2(!e.isNull(), qPrintable(error));
        QCOMPARE(e.fileName, u"s2024._domainkey.acme.example.pem"_s);
        QCOMPARE(e.txtName, u"s2024._domainkey.acme.example"_s);
        QCOMPARE(e.algorithm, DkimKey::Algorithm::Ed25519);
        QCOMPARE(e.txtStrings.size(), 1);
        QVERIFY(e.txtStrings.first().startsWith(u"v=DKIM1; k=ed25519; p="_s));
        QVERIFY(QFile::permissions(e.path) & QFileDevice::ReadOwner);
        QVERIFY(!(QFile::permissions(e.path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        QVERIFY(!(QFile::permissions(store.folder()) & (QFileDevice::ReadOther | QFileDevice::ExeOther)));

        const QList<DkimKeyStore::Entry> listed = store.list(&error);
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first().domain, u"acme.example"_s);
        QCOMPARE(listed.first().selector, u"s2024"_s);
        QCOMPARE(listed.first().txtStrings, e.txtStrings);
        // The key read back is the key generated: its record matches.
        const DkimKey key = DkimKey::fromPemFile(e.path, &error);
        QVERIFY(key.matchesRecord(e.txtStrings.join(QString())));
    }

    void rsa2048SplitsTheRecordAndSorts()
    {
        QTemporaryDir dir;
        const DkimKeyStore store(dir.path());
        QString error;
        QVERIFY(!store.generate(u"b.example"_s, u"s1"_s, DkimKey::Algorithm::Ed25519, 0, &error).isNull());
        const auto rsa = store.generate(u"a.example"_s, u"s1"_s, DkimKey::Algorithm::Rsa, 2048, &error);
        QVERIFY2(!rsa.isNull(), qPrintable(error));
        QCOMPARE(rsa.bits, 2048);
        QVERIFY(rsa.txtStrings.size() >= 2);
        for (const QString &part : rsa.txtStrings)
            QVERIFY(part.size() <= 255);
        const QString zone = DkimKeyStore::zoneFileRecord(rsa.txtName, rsa.txtStrings);
        QVERIFY(zone.startsWith(u"s1._domainkey.a.example. IN TXT ( \"v=DKIM1; k=rsa; p="_s));
        QVERIFY(zone.endsWith(u"\" )"_s));
        const auto listed = store.list(&error);
        QCOMPARE(listed.size(), 2);
        QCOMPARE(listed.at(0).domain, u"a.example"_s);
        QCOMPARE(listed.at(1).domain, u"b.example"_s);
    }

    void refusesBadInput_data()
    {
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("selector");
        QTest::addColumn<int>("bits");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty domain") << u""_s << u"s1"_s << 2048 << u"Domain: required"_s;
        QTest::newRow("no dot") << u"localhost"_s << u"s1"_s << 2048 << u"Domain:"_s;
        QTest::newRow("slash") << u"a.example/../x"_s << u"s1"_s << 2048 << u"Domain:"_s;
        QTest::newRow("selector space") << u"a.example"_s << u"s 1"_s << 2048 << u"Selector:"_s;
        QTest::newRow("selector underscore") << u"a.example"_s << u"_s"_s << 2048 << u"Selector:"_s;
        QTest::newRow("1024 bits") << u"a.example"_s << u"s1"_s << 1024 << u"Bits:"_s;
    }

    void refusesBadInput()
    {
        QFETCH(QString, domain);
        QFETCH(QString, selector);
        QFETCH(int, bits);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const DkimKeyStore store(dir.path());
        QString error;
        QVERIFY(store.generate(domain, selector, DkimKey::Algorithm::Rsa, bits, &error).isNull());
        QVERIFY2(error.startsWith(expected), qPrintable(error));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }

    void neverOverwritesAKey()
    {
        QTemporaryDir dir;
        const DkimKeyStore store(dir.path());
        QString error;
        const auto first = store.generate(u"a.example"_s, u"s1"_s, DkimKey::Algorithm::Ed25519, 0, &error);
        QVERIFY(!first.isNull());
        QVERIFY(store.generate(u"a.example"_s, u"S1"_s, DkimKey::Algorithm::Ed25519, 0, &error).isNull());
        QVERIFY2(error.contains(u"exists already"_s), qPrintable(error));
        QCOMPARE(store.list(&error).first().txtStrings, first.txtStrings);
    }

    void importAppliesTheKeyPolicy()
    {
        QTemporaryDir dir;
        const DkimKeyStore store(dir.filePath(u"keys"_s));
        QString error, warning;
        const QString weakest = writeFile(dir.filePath(u"512.pem"_s), rsaPem(512));
        QVERIFY(store.import(weakest, u"a.example"_s, u"old"_s, &error, &warning).isNull());
        QVERIFY2(error.contains(weakest) && error.contains(u"512"_s), qPrintable(error));

        const QString weak = writeFile(dir.filePath(u"1024.pem"_s), rsaPem(1024));
        error.clear();
        const auto e = store.import(weak, u"a.example"_s, u"old"_s, &error, &warning);
        QVERIFY2(!e.isNull(), qPrintable(error));
        QVERIFY(e.weak);
        QCOMPARE(e.bits, 1024);
        QVERIFY2(warning.contains(u"1024"_s) && warning.contains(u"2048"_s), qPrintable(warning));
        QVERIFY(!(QFile::permissions(e.path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));

        const QString garbage = writeFile(dir.filePath(u"garbage.pem"_s), "not a key");
        QVERIFY(store.import(garbage, u"a.example"_s, u"new"_s, &error, &warning).isNull());
        QVERIFY2(error.contains(garbage), qPrintable(error));
    }

    void listsBrokenFilesAndIgnoresOthers()
    {
        QTemporaryDir dir;
        const DkimKeyStore store(dir.path());
        QVERIFY(!writeFile(dir.filePath(u"s1._domainkey.a.example.pem"_s), "broken").isEmpty());
        QVERIFY(!writeFile(dir.filePath(u"notes.pem"_s), "x").isEmpty());
        QVERIFY(!writeFile(dir.filePath(u"readme.txt"_s), "x").isEmpty());
        QString error;
        const auto listed = store.list(&error);
        QCOMPARE(listed.size(), 1);
        QVERIFY(!listed.first().error.isEmpty());
        QVERIFY(listed.first().txtStrings.isEmpty());
    }

    void remove()
    {
        QTemporaryDir dir;
        const DkimKeyStore store(dir.path());
        QString error;
        const auto e = store.generate(u"a.example"_s, u"s1"_s, DkimKey::Algorithm::Ed25519, 0, &error);
        QVERIFY(store.remove(u"a.example"_s, u"s1"_s, &error));
        QVERIFY(!QFile::exists(e.path));
        QVERIFY(!store.remove(u"a.example"_s, u"s1"_s, &error));
        QVERIFY(error.contains(u"no such key"_s));
    }
};

QTEST_GUILESS_MAIN(TstDkimKeyStore)
#include "tst_dkim_key_store.moc"
