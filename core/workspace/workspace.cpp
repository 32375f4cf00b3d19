#include "workspace.h"

#include "common/clock.h"
#include "delivery/delivery_report_csv.h"
#include "engine/delivery_engine.h"
#include "feedback/reply_qualifier.h"
#include "sandbox/sandbox_route.h"

#include <QElapsedTimer>
#include <QThreadPool>
#include <algorithm>
#include <openssl/crypto.h>

namespace {

// A rule table's job: the change (none for a plain read), then the table read back.
template <typename List>
QFuture<WorkspaceResult<List>> rulesJob(StoreExecutor &executor, std::function<bool(QSqlDatabase, QString *)> change,
                                        std::function<std::optional<List>(QSqlDatabase, QString *)> read)
{
    return executor.run([change = std::move(change), read = std::move(read)](Store &store) {
        WorkspaceResult<List> r;
        if (change && !change(store.db(), &r.error))
            return r;
        r.value = read(store.db(), &r.error);
        return r;
    });
}

std::optional<QList<QualificationRuleDraft>> readReplyRules(QSqlDatabase db, QString *error)
{
    return QualificationRules::toDrafts(ReplyQualifier::load(db, error));
}

std::optional<QList<InboundRuleDraft>> readInboundRules(QSqlDatabase db, QString *error)
{
    return InboundRules::toDrafts(InboundRules::load(db, error));
}

// An MX table that cannot be read is not shown (empty would read as "no rules").
std::optional<QList<MxRuleDraft>> readMxRules(QSqlDatabase db, QString *error)
{
    const QList<MxRule> rules = MxRules::load(db, error);
    if (!error->isEmpty())
        return std::nullopt;
    return MxRules::toDrafts(rules);
}

} // namespace

Workspace::Workspace(const QString &databasePath)
    : m_executor(databasePath)
    , m_logQueries(std::make_shared<std::unique_ptr<LogQueries>>())
    // The log's queries go before the connection they use, on its thread.
    , m_logExecutor(databasePath, QStringLiteral("sendscope-log-reader"),
                    [queries = m_logQueries] { queries->reset(); })
    // The IMAP sessions' per-thread TLS state goes with the thread.
    , m_feedbackExecutor(databasePath, QStringLiteral("sendscope-feedback"), [] { OPENSSL_thread_stop(); })
{
    m_network = std::make_unique<QThread>();
    m_network->setObjectName(QStringLiteral("sendscope-network"));
    m_networkContext = new QObject;
    m_networkContext->moveToThread(m_network.get());
    QObject::connect(
        m_network.get(), &QThread::finished, m_networkContext,
        [context = m_networkContext] {
            delete context; // and the tests still running, on their thread
            OPENSSL_thread_stop();
        },
        Qt::DirectConnection);
    m_network->start();
    m_keyFiles.setMaxThreadCount(1);
    m_keyFiles.setObjectName(QStringLiteral("sendscope-dkim-keys"));
}

Workspace::~Workspace()
{
    shutdown();
}

void Workspace::shutdown()
{
    m_engine.reset(); // its runs end on its thread, with its connection
    if (m_network) {
        m_network->quit();
        m_network->wait();
        m_network.reset();
    }
    m_feedbackExecutor.shutdown();
    m_logExecutor.shutdown();
    m_executor.shutdown();
    m_keyFiles.clear();
    m_keyFiles.waitForDone(); // a key being generated is finished, not left half-written
}

QFuture<WorkspaceResult<DeliveryReport>> Workspace::report(qint64 deliveryId)
{
    return m_executor.run([deliveryId](Store &store) {
        WorkspaceResult<DeliveryReport> r;
        const DeliveryReportBuilder builder(store.db());
        r.value = builder.build(deliveryId);
        if (!r.value)
            r.error = builder.lastError();
        return r;
    });
}

QFuture<WorkspaceResult<qint64>> Workspace::exportReportCsv(const DeliveryReport &report, const QString &path)
{
    return m_executor.run([report, path](Store &store) {
        WorkspaceResult<qint64> r;
        DeliveryReportCsv csv(store.db());
        if (csv.writeFile(report, path))
            r.value = csv.recipientRows();
        else
            r.error = csv.lastError();
        return r;
    });
}

QFuture<WorkspaceResult<SandboxConfig>> Workspace::sandboxRoute(const QString &routeName)
{
    return m_executor.run([routeName](Store &store) {
        WorkspaceResult<SandboxConfig> r;
        r.value = SandboxRoute::load(store.db(), routeName, &r.error);
        return r;
    });
}

QFuture<WorkspaceResult<bool>> Workspace::saveSandboxRoute(const QString &routeName, const SandboxConfig &config)
{
    return m_executor.run([routeName, config](Store &store) {
        WorkspaceResult<bool> r;
        if (SandboxRoute::save(store.db(), routeName, config, &r.error))
            r.value = true;
        return r;
    });
}

QFuture<WorkspaceResult<Workspace::ReplyRules>> Workspace::replyRules()
{
    return rulesJob<ReplyRules>(m_executor, {}, readReplyRules);
}

