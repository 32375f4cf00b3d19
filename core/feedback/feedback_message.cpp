#include "feedback_message.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace {
constexpr std::array<std::pair<FeedbackMessage::Kind, const char16_t *>, 6> kindNames{{
    {FeedbackMessage::Kind::Dsn, u"dsn"},
    {FeedbackMessage::Kind::Arf, u"arf"},
    {FeedbackMessage::Kind::AutoReply, u"auto_reply"},
    {FeedbackMessage::Kind::Bounce, u"bounce"},
    {FeedbackMessage::Kind::Unsubscribe, u"unsubscribe"},
    {FeedbackMessage::Kind::Unknown, u"unknown"},
}};
} // namespace

QString FeedbackMessage::kindName(Kind kind)
{
    for (const auto &[k, name] : kindNames)
        if (k == kind)
            return QString::fromUtf16(name);
    return u"unknown"_s;
}

FeedbackMessage::Kind FeedbackMessage::kindFromName(const QString &name)
{
    for (const auto &[k, n] : kindNames)
        if (name == QString::fromUtf16(n))
            return k;
    return Kind::Unknown;
}
