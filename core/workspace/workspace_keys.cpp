// The DKIM key files' part of the Workspace (workspace.h).

#include "workspace.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

template <typename R, typename F> QFuture<R> Workspace::onKeyThread(F f)
{
    auto promise = std::make_shared<QPromise<R>>();
    QFuture<R> future = promise->future();
    promise->start();
    m_keyFiles.start([promise, f = std::move(f)] {
        promise->addResult(f());
        promise->finish();
    });
    return future;
}

QString Workspace::dkimKeysFolder() const
{
    // Keys live beside the database they sign for.
    return QFileInfo(databasePath()).absoluteDir().filePath(u"dkim"_s);
}

QFuture<Workspace::DkimKeyList> Workspace::dkimKeys(const QString &folder)
{
    return onKeyThread<DkimKeyList>([folder] {
        DkimKeyList list;
        list.entries = DkimKeyStore(folder).list(&list.error);
        return list;
    });
}

QFuture<WorkspaceResult<Workspace::AddedKey>> Workspace::generateDkimKey(const QString &folder, const QString &domain,
                                                                         const QString &selector,
                                                                         DkimKey::Algorithm algorithm, int bits)
{
    return onKeyThread<WorkspaceResult<AddedKey>>([folder, domain, selector, algorithm, bits] {
        WorkspaceResult<AddedKey> r;
        const DkimKeyStore::Entry entry = DkimKeyStore(folder).generate(domain, selector, algorithm, bits, &r.error);
        if (!entry.isNull())
            r.value = AddedKey{entry, QString()};
        return r;
    });
}

QFuture<WorkspaceResult<Workspace::AddedKey>> Workspace::importDkimKey(const QString &folder, const QString &pemPath,
                                                                       const QString &domain, const QString &selector)
{
    return onKeyThread<WorkspaceResult<AddedKey>>([folder, pemPath, domain, selector] {
        WorkspaceResult<AddedKey> r;
        QString warning;
        const DkimKeyStore::Entry entry = DkimKeyStore(folder).import(pemPath, domain, selector, &r.error, &warning);
        if (!entry.isNull())
            r.value = AddedKey{entry, warning};
        return r;
    });
}

QFuture<WorkspaceResult<QString>> Workspace::removeDkimKey(const QString &folder, const QString &domain,
                                                           const QString &selector)
{
    return onKeyThread<WorkspaceResult<QString>>([folder, domain, selector] {
        WorkspaceResult<QString> r;
        if (DkimKeyStore(folder).remove(domain, selector, &r.error))
            r.value = DkimKeyStore::txtName(domain, selector);
        return r;
    });
}
