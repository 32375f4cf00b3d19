#include "clock.h"

qint64 SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

Clock &Clock::system()
{
    static SystemClock clock;
    return clock;
}
