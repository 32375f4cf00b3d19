// The encoding side of CsvReader: choosing a decoder and transcoding UTF-16 input.
#include "csv_reader.h"

#include <QIODevice>

#include <utility>

using namespace Qt::StringLiterals;

bool CsvReader::setEncoding(const QString &name)
{
    if (name.isEmpty() || name.compare(u"UTF-8"_s, Qt::CaseInsensitive) == 0) {
        m_wide.reset();
        m_legacy.reset();
        m_encoding = u"UTF-8"_s;
        return true;
    }
    const std::optional<QStringConverter::Encoding> builtin = QStringConverter::encodingForName(name.toLatin1());
    if (builtin == QStringConverter::Utf16LE || builtin == QStringConverter::Utf16BE ||
        builtin == QStringConverter::Utf16) {
        m_wide.emplace(*builtin);
        m_legacy.reset();
    } else if (builtin == QStringConverter::Utf8) {
        return setEncoding({});
    } else if (builtin && *builtin != QStringConverter::Latin1) {
        return false; // UTF-32 and the system locale are not offered for recipient lists
    } else {
        QStringDecoder decoder(name.toLatin1().constData(), QStringConverter::Flag::Stateless);
        if (!decoder.isValid())
            return false;
        // Built in place, never moved: an ICU decoder keeps a pointer to its own state for
        // counting invalid sequences, which a move would leave dangling.
        m_legacy.emplace(name.toLatin1().constData(), QStringConverter::Flag::Stateless);
        m_wide.reset();
    }
    m_encoding = name;
    return true;
}

// Reads UTF-16 chunks until they yield at least one UTF-8 byte (a chunk may hold only a BOM
// or half a character) and appends them to the buffer. Returns the bytes appended, 0 at the end.
qint64 CsvReader::readTranscoded(qsizetype old)
{
    QByteArray raw(ChunkSize, Qt::Uninitialized);
    for (;;) {
        const qint64 got = m_device->read(raw.data(), ChunkSize);
        if (got < 0) {
            fatal(u"cannot read the file: "_s + m_device->errorString());
            return 0;
        }
        if (got == 0) {
            m_eof = true;
            if (m_wideHigh.isNull())
                return 0;
            // A high surrogate that nothing follows stays what it is, a bad character.
            const QByteArray utf8 = QString(std::exchange(m_wideHigh, QChar())).toUtf8();
            m_buffer.resize(old);
            m_buffer.append(utf8);
            return utf8.size();
        }
        m_bytesRead += got;
        QString text = (*m_wide)(QByteArrayView(raw.constData(), got));
        // A read may end between the two halves of a surrogate pair: the high one waits for the
        // next chunk, so a character outside the BMP (an emoji in a name) is not turned into two
        // replacement characters depending on where the read ended.
        if (!m_wideHigh.isNull())
            text.prepend(std::exchange(m_wideHigh, QChar()));
        if (!text.isEmpty() && text.back().isHighSurrogate()) {
            m_wideHigh = text.back();
            text.chop(1);
        }
        const QByteArray utf8 = text.toUtf8();
        if (!utf8.isEmpty()) {
            m_buffer.resize(old);
            m_buffer.append(utf8);
            return utf8.size();
        }
    }
}
