#include "destination_throttle.h"

#include "smtp/smtp_reply.h"

#include <algorithm>

using namespace Qt::StringLiterals;

bool DestinationThrottle::isThrottling(const SmtpReply &reply)
{
    if (reply.code == 421 || reply.enhancedCode.startsWith(u"4.7."_s))
        return true;
    if (reply.code < 400 || reply.code >= 500)
        return false;
    // Providers' wordings for "slow down" under codes that say nothing of it (451, 450).
    static const char16_t *const texts[] = {u"try again later", u"rate limit",           u"too many",
                                            u"throttl",         u"temporarily deferred", u"slow down"};
    const QString text = reply.text().toLower();
    return std::any_of(std::begin(texts), std::end(texts),
                       [&](const char16_t *t) { return text.contains(QString::fromUtf16(t)); });
}

QString DestinationThrottle::describe(const SmtpReply &reply)
{
    if (reply.code == 421)
        return u"421"_s;
    if (reply.enhancedCode.startsWith(u"4.7."_s))
        return reply.enhancedCode;
    return QString::number(reply.code);
}

void DestinationThrottle::setParams(int cutToPct, int coolDownS, int restoreStepPct)
{
    const Params defaults;
    m_params.cutToPct = cutToPct > 0 ? std::min(cutToPct, 99) : defaults.cutToPct;
    m_params.coolDownMs = coolDownS > 0 ? qint64(coolDownS) * 1000 : defaults.coolDownMs;
    m_params.restoreStepPct = restoreStepPct > 0 ? std::min(restoreStepPct, 100) : defaults.restoreStepPct;
}

bool DestinationThrottle::adopt(const State &state)
{
    if (state.cutAtMs < m_cutAtMs || (state.cutAtMs == m_cutAtMs && state.untilMs <= m_untilMs))
        return false;
    m_cutPct = std::clamp(state.cutPct, 1, 100);
    m_cutAtMs = state.cutAtMs;
    m_untilMs = state.untilMs;
    m_reply = state.reply;
    return true;
}

void DestinationThrottle::noteThrottling(qint64 nowMs, const SmtpReply &reply)
{
    m_reply = describe(reply);
    if (m_cutAtMs > 0 && nowMs - m_cutAtMs < SameEventMs) {
        m_untilMs = nowMs + m_params.coolDownMs;
        return;
    }
    m_cutPct = std::max(1, int(qint64(levelPct(nowMs)) * m_params.cutToPct / 100));
    m_cutAtMs = nowMs;
    m_untilMs = nowMs + m_params.coolDownMs;
}

int DestinationThrottle::levelPct(qint64 nowMs) const
{
    if (m_cutPct >= 100)
        return 100;
    if (nowMs < m_untilMs)
        return m_cutPct;
    const qint64 steps = 1 + (nowMs - m_untilMs) / m_params.coolDownMs;
    return int(std::min<qint64>(100, m_cutPct + steps * m_params.restoreStepPct));
}

int DestinationThrottle::effectiveConnections(int allowed, qint64 nowMs) const
{
    return std::max(1, int(qint64(allowed) * levelPct(nowMs) / 100));
}

int DestinationThrottle::effectiveRate(int perHour, qint64 nowMs) const
{
    if (perHour <= 0)
        return 0;
    return std::max(1, int(qint64(perHour) * levelPct(nowMs) / 100));
}

int DestinationThrottle::sliceLimit(int perHour, qint64 nowMs) const
{
    const qint64 rate = effectiveRate(perHour, nowMs);
    if (rate <= 0)
        return -1;
    const qint64 k = sliceOf(nowMs) % 12; // the slice's place in its hour
    return int(rate * (k + 1) / 12 - rate * k / 12);
}

int DestinationThrottle::allowance(int perHour, qint64 nowMs) const
{
    const int limit = sliceLimit(perHour, nowMs);
    if (limit < 0)
        return -1;
    return std::max(0, limit - sentInSlice(nowMs));
}

void DestinationThrottle::countSent(qint64 nowMs)
{
    const qint64 slice = sliceOf(nowMs);
    if (slice != m_slice) {
        m_slice = slice;
        m_sent = 0;
    }
    ++m_sent;
}
