// The text side of bounce classification: where a bounce's own words end, the failed
// recipients and quoted replies a text bounce names, delay wording. Split from
// bounce_classifier.cpp, which walks the MIME tree and decides the kind.
#include "bounce_text.h"

#include "bounce_classifier.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace BounceText {

constexpr int MaxDiagnosticLines = 12; // lines after an address that may hold its reply

QRegularExpression ci(const QString &pattern)
{
    return QRegularExpression(pattern, QRegularExpression::CaseInsensitiveOption | QRegularExpression::MultilineOption |
                                           QRegularExpression::UseUnicodePropertiesOption);
}

QuotedReply quotedReply(const QString &text)
{
    static const QRegularExpression re(
        u"(?:^|[\\s:(#'\"\\[])([245][0-9][0-9])(?:[ -]+#?([245]\\.[0-9]{1,3}\\.[0-9]{1,3}))?(?=[\\s\\-:,)'\"]|$)"_s);
    static const QRegularExpression enhancedOnly(
        u"(?:^|[\\s(#\\[])([245]\\.[0-9]{1,3}\\.[0-9]{1,3})(?=[\\s:,)\\]]|$)"_s);
    QuotedReply r;
    const QRegularExpressionMatch m = re.match(text);
    if (m.hasMatch()) {
        r.code = m.captured(1).toInt();
        r.enhanced = m.captured(2);
    }
    if (r.enhanced.isEmpty()) {
        const QRegularExpressionMatch e = enhancedOnly.match(text);
        if (e.hasMatch())
            r.enhanced = e.captured(1);
    }
    return r;
}

// Where the report's own text ends and the quoted original message begins.
QString reportPart(const QString &text)
{
    // A ruled line naming the copy, or one of the sentences MTAs put before it. Not a bare
    // "original message": Sendmail begins with "The original message was received at".
    static const QRegularExpression ruled =
        ci(u"^[ \\t>]*(-{2,}|={2,}|_{2,}|\\*{2,})[^\\n]*(original message|returned message|copy of|message header|"
           "message text|unsent message|undelivered message|headers? (of|follow))"_s);
    static const QRegularExpression sentence =
        ci(u"^[ \\t>]*(this is a copy of|below this line is a copy|original message (follows|headers)|"
           "returned message follows|message text follows|the original message headers|headers? of the (original|"
           "returned|undelivered) message)"_s);
    qsizetype cut = text.size();
    for (const QRegularExpression *re : {&ruled, &sentence}) {
        const QRegularExpressionMatch m = re->match(text);
        if (m.hasMatch())
            cut = qMin(cut, m.capturedStart());
    }
    return text.left(cut);
}

static bool isSystemAddress(const QString &address)
{
    static const QRegularExpression re = ci(
        u"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|mdaemon|double-bounce|root|abuse|noreply|no-reply)@"_s);
    return re.match(address).hasMatch();
}

// "mailto:a@b", "SMTP=a@b." -> "a@b"; empty when it is no address ("a@b?subject=x").
static QString cleanAddress(const QString &address)
{
    static const QRegularExpression prefix = ci(u"^(mailto:|smtp[:=]|rfc822;)"_s);
    QString a = address;
    a.remove(prefix);
    while (a.endsWith(u'.'))
        a.chop(1);
    if (a.contains(u'?') || a.startsWith(u'@') || a.endsWith(u'@'))
        return {};
    return a;
}

