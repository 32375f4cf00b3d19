#pragma once

#include "settings_metatypes.h"

#include <QObject>
#include <QString>

// The DKIM keys page's file work: listing the keys folder, generating (RSA 4096 takes seconds),
// importing and deleting keys. It lives on the page's own QThread; requests arrive as queued
// calls and every answer is a signal carrying plain values.
class DkimKeysWorker final : public QObject
{
    Q_OBJECT

public:
    explicit DkimKeysWorker(const QString &folder, QObject *parent = nullptr);

    void list();
    void generate(const QString &domain, const QString &selector, DkimKey::Algorithm algorithm, int bits);
    void importKey(const QString &pemPath, const QString &domain, const QString &selector);
    void remove(const QString &domain, const QString &selector);

Q_SIGNALS:
    void listed(const QList<DkimKeyStore::Entry> &entries, const QString &error);
    // A new key is stored: generated or imported (warning set for a weak imported key).
    void added(const DkimKeyStore::Entry &entry, const QString &warning);
    void removed(const QString &txtName);
    void failed(const QString &error);

private:
    DkimKeyStore m_store;
};
