#pragma once

#include "dkim_key.h"

#include <QList>
#include <QString>
#include <QStringList>

// The application's DKIM keys: one unencrypted PEM file (mode 0600) per domain and selector
// in one folder (mode 0700), named after the DNS name the public key is published under,
// `<selector>._domainkey.<domain>.pem`, so the folder itself says what each file is for.
// Generation, import (with the key policy of DkimKey: RSA under 1024 bits refused, under 2048
// warned about) and the TXT record to publish; used by the settings page and sendscope-cli.
// Every call does file I/O (and generation is slow for RSA 4096): never on the GUI thread.
class DkimKeyStore final
{
public:
    struct Entry
    {
        QString domain;
        QString selector;
        QString fileName; // inside the folder
        QString path;     // absolute
        DkimKey::Algorithm algorithm = DkimKey::Algorithm::None;
        int bits = 0;
        bool weak = false;      // RSA under 2048 bits
        QString error;          // the file is in the folder but cannot be used (then no TXT)
        QString txtName;        // selector._domainkey.domain
        QStringList txtStrings; // the TXT value in strings of at most 255 characters

        bool isNull() const { return path.isEmpty(); }
    };

    explicit DkimKeyStore(const QString &folder);

    QString folder() const { return m_folder; }

    // Every *.pem file of the folder named like a key, sorted by domain then selector. A file
    // that cannot be read is listed with its error rather than hidden.
    QList<Entry> list(QString *error) const;

    // Creates a key and writes it; refuses to replace an existing key of the same name.
    // bits is only read for RSA (2048 or 4096).
    Entry generate(const QString &domain, const QString &selector, DkimKey::Algorithm algorithm, int bits,
                   QString *error) const;
    // Reads a PEM private key (errors name the file), and stores it under domain and selector.
    // warning is set for a weak but accepted key.
    Entry import(const QString &pemPath, const QString &domain, const QString &selector, QString *error,
                 QString *warning) const;
    bool remove(const QString &domain, const QString &selector, QString *error) const;

    // Input checks for the names: LDH labels separated by dots (a selector may have several
    // labels, RFC 6376 §3.1). Empty when the value is fine, else a message naming the field.
    static QString checkDomain(const QString &domain);
    static QString checkSelector(const QString &selector);

    static QString txtName(const QString &domain, const QString &selector);
    static QString fileNameFor(const QString &domain, const QString &selector);
    // The record as a zone file line: `name. IN TXT ( "part1" "part2" )`.
    static QString zoneFileRecord(const QString &name, const QStringList &strings);
    // An entry for a loaded key (the TXT data filled in).
    static Entry describe(const DkimKey &key, const QString &domain, const QString &selector, const QString &path);

private:
    bool ensureFolder(QString *error) const;
    // Checks the names, makes the folder and refuses to replace a key: the path to write, or empty.
    QString prepare(const QString &domain, const QString &selector, QString *error) const;
    Entry store(const DkimKey &key, const QString &domain, const QString &selector, QString *error) const;

    QString m_folder;
};