// Failed recipients and their quoted replies in a text bounce: "<a@b>: reason" blocks (qmail,
// Postfix, Yahoo), an address alone on a line with the reason below it (Exim, Sendmail, Gmail,
// Exchange), "<a@b>... reason" (Sendmail transcripts), else sentences naming the address.
QList<std::pair<QString, QString>> textRecipients(const QString &report, const QSet<QString> &excluded,
                                                  const QSet<QString> &notGuessed)
{
    static const QRegularExpression addr(u"[^\\s<>\"',;:()\\[\\]]+@[A-Za-z0-9][A-Za-z0-9.\\-]*[A-Za-z0-9]"_s);
    static const QRegularExpression angleLine(
        u"^\\s*(?:[-*>]\\s*)?(?:\"[^\"]{0,80}\"\\s*|[^<>@]{0,60}\\s)?<([^<>\\s@]+@[^<>\\s]+)>(?:\\.\\.\\.|:)?\\s*(.*)$"_s);
    static const QRegularExpression bareLine(
        u"^\\s*(?:[-*>]\\s*)?(?:[\\w ]{1,30}:\\s*)?\"?([^\\s<>\"',;:()\\[\\]]+@[^\\s<>\"',"
        u";:()\\[\\]]+?)\"?(?:\\s*<mailto:[^>]*>)?"
        "\\s*(?:\\((?:[^()]*)\\))?\\s*:?\\s*$"_s);
    // "a@b - no such user here." (MDaemon), "a@b: mailbox unavailable": the reason on the same line.
    static const QRegularExpression reasonLine(
        u"^\\s*(?:[-*>]\\s*)?\"?([^\\s<>\"',;:()\\[\\]]+@[A-Za-z0-9][A-Za-z0-9.\\-]*[A-Za-z0-9])\"?"
        u"\\s*(?:-|\u2013|:|\\.\\.\\.)\\s+(\\S.*)$"_s);
    static const QRegularExpression sentence =
        ci(u"(?:\\bto|\\bfor|recipient|address|user|mailbox|destinataire|empf[äa]nger)[:\\s]+[\"<(]?"
           "([^\\s<>\"',;:()\\[\\]]+@[A-Za-z0-9][A-Za-z0-9.\\-]*[A-Za-z0-9])"_s);
    static const QRegularExpression failureWords =
        ci(u"fail|unknown|not |unable|could|undeliver|reject|invalid|error|denied|no such|doesn't|does not|"
           "unavailable|full|quota|expired|disabled|exist|permanent|giving up|delayed|retry|cannot"_s);

    const QStringList lines = report.split(u'\n');
    QList<std::pair<QString, QString>> found;
    QSet<QString> seen = excluded;
    auto add = [&](const QString &address, const QString &diagnostic) {
        const QString a = cleanAddress(address);
        if (a.isEmpty())
            return;
        const QString key = a.toLower();
        if (a.isEmpty() || seen.contains(key) || isSystemAddress(a) || found.size() >= BounceClassifier::MaxRecipients)
            return;
        seen.insert(key);
        found.append({a, diagnostic.simplified()});
    };
    // The lines after an address line up to the next blank line or address line: its reason.
    auto following = [&](qsizetype i, const QString &address, const QString &rest) {
        QString diagnostic = rest;
        qsizetype j = i + 1;
        // One blank line may separate an address from an indented reason (Exim, Gmail).
        if (j + 1 < lines.size() && lines.at(j).trimmed().isEmpty() &&
            (lines.at(j + 1).startsWith(u' ') || lines.at(j + 1).startsWith(u'\t')))
            ++j;
        int blanks = 0;
        for (int n = 0; j < lines.size() && n < MaxDiagnosticLines; ++j, ++n) {
            const QString &l = lines.at(j);
            if (l.trimmed().isEmpty()) {
                // A reason may follow a blank line (Gmail's "Technical details"), not a second one.
                if (++blanks > 1 || quotedReply(diagnostic).code >= 400)
                    break;
                continue;
            }
            QRegularExpressionMatch other = angleLine.match(l);
            if (!other.hasMatch())
                other = bareLine.match(l);
            if (other.hasMatch() && other.captured(1).compare(address, Qt::CaseInsensitive) != 0)
                break; // the next recipient
            diagnostic += u' ' + l.trimmed();
        }
        return diagnostic;
    };
    // Quoted header lines name the sender, the list, the original To: never a failed recipient here.
    static const QRegularExpression headerLine =
        ci(u"^\\s*(from|to|cc|bcc|sender|reply-to|return-path|errors-to|delivered-to|x-[\\w-]+|message-id|"
           "received|list-[\\w-]+|in-reply-to|references)\\s*:"_s);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.size() > 2000 || headerLine.match(line).hasMatch())
            continue;
        QRegularExpressionMatch m = angleLine.match(line);
        if (m.hasMatch()) {
            // The words before the address may be the reason ("No such user: <a@b>").
            const QString before = line.left(m.capturedStart(1)).remove(u'<').trimmed();
            add(m.captured(1), following(i, m.captured(1), QString(before + u' ' + m.captured(2)).trimmed()));
            continue;
        }
        m = bareLine.match(line);
        if (m.hasMatch()) {
            add(m.captured(1), following(i, m.captured(1), {}));
            continue;
        }
        m = reasonLine.match(line);
        if (m.hasMatch() && failureWords.match(m.captured(2)).hasMatch())
            add(m.captured(1), following(i, m.captured(1), m.captured(2)));
    }
    if (!found.isEmpty())
        return found;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.size() > 2000 || headerLine.match(line).hasMatch() || !failureWords.match(line).hasMatch())
            continue;
        auto it = sentence.globalMatch(line);
        while (it.hasNext()) {
            const QString a = it.next().captured(1);
            add(a, following(i, a, line));
        }
    }
    if (!found.isEmpty())
        return found;
    // Last resort, when the report names few addresses: those on a line with failure words
    // ("..., a@b, did not exactly match"); else any outside quoted header lines; else the
    // returned message's To: quoted in the report's own words ("I wasn't able to deliver the
    // following message. ... To: a@b", Yahoo), since one message goes to one recipient.
    auto named = [&](bool failing) {
        QList<std::pair<QString, QString>> any;
        QSet<QString> anySeen = excluded + notGuessed;
        for (qsizetype i = 0; i < lines.size() && any.size() <= 3; ++i) {
            if (headerLine.match(lines.at(i)).hasMatch() || lines.at(i).size() > 2000 ||
                (failing && !failureWords.match(lines.at(i)).hasMatch()))
                continue;
            auto it = addr.globalMatch(lines.at(i));
            while (it.hasNext() && any.size() <= 3) {
                const QString a = cleanAddress(it.next().captured(0));
                if (!a.isEmpty() && !anySeen.contains(a.toLower()) && !isSystemAddress(a)) {
                    anySeen.insert(a.toLower());
                    any.append({a, failing ? lines.at(i).simplified() : QString()});
                }
            }
        }
        return any.size() <= 3 ? any : QList<std::pair<QString, QString>>{};
    };
    for (const bool failing : {true, false}) {
        found = named(failing);
        if (!found.isEmpty())
            return found;
    }
    static const QRegularExpression toLine = ci(u"^\\s*To:\\s*(.*)$"_s);
    for (const QString &line : lines) {
        const QRegularExpressionMatch m = toLine.match(line);
        if (!m.hasMatch() || line.size() > 2000)
            continue;
        QStringList inTo;
        auto it = addr.globalMatch(m.captured(1));
        while (it.hasNext())
            inTo.append(it.next().captured(0));
        if (inTo.size() == 1)
            add(inTo.first(), {});
    }
    return found;
}

bool reportsDelay(const QString &text)
{
    static const QRegularExpression re = ci(
        u"will (continue|keep) (trying|to try)|will be retried|(delivery )?attempts will continue|still (being "
        u")?(retried|trying)|has not yet been "
        u"delivered|"
        "(has|have) not been delivered yet|warning: (message|could not)|delivery (is )?delayed|temporar(il)?y (failure|"
        "problem|error)|not yet been delivered|will try (again|to deliver)|this is (only )?a warning|"
        "no action is required on your part|mail delivery delayed|\\(delay\\)"_s);
    return re.match(text.left(64 * 1024)).hasMatch();
}

} // namespace BounceText
