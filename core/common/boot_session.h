#pragma once

#include <QString>

// Which boot of the machine this is. A commit made with synchronous=NORMAL survives the death
// of the process (the operating system still holds what was written) but not a power loss or
// an OS crash; comparing the boot it was made in with the current one tells which happened.
namespace BootSession {
// Empty when the system does not say (the caller must then assume a reboot).
QString id();
} // namespace BootSession
