#pragma once

#include "log/destination_hold.h"

#include <QCoreApplication>
#include <QString>

// The dashboard's words for what holds a destination back (docs/product.md §6/§7): the rule in
// force, then "connections 4/4", "rate 120/h: next slice at 19:35", "throttled (421) until
// 19:40, at 50%". The core gives the values; the sentences are translated here.
class DestinationHoldText final
{
    Q_DECLARE_TR_FUNCTIONS(DestinationHoldText)

public:
    // Empty when nothing holds the destination back.
    static QString describe(const DestinationHold &hold, qint64 nowMs);
    // Every value, for the tooltip.
    static QString details(const DestinationHold &hold);
    // Soft-bounced recipients waiting for their next try: "next retry at 19:50".
    static QString retry(qint64 atMs);
};
