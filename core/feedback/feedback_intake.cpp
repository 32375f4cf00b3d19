#include "feedback_intake.h"

#include "bounce_classifier.h"
#include "imap_client.h"
#include "inbound_rules.h"
#include "quarantine.h"
#include "reply_qualifier.h"
#include "store/store.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

using namespace Qt::StringLiterals;

FeedbackIntake::FeedbackIntake(Store &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
{}

FeedbackIntake::~FeedbackIntake() = default;

bool FeedbackIntake::prepare()
{
    QSqlDatabase db = m_store.db();
    QString error;
    const QList<QualificationRule> replies = ReplyQualifier::load(db, &error);
    if (!error.isEmpty()) {
        m_error = u"cannot read the reply rules: "_s + error;
        return false;
    }
    const QList<InboundRule> inbound = InboundRules::load(db, &error);
    if (!error.isEmpty()) {
        m_error = u"cannot read the inbound-mail rules: "_s + error;
        return false;
    }
    std::optional<VerpKey> key = VerpKey::load(db, &error);
    if (!key) {
        m_error = error;
        return false;
    }
    // Quarantine entries that ended by time (a mailbox full for 30 days, counters quiet for 10)
    // are released here too, since a pass runs while deliveries are open.
    if (!Quarantine::expire(db, m_clock.nowMs(), &error)) {
        m_error = u"cannot expire quarantine entries: "_s + error;
        return false;
    }
    m_classifier = std::make_unique<BounceClassifier>(ReplyQualifier(replies), inbound);
    m_applier = std::make_unique<FeedbackApplier>(db, *key);
    return true;
}

bool FeedbackIntake::applyUnit(const QByteArray &raw, const FeedbackSource &source, FeedbackIntakeReport *report,
                               bool *deferred)
{
    const FeedbackMessage message = m_classifier->classify(raw);
    QString error;
    const std::optional<FeedbackApplyResult> r = m_applier->apply(raw, message, source, m_clock.nowMs(), &error);
    if (!r) {
        report->error = error;
        return false;
    }
    if (r->deferred) {
        if (deferred)
            *deferred = true; // not read yet: the next pass reads it again
        return true;
    }
    ++report->read;
    if (r->duplicate) {
        ++report->duplicates;
        return true;
    }
    ++report->applied;
    report->matched += r->matched;
    report->unmatched += r->unmatched;
    report->changed += r->changed;
    for (qint64 d : r->deliveries)
        if (!m_touched.contains(d))
            m_touched.append(d);
    return true;
}

bool FeedbackIntake::closeTouched(FeedbackIntakeReport *report)
{
    for (qint64 d : std::exchange(m_touched, {})) {
        QString error;
        if (FeedbackApplier::closeIfDone(m_store.db(), d, m_clock.nowMs(), &error))
            ++report->closed;
        else if (!error.isEmpty()) {
            report->error = error;
            return false;
        }
    }
    return true;
}

bool FeedbackIntake::applyOne(const QByteArray &raw, const FeedbackSource &source, FeedbackIntakeReport *report)
{
    if (!m_applier && !prepare()) {
        report->error = m_error;
        return false;
    }
    if (!m_store.begin()) {
        report->error = u"cannot start a transaction in %1: %2"_s.arg(m_store.path(), m_store.lastError());
        return false;
    }
    if (!applyUnit(raw, source, report) || !closeTouched(report)) {
        m_store.rollback();
        return false;
    }
    if (!m_store.commit()) {
        report->error = u"cannot commit to %1: %2"_s.arg(m_store.path(), m_store.lastError());
        m_store.rollback();
        return false;
    }
    return true;
}

FeedbackIntakeReport FeedbackIntake::importFiles(const QStringList &paths)
{
    FeedbackIntakeReport report;
    QStringList files;
    for (const QString &p : paths) {
        const QFileInfo info(p);
        if (info.isDir()) {
            const QDir dir(p);
            for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
                files.append(dir.filePath(name));
        } else {
            files.append(p);
        }
    }
    for (const QString &path : std::as_const(files)) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            report.error = u"%1: cannot read: %2"_s.arg(path, f.errorString());
            return report;
        }
        const QByteArray raw = f.read(BounceClassifier::MaxInputBytes);
        if (!applyOne(raw, {u"file"_s, QFileInfo(path).absoluteFilePath()}, &report)) {
            report.error = path + u": "_s + report.error;
            return report;
        }
    }
    return report;
}

