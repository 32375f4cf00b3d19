#include "smtp_outcome.h"

using namespace Qt::StringLiterals;

QString SmtpOutcome::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Accepted:
        return u"accepted"_s;
    case Kind::PermanentFailure:
        return u"permanent"_s;
    case Kind::TemporaryFailure:
        return u"temporary"_s;
    }
    return QString();
}
