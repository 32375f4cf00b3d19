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

namespace {
double pct(qint64 part, qint64 whole)
{
    if (whole <= 0)
        return 0.0;
    return std::round(double(part) * 10000.0 / double(whole)) / 100.0;
}
} // namespace

double DeliveryKpis::hardBounceRatePct() const
{
    return pct(failedHard, processed);
}

double DeliveryKpis::softBounceRatePct() const
{
    return pct(softBounced, processed);
}

double DeliveryKpis::complaintRatePct() const
{
    return pct(complaints, processed);
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
        {u"failed_hard"_s, failedHard},
        {u"failed_expired"_s, failedExpired},
        {u"no_report"_s, noReport},
        {u"complaints"_s, complaints},
        {u"hard_bounce_rate_pct"_s, hardBounceRatePct()},
        {u"soft_bounce_rate_pct"_s, softBounceRatePct()},
        {u"complaint_rate_pct"_s, complaintRatePct()},
    };
}
