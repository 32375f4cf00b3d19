#include "recipient_importer.h"

#include "address_validator.h"
#include "csv_reader.h"
#include "store/sqlite_statement.h"

#include <QFile>
#include <QStringEncoder>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

// Where one of a row's texts lies in its chunk's buffer; a negative size stands for NULL.
struct TextSpan
{
    qsizetype at = 0;
    qsizetype size = -1;
};

// A row as the parsing thread hands it over: its texts already in UTF-8 (SQLite's own
// encoding), back to back in the chunk's buffer. A chunk of a thousand rows then costs a few
// allocations instead of several per row, and the storing thread binds the bytes as they are.
struct RowSpans
{
    qint64 line;
    TextSpan email;
    TextSpan norm;
    TextSpan error;
    TextSpan fields; // a JSON array of every field, in header order
};

// A chunk is handed over when it holds this many rows or this many bytes of text.
constexpr qsizetype ChunkRows = 1024;
constexpr qsizetype ChunkTextBytes = 1 << 20;

struct Chunk
{
    QByteArray text; // every row's texts, UTF-8, back to back
    QList<RowSpans> rows;
    QList<RecipientImporter::Reject> rejects;
    qint64 bytesRead = 0;
};

// Appends text to a chunk's buffer in UTF-8, without a temporary: UTF-8 takes at most three
// bytes per UTF-16 unit, so the buffer is grown by that much and cut back to what was written.
class Utf8Appender
{
public:
    TextSpan append(QByteArray &out, QStringView text)
    {
        const qsizetype at = out.size();
        out.resize(at + text.size() * 3);
        char *const end = m_encoder.appendToBuffer(out.data() + at, text);
        out.resize(end - out.constData());
        return {at, out.size() - at};
    }

    // Appends the fields as a JSON array of strings. The escapes JSON needs ('"', '\\' and
    // control characters) are all ASCII, and no byte of a multi-byte UTF-8 sequence is ASCII,
    // so each field is encoded once and then escaped byte by byte.
    TextSpan appendJsonArray(QByteArray &out, const QStringList &fields)
    {
        const qsizetype at = out.size();
        out += '[';
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                out += ',';
            out += '"';
            m_scratch.resize(fields.at(i).size() * 3);
            const char *const end = m_encoder.appendToBuffer(m_scratch.data(), fields.at(i));
            appendEscaped(out, m_scratch.constData(), end);
            out += '"';
        }
        out += ']';
        return {at, out.size() - at};
    }

private:
    static void appendEscaped(QByteArray &out, const char *s, const char *end)
    {
        static constexpr char Hex[] = "0123456789abcdef";
        while (s < end) {
            const char *plain = s;
            while (plain < end && uchar(*plain) >= 0x20 && *plain != '"' && *plain != '\\')
                ++plain;
            out.append(s, plain - s);
            if (plain == end)
                return;
            const auto c = uchar(*plain);
            if (c == '"' || c == '\\') {
                out += '\\';
                out += char(c);
            } else if (c == '\n') {
                out += "\\n";
            } else if (c == '\r') {
                out += "\\r";
            } else if (c == '\t') {
                out += "\\t";
            } else {
                const char u[] = {'\\', 'u', '0', '0', Hex[c >> 4], Hex[c & 15]};
                out.append(u, sizeof u);
            }
            s = plain + 1;
        }
    }

    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringEncoder::Flag::Stateless};
    QByteArray m_scratch;
};

// A small blocking queue between the parsing thread and the storing thread.
class ChunkQueue
{
public:
    bool push(Chunk &&chunk)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_chunks.size() < Capacity || m_cancelled; });
        if (m_cancelled)
            return false;
        m_chunks.push_back(std::move(chunk));
        m_notEmpty.notify_one();
        return true;
    }
    bool pop(Chunk *chunk)
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_chunks.empty() || m_closed || m_cancelled; });
        if (m_chunks.empty() || m_cancelled)
            return false;
        *chunk = std::move(m_chunks.front());
        m_chunks.pop_front();
        m_notFull.notify_one();
        return true;
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
    }
    void cancel()
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

