#pragma once

#include <QByteArray>
#include <QString>
#include <deque>
#include <optional>
#include <vector>

// One value of an IMAP response (RFC 3501 §4, RFC 9051 §4): an atom (numbers and flags
// included), a string (quoted or literal, already unquoted), NIL, or a parenthesized list.
struct ImapValue
{
    enum class Type { Atom, String, Nil, List };
    Type type = Type::Nil;
    QByteArray bytes;            // the atom's text or the string's content
    std::vector<ImapValue> list; // the elements of a list

    bool isAtom(QByteArrayView name) const;  // case-insensitive
    std::optional<quint32> toNumber() const; // an atom of digits that fits 32 bits
    std::optional<qint64> toSize() const;    // an atom of digits that fits 63 bits
};

// One complete server response: "TAG OK …", "* 3 EXISTS", "* OK [UIDVALIDITY 7] …",
// "* CAPABILITY …", "* 5 FETCH (…)", "+ …".
struct ImapResponse
{
    enum class Kind { Tagged, Untagged, Continuation };
    Kind kind = Kind::Untagged;
    QByteArray tag;                // Tagged only
    std::optional<quint32> number; // "* 3 EXISTS", "* 5 FETCH": the number before the keyword
    QByteArray keyword;            // upper case: OK NO BAD BYE PREAUTH CAPABILITY EXISTS FETCH SEARCH …
    QByteArray code;               // status responses: the response code's name, "UIDVALIDITY"
    QByteArray codeArguments;      // the rest inside the brackets, "7"
    QByteArray text;               // status responses and continuations: the human text
    std::vector<ImapValue> values; // data responses: what follows the keyword
    QByteArray summary;            // the response for a transcript: literals shown by size only

    bool isStatus() const; // OK, NO, BAD, BYE or PREAUTH
    // A FETCH response's item, by name ("UID", "RFC822.SIZE", "BODY[]", "FLAGS"); null when absent.
    const ImapValue *fetchItem(QByteArrayView name) const;
};

// Splits the bytes an IMAP server sends into complete responses. Pure and incremental: feed()
// whatever arrived, in pieces of any size, then take responses with next() until it has none.
// Memory is bounded: a response's text outside literals may not exceed MaxLineBytes, and its
// literals together may not exceed the literal limit (the largest message we accept,
// docs/product.md §4); either is a parse error as soon as it is known, before the bytes are
// buffered. After an error the parser stays failed until reset().
class ImapResponseParser final
{
public:
    static constexpr qsizetype MaxLineBytes = 64 * 1024;
    static constexpr qint64 DefaultMaxLiteralBytes = 64 * 1024 * 1024;

    explicit ImapResponseParser(qint64 maxLiteralBytes = DefaultMaxLiteralBytes);

    void feed(QByteArrayView bytes);
    // The next complete response, or nothing when more bytes are needed or on error.
    std::optional<ImapResponse> next();

    bool hasError() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    // Forgets everything buffered and any error (after STARTTLS nothing from before may count).
    void reset();
    // Bytes held for the response being assembled and the complete ones not yet taken.
    qint64 bufferedBytes() const;
    bool hasPendingBytes() const { return bufferedBytes() > 0; }

    void setMaxLiteralBytes(qint64 bytes) { m_maxLiteralBytes = bytes; }
    qint64 maxLiteralBytes() const { return m_maxLiteralBytes; }

    // Parses one complete response (without its final CRLF, literals inline as "{n}\r\n…").
    // False with *error when it is not a well-formed response.
    static bool parse(const QByteArray &raw, ImapResponse *out, QString *error);

private:
    void fail(const QString &message);
    bool endOfLine(); // the current line segment ended; false when a literal follows

    qint64 m_maxLiteralBytes;
    QByteArray m_current;          // the response being assembled
    qsizetype m_segmentStart = 0;  // where the text after the last literal begins in m_current
    qsizetype m_textBytes = 0;     // bytes of m_current outside literals
    qint64 m_literalRemaining = 0; // bytes of the current literal still due
    qint64 m_literalBytes = 0;     // bytes of all literals of the current response
    std::deque<QByteArray> m_complete;
    QString m_error;
};
