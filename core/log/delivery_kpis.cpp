#include "delivery_kpis.h"

#include <cmath>

using namespace Qt::StringLiterals;

double DeliveryKpis::successPct() const
{
    if (toDeliver <= 0)
        return 0.0;
    // Two decimals, rounded half up, so machine output is stable.
    return std::round(double(count(LogState::Sent)) * 10000.0 / double(toDeliver)) / 100.0;
}

QJsonObject DeliveryKpis::toJson() const
{
    QJsonObject c;
    for (LogState s : {LogState::Pending, LogState::TakenIntoAccount, LogState::Sent, LogState::Failed,
                       LogState::Ignored, LogState::Canceled})
        c.insert(LogStates::name(s), count(s));
    return QJsonObject{
        {u"id"_s, id},
        {u"state"_s, LogStates::name(state)},
        {u"targeted"_s, targeted},
        {u"to_deliver"_s, toDeliver},
        {u"excluded"_s, excluded},
        {u"counts"_s, c},
        {u"in_retry"_s, inRetry},
        {u"processed"_s, processed},
        {u"success_pct"_s, successPct()},
    };
}
