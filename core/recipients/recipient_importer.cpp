#include "recipient_importer.h"

#include "address_validator.h"
#include "csv_reader.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

using namespace Qt::StringLiterals;

namespace {

// Rows per INSERT statement: one prepared multi-row statement costs far less per row than
// one exec per row, and 256 x 5 parameters stays well under SQLite's variable limit.
constexpr int BatchRows = 256;
constexpr int Columns = 5;

QString insertSql(int rows)
{
    QString sql = u"INSERT INTO recipients (delivery_id, line, email, email_norm, address_error, fields) VALUES "_s;
    for (int i = 0; i < rows; ++i) {
        if (i > 0)
            sql += u',';
        sql += u"(:d,?,?,?,?,?)"_s;
    }
    return sql;
}

void appendJsonString(QString &out, const QString &s)
{
    out += u'"';
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '"':
            out += u"\\\""_s;
            break;
        case '\\':
            out += u"\\\\"_s;
            break;
        case '\n':
            out += u"\\n"_s;
            break;
        case '\r':
            out += u"\\r"_s;
            break;
        case '\t':
            out += u"\\t"_s;
            break;
        default:
            if (c.unicode() < 0x20)
                out += u"\\u%1"_s.arg(int(c.unicode()), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    out += u'"';
}

struct PendingRow
{
    qint64 line;
    QString email;
    QString norm;
    QString error;
    QString fields;
};

class BatchWriter
{
public:
    BatchWriter(QSqlDatabase db, qint64 deliveryId)
        : m_db(db)
        , m_deliveryId(deliveryId)
    {
        m_rows.reserve(BatchRows);
    }

    bool add(PendingRow &&row)
    {
        m_rows.append(std::move(row));
        return m_rows.size() < BatchRows || flush();
    }

    bool flush()
    {
        if (m_rows.isEmpty())
            return true;
        QSqlQuery &q = m_rows.size() == BatchRows ? full() : partial();
        q.bindValue(0, m_deliveryId);
        int i = 1;
        for (const PendingRow &r : std::as_const(m_rows)) {
            q.bindValue(i++, r.line);
            q.bindValue(i++, r.email);
            q.bindValue(i++, r.norm.isEmpty() ? QVariant() : QVariant(r.norm));
            q.bindValue(i++, r.error.isEmpty() ? QVariant() : QVariant(r.error));
            q.bindValue(i++, r.fields);
        }
        const bool ok = q.exec();
        if (!ok)
            m_error = q.lastError().text();
        m_rows.clear();
        return ok;
    }

    QString error() const { return m_error; }

private:
    QSqlQuery &full()
    {
        if (!m_full) {
            m_full.emplace(m_db);
            m_full->prepare(insertSql(BatchRows));
        }
        return *m_full;
    }
    QSqlQuery &partial()
    {
        m_partial.emplace(m_db);
        m_partial->prepare(insertSql(int(m_rows.size())));
        return *m_partial;
    }

    QSqlDatabase m_db;
    qint64 m_deliveryId;
    QList<PendingRow> m_rows;
    std::optional<QSqlQuery> m_full;
    std::optional<QSqlQuery> m_partial;
    QString m_error;
};

constexpr qsizetype ChunkRows = 1024;

struct Chunk
{
    QList<PendingRow> rows;
    QList<RecipientImporter::Reject> rejects;
    qint64 bytesRead = 0;
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
// json is the caller's buffer, reused from record to record.
void addRecord(Chunk &chunk, qint64 line, QStringList &fields, qsizetype columns, int emailIndex, QString &json)
{
    // Trailing empty cells (a spreadsheet's "a,b,") are tolerated; real extra data is not.
    while (fields.size() > columns && fields.constLast().isEmpty())
        fields.removeLast();
    if (fields.size() != columns) {
        chunk.rejects.append({line, u"the row has %1 fields, the header has %2"_s.arg(QString::number(fields.size()),
                                                                                      QString::number(columns))});
        return;
    }
    const AddressCheck check = AddressValidator::check(fields.at(emailIndex));
    json.clear();
    json += u'[';
    for (qsizetype i = 0; i < columns; ++i) {
        if (i > 0)
            json += u',';
        appendJsonString(json, fields.at(i));
    }
    json += u']';
    PendingRow row{line, fields.at(emailIndex).trimmed(), check.normalized, {}, json};
    if (check.verdict == AddressCheck::Verdict::Missing)
        row.error = u"missing"_s;
    else if (check.verdict == AddressCheck::Verdict::Invalid)
        row.error = check.reason.isEmpty() ? u"invalid"_s : check.reason;
    chunk.rows.append(std::move(row));
}

// The parsing thread: reads the records after the header and hands them to the queue in
// chunks, until the end of the file, a fatal error (*fatal, at *fatalLine) or a cancelled queue.
void parseRecords(CsvReader &reader, qsizetype columns, int emailIndex, ChunkQueue &queue, QString *fatal,
                  qint64 *fatalLine)
{
    QStringList fields;
    QString json;
    Chunk chunk;
    auto pushChunk = [&] {
        chunk.bytesRead = reader.bytesRead();
        const bool open = queue.push(std::move(chunk));
        chunk = Chunk{};
        chunk.rows.reserve(ChunkRows);
        return open;
    };
    chunk.rows.reserve(ChunkRows);
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
            addRecord(chunk, line, fields, columns, emailIndex, json);
        if ((chunk.rows.size() >= ChunkRows || chunk.rejects.size() >= ChunkRows) && !pushChunk())
            return; // the consumer stopped
    }
    pushChunk();
    queue.close();
}

// Stores a chunk's rows, then records its rejects (import_rejects; the first MaxRejectsKept in
// the result too). False, with the error in *result, when the database refuses one.
bool storeChunk(Chunk &chunk, BatchWriter &writer, QSqlQuery &rejectQuery, qint64 deliveryId, const QString &csvPath,
                RecipientImporter::Result *result)
{
    for (PendingRow &row : chunk.rows) {
        const qint64 line = row.line;
        if (!writer.add(std::move(row))) {
            result->inputError = false;
            result->error =
                u"%1: line %2: cannot store the row: %3"_s.arg(csvPath, QString::number(line), writer.error());
            return false;
        }
        ++result->imported;
    }
    for (const RecipientImporter::Reject &r : std::as_const(chunk.rejects)) {
        ++result->rejected;
        if (result->firstRejects.size() < RecipientImporter::MaxRejectsKept)
            result->firstRejects.append({r.line, r.reason});
        rejectQuery.bindValue(0, deliveryId);
        rejectQuery.bindValue(1, r.line);
        rejectQuery.bindValue(2, r.reason);
        if (!rejectQuery.exec()) {
            result->inputError = false;
            result->error = u"%1: line %2: cannot record the rejected row: %3"_s.arg(csvPath, QString::number(r.line),
                                                                                     rejectQuery.lastError().text());
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

    QSqlQuery rejectQuery(db);
    rejectQuery.prepare(u"INSERT INTO import_rejects (delivery_id, line, reason) VALUES (?, ?, ?)"_s);

    // Parsing and validating run on a second thread while this one (which owns the database
    // connection) stores: the two halves cost about the same, so the import takes roughly the
    // time of the slower one. The queue between them is bounded, so memory stays flat.
    ChunkQueue queue;
    QString fatal;
    qint64 fatalLine = 0;
    std::thread producer([&] { parseRecords(reader, header.size(), emailIndex, queue, &fatal, &fatalLine); });
    ProducerJoiner joiner{queue, producer};

    BatchWriter writer(db, deliveryId);
    Chunk chunk;
    while (queue.pop(&chunk)) {
        if (!storeChunk(chunk, writer, rejectQuery, deliveryId, csvPath, &result))
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
    if (!writer.flush()) {
        result.inputError = false;
        result.error = u"%1: cannot store the last rows: %2"_s.arg(csvPath, writer.error());
        return result;
    }
    if (progress)
        progress(total, total);
    result.ok = true;
    return result;
}
