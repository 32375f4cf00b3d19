#pragma once

#include "common/clock.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <optional>

class QDnsLookup;
class QSslSocket;
class QTimer;

// A domain's MTA-STS policy (RFC 8461 §3.2): whether its MX hosts must be reached over
// verified TLS, and which host names its MX may have.
struct MtaStsPolicy
{
    enum class Mode { None, Testing, Enforce };

    QString id; // the TXT record's id the policy was fetched under
    Mode mode = Mode::None;
    QStringList mx; // "mx.example.com" or "*.example.com" (one label)
    qint64 maxAgeSeconds = 0;

    // "version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 86400"; error names the line.
    static std::optional<MtaStsPolicy> parse(const QByteArray &text, QString *error);
    // Does an MX host name match one of the mx patterns (§4.1)?
    bool allows(const QString &host) const;
    // The policy as its server wrote it (the id apart), for keeping it in the database.
    QByteArray toText() const;
    static QString modeName(Mode mode);
};

// What the fetch of a domain's policy found: a policy to apply or none, and what was looked up,
// for the attempts' transcripts.
struct MtaStsResult
{
    std::optional<MtaStsPolicy> policy;
    QStringList notes;
};

// Finds a recipient domain's MTA-STS policy for the direct route (RFC 8461 §3): the TXT record
// _mta-sts.DOMAIN ("v=STSv1; id=..."), then the policy over HTTPS from
// https://mta-sts.DOMAIN/.well-known/mta-sts.txt (a verified certificate for that name, no
// redirect, text/plain, at most 64 KB). Names are looked up through the route's name server, as
// the MX are. Policies are kept for their max_age and fetched again when the TXT id changes; when
// the TXT record or the fetch fails, a policy still within its max_age is used (§5.1), otherwise
// the domain has none. One fetch per domain at a time; fetched() follows once. The caller keeps
// the policies across runs (learned(), remember(); MtaStsStore).
class MtaStsFetcher final : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 MaxPolicyBytes = 64 * 1024;
    static constexpr qint64 MaxAgeLimitSeconds = 31'557'600; // §3.2

    // nameserver: null for the system resolver; port: 443 (another only for tests on loopback).
    MtaStsFetcher(const QHostAddress &nameserver, quint16 port, const QList<QSslCertificate> &extraCas, int timeoutMs,
                  const Clock &clock, QObject *parent = nullptr);
    ~MtaStsFetcher() override;

    void fetch(const QString &domain);
    // A policy known from before (kept in the database), in force until expiresAtMs.
    void remember(const QString &domain, const MtaStsPolicy &policy, qint64 expiresAtMs);

Q_SIGNALS:
    void fetched(const QString &domain, const MtaStsResult &result);
    // A policy newly fetched, to be kept until expiresAtMs (it outlives the run).
    void learned(const QString &domain, const MtaStsPolicy &policy, qint64 expiresAtMs);

private:
    struct Cached
    {
        MtaStsPolicy policy;
        qint64 expiresAtMs = 0;
    };
    struct Job
    {
        quint64 serial = 0; // answers of an earlier job for the domain (timed out) are ignored
        QString id;
        QStringList notes;
        QSslSocket *socket = nullptr;
        QTimer *timer = nullptr;
        QByteArray response;
    };

    QDnsLookup *lookup(int type, const QString &name);
    // The domain's job if it is still the one numbered serial.
    Job *jobFor(const QString &domain, quint64 serial);
    void onTxt(const QString &domain, quint64 serial, QDnsLookup *lookup);
    void onAddress(const QString &domain, quint64 serial, QDnsLookup *lookup);
    void onResponse(const QString &domain);
    // Ends the job: with the policy fetched, or (policy empty) the cached one if still valid.
    void finish(const QString &domain, std::optional<MtaStsPolicy> policy, const QString &note);

    QHostAddress m_nameserver;
    quint16 m_port;
    QList<QSslCertificate> m_extraCas;
    int m_timeoutMs;
    const Clock &m_clock;
    QHash<QString, Job> m_jobs;
    QHash<QString, Cached> m_cache;
    quint64 m_serial = 0;
};
