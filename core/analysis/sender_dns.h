#pragma once

#include <QString>
#include <QStringList>

struct AnalysisReport;

// What large mailbox providers check of a bulk sender's domain, asked of the DNS before a send
// (issue 12; Gmail's and Yahoo's 2024 sender rules): an SPF record (TXT "v=spf1") on the From
// domain, a DMARC record (TXT "v=DMARC1" at _dmarc.<domain>, or at its organizational parent),
// and the DKIM selector's public key (TXT at <selector>._domainkey.<domain>) matching the key
// the delivery signs with. Asked of the route's name server, or the system's; on the system's,
// names reserved for documentation and tests (RFC 2606, RFC 6761: example.com, *.example,
// *.test, *.invalid, *.localhost) are not asked, as they never have real records. A name
// server that does not answer within the time given leaves the checks as information, never
// an error.
namespace SenderDns {

struct Request
{
    QString fromDomain;
    QString dkimDomain; // empty: no DKIM
    QString dkimSelector;
    QString dkimKeyFile;
    QString nameserver; // an IP address; empty: the system's resolver
    int timeoutMs = 3000;
};

bool isReservedName(const QString &domain);
// Adds its findings (rules spf.*, dmarc.*, dkim.dns*) to the report; returns false when it
// asked nothing (a reserved name on the system resolver).
bool check(const Request &request, AnalysisReport *report);

} // namespace SenderDns
