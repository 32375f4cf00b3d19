#include "analyzer.h"

#include "common/clock.h"
#include "common/duration.h"
#include "dkim_key_info.h"
#include "engine/message_renderer.h"
#include "feedback/quarantine.h"
#include "log/log_transition.h"
#include "message/personalization_template.h"
#include "preflight_plan.h"
#include "recipients/address_validator.h"
#include "routing/route_endpoint.h"
#include "sender_dns.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

using Level = AnalysisReport::Level;

struct NamedTemplate
{
    QString where; // "subject", "html", "text", "header List-Unsubscribe"
    PersonalizationTemplate tpl;
    qsizetype literalSize = 0;
};

bool mentionsUnsubscribe(const QString &content)
{
    static const QRegularExpression re(u"unsubscribe|opt[- ]?out|수신\\s*거부"_s,
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(content).hasMatch();
}

QString domainOf(const QString &normalized)
{
    const qsizetype at = normalized.lastIndexOf(u'@');
    return at < 0 ? QString() : normalized.mid(at + 1);
}

QString reasonText(const QString &reason)
{
    static const QHash<QString, QString> texts = {
        {u"address_not_specified"_s, u"address not specified"_s},
        {u"invalid_address"_s, u"invalid address"_s},
        {u"duplicate"_s, u"duplicate address"_s},
        {u"quarantined"_s, u"address in quarantine"_s},
        {u"denylisted"_s, u"address on the denylist"_s},
        {u"target_limited"_s, u"beyond the target size limit"_s},
    };
    return texts.value(reason, reason);
}

constexpr int LogBatchRows = 128;

// Multi-row INSERT of log rows, as in the importer: one prepared statement per batch.
class LogWriter
{
public:
    LogWriter(QSqlDatabase db, qint64 deliveryId, qint64 nowMs)
        : m_db(db)
        , m_deliveryId(deliveryId)
        , m_nowMs(nowMs)
    {}

    bool add(qint64 recipientId, const LogEntry &e, const QString &messageId)
    {
        m_rows.append({recipientId, e, messageId});
        return m_rows.size() < LogBatchRows || flush();
    }

    bool flush()
    {
        if (m_rows.isEmpty())
            return true;
        QSqlQuery q(m_db);
        QString sql = u"INSERT INTO recipient_log (recipient_id, delivery_id, state, failure_type, failure_reason, "
                      "last_reply, message_id, updated_at) VALUES "_s;
        for (qsizetype i = 0; i < m_rows.size(); ++i)
            sql += i == 0 ? u"(?,?,?,?,?,?,?,?)"_s : u",(?,?,?,?,?,?,?,?)"_s;
        if (m_rows.size() == LogBatchRows) {
            if (!m_full) {
                m_full.emplace(m_db);
                m_full->prepare(sql);
            }
        }
        QSqlQuery &stmt = m_rows.size() == LogBatchRows ? *m_full : q;
        if (&stmt == &q)
            q.prepare(sql);
        int i = 0;
        for (const Row &r : std::as_const(m_rows)) {
            stmt.bindValue(i++, r.recipientId);
            stmt.bindValue(i++, m_deliveryId);
            stmt.bindValue(i++, LogStates::name(r.entry.state));
            stmt.bindValue(i++, LogStates::name(r.entry.failureType));
            stmt.bindValue(i++, LogStates::name(r.entry.failureReason));
            stmt.bindValue(i++, r.entry.lastReply.isNull() ? u""_s : r.entry.lastReply);
            stmt.bindValue(i++, r.messageId);
            stmt.bindValue(i++, m_nowMs);
        }
        m_rows.clear();
        if (!stmt.exec()) {
            m_error = stmt.lastError().text();
            return false;
        }
        return true;
    }
    QString error() const { return m_error; }

private:
    struct Row
    {
        qint64 recipientId;
        LogEntry entry;
        QString messageId;
    };
    QSqlDatabase m_db;
    qint64 m_deliveryId;
    qint64 m_nowMs;
    QList<Row> m_rows;
    std::optional<QSqlQuery> m_full;
    QString m_error;
};

} // namespace

Analyzer::Analyzer(QSqlDatabase db, qint64 deliveryId, const DeliveryDefinition &definition, const QStringList &fields,
                   const QString &messageToken, qint64 nowMs)
    : m_db(db)
    , m_deliveryId(deliveryId)
    , m_def(definition)
    , m_fields(fields)
    , m_messageToken(messageToken)
    , m_nowMs(nowMs)
{}