QFuture<WorkspaceResult<Workspace::ReplyRules>> Workspace::saveReplyRules(const ReplyRules &drafts)
{
    return rulesJob<ReplyRules>(
        m_executor, [drafts](QSqlDatabase db, QString *e) { return QualificationRules::save(db, drafts, e); },
        readReplyRules);
}

QFuture<WorkspaceResult<Workspace::ReplyRules>> Workspace::restoreReplyRules()
{
    return rulesJob<ReplyRules>(m_executor, QualificationRules::restoreDefaults, readReplyRules);
}

QFuture<WorkspaceResult<Workspace::InboundRuleList>> Workspace::inboundRules()
{
    return rulesJob<InboundRuleList>(m_executor, {}, readInboundRules);
}

QFuture<WorkspaceResult<Workspace::InboundRuleList>> Workspace::saveInboundRules(const InboundRuleList &drafts)
{
    return rulesJob<InboundRuleList>(
        m_executor, [drafts](QSqlDatabase db, QString *e) { return InboundRules::save(db, drafts, e); },
        readInboundRules);
}

QFuture<WorkspaceResult<Workspace::InboundRuleList>> Workspace::restoreInboundRules()
{
    return rulesJob<InboundRuleList>(m_executor, InboundRules::restoreDefaults, readInboundRules);
}

QFuture<InboundRules::TestResult> Workspace::testInboundRules(const QList<InboundRule> &rules, const QByteArray &raw)
{
    auto promise = std::make_shared<QPromise<InboundRules::TestResult>>();
    QFuture<InboundRules::TestResult> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, rules, raw] {
        promise->addResult(InboundRules::test(rules, raw));
        promise->finish();
    });
    return future;
}

QFuture<WorkspaceResult<Workspace::MxRuleList>> Workspace::mxRules()
{
    return rulesJob<MxRuleList>(m_executor, {}, readMxRules);
}

QFuture<WorkspaceResult<Workspace::MxRuleList>> Workspace::saveMxRules(const MxRuleList &drafts)
{
    return rulesJob<MxRuleList>(
        m_executor, [drafts](QSqlDatabase db, QString *e) { return MxRules::saveDrafts(db, drafts, e); }, readMxRules);
}

QFuture<WorkspaceResult<Workspace::MxRuleList>> Workspace::restoreMxRules()
{
    return rulesJob<MxRuleList>(m_executor, MxRules::restoreDefaults, readMxRules);
}

QFuture<CsvPreview> Workspace::csvPreview(const QString &path, int rows, QChar delimiter, const QString &encoding)
{
    auto promise = std::make_shared<QPromise<CsvPreview>>();
    QFuture<CsvPreview> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, path, rows, delimiter, encoding] {
        promise->addResult(CsvPreview::read(path, rows, delimiter, encoding));
        promise->finish();
    });
    return future;
}

QFuture<RecipientListImport::Result> Workspace::importRecipients(const RecipientListImport::Request &request,
                                                                 const std::shared_ptr<std::atomic_bool> &cancel)
{
    using Result = RecipientListImport::Result;
    return m_executor.runWithPromise<Result>([request, cancel](Store &store, QPromise<Result> &promise) {
        promise.setProgressRange(0, ImportProgressSteps);
        QElapsedTimer sinceLast;
        sinceLast.start();
        const auto progress = [&](qint64 done, qint64 total) {
            // At most every 50 ms, and at the end of the file.
            if (total > 0 && (done >= total || sinceLast.elapsed() >= 50)) {
                sinceLast.restart();
                promise.setProgressValue(
                    int(std::clamp<qint64>(done * ImportProgressSteps / total, 0, ImportProgressSteps)));
            }
        };
        promise.addResult(RecipientListImport::run(store, request, cancel.get(), progress));
    });
}

QFuture<WorkspaceResult<Workspace::QuarantinePage>> Workspace::quarantine(const QuarantineFilter &filter, qint64 offset,
                                                                          int limit)
{
    return m_executor.run([filter, offset, limit](Store &store) mutable {
        WorkspaceResult<QuarantinePage> r;
        QuarantinePage page;
        page.total = QuarantineAdmin::count(store.db(), filter, &r.error);
        if (page.total < 0)
            return r;
        limit = std::max(1, limit);
        if (offset >= page.total && page.total > 0)
            offset = ((page.total - 1) / limit) * limit;
        page.offset = offset;
        page.rows = QuarantineAdmin::page(store.db(), filter, offset, limit, &r.error);
        if (r.error.isEmpty())
            r.value = page;
        return r;
    });
}

QFuture<WorkspaceResult<int>> Workspace::releaseFromQuarantine(const QStringList &addresses)
{
    return m_executor.run([addresses](Store &store) {
        WorkspaceResult<int> r;
        const int count = QuarantineAdmin::release(store.db(), addresses, Clock::system().nowMs(), &r.error);
        if (count >= 0)
            r.value = count;
        return r;
    });
}

QFuture<WorkspaceResult<QString>> Workspace::denylist(const QString &address)
{
    return m_executor.run([address](Store &store) {
        WorkspaceResult<QString> r;
        const QString normalized = QuarantineAdmin::denylist(store.db(), address, Clock::system().nowMs(), &r.error);
        if (!normalized.isEmpty())
            r.value = normalized;
        return r;
    });
}
