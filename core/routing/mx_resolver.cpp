#include "mx_resolver.h"

#include <QDnsLookup>
#include <QRandomGenerator>
#include <algorithm>

using namespace Qt::StringLiterals;

QString MxCandidate::describe() const
{
    const QString what = implicit ? u"no MX: the domain's own address"_s : u"MX %1"_s.arg(preference);
    return u"%1 (%2) [%3]"_s.arg(host, what, address.toString());
}

MxResolver::MxResolver(const QHostAddress &nameserver, QObject *parent)
    : QObject(parent)
    , m_nameserver(nameserver)
{}

MxResolver::~MxResolver() = default;

QDnsLookup *MxResolver::lookup(int type, const QString &name)
{
    auto *l = new QDnsLookup(QDnsLookup::Type(type), name, this);
    if (!m_nameserver.isNull())
        l->setNameserver(m_nameserver);
    return l;
}

MxResolver::Answer MxResolver::classify(const QDnsLookup *lookup)
{
    switch (lookup->error()) {
    case QDnsLookup::NoError:
        return Answer::Records;
    case QDnsLookup::NotFoundError:
        return Answer::NotFound;
    case QDnsLookup::InvalidReplyError:
        return Answer::Empty; // NODATA, or no answer at all (Qt 6.4 cannot tell)
    default:
        return Answer::Failed; // SERVFAIL, refused, resolver error
    }
}

void MxResolver::noteTtl(Job &job, quint32 ttl)
{
    job.ttl = std::min<qint64>(job.ttl, ttl);
}

void MxResolver::resolve(const QString &domain)
{
    if (m_jobs.contains(domain))
        return;
    Job &job = m_jobs[domain];
    job.domain = domain;
    job.notes.append(u"DNS: MX lookup for %1 via %2"_s.arg(domain, m_nameserver.isNull() ? u"the system resolver"_s
                                                                                         : m_nameserver.toString()));
    QDnsLookup *l = lookup(QDnsLookup::MX, domain);
    connect(l, &QDnsLookup::finished, this, [this, domain, l] { onMx(domain, l); });
    l->lookup();
}

void MxResolver::onMx(const QString &domain, QDnsLookup *l)
{
    l->deleteLater();
    auto it = m_jobs.find(domain);
    if (it == m_jobs.end())
        return;
    Job &job = *it;
    switch (classify(l)) {
    case Answer::NotFound:
        job.notes.append(u"DNS: %1 does not exist (NXDOMAIN)"_s.arg(domain));
        finish(domain, MxResolution::Status::InvalidDomain, u"the domain %1 does not exist (NXDOMAIN)"_s.arg(domain),
               u"5.1.2"_s);
        return;
    case Answer::Failed:
        finish(domain, MxResolution::Status::TemporaryFailure,
               u"MX lookup for %1 failed: %2"_s.arg(domain, l->errorString()), u"4.4.3"_s);
        return;
    case Answer::Empty:
    case Answer::Records:
        break;
    }
    QList<QDnsMailExchangeRecord> mx = l->mailExchangeRecords();
    if (mx.isEmpty()) {
        // RFC 5321 §5.1: no MX, the domain itself is the only host (an "implicit MX").
        job.notes.append(u"DNS: %1 has no MX record; trying its own A/AAAA records"_s.arg(domain));
        job.hosts.append(Host{domain, 0, true, {}, {}, Answer::Empty, Answer::Empty, {}});
        lookupAddresses(job);
        return;
    }
    if (mx.size() == 1 && (mx.first().exchange().isEmpty() || mx.first().exchange() == u"."_s)) {
        finish(domain, MxResolution::Status::InvalidDomain,
               u"the domain %1 accepts no mail (null MX, RFC 7505)"_s.arg(domain), u"5.1.2"_s);
        return;
    }
    // Best preference first; equal preferences in random order, to spread the load (§5.1).
    std::shuffle(mx.begin(), mx.end(), *QRandomGenerator::global());
    std::stable_sort(mx.begin(), mx.end(),
                     [](const auto &a, const auto &b) { return a.preference() < b.preference(); });
    QStringList listed;
    for (const QDnsMailExchangeRecord &r : std::as_const(mx)) {
        noteTtl(job, r.timeToLive());
        if (r.exchange().isEmpty() || r.exchange() == u"."_s)
            continue;
        job.hosts.append(Host{r.exchange(), r.preference(), false, {}, {}, Answer::Empty, Answer::Empty, {}});
        listed.append(u"%1 %2"_s.arg(r.preference()).arg(r.exchange()));
    }
    job.notes.append(u"DNS: MX of %1: %2"_s.arg(domain, listed.join(u", "_s)));
    lookupAddresses(job);
}