bool Analyzer::run(AnalysisReport *report)
{
    report->analyzedAtMs = m_nowMs;
    // Quarantine entries that ended by time (a mailbox full for 30 days, a counter quiet for 10
    // days: docs/product.md §4) are released before the exclusions read them.
    QString expireError;
    if (!Quarantine::expire(m_db, m_nowMs, &expireError)) {
        m_error = u"cannot expire quarantine entries: "_s + expireError;
        return false;
    }
    checkDefinition(report);
    checkDkim(report);
    checkMessage(report);
    if (!processRecipients(report) || !assignWaves(report))
        return false;
    checkWaves(report);
    planDelivery(report);
    // The summary is informational; the errors above are what block.
    if (report->blocked())
        report->add(Level::Info, u"result"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport",
                                      "Analysis finished with %1 error(s): the delivery cannot be confirmed."),
                    {QString::number(report->count(Level::Error))});
    else
        report->add(
            Level::Info, u"result"_s,
            QT_TRANSLATE_NOOP("AnalysisReport", "Analysis finished: %1 to deliver, %2 excluded, %3 warning(s)."),
            {QString::number(report->toDeliver), QString::number(report->toExclude),
             QString::number(report->count(Level::Warning))});
    return true;
}

void Analyzer::checkDefinition(AnalysisReport *report)
{
    const AddressCheck from = AddressValidator::check(m_def.fromAddress);
    if (!from.isValid())
        report->add(Level::Error, u"sender.address"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "The sender address '%1' is not valid: %2."),
                    {m_def.fromAddress, from.reason.isEmpty() ? u"missing"_s : from.reason});
    if (!m_def.replyTo.isEmpty()) {
        const AddressCheck rt = AddressValidator::check(m_def.replyTo);
        if (!rt.isValid())
            report->add(Level::Error, u"sender.reply_to"_s,
                        QT_TRANSLATE_NOOP("AnalysisReport", "The Reply-To address '%1' is not valid: %2."),
                        {m_def.replyTo, rt.reason});
    }
    if (m_def.subject.trimmed().isEmpty())
        report->add(Level::Error, u"subject.missing"_s, QT_TRANSLATE_NOOP("AnalysisReport", "The subject is empty."),
                    {});
    else if (m_def.subject.size() > SubjectWarnLength)
        report->add(
            Level::Warning, u"subject.length"_s,
            QT_TRANSLATE_NOOP("AnalysisReport", "The subject is %1 characters long; many clients cut it after %2."),
            {QString::number(m_def.subject.size()), QString::number(SubjectWarnLength)});
    if (PersonalizationTemplate::containsLineBreak(m_def.subject))
        report->add(Level::Error, u"subject.line_break"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "The subject contains a line break."), {});
    if (m_def.html.trimmed().isEmpty() && m_def.text.trimmed().isEmpty())
        report->add(Level::Error, u"content.missing"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "The message has neither an HTML nor a text part."), {});

    if (!m_def.html.isEmpty() && !mentionsUnsubscribe(m_def.html))
        report->add(Level::Warning, u"content.unsubscribe_html"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "The HTML part has no unsubscribe link."), {});
    if (!m_def.text.isEmpty() && !mentionsUnsubscribe(m_def.text))
        report->add(Level::Warning, u"content.unsubscribe_text"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "The text part has no unsubscribe link."), {});

    QString listUnsub, listUnsubPost;
    for (const auto &[name, value] : std::as_const(m_def.headers)) {
        if (name.compare(u"List-Unsubscribe"_s, Qt::CaseInsensitive) == 0)
            listUnsub = value;
        else if (name.compare(u"List-Unsubscribe-Post"_s, Qt::CaseInsensitive) == 0)
            listUnsubPost = value;
    }
    if (listUnsub.isEmpty())
        report->add(Level::Warning, u"headers.list_unsubscribe"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport",
                                      "No List-Unsubscribe header: large mailbox providers expect one for bulk mail."),
                    {});
    else if (listUnsubPost.trimmed() != u"List-Unsubscribe=One-Click"_s)
        report->add(
            Level::Warning, u"headers.one_click"_s,
            QT_TRANSLATE_NOOP("AnalysisReport",
                              "List-Unsubscribe is set without 'List-Unsubscribe-Post: List-Unsubscribe=One-Click' "
                              "(RFC 8058 one-click unsubscribe)."),
            {});

    if (m_def.route.isEmpty())
        report->add(Level::Error, u"route.missing"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "No route is set: choose how the messages leave."), {});

    if (m_def.proofAddresses.size() > MaxProofs)
        report->add(Level::Error, u"proof.count"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "%1 proof addresses; at most %2 are allowed."),
                    {QString::number(m_def.proofAddresses.size()), QString::number(MaxProofs)});
    for (const QString &p : std::as_const(m_def.proofAddresses)) {
        const AddressCheck c = AddressValidator::check(p);
        if (!c.isValid())
            report->add(Level::Error, u"proof.address"_s,
                        QT_TRANSLATE_NOOP("AnalysisReport", "The proof address '%1' is not valid: %2."),
                        {p, c.reason.isEmpty() ? u"missing"_s : c.reason});
    }
    if (m_def.validityEnd.isValid()) {
        const qint64 start = m_def.contactDate.isValid() ? m_def.contactDate.toMSecsSinceEpoch() : m_nowMs;
        if (m_def.validityEnd.toMSecsSinceEpoch() <= start)
            report->add(Level::Error, u"validity.end"_s,
                        QT_TRANSLATE_NOOP("AnalysisReport", "The validity ends (%1) before the sending starts."),
                        {m_def.validityEnd.toString(Qt::ISODate)});
    }
    if (m_def.contactDate.isValid() && m_def.contactDate.toMSecsSinceEpoch() < m_nowMs)
        report->add(Level::Info, u"contact_date.past"_s,
                    QT_TRANSLATE_NOOP(
                        "AnalysisReport",
                        "The contact date %1 is in the past: sending starts as soon as the delivery is confirmed."),
                    {m_def.contactDate.toString(Qt::ISODate)});
}

