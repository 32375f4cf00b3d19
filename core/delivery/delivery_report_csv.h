#pragma once

#include "delivery/delivery_report.h"

#include <QSqlDatabase>
#include <QString>

class QIODevice;

// Writes a DeliveryReport as one CSV file of sections (summary, non-deliverables by reason,
// by domain, throughput, and the non-deliverable recipients), each introduced by a
// "section,<name>" record and a header record, with an empty line between sections. Names and
// values are machine names (as sendscope-cli writes them) and times are ISO 8601 UTC. Every
// cell goes through CsvWriter, so an address or a reply that starts like a formula is
// neutralized (docs/product.md §7). The domain and recipient sections are streamed from the
// database in bounded pages, so a log of a million rows is never held in memory: call it on a
// reader's own thread, never the GUI's.
class DeliveryReportCsv final
{
public:
    explicit DeliveryReportCsv(QSqlDatabase db)
        : m_db(db)
    {}

    bool write(const DeliveryReport &report, QIODevice &out);
    // Writes the whole file or nothing (QSaveFile): a failed export leaves no half file.
    bool writeFile(const DeliveryReport &report, const QString &path);

    qint64 recipientRows() const { return m_recipientRows; }
    QString lastError() const { return m_lastError; }

private:
    QSqlDatabase m_db;
    qint64 m_recipientRows = 0;
    QString m_lastError;
};
