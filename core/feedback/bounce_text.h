#pragma once

#include <QList>
#include <QRegularExpression>
#include <QSet>
#include <QString>
#include <utility>

// Reading the text of bounces (used by BounceClassifier; docs/product.md §4).
namespace BounceText {

// A case-insensitive, multi-line, Unicode-aware pattern.
QRegularExpression ci(const QString &pattern);

// The basic and enhanced codes of the first SMTP reply quoted in a text, e.g. in
// "host mx said: 550-5.1.1 The email account ..." (RFC 3463 for the enhanced part).
struct QuotedReply
{
    int code = 0;
    QString enhanced;
};
QuotedReply quotedReply(const QString &text);

// Where the report's own text ends and the quoted original message begins.
QString reportPart(const QString &text);

// Failed recipients and their quoted replies in a text bounce (see the .cpp for the shapes);
// addresses in excluded (the report's own sender, the bounce address) are skipped, and those in
// notGuessed (the returned message's own sender) are never taken by the last-resort guesses.
QList<std::pair<QString, QString>> textRecipients(const QString &report, const QSet<QString> &excluded,
                                                  const QSet<QString> &notGuessed = {});

// The text says the message is only delayed (a warning), not failed.
bool reportsDelay(const QString &text);

} // namespace BounceText