void Analyzer::checkDkim(AnalysisReport *report)
{
    const QString fromDomain = domainOf(AddressValidator::check(m_def.fromAddress).normalized);
    if (m_def.dkimDomain.isEmpty()) {
        report->add(
            Level::Warning, u"dkim.missing"_s,
            QT_TRANSLATE_NOOP("AnalysisReport",
                              "No DKIM key: messages from %1 will not be signed, and many providers will filter them."),
            {fromDomain.isEmpty() ? u"the sender"_s : fromDomain});
        return;
    }
    if (!fromDomain.isEmpty() && fromDomain != m_def.dkimDomain && !fromDomain.endsWith(u'.' + m_def.dkimDomain))
        report->add(Level::Warning, u"dkim.alignment"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport",
                                      "The DKIM domain %1 does not match the From domain %2 (DMARC alignment fails)."),
                    {m_def.dkimDomain, fromDomain});
    const DkimKeyInfo key = DkimKeyInfo::read(m_def.dkimKeyFile);
    if (!key.error.isEmpty()) {
        report->add(Level::Error, u"dkim.key"_s, key.error);
        return;
    }
    if (key.readableByOthers)
        report->add(Level::Warning, u"dkim.key_permissions"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport",
                                      "%1 is readable by other users of this machine; make it private (chmod 600)."),
                    {m_def.dkimKeyFile});
    if (key.algorithm == DkimKeyInfo::Algorithm::Rsa && key.bits < 1024)
        report->add(Level::Error, u"dkim.key_size"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport",
                                      "The RSA key has %1 bits; keys under 1024 bits are refused (RFC 8301)."),
                    {QString::number(key.bits)});
    else if (key.algorithm == DkimKeyInfo::Algorithm::Rsa && key.bits < 2048)
        report->add(Level::Warning, u"dkim.key_size"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "The RSA key has %1 bits; use 2048 bits or more."),
                    {QString::number(key.bits)});
    else if (key.algorithm == DkimKeyInfo::Algorithm::Ed25519)
        report->add(
            Level::Warning, u"dkim.ed25519_alone"_s,
            QT_TRANSLATE_NOOP("AnalysisReport",
                              "An Ed25519 key alone: many receivers only verify RSA; sign with an RSA key too."),
            {});
    else
        report->add(Level::Info, u"dkim.key"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "DKIM: %1, selector %2, RSA %3 bits."),
                    {m_def.dkimDomain, m_def.dkimSelector, QString::number(key.bits)});
}

