#include "mx_rules.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace MxRules {

namespace {

struct Limit
{
    Field field;
    int MxRule::*member;
    QString MxRuleDraft::*text;
    int maximum;
};

const QList<Limit> &limits()
{
    static const QList<Limit> all = {
        {Field::MaxConnections, &MxRule::maxConnections, &MxRuleDraft::maxConnections, 1000},
        {Field::MaxMessagesPerConnection, &MxRule::maxMessagesPerConnection, &MxRuleDraft::maxMessagesPerConnection,
         100000},
        {Field::MessagesPerHour, &MxRule::messagesPerHour, &MxRuleDraft::messagesPerHour, 10000000},
        {Field::ConnectTimeout, &MxRule::connectTimeoutS, &MxRuleDraft::connectTimeoutS, 3600},
        {Field::CommandTimeout, &MxRule::commandTimeoutS, &MxRuleDraft::commandTimeoutS, 3600},
        {Field::DataTimeout, &MxRule::dataTimeoutS, &MxRuleDraft::dataTimeoutS, 3600},
        {Field::ThrottleCutTo, &MxRule::throttleCutToPct, &MxRuleDraft::throttleCutToPct, 99},
        {Field::CoolDown, &MxRule::coolDownS, &MxRuleDraft::coolDownS, 86400},
        {Field::RestoreStep, &MxRule::restoreStepPct, &MxRuleDraft::restoreStepPct, 100},
    };
    return all;
}

bool validPattern(const QString &p)
{
    if (p.isEmpty())
        return false;
    for (QChar c : p) {
        if (!(c.isLetterOrNumber() || c == u'.' || c == u'-' || c == u'*' || c == u'?' || c == u'_' || c == u':' ||
              c == u'[' || c == u']'))
            return false;
    }
    return true;
}

} // namespace

bool globMatch(const QString &pattern, const QString &host)
{
    // Iterative glob with backtracking to the last '*': linear enough for host names.
    qsizetype p = 0, h = 0, star = -1, mark = 0;
    while (h < host.size()) {
        if (p < pattern.size() &&
            (pattern.at(p) == u'?' || pattern.at(p).toCaseFolded() == host.at(h).toCaseFolded())) {
            ++p;
            ++h;
        } else if (p < pattern.size() && pattern.at(p) == u'*') {
            star = p++;
            mark = h;
        } else if (star >= 0) {
            p = star + 1;
            h = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern.at(p) == u'*')
        ++p;
    return p == pattern.size();
}

QString fieldName(Field field)
{
    switch (field) {
    case Field::Pattern:
        return u"pattern"_s;
    case Field::MaxConnections:
        return u"max_connections"_s;
    case Field::MaxMessagesPerConnection:
        return u"max_messages_per_connection"_s;
    case Field::MessagesPerHour:
        return u"messages_per_hour"_s;
    case Field::ConnectTimeout:
        return u"connect_timeout_s"_s;
    case Field::CommandTimeout:
        return u"command_timeout_s"_s;
    case Field::DataTimeout:
        return u"data_timeout_s"_s;
    case Field::Tls:
        return u"tls"_s;
    case Field::ThrottleCutTo:
        return u"throttle_cut_to_pct"_s;
    case Field::CoolDown:
        return u"cool_down_s"_s;
    case Field::RestoreStep:
        return u"restore_step_pct"_s;
    }
    return {};
}

QList<QString> tlsChoices()
{
    return {QString(), u"starttls"_s, u"starttls-required"_s};
}

QString Problem::toString() const
{
    QString message;
    switch (issue) {
    case Issue::Empty:
        message = u"a pattern is required (\"*\" matches every host)"_s;
        break;
    case Issue::BadPattern:
        message = u"'%1' is not a host name pattern (letters, digits, '.', '-', '*' and '?')"_s.arg(value);
        break;
    case Issue::NotANumber:
        message = u"'%1' is not a whole number"_s.arg(value);
        break;
    case Issue::OutOfRange:
        message = u"'%1' is not from %2 to %3"_s.arg(value).arg(minimum).arg(maximum);
        break;
    case Issue::BadTls:
        message = u"'%1' is not one of: (empty), starttls, starttls-required"_s.arg(value);
        break;
    }
    return u"Rule %1, %2: %3"_s.arg(row).arg(fieldName(field), message);
}

QList<MxRule> defaults()
{
    // The providers' MX host names, so their rules can be tuned separately. The limits are
    // one cautious starting point for a sending address without a reputation (2 connections,
    // 20 messages per connection, 1,200 per hour = 100 per 5-minute slice); no provider
    // publishes exact figures. Throttling replies cut them further on their own.
    QList<MxRule> rules;
    for (const char16_t *pattern : {u"*.google.com", u"*.googlemail.com", u"*.outlook.com", u"*.yahoodns.net",
                                    u"*.icloud.com", u"*.naver.com", u"*.hanmail.net"}) {
        MxRule r;
        r.pattern = QString::fromUtf16(pattern);
        r.maxConnections = 2;
        r.maxMessagesPerConnection = 20;
        r.messagesPerHour = 1200;
        rules.append(r);
    }
    MxRule any;
    any.pattern = u"*"_s; // everything else: the route's own limits
    rules.append(any);
    return rules;
}

int match(const QList<MxRule> &rules, const QString &host)
{
    for (qsizetype i = 0; i < rules.size(); ++i) {
        if (rules.at(i).matches(host))
            return int(i);
    }
    return -1;
}

QList<MxRuleDraft> toDrafts(const QList<MxRule> &rules)
{
    QList<MxRuleDraft> drafts;
    for (const MxRule &r : rules) {
        MxRuleDraft d;
        d.pattern = r.pattern;
        for (const Limit &l : limits())
            d.*l.text = QString::number(r.*l.member);
        d.tls = r.tls;
        drafts.append(d);
    }
    return drafts;
}

std::optional<QList<MxRule>> parse(const QList<MxRuleDraft> &drafts, Problem *problem)
{
    QList<MxRule> rules;
    for (qsizetype i = 0; i < drafts.size(); ++i) {
        const MxRuleDraft &d = drafts.at(i);
        const int row = int(i) + 1;
        auto fail = [&](Field field, Issue issue, const QString &value, int maximum = 0) {
            if (problem)
                *problem = Problem{row, field, issue, value, 0, maximum};
            return std::nullopt;
        };
        MxRule r;
        r.pattern = d.pattern.trimmed().toLower();
        if (r.pattern.isEmpty())
            return fail(Field::Pattern, Issue::Empty, d.pattern);
        if (!validPattern(r.pattern))
            return fail(Field::Pattern, Issue::BadPattern, d.pattern);
        for (const Limit &l : limits()) {
            const QString text = (d.*l.text).trimmed();
            bool ok = true;
            const qlonglong v = text.isEmpty() ? 0 : text.toLongLong(&ok);
            if (!ok)
                return fail(l.field, Issue::NotANumber, text);
            if (v < 0 || v > l.maximum)
                return fail(l.field, Issue::OutOfRange, text, l.maximum);
            r.*l.member = int(v);
        }
        r.tls = d.tls.trimmed();
        if (!tlsChoices().contains(r.tls))
            return fail(Field::Tls, Issue::BadTls, d.tls);
        rules.append(r);
    }
    return rules;
}

QList<MxRule> load(QSqlDatabase db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT pattern, max_connections, max_messages_per_connection, messages_per_hour, "
                "connect_timeout_s, command_timeout_s, data_timeout_s, tls, throttle_cut_to_pct, cool_down_s, "
                "restore_step_pct FROM mx_rules ORDER BY position, id"_s)) {
        if (error)
            *error = q.lastError().text();
        return {};
    }
    QList<MxRule> rules;
    while (q.next()) {
        MxRule r;
        r.pattern = q.value(0).toString();
        r.maxConnections = q.value(1).toInt();
        r.maxMessagesPerConnection = q.value(2).toInt();
        r.messagesPerHour = q.value(3).toInt();
        r.connectTimeoutS = q.value(4).toInt();
        r.commandTimeoutS = q.value(5).toInt();
        r.dataTimeoutS = q.value(6).toInt();
        r.tls = q.value(7).toString();
        r.throttleCutToPct = q.value(8).toInt();
        r.coolDownS = q.value(9).toInt();
        r.restoreStepPct = q.value(10).toInt();
        rules.append(r);
    }
    return rules;
}

