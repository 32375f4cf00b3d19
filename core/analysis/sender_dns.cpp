#include "sender_dns.h"

#include "analysis_report.h"
#include "message/dkim_key.h"

#include <QDnsLookup>
#include <QEventLoop>
#include <QHash>
#include <QHostAddress>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace SenderDns {

namespace {

using Level = AnalysisReport::Level;

struct Answer
{
    bool answered = false; // the name server answered (records, or "no such name")
    QStringList texts;     // each TXT record, its strings joined
};

// The TXT records of several names at once, under one deadline.
QHash<QString, Answer> lookUpTxt(const QStringList &names, const QString &nameserver, int timeoutMs)
{
    QHash<QString, Answer> answers;
    QEventLoop loop;
    qsizetype pending = names.size();
    std::vector<std::unique_ptr<QDnsLookup>> lookups;
    for (const QString &name : names) {
        auto lookup = std::make_unique<QDnsLookup>(QDnsLookup::TXT, name);
        if (!nameserver.isEmpty())
            lookup->setNameserver(QHostAddress(nameserver));
        QDnsLookup *l = lookup.get();
        QObject::connect(l, &QDnsLookup::finished, &loop, [&, l, name] {
            Answer a;
            a.answered = l->error() == QDnsLookup::NoError || l->error() == QDnsLookup::NotFoundError;
            for (const QDnsTextRecord &r : l->textRecords()) {
                QByteArray joined;
                for (const QByteArray &part : r.values())
                    joined += part;
                a.texts.append(QString::fromUtf8(joined));
            }
            answers.insert(name, a);
            if (--pending == 0)
                loop.quit();
        });
        lookups.push_back(std::move(lookup));
    }
    for (auto &l : lookups)
        l->lookup();
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (pending > 0)
        loop.exec();
    for (auto &l : lookups)
        l->abort();
    return answers;
}

QStringList starting(const QStringList &texts, const QString &prefix)
{
    QStringList out;
    for (const QString &t : texts) {
        if (t.trimmed().startsWith(prefix, Qt::CaseInsensitive))
            out.append(t.trimmed());
    }
    return out;
}

// The organizational domain, roughly: the last two labels (no public suffix list here).
QString parentOf(const QString &domain)
{
    const QStringList labels = domain.split(u'.');
    return labels.size() > 2 ? labels.mid(labels.size() - 2).join(u'.') : QString();
}

QString tagOf(const QString &record, const QString &tag)
{
    for (const QString &part : record.split(u';')) {
        const QString p = part.trimmed();
        if (p.startsWith(tag + u'=', Qt::CaseInsensitive))
            return p.mid(tag.size() + 1).trimmed();
    }
    return {};
}

} // namespace

bool isReservedName(const QString &domain)
{
    const QString d = domain.toLower();
    static const QStringList tlds = {u"example"_s, u"test"_s, u"invalid"_s, u"localhost"_s};
    static const QStringList seconds = {u"example.com"_s, u"example.net"_s, u"example.org"_s};
    for (const QString &t : tlds) {
        if (d == t || d.endsWith(u'.' + t))
            return true;
    }
    for (const QString &s : seconds) {
        if (d == s || d.endsWith(u'.' + s))
            return true;
    }
    return false;
}