// The message as the engine will build and sign it, for a recipient whose fields hold a word:
// what the builder or the signer refuses here (a reserved header, a control character in the
// From name, an unfoldable header line, a key the signer will not use) would fail every
// recipient at send, so it blocks now, with the builder's and the signer's own words.
void Analyzer::checkMessage(AnalysisReport *report)
{
    if (!AddressValidator::check(m_def.fromAddress).isValid())
        return; // reported by the control rules
    ManualClock clock(m_nowMs);
    const MessageRenderer renderer(m_def, m_fields, clock);
    if (!renderer.isValid()) {
        const bool reported = std::any_of(report->lines.cbegin(), report->lines.cend(), [](const auto &l) {
            return l.level == Level::Error && l.rule.startsWith(u"dkim."_s);
        });
        if (!reported)
            report->add(Level::Error, u"dkim.key"_s,
                        QT_TRANSLATE_NOOP("AnalysisReport", "dkim: %1; no message could be signed."),
                        {renderer.error()});
        return;
    }
    MessageRenderer::Recipient sample;
    sample.address = u"recipient@example.com"_s;
    sample.display = sample.address;
    // Every field holds a plain word: what is checked is the template itself (that each field
    // resolves for every row is the personalization rule's business).
    QJsonArray values;
    for (qsizetype i = 0; i < m_fields.size(); ++i)
        values.append(u"x"_s);
    sample.fieldsJson = QString::fromUtf8(QJsonDocument(values).toJson(QJsonDocument::Compact));
    sample.messageId = u"<analysis@sendscope.invalid>"_s;
    const MessageRenderer::Rendered r = renderer.render(sample);
    if (r.data.isEmpty())
        report->add(Level::Error, u"message.build"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "%1: %2; every message would be refused at send."),
                    {r.field.isEmpty() ? u"message"_s : r.field, r.error});
}

// What the templates take from each recipient's fields, to size its message and to find the
// required fields it leaves empty.
struct Analyzer::FieldUse
{
    QHash<int, int> usesPerColumn; // column index -> how many times the templates insert it
    QList<int> requiredColumns;    // used without default
    qint64 literalBytes = 0;       // the templates without their fields
};

// What processRecipients() adds up over the rows, reported after the last one.
struct Analyzer::RecipientTally
{
    QHash<QString, qint64> domains;
    QHash<int, QList<qint64>> emptyFieldLines; // column -> first lines
    QHash<int, qint64> emptyFieldCounts;
    qint64 oversized = 0, largest = 0, firstOversizedLine = 0;
};

bool Analyzer::processRecipients(AnalysisReport *report)
{
    const FieldUse use = checkPersonalization(report);
    QSqlQuery rows(m_db);
    if (!selectRecipients(rows))
        return false;

    const QString fromDomain = domainOf(AddressValidator::check(m_def.fromAddress).normalized);
    const QString idDomain = fromDomain.isEmpty() ? u"sendscope.invalid"_s : fromDomain;
    LogWriter writer(m_db, m_deliveryId, m_nowMs);
    RecipientTally tally;

    while (rows.next()) {
        ++report->targeted;
        const qint64 id = rows.value(0).toLongLong();
        const qint64 line = rows.value(1).toLongLong();
        const QString norm = rows.value(2).toString();
        const QString addressError = rows.value(3).toString();
        const FailureReason reason = exclusionReason(rows, addressError, *report);

        LogEntry entry;
        if (reason != FailureReason::None) {
            LogEvent ev;
            ev.kind = LogEvent::Kind::Excluded;
            ev.reason = reason;
            if (reason == FailureReason::InvalidAddress)
                ev.reply = addressError;
            entry = applyLogEvent(entry, ev).entry;
            ++report->toExclude;
            report->exclusions[LogStates::name(reason)] += 1;
        } else {
            ++report->toDeliver;
            tally.domains[domainOf(norm)] += 1;
            measureMessage(rows, line, use, &tally);
        }
        const QString messageId =
            u"<%1.%2.%3@%4>"_s.arg(QString::number(m_deliveryId), QString::number(id), m_messageToken, idDomain);
        if (!writer.add(id, entry, messageId)) {
            m_error = writer.error();
            return false;
        }
    }
    if (!writer.flush()) {
        m_error = writer.error();
        return false;
    }
    reportRecipients(tally, report);
    return true;
}