FeedbackIntakeReport FeedbackIntake::fetch(const MailboxConfig &mailbox, const QString &password,
                                           const std::function<bool()> &cancel, int waitMs)
{
    FeedbackIntakeReport report;
    if (!m_applier && !prepare()) {
        report.error = m_error;
        return report;
    }
    ImapClient client(mailbox);
    if (!client.connectAndLogin(password)) {
        report.error = client.error();
        return report;
    }
    const std::optional<ImapMailboxStatus> status = client.select(mailbox.folder);
    if (!status) {
        report.error = client.error();
        return report;
    }
    // Passes until one finds nothing new: a report that arrived during a pass was announced
    // in a FETCH or STORE response, which the client does not keep. A pass that stopped at a
    // deferred report is repeated after a short pause, for a while: the engine's commit it
    // waits for is usually a few milliseconds away.
    auto passes = [&] {
        int read = -1;
        const QDeadlineTimer deferLimit(DeferRetryLimitMs);
        while (!(cancel && cancel())) {
            if (read == report.read) {
                if (!report.deferred || deferLimit.hasExpired())
                    break;
                QThread::msleep(DeferRetryMs);
            }
            read = report.read;
            if (!pass(client, mailbox, status->uidValidity, cancel, &report))
                return false;
        }
        return true;
    };
    if (!passes())
        return report;
    if (waitMs > 0 && client.hasCapability("IDLE")) {
        report.idled = true;
        const QDeadlineTimer deadline(waitMs);
        int idleWakeups = 0; // announcements that brought nothing new
        while (!deadline.hasExpired() && !(cancel && cancel())) {
            bool newMail = false;
            const int slice = int(std::min<qint64>(deadline.remainingTime(), IdleSliceMs));
            if (!client.idle(slice, &newMail)) {
                report.error = client.error();
                return report;
            }
            if (!newMail && !report.deferred)
                continue;
            const int before = report.read;
            if (!passes())
                return report;
            // A server that announces EXISTS again and again without new mail would keep this
            // loop busy: after a few such wake-ups the caller waits by its own clock instead.
            if (newMail && !report.deferred && report.read == before && ++idleWakeups >= MaxIdleWakeups) {
                report.idled = false;
                break;
            }
        }
    }
    client.logout();
    return report;
}

bool FeedbackIntake::pass(ImapClient &client, const MailboxConfig &mailbox, quint32 uidValidity,
                          const std::function<bool()> &cancel, FeedbackIntakeReport *out)
{
    FeedbackIntakeReport &report = *out;
    ++report.passes;
    report.deferred = false;
    const QString key = mailbox.key();
    QSqlQuery q(m_store.db());
    q.prepare(u"SELECT uid_validity, last_uid FROM mailbox_state WHERE mailbox = ?"_s);
    q.addBindValue(key);
    if (!q.exec()) {
        report.error = u"cannot read the mailbox position in %1: %2"_s.arg(m_store.path(), q.lastError().text());
        return false;
    }
    quint32 lastUid = 0;
    // A new UIDVALIDITY means the UIDs were renumbered: read everything again (what was applied
    // before is recognized by its bytes and changes nothing).
    if (q.next() && uidValidity != 0 && q.value(0).toUInt() == uidValidity)
        lastUid = q.value(1).toUInt();
    q.finish();
    QList<quint32> uids;
    if (!client.searchUidsAbove(lastUid, &uids)) {
        report.error = client.error();
        return false;
    }

    for (qsizetype start = 0; start < uids.size(); start += Batch) {
        const QList<quint32> batch = uids.mid(start, Batch);
        QList<quint32> done;
        QString stop;
        if (!m_store.begin()) {
            report.error = u"cannot start a transaction in %1: %2"_s.arg(m_store.path(), m_store.lastError());
            return false;
        }
        for (quint32 uid : batch) {
            if (cancel && cancel())
                break;
            std::optional<QByteArray> raw = client.fetch(uid);
            if (!raw) {
                if (!client.isLoggedIn()) {
                    stop = client.error(); // the connection is gone: keep what was applied
                    break;
                }
                // A message that cannot be read (too large, gone meanwhile) must not hold the
                // mailbox back forever: it is kept as an unknown message saying why.
                raw = "X-Sendscope-Not-Read: " + client.error().toUtf8().replace('\n', ' ') +
                      "\r\nX-Sendscope-Uid: " + key.toUtf8() + ' ' + QByteArray::number(uidValidity) + ' ' +
                      QByteArray::number(uid) + "\r\n\r\n";
            }
            bool deferred = false;
            if (!applyUnit(*raw, {u"imap"_s, key, uidValidity, uid, true}, &report, &deferred)) {
                m_store.rollback();
                return false;
            }
            if (deferred) {
                // The mailbox position stays before this message; the rest of the pass waits
                // too, so the reports of one recipient are applied in the order they came.
                report.deferred = true;
                break;
            }
            done.append(uid);
        }
        if (!done.isEmpty()) {
            QSqlQuery w(m_store.db());
            w.prepare(u"INSERT INTO mailbox_state (mailbox, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT(mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, "
                      "last_uid = excluded.last_uid, updated_at = excluded.updated_at"_s);
            w.addBindValue(key);
            w.addBindValue(uidValidity);
            w.addBindValue(done.constLast());
            w.addBindValue(m_clock.nowMs());
            if (!w.exec()) {
                report.error =
                    u"cannot record the mailbox position in %1: %2"_s.arg(m_store.path(), w.lastError().text());
                m_store.rollback();
                return false;
            }
        }
        if (!closeTouched(&report)) {
            m_store.rollback();
            return false;
        }
        if (!m_store.commit()) {
            report.error = u"cannot commit to %1: %2"_s.arg(m_store.path(), m_store.lastError());
            m_store.rollback();
            return false;
        }
        // Only now, with the outcomes committed, is the mailbox told: a crash before this line
        // leaves the messages unflagged, and the next pass starts after them anyway.
        if (!done.isEmpty()) {
            const bool flagged =
                mailbox.after == MailboxConfig::After::Move ? client.move(done, mailbox.moveTo) : client.markSeen(done);
            if (!flagged && stop.isEmpty())
                stop = client.error();
        }
        if (!stop.isEmpty()) {
            report.error = stop;
            return false;
        }
        if (report.deferred || (cancel && cancel()))
            break;
    }
    return true;
}
