#include "smtp_endpoint.h"

using namespace Qt::StringLiterals;

QString SmtpEndpoint::tlsPolicyName(TlsPolicy policy)
{
    switch (policy) {
    case TlsPolicy::None:
        return u"none"_s;
    case TlsPolicy::Opportunistic:
        return u"starttls"_s;
    case TlsPolicy::Required:
        return u"starttls-required"_s;
    case TlsPolicy::Implicit:
        return u"implicit"_s;
    }
    return QString();
}

bool SmtpEndpoint::tlsPolicyFromName(const QString &name, TlsPolicy *policy)
{
    for (TlsPolicy candidate : {TlsPolicy::None, TlsPolicy::Opportunistic, TlsPolicy::Required, TlsPolicy::Implicit}) {
        if (name.compare(tlsPolicyName(candidate), Qt::CaseInsensitive) == 0) {
            *policy = candidate;
            return true;
        }
    }
    return false;
}