// Parses the templates (reporting their syntax errors and unknown fields once) and works out
// what they take from each recipient's fields.
Analyzer::FieldUse Analyzer::checkPersonalization(AnalysisReport *report) const
{
    QList<NamedTemplate> templates;
    templates.append({u"subject"_s, PersonalizationTemplate(m_def.subject), 0});
    templates.append({u"HTML part"_s, PersonalizationTemplate(m_def.html), 0});
    templates.append({u"text part"_s, PersonalizationTemplate(m_def.text), 0});
    for (const auto &[name, value] : std::as_const(m_def.headers))
        templates.append({u"header "_s + name, PersonalizationTemplate(value), 0});

    // Fields each template needs, by column index; unknown names are reported once.
    FieldUse use;
    for (NamedTemplate &t : templates) {
        for (const auto &p : t.tpl.problems())
            report->add(Level::Error, u"personalization.syntax"_s, QT_TRANSLATE_NOOP("AnalysisReport", "%1: %2."),
                        {t.where, p.message});
        t.literalSize = t.tpl.render([](const QString &) { return QString(); }, PersonalizationTemplate::Escape::None)
                            .toUtf8()
                            .size();
        const QStringList withoutDefault = t.tpl.fieldsWithoutDefault();
        for (const QString &f : t.tpl.fields()) {
            const int col = int(m_fields.indexOf(f));
            if (col < 0) {
                report->add(withoutDefault.contains(f) ? Level::Error : Level::Warning, u"personalization.field"_s,
                            QT_TRANSLATE_NOOP(
                                "AnalysisReport",
                                "%1 uses the field '%2', which the recipient list does not have (its columns: %3)."),
                            {t.where, f, m_fields.join(u", "_s)});
                continue;
            }
            use.usesPerColumn[col] +=
                int(t.tpl
                        .render([&](const QString &name) { return name == f ? u"\x01"_s : QString(); },
                                PersonalizationTemplate::Escape::None)
                        .count(QChar(1)));
            if (withoutDefault.contains(f) && !use.requiredColumns.contains(col))
                use.requiredColumns.append(col);
        }
    }
    for (const NamedTemplate &t : std::as_const(templates))
        use.literalBytes += t.literalSize;
    return use;
}

// Clears the delivery's log rows and runs the query of its recipients in file order, each with
// whether it is the first of its address and its quarantine status. False with m_error set.
bool Analyzer::selectRecipients(QSqlQuery &rows)
{
    QSqlQuery q(m_db);
    if (!q.exec(u"DELETE FROM recipient_log WHERE delivery_id = %1"_s.arg(m_deliveryId)) ||
        !q.exec(u"CREATE TEMP TABLE IF NOT EXISTS analysis_first (id INTEGER PRIMARY KEY)"_s) ||
        !q.exec(u"DELETE FROM temp.analysis_first"_s) ||
        !q.exec(u"INSERT INTO temp.analysis_first SELECT min(id) FROM recipients WHERE delivery_id = %1 "
                "AND email_norm IS NOT NULL GROUP BY email_norm"_s.arg(m_deliveryId))) {
        m_error = q.lastError().text();
        return false;
    }

    rows.setForwardOnly(true);
    rows.prepare(u"SELECT r.id, r.line, r.email_norm, r.address_error, r.fields, f.id IS NOT NULL, q.status "
                 "FROM recipients r LEFT JOIN temp.analysis_first f ON f.id = r.id "
                 "LEFT JOIN quarantine q ON q.address = r.email_norm "
                 "WHERE r.delivery_id = ? ORDER BY r.id"_s);
    rows.addBindValue(m_deliveryId);
    if (!rows.exec()) {
        m_error = rows.lastError().text();
        return false;
    }
    return true;
}

// Why the recipient at rows is excluded: the first exclusion of docs/product.md §5 that applies,
// in its order; None when it is to be delivered.
FailureReason Analyzer::exclusionReason(const QSqlQuery &rows, const QString &addressError,
                                        const AnalysisReport &report) const
{
    const QString status = rows.value(6).toString();
    if (addressError == u"missing"_s)
        return FailureReason::AddressNotSpecified;
    if (!addressError.isEmpty())
        return FailureReason::InvalidAddress;
    if (!rows.value(5).toBool())
        return FailureReason::Duplicate;
    if (status == u"quarantine"_s)
        return FailureReason::Quarantined;
    if (status == u"denylisted"_s)
        return FailureReason::Denylisted;
    if (m_def.targetLimit > 0 && report.toDeliver >= m_def.targetLimit)
        return FailureReason::TargetLimited;
    return FailureReason::None;
}

