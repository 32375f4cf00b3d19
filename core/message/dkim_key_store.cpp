#include "dkim_key_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString DomainKeyInfix = u"._domainkey."_s;
const QString PemSuffix = u".pem"_s;

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

// One or more LDH labels separated by dots, no label longer than 63 characters.
QString checkName(const QString &field, const QString &value, qsizetype maxLength)
{
    if (value.trimmed().isEmpty())
        return u"%1: required"_s.arg(field);
    if (value.size() > maxLength)
        return u"%1: longer than %2 characters"_s.arg(field).arg(maxLength);
    static const QRegularExpression label(u"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"_s);
    for (const QString &part : value.split(u'.')) {
        if (!label.match(part).hasMatch())
            return u"%1: '%2' is not a valid DNS name (letters, digits, hyphens and dots)"_s.arg(field, value);
    }
    return {};
}

} // namespace

DkimKeyStore::DkimKeyStore(const QString &folder)
    : m_folder(QDir::cleanPath(QDir(folder).absolutePath()))
{}

QString DkimKeyStore::checkDomain(const QString &domain)
{
    QString error = checkName(u"Domain"_s, domain, 253);
    if (error.isEmpty() && !domain.contains(u'.'))
        error = u"Domain: '%1' has no dot; give the full domain, such as example.com"_s.arg(domain);
    return error;
}

QString DkimKeyStore::checkSelector(const QString &selector)
{
    return checkName(u"Selector"_s, selector, 63);
}

QString DkimKeyStore::txtName(const QString &domain, const QString &selector)
{
    return selector.toLower() + DomainKeyInfix + domain.toLower();
}

QString DkimKeyStore::fileNameFor(const QString &domain, const QString &selector)
{
    return txtName(domain, selector) + PemSuffix;
}

QString DkimKeyStore::zoneFileRecord(const QString &name, const QStringList &strings)
{
    QString out = name + u". IN TXT ("_s;
    for (const QString &part : strings)
        out += u" \""_s + part + u'"';
    return out + u" )"_s;
}

DkimKeyStore::Entry DkimKeyStore::describe(const DkimKey &key, const QString &domain, const QString &selector,
                                           const QString &path)
{
    Entry e;
    e.domain = domain.toLower();
    e.selector = selector.toLower();
    e.path = path;
    e.fileName = QFileInfo(path).fileName();
    e.algorithm = key.algorithm();
    e.bits = key.bits();
    e.weak = key.isWeak();
    e.txtName = txtName(domain, selector);
    e.txtStrings = key.dnsTxtStrings();
    return e;
}

QList<DkimKeyStore::Entry> DkimKeyStore::list(QString *error) const
{
    QList<Entry> entries;
    const QDir dir(m_folder);
    if (!dir.exists())
        return entries; // no key made yet: nothing to list, nothing wrong
    const QFileInfoList files = dir.entryInfoList({u"*"_s + DomainKeyInfix + u"*"_s + PemSuffix},
                                                  QDir::Files | QDir::Readable | QDir::Hidden, QDir::Name);
    if (!QFileInfo(m_folder).isReadable())
        setError(error, u"%1: cannot read the folder"_s.arg(m_folder));
    for (const QFileInfo &file : files) {
        const QString base = file.fileName().chopped(PemSuffix.size());
        const qsizetype at = base.indexOf(DomainKeyInfix);
        const QString selector = base.left(at);
        const QString domain = base.mid(at + DomainKeyInfix.size());
        if (!checkSelector(selector).isEmpty() || !checkDomain(domain).isEmpty())
            continue; // not one of ours
        QString keyError;
        const DkimKey key = DkimKey::fromPemFile(file.absoluteFilePath(), &keyError);
        Entry e = describe(key, domain, selector, file.absoluteFilePath());
        e.error = keyError;
        entries.append(e);
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        return a.domain != b.domain ? a.domain < b.domain : a.selector < b.selector;
    });
    return entries;
}

bool DkimKeyStore::ensureFolder(QString *error) const
{
    if (!QDir().mkpath(m_folder)) {
        setError(error, u"%1: cannot create the keys folder"_s.arg(m_folder));
        return false;
    }
    // Private keys only: nobody else needs to list the folder.
    QFile::setPermissions(m_folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return true;
}

QString DkimKeyStore::prepare(const QString &domain, const QString &selector, QString *error) const
{
    for (const QString &problem : {checkDomain(domain), checkSelector(selector)}) {
        if (!problem.isEmpty()) {
            setError(error, problem);
            return {};
        }
    }
    if (!ensureFolder(error))
        return {};
    QString path = QDir(m_folder).filePath(fileNameFor(domain, selector));
    if (QFileInfo::exists(path)) {
        setError(error, u"a key for selector '%1' of %2 exists already (%3); delete it first or choose another "
                        "selector"_s.arg(selector, domain, path));
        return {};
    }
    return path;
}

DkimKeyStore::Entry DkimKeyStore::store(const DkimKey &key, const QString &domain, const QString &selector,
                                        QString *error) const
{
    const QString path = QDir(m_folder).filePath(fileNameFor(domain, selector));
    if (!key.writePrivatePem(path, error))
        return {};
    return describe(key, domain, selector, path);
}

DkimKeyStore::Entry DkimKeyStore::generate(const QString &domain, const QString &selector, DkimKey::Algorithm algorithm,
                                           int bits, QString *error) const
{
    if (prepare(domain, selector, error).isEmpty())
        return {};
    if (algorithm == DkimKey::Algorithm::Rsa && bits != 2048 && bits != 4096) {
        setError(error, u"Bits: RSA keys are generated with 2048 or 4096 bits, not %1"_s.arg(bits));
        return {};
    }
    if (algorithm == DkimKey::Algorithm::None) {
        setError(error, u"Algorithm: choose RSA or Ed25519"_s);
        return {};
    }
    const DkimKey key =
        algorithm == DkimKey::Algorithm::Rsa ? DkimKey::generateRsa(bits, error) : DkimKey::generateEd25519(error);
    if (key.isNull())
        return {};
    return store(key, domain, selector, error);
}

DkimKeyStore::Entry DkimKeyStore::import(const QString &pemPath, const QString &domain, const QString &selector,
                                         QString *error, QString *warning) const
{
    if (prepare(domain, selector, error).isEmpty())
        return {};
    const DkimKey key = DkimKey::fromPemFile(pemPath, error);
    if (key.isNull())
        return {};
    if (key.isWeak() && warning) {
        *warning = u"%1: RSA key of %2 bits is accepted but weak; use 2048 bits or more (RFC 8301)"_s.arg(
            pemPath, QString::number(key.bits()));
    }
    return store(key, domain, selector, error);
}

bool DkimKeyStore::remove(const QString &domain, const QString &selector, QString *error) const
{
    QFile file(QDir(m_folder).filePath(fileNameFor(domain, selector)));
    if (!file.exists()) {
        setError(error, u"%1: no such key"_s.arg(file.fileName()));
        return false;
    }
    if (!file.remove()) {
        setError(error, u"%1: cannot delete the key: %2"_s.arg(file.fileName(), file.errorString()));
        return false;
    }
    return true;
}