private:
    static constexpr std::size_t Capacity = 8;
    std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::deque<Chunk> m_chunks;
    bool m_closed = false;
    bool m_cancelled = false;
};

// Stops and joins the parsing thread on every way out of run(): the queue is cancelled first,
// so a thread blocked on a full queue sees it and ends.
struct ProducerJoiner
{
    ChunkQueue &queue;
    std::thread &thread;
    ~ProducerJoiner()
    {
        queue.cancel();
        if (thread.joinable())
            thread.join();
    }
};

// Applies the reading options; false with *error naming the file when one is refused.
bool applyOptions(CsvReader &reader, const RecipientImporter::Options &options, const QString &csvPath, QString *error)
{
    if (!options.delimiter.isNull() && !reader.setDelimiter(options.delimiter)) {
        *error = u"%1: '%2' cannot be a delimiter"_s.arg(csvPath, options.delimiter);
        return false;
    }
    if (!reader.setEncoding(options.encoding)) {
        *error = u"%1: unknown encoding '%2'"_s.arg(csvPath, options.encoding);
        return false;
    }
    return true;
}

// Reads the header row into *header, the names trimmed. Returns the index of the address
// column, or -1 with *error set when the row cannot be read, names a column twice or has no
// address column.
int readHeader(CsvReader &reader, const QString &csvPath, const QString &emailColumn, QStringList *header,
               QString *error)
{
    CsvReader::Status st = reader.next(*header);
    if (st == CsvReader::Status::Fatal) {
        *error = u"%1: %2"_s.arg(csvPath, reader.error());
        return -1;
    }
    if (st == CsvReader::Status::End) {
        *error = u"%1: the file is empty; the first line must name the columns"_s.arg(csvPath);
        return -1;
    }
    if (st == CsvReader::Status::BadRecord) {
        *error = u"%1: line %2: cannot read the header row: %3"_s.arg(csvPath, QString::number(reader.line()),
                                                                      reader.error());
        return -1;
    }
    for (QString &h : *header)
        h = h.trimmed();
    int emailIndex = -1;
    for (int i = 0; i < header->size(); ++i) {
        if (header->at(i).isEmpty())
            continue;
        if (header->indexOf(header->at(i)) != i) {
            *error = u"%1: line %2: the column name '%3' appears twice"_s.arg(csvPath, QString::number(reader.line()),
                                                                              header->at(i));
            return -1;
        }
        if (emailIndex < 0 && header->at(i).compare(emailColumn, Qt::CaseInsensitive) == 0)
            emailIndex = i;
    }
    if (emailIndex < 0)
        *error = u"%1: line %2: no column named '%3' (the columns are: %4)"_s.arg(
            csvPath, QString::number(reader.line()), emailColumn, header->join(u", "_s));
    return emailIndex;
}

// One record read: a row when it has the header's number of fields, with its address checked
// (a missing or invalid one is kept, with the reason, for the analysis), else a reject.
void addRecord(Chunk &chunk, Utf8Appender &utf8, qint64 line, QStringList &fields, qsizetype columns, int emailIndex)
{
    // Trailing empty cells (a spreadsheet's "a,b,") are tolerated; real extra data is not.
    while (fields.size() > columns && fields.constLast().isEmpty())
        fields.removeLast();
    if (fields.size() != columns) {
        chunk.rejects.append({line, u"the row has %1 fields, the header has %2"_s.arg(QString::number(fields.size()),
                                                                                      QString::number(columns))});
        return;
    }
    const QString &address = fields.at(emailIndex);
    const AddressCheck check = AddressValidator::check(address);
    RowSpans row{line, {}, {}, {}, {}};
    row.email = utf8.append(chunk.text, QStringView(address).trimmed());
    if (!check.normalized.isEmpty())
        row.norm = utf8.append(chunk.text, check.normalized);
    if (check.verdict == AddressCheck::Verdict::Missing)
        row.error = utf8.append(chunk.text, u"missing");
    else if (check.verdict == AddressCheck::Verdict::Invalid)
        row.error = utf8.append(chunk.text, check.reason.isEmpty() ? u"invalid"_s : check.reason);
    row.fields = utf8.appendJsonArray(chunk.text, fields);
    chunk.rows.append(row);
}