// Sizes the message of the recipient at rows once personalized and counts the required fields
// it leaves empty; without fields in the templates every message has their literal size.
void Analyzer::measureMessage(const QSqlQuery &rows, qint64 line, const FieldUse &use, RecipientTally *tally)
{
    if (use.usesPerColumn.isEmpty()) {
        tally->largest = std::max(tally->largest, use.literalBytes);
        if (use.literalBytes > MaxMessageBytes && tally->oversized++ == 0)
            tally->firstOversizedLine = line;
        return;
    }
    const QJsonArray values = QJsonDocument::fromJson(rows.value(4).toString().toUtf8()).array();
    qint64 size = use.literalBytes;
    for (auto it = use.usesPerColumn.cbegin(); it != use.usesPerColumn.cend(); ++it)
        size += qint64(values.at(it.key()).toString().toUtf8().size()) * it.value();
    for (int col : std::as_const(use.requiredColumns)) {
        if (values.at(col).toString().trimmed().isEmpty()) {
            if (tally->emptyFieldLines[col].size() < RowsListed)
                tally->emptyFieldLines[col].append(line);
            tally->emptyFieldCounts[col] += 1;
        }
    }
    tally->largest = std::max(tally->largest, size);
    if (size > MaxMessageBytes && tally->oversized++ == 0)
        tally->firstOversizedLine = line;
}

// The report lines the rows add up to (empty required fields, oversized messages, an empty or
// all-excluded list, the exclusions by reason) and the plan by destination domain.
void Analyzer::reportRecipients(const RecipientTally &tally, AnalysisReport *report) const
{
    for (auto it = tally.emptyFieldCounts.cbegin(); it != tally.emptyFieldCounts.cend(); ++it) {
        QStringList lines;
        for (qint64 l : tally.emptyFieldLines.value(it.key()))
            lines.append(QString::number(l));
        report->add(Level::Error, u"personalization.empty"_s,
                    QT_TRANSLATE_NOOP(
                        "AnalysisReport",
                        "The field '%1' is empty for %2 recipient(s) and has no default (lines %3%4). Add a default "
                        "with {{%1|...}} or fill the column."),
                    {m_fields.at(it.key()), QString::number(it.value()), lines.join(u", "_s),
                     it.value() > RowsListed ? u", ..."_s : QString()});
    }
    if (tally.oversized > 0)
        report->add(
            Level::Warning, u"message.size"_s,
            QT_TRANSLATE_NOOP("AnalysisReport",
                              "%1 message(s) exceed 100 KB once personalized (first at line %2, largest %3 KB)."),
            {QString::number(tally.oversized), QString::number(tally.firstOversizedLine),
             QString::number((tally.largest + 1023) / 1024)});
    if (report->targeted == 0)
        report->add(Level::Error, u"target.empty"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "The recipient list is empty."), {});
    else if (report->toDeliver == 0)
        report->add(Level::Error, u"target.nothing_to_deliver"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "Every recipient is excluded."), {});
    for (auto it = report->exclusions.cbegin(); it != report->exclusions.cend(); ++it)
        report->add(Level::Info, u"exclusion."_s + it.key(),
                    QT_TRANSLATE_NOOP("AnalysisReport", "%1 recipient(s) excluded: %2."),
                    {QString::number(it.value()), reasonText(it.key())});

    for (auto it = tally.domains.cbegin(); it != tally.domains.cend(); ++it)
        report->destinations.append({it.key(), it.value()});
    std::sort(report->destinations.begin(), report->destinations.end(), [](const auto &a, const auto &b) {
        return a.count != b.count ? a.count > b.count : a.domain < b.domain;
    });
}

namespace {
constexpr int MxLookupTimeoutMs = 5000;
constexpr int SenderLookupTimeoutMs = 3000;
} // namespace

Analyzer::DnsAnswers Analyzer::lookUpDns(QSqlDatabase db, qint64 deliveryId, const DeliveryDefinition &definition)
{
    DnsAnswers answers;
    if (definition.route.isEmpty())
        return answers;
    QString error;
    const std::optional<RouteConfig> route = RouteEndpoint::load(db, definition.route, &error);
    if (!route)
        return answers;
    if (route->type == RouteConfig::Type::Direct) {
        // The largest domains of the list as imported (exclusions come later: a few more asked).
        QSqlQuery q(db);
        q.prepare(u"SELECT substr(email_norm, instr(email_norm, '@') + 1) AS domain FROM recipients "
                  "WHERE delivery_id = ? AND instr(email_norm, '@') > 0 GROUP BY domain ORDER BY count(*) DESC, "
                  "domain LIMIT ?"_s);
        q.addBindValue(deliveryId);
        q.addBindValue(PreflightPlan::MaxLookups);
        if (q.exec()) {
            while (q.next())
                answers.mxAsked.append(q.value(0).toString());
        }
        answers.mxHosts = PreflightPlan::lookUpMxHosts(answers.mxAsked, route->dnsServer, MxLookupTimeoutMs);
    }
    SenderDns::Request sender;
    sender.fromDomain = definition.fromAddress.section(u'@', -1);
    sender.dkimDomain = definition.dkimDomain;
    sender.dkimSelector = definition.dkimSelector;
    sender.dkimKeyFile = definition.dkimKeyFile;
    sender.nameserver = route->dnsServer;
    sender.timeoutMs = SenderLookupTimeoutMs;
    AnalysisReport lines;
    SenderDns::check(sender, &lines);
    answers.senderLines = lines.lines;
    return answers;
}

