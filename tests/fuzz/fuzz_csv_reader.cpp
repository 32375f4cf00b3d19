// libFuzzer target for the recipient-list reader (core/recipients/csv_reader.h): a list comes
// from whoever the user got it from. The first two bytes choose the delimiter override, the
// encoding and a read size; the rest is read twice, from a buffer and from a device that hands
// it out a few bytes per read. Both reads must agree record for record (a read boundary never
// changes a field), keep to the reader's limits, and end for good.

#include "recipients/csv_preview.h"
#include "recipients/csv_reader.h"

#include <QBuffer>
#include <QByteArray>
#include <QIODevice>
#include <QList>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace {

// Hands the input out step bytes per read, so every construct meets a read boundary.
class TrickleDevice final : public QIODevice
{
public:
    TrickleDevice(const QByteArray &data, qint64 step)
        : m_data(data)
        , m_step(step)
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *out, qint64 max) override
    {
        const qint64 n = qMin(qMin(max, m_step), m_data.size() - m_offset);
        std::memcpy(out, m_data.constData() + m_offset, size_t(n));
        m_offset += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_step;
    qint64 m_offset = 0;
};

struct Read
{
    CsvReader::Status status;
    qint64 line;
    QStringList fields;
    QString error;
    friend bool operator==(const Read &, const Read &) = default;
};

QList<Read> readAll(QIODevice *device, QChar delimiter, const QString &encoding, qsizetype inputSize)
{
    CsvReader reader(device);
    if (!delimiter.isNull() && !reader.setDelimiter(delimiter))
        std::abort(); // every delimiter offered in the import dialog is accepted
    if (!encoding.isEmpty() && !reader.setEncoding(encoding))
        return {};
    QList<Read> reads;
    qint64 lastLine = 0;
    for (;;) {
        QStringList fields;
        const CsvReader::Status status = reader.next(fields);
        if (status == CsvReader::Status::End || status == CsvReader::Status::Fatal) {
            // The end is final: asking again gives the same answer.
            QStringList again;
            if (reader.next(again) != status || !again.isEmpty())
                std::abort();
            reads.append({status, 0, {}, reader.error()});
            return reads;
        }
        if (status == CsvReader::Status::Record) {
            qint64 bytes = 0;
            for (const QString &f : std::as_const(fields)) {
                // A field is at most MaxFieldBytes of (UTF-8) input, and no byte decodes to
                // more than one UTF-16 unit.
                if (f.size() > CsvReader::MaxFieldBytes)
                    std::abort();
                bytes += f.size();
            }
            if (bytes > CsvReader::MaxRecordBytes)
                std::abort();
        } else if (reader.error().isEmpty()) {
            std::abort(); // a bad record always says why
        }
        if (reader.line() < lastLine || reader.line() < 1)
            std::abort(); // records come in file order
        lastLine = reader.line();
        reads.append({status, reader.line(), fields, reader.error()});
        // Every record consumes input; UTF-16 input at most doubles on its way to UTF-8.
        if (reads.size() > 2 * inputSize + 4)
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static const QList<QChar> delimiters = [] {
        QList<QChar> d{QChar()};
        d += CsvPreview::delimiters();
        return d;
    }();
    static const QStringList encodings = [] {
        QStringList e{QString()};
        e += CsvPreview::encodings();
        return e;
    }();
    const QChar delimiter = delimiters.at(data[0] % delimiters.size());
    const QString encoding = encodings.at((data[0] / delimiters.size()) % encodings.size());
    const qint64 step = 1 + data[1] % 16;
    const QByteArray input(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));

    // Whatever the detection says must be an encoding the reader can then be set to.
    bool bom = false;
    const QString detected = CsvPreview::detectEncoding(input, false, &bom);
    if (detected.isEmpty() || !CsvReader(nullptr).setEncoding(detected))
        std::abort();

    QBuffer buffer;
    buffer.setData(input);
    buffer.open(QIODevice::ReadOnly);
    const QList<Read> whole = readAll(&buffer, delimiter, encoding, input.size());
    TrickleDevice trickle(input, step);
    const QList<Read> pieces = readAll(&trickle, delimiter, encoding, input.size());
    if (whole != pieces)
        std::abort();
    return 0;
}