// The parsing thread: reads the records after the header and hands them to the queue in
// chunks, until the end of the file, a fatal error (*fatal, at *fatalLine) or a cancelled queue.
void parseRecords(CsvReader &reader, qsizetype columns, int emailIndex, ChunkQueue &queue, QString *fatal,
                  qint64 *fatalLine)
{
    QStringList fields;
    Utf8Appender utf8;
    Chunk chunk;
    auto startChunk = [&] {
        chunk = Chunk{};
        chunk.rows.reserve(ChunkRows);
        chunk.text.reserve(ChunkTextBytes + ChunkTextBytes / 4);
    };
    auto pushChunk = [&] {
        chunk.bytesRead = reader.bytesRead();
        const bool open = queue.push(std::move(chunk));
        startChunk();
        return open;
    };
    startChunk();
    while (true) {
        const CsvReader::Status status = reader.next(fields);
        if (status == CsvReader::Status::End)
            break;
        const qint64 line = reader.line();
        if (status == CsvReader::Status::Fatal) {
            *fatal = reader.error();
            *fatalLine = line;
            break;
        }
        if (status == CsvReader::Status::BadRecord)
            chunk.rejects.append({line, reader.error()});
        else
            addRecord(chunk, utf8, line, fields, columns, emailIndex);
        const bool full =
            chunk.rows.size() >= ChunkRows || chunk.rejects.size() >= ChunkRows || chunk.text.size() >= ChunkTextBytes;
        if (full && !pushChunk())
            return; // the consumer stopped
    }
    pushChunk();
    queue.close();
}

// Stores the rows through SQLite's own statements (SqliteStatement), inside the caller's
// transaction: Qt's binding converts each text to UTF-8 again and wraps every value in a
// QVariant, which cost several times SQLite's own work on a large list. Rows go in BatchRows
// at a time: one statement opens its cursors once for all of them.
class RowWriter
{
public:
    static constexpr int BatchRows = 64;

    // False, with *error set, when the connection is not SQLite's or a statement is refused.
    bool open(const QSqlDatabase &db, QString *error)
    {
        static constexpr char Insert[] =
            "INSERT INTO recipients (delivery_id, line, email, email_norm, address_error, fields) VALUES ";
        QByteArray batch = Insert;
        for (int i = 0; i < BatchRows; ++i)
            batch += i == 0 ? "(?,?,?,?,?,?)" : ",(?,?,?,?,?,?)";
        for (auto [statement, sql] :
             {std::pair{&m_batch, batch},
              {&m_row, QByteArray(Insert) + "(?,?,?,?,?,?)"},
              {&m_reject, "INSERT INTO import_rejects (delivery_id, line, reason) VALUES (?,?,?)"}}) {
            if (!statement->prepare(db, sql)) {
                *error = statement->error();
                return false;
            }
        }
        return true;
    }

    // Inserts rows [first, first + count), count being 1 or BatchRows. The texts stay in the
    // chunk until the statement has run, so SQLite need not copy them.
    bool insertRows(qint64 deliveryId, const QByteArray &text, const RowSpans *first, int count)
    {
        SqliteStatement &stmt = count == 1 ? m_row : m_batch;
        Q_ASSERT(count == 1 || count == BatchRows);
        int index = 1;
        const auto bindText = [&](TextSpan span) {
            if (span.size < 0)
                stmt.bindNull(index++);
            else
                stmt.bindUtf8(index++, QByteArrayView(text.constData() + span.at, span.size));
        };
        for (const RowSpans *row = first; row != first + count; ++row) {
            stmt.bind(index++, deliveryId);
            stmt.bind(index++, row->line);
            bindText(row->email);
            bindText(row->norm);
            bindText(row->error);
            bindText(row->fields);
        }
        return run(stmt);
    }

    bool insertReject(qint64 deliveryId, const RecipientImporter::Reject &reject)
    {
        m_reject.bind(1, deliveryId);
        m_reject.bind(2, reject.line);
        m_reject.bind(3, reject.reason);
        return run(m_reject);
    }

    // SQLite's message for the failed insert.
    QString error() const { return m_error; }

private:
    bool run(SqliteStatement &stmt)
    {
        if (stmt.exec())
            return true;
        m_error = stmt.error();
        return false;
    }