// The pre-flight plan by MX provider (preflight_plan.h): on the direct route the largest domains'
// MX hosts, asked of the route's name server before the analysis began (lookUpDns). A group whose
// limits need longer than the validity is a warning. A route that cannot be loaded leaves the plan
// empty; the route is checked where it is used.
void Analyzer::planDelivery(AnalysisReport *report)
{
    if (report->destinations.isEmpty() || m_def.route.isEmpty())
        return;
    QString error;
    const std::optional<RouteConfig> route = RouteEndpoint::load(m_db, m_def.route, &error);
    if (!route)
        return;
    const QList<MxRule> rules = MxRules::load(m_db, &error);
    const QHash<QString, QString> &hosts = m_dns.mxHosts;
    if (route->type == RouteConfig::Type::Direct) {
        qsizetype asked = 0;
        qsizetype unanswered = 0;
        for (const auto &d : std::as_const(report->destinations)) {
            if (asked == PreflightPlan::MaxLookups)
                break;
            ++asked;
            unanswered += !hosts.contains(d.domain);
        }
        if (unanswered > 0)
            report->add(
                Level::Info, u"plan.dns"_s,
                QT_TRANSLATE_NOOP("AnalysisReport",
                                  "%1 of %2 domain(s) had no MX host with an address from the DNS within %3 s: each is "
                                  "planned as its own mail host."),
                {QString::number(unanswered), QString::number(asked), QString::number(MxLookupTimeoutMs / 1000)});
    }
    const qint64 start = m_def.contactDate.isValid() ? m_def.contactDate.toMSecsSinceEpoch() : m_nowMs;
    const qint64 validityEnd =
        m_def.validityEnd.isValid() ? m_def.validityEnd.toMSecsSinceEpoch() : start + m_def.validityMs;
    const qint64 validitySeconds = std::max<qint64>(0, (validityEnd - start) / 1000);
    report->plan = PreflightPlan::build(report->destinations, *route, rules, hosts, validitySeconds);
    for (const AnalysisReport::PlanGroup &g : std::as_const(report->plan)) {
        if (!g.fitsValidity)
            report->add(Level::Warning, u"plan.validity"_s,
                        QT_TRANSLATE_NOOP(
                            "AnalysisReport",
                            "At %1 message(s) per hour (MX rule %2), %3 recipient(s) at %4 need about %5, longer than "
                            "the validity period (%6): the rest will fail as validity expired."),
                        {QString::number(g.ratePerHour), g.rule, QString::number(g.recipients), g.group,
                         Duration::format(g.estimatedSeconds * 1000), Duration::format(validitySeconds * 1000)});
    }
    planWarmup(report, m_def.warmup.isEmpty() ? route->warmup : m_def.warmup, start, validityEnd);
    report->lines.append(m_dns.senderLines);
}

