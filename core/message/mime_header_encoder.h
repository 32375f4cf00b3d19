#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Turns Unicode header values into RFC 5322 header fields that are safe on any SMTP hop:
// printable ASCII only (RFC 2047 encoded words, UTF-8, for anything else), folded so that
// lines stay within 78 characters (76 when they carry encoded words, RFC 2047 §2) wherever
// a fold is allowed, and never beyond 998. Values are expected to be free of line breaks;
// MimeBuilder rejects those before they get here.
class MimeHeaderEncoder final
{
public:
    static constexpr qsizetype kFoldLength = 78;
    static constexpr qsizetype kEncodedWordLineLength = 76;
    static constexpr qsizetype kMaxEncodedWordLength = 75;
    static constexpr qsizetype kMaxLineLength = 998;

    // "Name: value\r\n" for unstructured text (Subject, X- headers). ASCII text is kept as
    // written and folded at its own white space; text that is not ASCII, that looks like an
    // encoded word, or that has a word too long to fold becomes encoded words.
    static QByteArray unstructured(const QByteArray &name, const QString &value);

    // "Name: value\r\n" for a structured ASCII value that must not be encoded (for example
    // List-Unsubscribe URLs). Folded at existing white space only; a non-ASCII value falls
    // back to unstructured().
    static QByteArray structured(const QByteArray &name, const QString &value);

    // "Name: display name <address>\r\n", or "Name: address\r\n" without a display name.
    // The display name becomes atoms, a quoted-string or encoded words, whichever is valid.
    // address must already be in its wire form (see MimeBuilder).
    static QByteArray mailbox(const QByteArray &name, const QString &displayName, const QByteArray &address);

    // UTF-8 encoded words ("=?UTF-8?B?...?=" or Q, whichever is shorter for this text), split
    // before a space where possible and otherwise between code points. The first word is at
    // most firstLength characters long, the others at most kMaxEncodedWordLength.
    static QList<QByteArray> encodedWords(const QString &text, qsizetype firstLength);

    // Longest line of a CRLF-separated block, without its CRLF.
    static qsizetype longestLine(const QByteArray &block);

private:
    static QByteArray foldTokens(const QByteArray &name, const QList<QByteArray> &tokens, qsizetype limit);
    static QByteArray foldAtWhiteSpace(const QByteArray &name, const QByteArray &value);
};