bool save(QSqlDatabase db, const QList<MxRule> &rules, QString *error)
{
    QSqlQuery q(db);
    const bool ownTransaction = db.transaction();
    auto failed = [&](const QString &what) {
        if (error)
            *error = what;
        if (ownTransaction)
            db.rollback();
        return false;
    };
    if (!q.exec(u"DELETE FROM mx_rules"_s))
        return failed(q.lastError().text());
    q.prepare(u"INSERT INTO mx_rules (position, pattern, max_connections, max_messages_per_connection, "
              "messages_per_hour, connect_timeout_s, command_timeout_s, data_timeout_s, tls, throttle_cut_to_pct, "
              "cool_down_s, restore_step_pct) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const MxRule &r = rules.at(i);
        q.addBindValue(int(i));
        q.addBindValue(r.pattern);
        q.addBindValue(r.maxConnections);
        q.addBindValue(r.maxMessagesPerConnection);
        q.addBindValue(r.messagesPerHour);
        q.addBindValue(r.connectTimeoutS);
        q.addBindValue(r.commandTimeoutS);
        q.addBindValue(r.dataTimeoutS);
        q.addBindValue(r.tls.isNull() ? u""_s : r.tls);
        q.addBindValue(r.throttleCutToPct);
        q.addBindValue(r.coolDownS);
        q.addBindValue(r.restoreStepPct);
        if (!q.exec())
            return failed(q.lastError().text());
    }
    if (ownTransaction && !db.commit()) {
        const QString what = db.lastError().text();
        db.rollback(); // a failed COMMIT keeps the write lock
        if (error)
            *error = what;
        return false;
    }
    return true;
}

bool saveDrafts(QSqlDatabase db, const QList<MxRuleDraft> &drafts, QString *error)
{
    Problem problem;
    const auto rules = parse(drafts, &problem);
    if (!rules) {
        if (error)
            *error = problem.toString();
        return false;
    }
    return save(db, *rules, error);
}

bool restoreDefaults(QSqlDatabase db, QString *error)
{
    return save(db, defaults(), error);
}

} // namespace MxRules

bool MxRule::matches(const QString &host) const
{
    // A trailing dot (absolute DNS name) is not part of the name compared.
    return MxRules::globMatch(pattern, host.endsWith(u'.') ? host.chopped(1) : host);
}
