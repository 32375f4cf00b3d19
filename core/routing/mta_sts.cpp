#include "mta_sts.h"

#include <QDnsLookup>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

QString MtaStsPolicy::modeName(Mode mode)
{
    switch (mode) {
    case Mode::None:
        return u"none"_s;
    case Mode::Testing:
        return u"testing"_s;
    case Mode::Enforce:
        return u"enforce"_s;
    }
    return {};
}

std::optional<MtaStsPolicy> MtaStsPolicy::parse(const QByteArray &text, QString *error)
{
    MtaStsPolicy p;
    bool version = false;
    bool mode = false;
    bool maxAge = false;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines.at(i)).trimmed(); // CRLF or LF
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0) {
            *error = u"line %1: not \"key: value\""_s.arg(i + 1);
            return std::nullopt;
        }
        const QString key = line.left(colon).trimmed();
        const QString value = line.mid(colon + 1).trimmed();
        if (key == u"version"_s) {
            if (value != u"STSv1"_s) {
                *error = u"line %1: version '%2' is not STSv1"_s.arg(i + 1).arg(value);
                return std::nullopt;
            }
            version = true;
        } else if (key == u"mode"_s) {
            if (value == u"enforce"_s)
                p.mode = Mode::Enforce;
            else if (value == u"testing"_s)
                p.mode = Mode::Testing;
            else if (value == u"none"_s)
                p.mode = Mode::None;
            else {
                *error = u"line %1: mode '%2' is not enforce, testing or none"_s.arg(i + 1).arg(value);
                return std::nullopt;
            }
            mode = true;
        } else if (key == u"mx"_s) {
            p.mx.append(value.toLower());
        } else if (key == u"max_age"_s) {
            bool ok = false;
            p.maxAgeSeconds = value.toLongLong(&ok);
            if (!ok || p.maxAgeSeconds < 0 || p.maxAgeSeconds > MtaStsFetcher::MaxAgeLimitSeconds) {
                *error = u"line %1: max_age '%2' is not from 0 to %3"_s.arg(i + 1).arg(value).arg(
                    MtaStsFetcher::MaxAgeLimitSeconds);
                return std::nullopt;
            }
            maxAge = true;
        } // other keys: extensions, ignored (§3.2)
    }
    if (!version || !mode || !maxAge) {
        *error = u"the policy lacks %1"_s.arg(!version ? u"version"_s : !mode ? u"mode"_s : u"max_age"_s);
        return std::nullopt;
    }
    if (p.mode != Mode::None && p.mx.isEmpty()) {
        *error = u"the policy names no mx"_s;
        return std::nullopt;
    }
    return p;
}

QByteArray MtaStsPolicy::toText() const
{
    QByteArray text = "version: STSv1\nmode: " + modeName(mode).toLatin1() + '\n';
    for (const QString &m : mx)
        text += "mx: " + m.toUtf8() + '\n';
    return text + "max_age: " + QByteArray::number(maxAgeSeconds) + '\n';
}

bool MtaStsPolicy::allows(const QString &host) const
{
    const QString name = (host.endsWith(u'.') ? host.chopped(1) : host).toLower();
    for (const QString &pattern : mx) {
        if (pattern.startsWith(u"*."_s)) {
            // The wildcard stands for exactly one label.
            const qsizetype dot = name.indexOf(u'.');
            if (dot > 0 && name.mid(dot) == pattern.mid(1))
                return true;
        } else if (name == pattern) {
            return true;
        }
    }
    return false;
}

