#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class QDnsLookup;

// One address a direct route may connect to for a domain: an MX host (or the domain itself
// when it has no MX) and one of its addresses, in the order they are to be tried.
struct MxCandidate
{
    QString host;       // the MX exchange, or the domain itself (implicit MX)
    int preference = 0; // the MX preference; 0 for the implicit MX
    bool implicit = false;
    QHostAddress address;

    // "mx2.example.test (MX 20) [127.0.0.1]"
    QString describe() const;
};

// What the DNS says about a recipient domain (RFC 5321 §5.1).
struct MxResolution
{
    enum class Status {
        Ok,               // candidates to try, best first
        InvalidDomain,    // NXDOMAIN, null MX, no MX and no address, no MX host with an address
        TemporaryFailure, // the DNS did not answer (SERVFAIL, refused, timeout): try again later
    };

    Status status = Status::TemporaryFailure;
    QString domain;
    QList<MxCandidate> candidates;
    QString error;        // why there is no candidate (empty when Ok)
    QString enhancedCode; // for the local reply: 5.1.2 (domain), 5.4.4 (unroutable), 4.4.3 (DNS)
    QStringList notes;    // what was looked up and found, for the attempt's transcript
    int ttlSeconds = 0;   // how long the answer may be reused

    bool isOk() const { return status == Status::Ok; }
};

// Asynchronous MX resolution with QDnsLookup, against the system resolver or one given name
// server: MX records by preference, each host's A then AAAA records, the domain's own A/AAAA
// records when it has no MX. Qt 6.4 reports an empty answer (NODATA) and a name server that
// does not answer alike ("Invalid reply received"); a probe of a name that cannot exist tells
// them apart before a domain is called invalid.
class MxResolver final : public QObject
{
    Q_OBJECT

public:
    // nameserver: null for the system resolver. Qt 6.4 always asks it on port 53.
    explicit MxResolver(const QHostAddress &nameserver = {}, QObject *parent = nullptr);
    ~MxResolver() override;

    // Starts a lookup unless one for the domain is running; resolved() follows, once.
    void resolve(const QString &domain);
    bool isResolving(const QString &domain) const { return m_jobs.contains(domain); }

    // Answers are reused for their TTL within these bounds; negative ones for NegativeTtl.
    static constexpr int MinTtl = 30;
    static constexpr int MaxTtl = 3600;
    static constexpr int NegativeTtl = 300;

Q_SIGNALS:
    void resolved(const QString &domain, const MxResolution &resolution);

private:
    enum class Answer { Records, NotFound, Empty, Failed };
    struct Host
    {
        QString name;
        int preference = 0;
        bool implicit = false;
        QList<QHostAddress> v4, v6;
        Answer a = Answer::Empty, aaaa = Answer::Empty;
        QString failure;
    };
    struct Job
    {
        QString domain;
        QList<Host> hosts;
        int pending = 0;
        int ttl = MaxTtl;
        QStringList notes;
        bool probed = false;
    };

    QDnsLookup *lookup(int type, const QString &name);
    void onMx(const QString &domain, QDnsLookup *lookup);
    void lookupAddresses(Job &job);
    void onAddress(const QString &domain, qsizetype hostIndex, bool v6, QDnsLookup *lookup);
    void conclude(Job &job);
    void onProbe(const QString &domain, QDnsLookup *lookup);
    void finish(const QString &domain, MxResolution::Status status, const QString &error, const QString &enhanced);
    static Answer classify(const QDnsLookup *lookup);
    void noteTtl(Job &job, quint32 ttl);

    QHostAddress m_nameserver;
    QHash<QString, Job> m_jobs;
};
