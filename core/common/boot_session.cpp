#include "boot_session.h"

#include <QFile>

namespace BootSession {

QString id()
{
#ifdef Q_OS_LINUX
    // A random UUID the kernel draws at every boot.
    QFile f(QStringLiteral("/proc/sys/kernel/random/boot_id"));
    if (f.open(QIODevice::ReadOnly))
        return QString::fromLatin1(f.readAll().trimmed());
#endif
    return {};
}

} // namespace BootSession