// How many days a warm-up's schedule needs for the recipients to deliver, as if no other delivery
// used the identity: told as information, or as a warning when the last day starts after the
// validity end.
void Analyzer::planWarmup(AnalysisReport *report, const WarmupSchedule &warmup, qint64 startMs, qint64 validityEndMs)
{
    if (warmup.isEmpty() || report->toDeliver <= 0)
        return;
    const QDate first = QDateTime::fromMSecsSinceEpoch(startMs, QTimeZone::utc()).date();
    const int todayCap = warmup.capOn(first);
    if (todayCap < 0)
        return; // warm already
    qint64 left = report->toDeliver;
    QDate day = first;
    for (int cap = todayCap; cap >= 0 && left > cap; cap = warmup.capOn(day)) {
        left -= cap;
        day = day.addDays(1); // the list is finite: past its end capOn() says -1
    }
    const qint64 lastDayMs = QDateTime(day, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    const QString days = QString::number(first.daysTo(day) + 1);
    if (day > first && lastDayMs >= validityEndMs)
        report->add(Level::Warning, u"warmup.validity"_s,
                    QT_TRANSLATE_NOOP(
                        "AnalysisReport",
                        "The warm-up of %1 allows %2 message(s) on the first day: the %3 recipient(s) need %4 day(s), "
                        "until %5, past the validity end; the rest will fail as validity expired."),
                    {warmup.name, QString::number(todayCap), QString::number(report->toDeliver), days,
                     day.toString(Qt::ISODate)});
    else
        report->add(Level::Info, u"warmup.days"_s,
                    QT_TRANSLATE_NOOP(
                        "AnalysisReport",
                        "The warm-up of %1 allows %2 message(s) on the first day: the %3 recipient(s) need %4 day(s), "
                        "until %5, if no other delivery uses it."),
                    {warmup.name, QString::number(todayCap), QString::number(report->toDeliver), days,
                     day.toString(Qt::ISODate)});
}

bool Analyzer::assignWaves(AnalysisReport *report)
{
    // Wave membership is a deterministic slice of the to-deliver list in recipient order.
    qint64 size = 0;
    if (m_def.wavesMode == u"same_size"_s) {
        const QString s = m_def.waveSize;
        size = s.endsWith(u'%') ? qint64(std::ceil(double(report->toDeliver) * s.chopped(1).toDouble() / 100.0))
                                : s.toLongLong();
    } else if (m_def.wavesMode == u"calendar"_s) {
        size = 0; // handled below with cumulative bounds
    } else {
        return true;
    }
    QSqlQuery q(m_db);
    QString waveExpr;
    if (size > 0) {
        waveExpr = u"(row_number() OVER (ORDER BY recipient_id) - 1) / %1"_s.arg(size);
    } else {
        // Calendar: CASE over cumulative bounds; the rest goes to the last wave.
        qint64 bound = 0;
        waveExpr = u"CASE"_s;
        for (int i = 0; i < m_def.calendar.size() - 1; ++i) {
            const QString s = m_def.calendar.at(i).size;
            bound += s.endsWith(u'%') ? qint64(std::ceil(double(report->toDeliver) * s.chopped(1).toDouble() / 100.0))
                                      : s.toLongLong();
            waveExpr += u" WHEN row_number() OVER (ORDER BY recipient_id) <= %1 THEN %2"_s.arg(bound).arg(i);
        }
        waveExpr += u" ELSE %1 END"_s.arg(m_def.calendar.size() - 1);
    }
    const QString sql = u"UPDATE recipient_log SET wave = w.wave FROM (SELECT recipient_id AS rid, "_s + waveExpr +
                        u" AS wave FROM recipient_log WHERE delivery_id = %1 AND state = 'pending') AS w "
                        "WHERE recipient_log.recipient_id = w.rid"_s.arg(m_deliveryId);
    if (!q.exec(sql)) {
        m_error = q.lastError().text();
        return false;
    }
    return true;
}

void Analyzer::checkWaves(AnalysisReport *report)
{
    qint64 lastStart = 0;
    int waves = 1;
    if (m_def.wavesMode == u"same_size"_s && report->toDeliver > 0) {
        const QString s = m_def.waveSize;
        const qint64 size = s.endsWith(u'%')
                                ? qint64(std::ceil(double(report->toDeliver) * s.chopped(1).toDouble() / 100.0))
                                : s.toLongLong();
        waves = int((report->toDeliver + size - 1) / std::max<qint64>(size, 1));
        lastStart = qint64(waves - 1) * m_def.waveIntervalMs;
    } else if (m_def.wavesMode == u"calendar"_s) {
        waves = int(m_def.calendar.size());
        for (const auto &w : std::as_const(m_def.calendar))
            lastStart = std::max(lastStart, w.delayMs);
    } else {
        return;
    }
    const qint64 start = m_def.contactDate.isValid() ? m_def.contactDate.toMSecsSinceEpoch() : m_nowMs;
    const qint64 validityEnd =
        m_def.validityEnd.isValid() ? m_def.validityEnd.toMSecsSinceEpoch() : start + m_def.validityMs;
    if (start + lastStart >= validityEnd)
        report->add(Level::Error, u"waves.validity"_s,
                    QT_TRANSLATE_NOOP(
                        "AnalysisReport",
                        "The last of %1 waves starts %2 after the first, at or after the end of the validity period."),
                    {QString::number(waves), Duration::format(lastStart)});
    else
        report->add(Level::Info, u"waves.plan"_s,
                    QT_TRANSLATE_NOOP("AnalysisReport", "%1 wave(s); the last starts %2 after the first."),
                    {QString::number(waves), Duration::format(lastStart)});
}
