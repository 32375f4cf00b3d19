#include "delivery_lease.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

DeliveryLease::~DeliveryLease()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the lock
}

bool DeliveryLease::acquire(const QString &databasePath, qint64 deliveryId, QString *error)
{
    const QByteArray path = QFile::encodeName(databasePath + u".delivery-%1.lock"_s.arg(deliveryId));
    const int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = u"cannot create %1: %2"_s.arg(QFile::decodeName(path), QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        *error = u"delivery %1 is already being sent by another Sendscope process"_s.arg(deliveryId);
        return false;
    }
    m_fd = fd;
    return true;
}