bool check(const Request &rq, AnalysisReport *report)
{
    const QString from = rq.fromDomain.toLower();
    if (from.isEmpty() || (rq.nameserver.isEmpty() && isReservedName(from)))
        return false;
    const QString parent = parentOf(from);
    const QString dkimName = rq.dkimDomain.isEmpty() || rq.dkimSelector.isEmpty()
                                 ? QString()
                                 : u"%1._domainkey.%2"_s.arg(rq.dkimSelector, rq.dkimDomain.toLower());
    QStringList names = {from, u"_dmarc."_s + from};
    if (!parent.isEmpty())
        names.append(u"_dmarc."_s + parent);
    if (!dkimName.isEmpty())
        names.append(dkimName);
    const QHash<QString, Answer> answers = lookUpTxt(names, rq.nameserver, rq.timeoutMs);
    const QString server = rq.nameserver.isEmpty() ? u"the system's name server"_s : rq.nameserver;
    const auto unanswered = [&](const QString &rule, const char *source, const QString &name) {
        report->add(Level::Info, rule, source, {name, server, QString::number(rq.timeoutMs / 1000.0)});
    };

    const Answer spf = answers.value(from);
    if (!spf.answered) {
        unanswered(u"spf.unchecked"_s,
                   QT_TRANSLATE_NOOP("AnalysisReport",
                                     "The SPF record of %1 could not be checked: %2 did not answer within %3 s."),
                   from);
    } else if (const QStringList records = starting(spf.texts, u"v=spf1"_s); records.isEmpty()) {
        report->add(
            Level::Warning, u"spf.missing"_s,
            QT_TRANSLATE_NOOP(
                "AnalysisReport",
                "%1 publishes no SPF record (TXT \"v=spf1 ...\"): large providers expect SPF for bulk mail, and "
                "DMARC needs SPF or DKIM aligned with the From domain."),
            {from});
    } else if (records.size() > 1) {
        report->add(Level::Warning, u"spf.multiple"_s,
                    QT_TRANSLATE_NOOP(
                        "AnalysisReport",
                        "%1 publishes %2 SPF records; RFC 7208 makes that a permanent error (permerror) for every "
                        "receiver: merge them into one."),
                    {from, QString::number(records.size())});
    } else {
        report->add(Level::Info, u"spf.found"_s, QT_TRANSLATE_NOOP("AnalysisReport", "SPF of %1: %2"),
                    {from, records.first()});
    }

    const Answer dmarc = answers.value(u"_dmarc."_s + from);
    QStringList dmarcRecords = starting(dmarc.texts, u"v=DMARC1"_s);
    QString dmarcAt = u"_dmarc."_s + from;
    if (dmarcRecords.isEmpty() && !parent.isEmpty()) {
        dmarcRecords = starting(answers.value(u"_dmarc."_s + parent).texts, u"v=DMARC1"_s);
        dmarcAt = u"_dmarc."_s + parent;
    }
    if (!dmarc.answered) {
        unanswered(u"dmarc.unchecked"_s,
                   QT_TRANSLATE_NOOP("AnalysisReport",
                                     "The DMARC record of %1 could not be checked: %2 did not answer within %3 s."),
                   from);
    } else if (dmarcRecords.isEmpty()) {
        report->add(Level::Warning, u"dmarc.missing"_s,
                    QT_TRANSLATE_NOOP(
                        "AnalysisReport",
                        "%1 publishes no DMARC record (TXT \"v=DMARC1; p=...\" at _dmarc.%1): Gmail and Yahoo require "
                        "one from senders of 5,000 or more messages a day."),
                    {from});
    } else {
        const QString policy = tagOf(dmarcRecords.first(), u"p"_s);
        report->add(Level::Info, u"dmarc.found"_s, QT_TRANSLATE_NOOP("AnalysisReport", "DMARC at %1: policy %2."),
                    {dmarcAt, policy.isEmpty() ? u"(none given)"_s : policy});
    }

    if (!dkimName.isEmpty()) {
        const Answer dkim = answers.value(dkimName);
        QString error;
        const DkimKey key = DkimKey::fromPemFile(rq.dkimKeyFile, &error);
        const QStringList records =
            starting(dkim.texts, u"v=DKIM1"_s) + starting(dkim.texts, u"k="_s) + starting(dkim.texts, u"p="_s);
        if (!dkim.answered) {
            unanswered(u"dkim.dns_unchecked"_s,
                       QT_TRANSLATE_NOOP("AnalysisReport", "The DKIM key published at %1 could not be checked: %2 "
                                                           "did not answer within %3 s."),
                       dkimName);
        } else if (records.isEmpty()) {
            report->add(
                Level::Warning, u"dkim.dns_missing"_s,
                QT_TRANSLATE_NOOP("AnalysisReport",
                                  "No DKIM key is published at %1: receivers cannot verify the signature. Publish the "
                                  "record the key's \"DNS record\" gives."),
                {dkimName});
        } else if (!key.isNull()) {
            const bool matches =
                std::any_of(records.cbegin(), records.cend(), [&](const QString &r) { return key.matchesRecord(r); });
            if (matches)
                report->add(
                    Level::Info, u"dkim.dns_found"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "The DKIM key published at %1 matches the signing key."),
                    {dkimName});
            else
                report->add(Level::Warning, u"dkim.dns_mismatch"_s,
                            QT_TRANSLATE_NOOP(
                                "AnalysisReport",
                                "The DKIM key published at %1 is not the one the delivery signs with: every signature "
                                "would fail. Publish the key's record, or sign with the published key."),
                            {dkimName});
        }
    }
    return true;
}

} // namespace SenderDns