    SqliteStatement m_batch;
    SqliteStatement m_row;
    SqliteStatement m_reject;
    QString m_error;
};

// Stores a chunk's rows, then records its rejects (import_rejects; the first MaxRejectsKept in
// the result too). False, with the error in *result, when the database refuses one; a batch
// that fails names its first and last lines (a failure there is the disk's or the database's,
// never a row's own: every row meets the table's constraints).
bool storeChunk(const Chunk &chunk, RowWriter &writer, qint64 deliveryId, const QString &csvPath,
                RecipientImporter::Result *result)
{
    const RowSpans *row = chunk.rows.constData();
    const RowSpans *const end = row + chunk.rows.size();
    while (row != end) {
        const int count = end - row >= RowWriter::BatchRows ? RowWriter::BatchRows : 1;
        if (!writer.insertRows(deliveryId, chunk.text, row, count)) {
            const QString lines =
                count == 1 ? u"line %1"_s.arg(row->line) : u"lines %1-%2"_s.arg(row->line).arg(row[count - 1].line);
            result->inputError = false;
            result->error = u"%1: %2: cannot store the row: %3"_s.arg(csvPath, lines, writer.error());
            return false;
        }
        result->imported += count;
        row += count;
    }
    for (const RecipientImporter::Reject &r : chunk.rejects) {
        ++result->rejected;
        if (result->firstRejects.size() < RecipientImporter::MaxRejectsKept)
            result->firstRejects.append({r.line, r.reason});
        if (!writer.insertReject(deliveryId, r)) {
            result->inputError = false;
            result->error = u"%1: line %2: cannot record the rejected row: %3"_s.arg(csvPath, QString::number(r.line),
                                                                                     writer.error());
            return false;
        }
    }
    return true;
}

} // namespace

RecipientImporter::Result RecipientImporter::run(QSqlDatabase db, qint64 deliveryId, const QString &csvPath,
                                                 const QString &emailColumn, const Progress &progress)
{
    return run(db, deliveryId, csvPath, emailColumn, Options{}, progress);
}

RecipientImporter::Result RecipientImporter::run(QSqlDatabase db, qint64 deliveryId, const QString &csvPath,
                                                 const QString &emailColumn, const Options &options,
                                                 const Progress &progress)
{
    Result result;
    QFile file(csvPath);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = u"%1: cannot read the recipient list: %2"_s.arg(csvPath, file.errorString());
        return result;
    }
    const qint64 total = file.size();
    CsvReader reader(&file);
    if (!applyOptions(reader, options, csvPath, &result.error))
        return result;
    QStringList header;
    const int emailIndex = readHeader(reader, csvPath, emailColumn, &header, &result.error);
    if (emailIndex < 0)
        return result;
    result.fields = header;

    RowWriter writer;
    QString dbError;
    if (!writer.open(db, &dbError)) {
        result.inputError = false;
        result.error = u"%1: cannot store the recipient list: %2"_s.arg(csvPath, dbError);
        return result;
    }

    // Parsing and validating run on a second thread while this one (which owns the database
    // connection) stores: the two halves cost about the same, so the import takes roughly the
    // time of the slower one. The queue between them is bounded, so memory stays flat.
    ChunkQueue queue;
    QString fatal;
    qint64 fatalLine = 0;
    std::thread producer([&] { parseRecords(reader, header.size(), emailIndex, queue, &fatal, &fatalLine); });
    ProducerJoiner joiner{queue, producer};

    Chunk chunk;
    while (queue.pop(&chunk)) {
        if (!storeChunk(chunk, writer, deliveryId, csvPath, &result))
            return result;
        if (progress && !progress(chunk.bytesRead, total)) {
            result.error = u"%1: import canceled"_s.arg(csvPath);
            return result;
        }
    }
    queue.cancel();
    producer.join();
    if (!fatal.isEmpty()) {
        result.error = u"%1: line %2: %3"_s.arg(csvPath, QString::number(fatalLine), fatal);
        return result;
    }
    if (progress)
        progress(total, total);
    result.ok = true;
    return result;
}
