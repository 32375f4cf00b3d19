#pragma once

#include <QString>

// One run per delivery, across processes: the GUI and sendscope-cli share the database, and a
// second run would take the first one's attempts in flight for a crash and send them again.
// An flock on a file beside the database; the kernel releases it when the process dies, so a
// crash never leaves it held.
class DeliveryLease final
{
public:
    DeliveryLease() = default;
    ~DeliveryLease();
    DeliveryLease(const DeliveryLease &) = delete;
    DeliveryLease &operator=(const DeliveryLease &) = delete;

    bool acquire(const QString &databasePath, qint64 deliveryId, QString *error);
    bool held() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};