MtaStsFetcher::MtaStsFetcher(const QHostAddress &nameserver, quint16 port, const QList<QSslCertificate> &extraCas,
                             int timeoutMs, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_nameserver(nameserver)
    , m_port(port)
    , m_extraCas(extraCas)
    , m_timeoutMs(timeoutMs)
    , m_clock(clock)
{}

MtaStsFetcher::~MtaStsFetcher()
{
    // Taken out first and disconnected: an abort() signals at once, and nothing may answer now.
    for (Job &job : std::exchange(m_jobs, {})) {
        if (job.socket) {
            job.socket->disconnect(this);
            job.socket->abort();
        }
    }
}

MtaStsFetcher::Job *MtaStsFetcher::jobFor(const QString &domain, quint64 serial)
{
    auto it = m_jobs.find(domain);
    return it == m_jobs.end() || it->serial != serial ? nullptr : &*it;
}

QDnsLookup *MtaStsFetcher::lookup(int type, const QString &name)
{
    auto *l = new QDnsLookup(QDnsLookup::Type(type), name, this);
    if (!m_nameserver.isNull())
        l->setNameserver(m_nameserver);
    return l;
}

void MtaStsFetcher::remember(const QString &domain, const MtaStsPolicy &policy, qint64 expiresAtMs)
{
    m_cache.insert(domain, {policy, expiresAtMs});
}

void MtaStsFetcher::fetch(const QString &domain)
{
    if (m_jobs.contains(domain))
        return;
    Job &job = m_jobs[domain];
    job.serial = ++m_serial;
    const quint64 serial = job.serial;
    job.timer = new QTimer(this);
    job.timer->setSingleShot(true);
    connect(job.timer, &QTimer::timeout, this,
            [this, domain] { finish(domain, std::nullopt, u"no answer within %1 ms"_s.arg(m_timeoutMs)); });
    job.timer->start(m_timeoutMs);
    QDnsLookup *l = lookup(QDnsLookup::TXT, u"_mta-sts."_s + domain);
    connect(l, &QDnsLookup::finished, this, [this, domain, serial, l] { onTxt(domain, serial, l); });
    l->lookup();
}

void MtaStsFetcher::onTxt(const QString &domain, quint64 serial, QDnsLookup *l)
{
    l->deleteLater();
    Job *it = jobFor(domain, serial);
    if (!it)
        return;
    QStringList ids;
    for (const QDnsTextRecord &r : l->textRecords()) {
        QByteArray text;
        for (const QByteArray &part : r.values())
            text += part;
        if (!text.startsWith("v=STSv1"))
            continue;
        for (const QByteArray &field : text.split(';')) {
            const QByteArray f = field.trimmed();
            if (f.startsWith("id="))
                ids.append(QString::fromLatin1(f.mid(3)));
        }
    }
    if (ids.size() != 1) {
        // No record (or several, §3.1): no new policy; a cached one stays in force.
        finish(domain, std::nullopt,
               ids.isEmpty() ? u"no MTA-STS record at _mta-sts.%1"_s.arg(domain)
                             : u"%1 MTA-STS records at _mta-sts.%2: ignored"_s.arg(ids.size()).arg(domain));
        return;
    }
    it->id = ids.first();
    const auto cached = m_cache.constFind(domain);
    if (cached != m_cache.cend() && cached->policy.id == it->id && cached->expiresAtMs > m_clock.nowMs()) {
        it->notes.append(u"MTA-STS: policy id %1 of %2 already known"_s.arg(it->id, domain));
        finish(domain, cached->policy, {});
        return;
    }
    QDnsLookup *a = lookup(QDnsLookup::A, u"mta-sts."_s + domain);
    connect(a, &QDnsLookup::finished, this, [this, domain, serial, a] { onAddress(domain, serial, a); });
    a->lookup();
}

void MtaStsFetcher::onAddress(const QString &domain, quint64 serial, QDnsLookup *l)
{
    l->deleteLater();
    Job *it = jobFor(domain, serial);
    if (!it)
        return;
    const QString host = u"mta-sts."_s + domain;
    if (l->hostAddressRecords().isEmpty()) {
        finish(domain, std::nullopt, u"%1 has no address: %2"_s.arg(host, l->errorString()));
        return;
    }
    const QHostAddress address = l->hostAddressRecords().constFirst().value();
    auto *socket = new QSslSocket(this);
    it->socket = socket;
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (!m_extraCas.isEmpty())
        ssl.setCaCertificates(ssl.caCertificates() + m_extraCas);
    ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket->setSslConfiguration(ssl);
    connect(socket, &QSslSocket::encrypted, this, [socket, host] {
        socket->write("GET /.well-known/mta-sts.txt HTTP/1.0\r\nHost: " + host.toLatin1() +
                      "\r\nUser-Agent: Sendscope\r\nConnection: close\r\n\r\n");
    });
    connect(socket, &QSslSocket::readyRead, this, [this, domain, socket] {
        auto job = m_jobs.find(domain);
        if (job == m_jobs.end())
            return;
        job->response += socket->readAll();
        if (job->response.size() > MaxPolicyBytes + 16 * 1024)
            finish(domain, std::nullopt, u"the policy is larger than %1 bytes"_s.arg(MaxPolicyBytes));
    });
    connect(socket, &QSslSocket::disconnected, this, [this, domain] { onResponse(domain); });
    connect(socket, &QSslSocket::errorOccurred, this, [this, domain, socket](QAbstractSocket::SocketError e) {
        // The server's close (a TLS close_notify, before or without the TCP close) ends the body.
        if (e == QAbstractSocket::RemoteHostClosedError)
            onResponse(domain);
        else
            finish(domain, std::nullopt, socket->errorString());
    });
    connect(socket, &QSslSocket::sslErrors, this, [this, domain](const QList<QSslError> &errors) {
        finish(domain, std::nullopt, u"certificate: "_s + errors.constFirst().errorString());
    });
    it->notes.append(u"MTA-STS: record id %1; fetching https://%2/.well-known/mta-sts.txt [%3]:%4"_s
                         .arg(it->id, host, address.toString())
                         .arg(m_port));
    socket->connectToHostEncrypted(address.toString(), m_port, host);
}

void MtaStsFetcher::onResponse(const QString &domain)
{
    auto it = m_jobs.find(domain);
    if (it == m_jobs.end())
        return;
    const QByteArray &r = it->response;
    const qsizetype end = r.indexOf("\r\n\r\n");
    if (end < 0) {
        finish(domain, std::nullopt, u"no complete HTTP response"_s);
        return;
    }
    const QList<QByteArray> head = r.left(end).split('\n');
    const QList<QByteArray> status = head.constFirst().trimmed().split(' ');
    if (status.size() < 2 || !status.at(0).startsWith("HTTP/1.") || status.at(1) != "200") {
        // Redirects are not followed (§3.3).
        finish(domain, std::nullopt, u"HTTP status: "_s + QString::fromLatin1(head.constFirst().trimmed()));
        return;
    }
    bool textPlain = false;
    for (const QByteArray &line : head.sliced(1)) {
        const QByteArray l = line.trimmed().toLower();
        if (l.startsWith("content-type:"))
            textPlain = l.mid(13).trimmed().startsWith("text/plain");
    }
    if (!textPlain) {
        finish(domain, std::nullopt, u"the policy is not served as text/plain"_s);
        return;
    }
    const QByteArray body = r.mid(end + 4);
    if (body.size() > MaxPolicyBytes) {
        finish(domain, std::nullopt, u"the policy is larger than %1 bytes"_s.arg(MaxPolicyBytes));
        return;
    }
    QString error;
    std::optional<MtaStsPolicy> policy = MtaStsPolicy::parse(body, &error);
    if (!policy) {
        finish(domain, std::nullopt, u"the policy is invalid: "_s + error);
        return;
    }
    policy->id = it->id;
    const qint64 expires = m_clock.nowMs() + policy->maxAgeSeconds * 1000;
    m_cache.insert(domain, {*policy, expires});
    Q_EMIT learned(domain, *policy, expires);
    finish(domain, policy, {});
}

void MtaStsFetcher::finish(const QString &domain, std::optional<MtaStsPolicy> policy, const QString &note)
{
    auto it = m_jobs.find(domain);
    if (it == m_jobs.end())
        return;
    Job job = *it;
    m_jobs.erase(it);
    if (job.socket) {
        job.socket->disconnect(this);
        job.socket->abort();
        job.socket->deleteLater();
    }
    job.timer->stop();
    job.timer->deleteLater();
    MtaStsResult result;
    result.notes = job.notes;
    if (!note.isEmpty())
        result.notes.append(u"MTA-STS: "_s + note);
    if (!policy) {
        const auto cached = m_cache.constFind(domain);
        if (cached != m_cache.cend() && cached->expiresAtMs > m_clock.nowMs()) {
            policy = cached->policy;
            result.notes.append(u"MTA-STS: the policy fetched before (id %1) is still in force"_s.arg(policy->id));
        }
    }
    if (policy)
        result.notes.append(u"MTA-STS: %1 mode, mx %2, max_age %3 s"_s
                                .arg(MtaStsPolicy::modeName(policy->mode), policy->mx.join(u", "_s))
                                .arg(policy->maxAgeSeconds));
    result.policy = policy;
    Q_EMIT fetched(domain, result);
}
