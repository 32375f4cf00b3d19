#pragma once

// A delivery with a log in every state, built through the core's own import, analysis and log
// events, for the log query and log view tests (header-only: each test is its own executable).
// Recipient i (0-based) is user<i>@d<i % 3>.example and ends in the state of i % 5:
//   0 pending, 1 sent, 2 failed (hard, user_unknown), 3 pending after a soft failure (mailbox_full, retry later),
//   4 taken into account. One more line, "not an address", is ignored (invalid_address).
// Recipient 3's last reply starts with '=' (a formula, for the CSV export); every attempted
// recipient has an attempt row with a reply and a transcript, recipient 3 has two.

#include "delivery/delivery_queries.h"
#include "delivery/delivery_service.h"
#include "store/store.h"
#include "test_support.h"

#include <QSqlError>
#include <QSqlQuery>

namespace LogFixture {

inline LogState stateOf(int i)
{
    static constexpr LogState states[] = {LogState::Pending, LogState::Sent, LogState::Failed, LogState::Pending,
                                          LogState::TakenIntoAccount};
    return states[i % 5];
}

inline QString emailOf(int i)
{
    return QStringLiteral("user%1@d%2.example").arg(i).arg(i % 3);
}

inline QString formulaReply()
{
    return QStringLiteral("=cmd|' /C calc'!A0");
}

// Returns the delivery id, or 0 with *error set.
inline qint64 build(Store &store, const QTemporaryDir &dir, int n, QString *error)
{
    using namespace Qt::StringLiterals;
    QByteArray csv = "email,first_name\n";
    for (int i = 0; i < n; ++i)
        csv += emailOf(i).toUtf8() + ",N" + QByteArray::number(i) + '\n';
    csv += "not an address,Nobody\n";
    TestSupport::writeFile(dir, u"list.csv"_s, csv);
    QJsonObject def = TestSupport::cleanDefinition();
    DeliveryService service(store);
    const auto imported = service.importDefinition(TestSupport::writeDefinition(dir, def));
    if (!imported.ok) {
        *error = imported.errors.join(u'\n');
        return 0;
    }
    const qint64 id = imported.deliveryId;
    const auto analyzed = service.analyze(id);
    if (!analyzed.ok) {
        *error = analyzed.error;
        return 0;
    }
    QList<qint64> ids;
    QSqlQuery q(store.db());
    q.prepare(u"SELECT l.recipient_id FROM recipient_log l JOIN recipients r ON r.id = l.recipient_id "
              "WHERE l.delivery_id = ? AND l.state = 'pending' ORDER BY r.line"_s);
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return 0;
    }
    while (q.next())
        ids.append(q.value(0).toLongLong());
    if (ids.size() != n) {
        *error = u"expected %1 pending rows, got %2"_s.arg(n).arg(ids.size());
        return 0;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto ev = [now](LogEvent::Kind kind, FailureReason reason, const QString &reply) {
        LogEvent e;
        e.kind = kind;
        e.reason = reason;
        e.reply = reply;
        e.retryAtMs = now + 3600'000;
        e.validityEndMs = now + 86400'000;
        return e;
    };
    QList<QPair<qint64, LogEvent>> events;
    QSqlQuery attempt(store.db());
    attempt.prepare(u"INSERT INTO attempts (recipient_id, delivery_id, started_at, finished_at, route, remote_host, "
                    "reply_code, enhanced_code, reply, outcome, failure_reason, transcript) "
                    "VALUES (?, ?, ?, ?, 'relay', '127.0.0.1', ?, ?, ?, ?, ?, ?)"_s);
    const auto addAttempt = [&](int i, qint64 at, int code, const QString &reply, const QString &outcome,
                                const QString &reason) {
        attempt.addBindValue(ids[i]);
        attempt.addBindValue(id);
        attempt.addBindValue(at);
        attempt.addBindValue(at + 120);
        attempt.addBindValue(code);
        attempt.addBindValue(u""_s);
        attempt.addBindValue(reply);
        attempt.addBindValue(outcome);
        attempt.addBindValue(reason.isNull() ? u""_s : reason);
        attempt.addBindValue(u"S: 220 sink ESMTP\nC: EHLO client\nS: 250 ok\nC: MAIL FROM:<news@acme.example>\n"
                             "S: 250 ok\nC: RCPT TO:<%1>\nS: %2\n"_s.arg(emailOf(i), reply));
        if (!attempt.exec())
            *error = attempt.lastError().text();
    };
    if (!store.begin()) {
        *error = u"cannot begin"_s;
        return 0;
    }
    for (int i = 0; i < n; ++i) {
        const LogEvent start = ev(LogEvent::Kind::AttemptStarted, FailureReason::None, {});
        switch (i % 5) {
        case 0:
            break;
        case 1:
            events.append({ids[i], start});
            events.append({ids[i], ev(LogEvent::Kind::HandedToMta, {}, u"250 2.0.0 queued"_s)});
            events.append({ids[i], ev(LogEvent::Kind::DestinationAccepted, {}, u"250 2.0.0 queued"_s)});
            addAttempt(i, now - 5000, 250, u"250 2.0.0 queued"_s, u"accepted"_s, {});
            break;
        case 2:
            events.append({ids[i], start});
            events.append(
                {ids[i], ev(LogEvent::Kind::HardBounce, FailureReason::UserUnknown, u"550 5.1.1 user unknown"_s)});
            addAttempt(i, now - 5000, 550, u"550 5.1.1 user unknown"_s, u"permanent"_s, u"user_unknown"_s);
            break;
        case 3: {
            const QString reply = i == 3 ? formulaReply() : u"452 4.2.2 mailbox full"_s;
            if (i == 3)
                addAttempt(i, now - 9000, 421, u"421 4.7.0 try later"_s, u"temporary"_s, u"refused"_s);
            events.append({ids[i], start});
            events.append({ids[i], ev(LogEvent::Kind::SoftBounce, FailureReason::MailboxFull, reply)});
            addAttempt(i, now - 5000, 452, reply, u"temporary"_s, u"mailbox_full"_s);
            break;
        }
        case 4:
            events.append({ids[i], start});
            events.append({ids[i], ev(LogEvent::Kind::HandedToMta, {}, u"250 2.0.0 relayed"_s)});
            addAttempt(i, now - 5000, 250, u"250 2.0.0 relayed"_s, u"accepted"_s, {});
            break;
        }
    }
    if (!error->isEmpty() || !store.commit()) {
        store.rollback();
        return 0;
    }
    bool ok = false;
    const auto results = service.applyEvents(events, &ok);
    if (!ok) {
        *error = service.lastError();
        return 0;
    }
    for (const auto &r : results) {
        if (!r.transition.accepted) {
            *error = r.transition.error;
            return 0;
        }
    }
    return id;
}

} // namespace LogFixture