void MxResolver::lookupAddresses(Job &job)
{
    const QString domain = job.domain;
    job.pending = int(job.hosts.size()) * 2;
    for (qsizetype i = 0; i < job.hosts.size(); ++i) {
        for (const bool v6 : {false, true}) {
            QDnsLookup *l = lookup(v6 ? QDnsLookup::AAAA : QDnsLookup::A, job.hosts.at(i).name);
            connect(l, &QDnsLookup::finished, this, [this, domain, i, v6, l] { onAddress(domain, i, v6, l); });
            l->lookup();
        }
    }
}

void MxResolver::onAddress(const QString &domain, qsizetype hostIndex, bool v6, QDnsLookup *l)
{
    l->deleteLater();
    auto it = m_jobs.find(domain);
    if (it == m_jobs.end())
        return;
    Job &job = *it;
    Host &host = job.hosts[hostIndex];
    const Answer answer = classify(l);
    (v6 ? host.aaaa : host.a) = answer;
    if (answer == Answer::Failed)
        host.failure = u"%1 lookup of %2 failed: %3"_s.arg(v6 ? u"AAAA"_s : u"A"_s, host.name, l->errorString());
    for (const QDnsHostAddressRecord &r : l->hostAddressRecords()) {
        noteTtl(job, r.timeToLive());
        (v6 ? host.v6 : host.v4).append(r.value());
    }
    if (--job.pending == 0)
        conclude(job);
}

void MxResolver::conclude(Job &job)
{
    const QString domain = job.domain;
    bool ambiguous = false;
    QString failure;
    QStringList without;
    int usable = 0;
    for (const Host &h : std::as_const(job.hosts)) {
        if (!h.v4.isEmpty() || !h.v6.isEmpty()) {
            ++usable;
            continue;
        }
        if (!h.failure.isEmpty() && failure.isEmpty())
            failure = h.failure;
        if (h.a == Answer::Empty || h.aaaa == Answer::Empty)
            ambiguous = true;
        const bool nx = h.a == Answer::NotFound || h.aaaa == Answer::NotFound;
        without.append(h.name + (nx ? u" (NXDOMAIN)"_s : u""_s));
    }
    if (usable > 0) {
        for (const QString &w : std::as_const(without))
            job.notes.append(u"DNS: MX host %1 has no address: skipped"_s.arg(w));
        finish(domain, MxResolution::Status::Ok, {}, {});
        return;
    }
    if (!failure.isEmpty()) {
        finish(domain, MxResolution::Status::TemporaryFailure, failure, u"4.4.3"_s);
        return;
    }
    if (ambiguous && !job.probed) {
        // An empty answer, or none? A live server answers a name that cannot exist.
        job.probed = true;
        const QString probe =
            u"sendscope-probe-%1.%2"_s.arg(uint(QRandomGenerator::global()->generate()), 8, 16, QChar(u'0'))
                .arg(domain);
        QDnsLookup *l = lookup(QDnsLookup::A, probe);
        connect(l, &QDnsLookup::finished, this, [this, domain, l] { onProbe(domain, l); });
        l->lookup();
        return;
    }
    const bool implicit = job.hosts.size() == 1 && job.hosts.first().implicit;
    if (implicit) {
        finish(domain, MxResolution::Status::InvalidDomain,
               u"the domain %1 has no MX and no A/AAAA record"_s.arg(domain), u"5.1.2"_s);
    } else {
        finish(domain, MxResolution::Status::InvalidDomain,
               u"no MX host of %1 has an address: %2"_s.arg(domain, without.join(u", "_s)), u"5.4.4"_s);
    }
}

void MxResolver::onProbe(const QString &domain, QDnsLookup *l)
{
    l->deleteLater();
    auto it = m_jobs.find(domain);
    if (it == m_jobs.end())
        return;
    const Answer answer = classify(l);
    if (answer == Answer::NotFound || answer == Answer::Records) {
        conclude(*it); // the server answers: the empty answers were real
        return;
    }
    finish(domain, MxResolution::Status::TemporaryFailure,
           u"the name server gave no usable answer for %1 (%2)"_s.arg(domain, l->errorString()), u"4.4.3"_s);
}

void MxResolver::finish(const QString &domain, MxResolution::Status status, const QString &error,
                        const QString &enhanced)
{
    const Job job = m_jobs.take(domain);
    MxResolution r;
    r.status = status;
    r.domain = domain;
    r.error = error;
    r.enhancedCode = enhanced;
    r.notes = job.notes;
    if (status == MxResolution::Status::Ok) {
        for (const Host &h : job.hosts) {
            for (const QList<QHostAddress> *list : {&h.v4, &h.v6}) {
                for (const QHostAddress &a : *list)
                    r.candidates.append(MxCandidate{h.name, h.preference, h.implicit, a});
            }
        }
        r.ttlSeconds = std::clamp(job.ttl, MinTtl, MaxTtl);
    } else {
        r.notes.append(u"DNS: "_s + error);
        r.ttlSeconds = status == MxResolution::Status::InvalidDomain ? NegativeTtl : 0;
    }
    Q_EMIT resolved(domain, r);
}
