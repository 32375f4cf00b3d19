#pragma once

#include "dashboard_stats.h"
#include "delivery/delivery_editing.h"
#include "delivery/delivery_report.h"
#include "delivery/log_queries.h"
#include "delivery_details.h"
#include "feedback/feedback_intake.h"
#include "feedback/feedback_queries.h"
#include "feedback/imap_client.h"
#include "feedback/inbound_rules.h"
#include "feedback/qualification_rules.h"
#include "feedback/quarantine_admin.h"
#include "message/dkim_key_store.h"
#include "recipients/csv_preview.h"
#include "recipients/recipient_list_import.h"
#include "routing/mx_rules.h"
#include "routing/route_tester.h"
#include "sandbox/sandbox_config.h"
#include "store_executor.h"

#include <QFuture>
#include <QJsonObject>
#include <QString>
#include <QThread>
#include <QThreadPool>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

// An answer from the database: the value, or why there is none (the text names the file and
// gives SQLite's message). No value and no error: what was asked for does not exist.
class DeliveryEngine;

template <typename T> struct WorkspaceResult
{
    std::optional<T> value;
    QString error;
    bool ok() const { return value.has_value(); }
};

// The one door from the pages into the core's data (docs/architecture.md): every question a page
// asks the database goes through here and is answered later, on the GUI thread's terms, by a
// QFuture from the database's own thread (StoreExecutor). A page holds a Workspace reference and
// nothing of SQL, Store or threads. Made once per open database, by the application.
class Workspace final
{
public:
    explicit Workspace(const QString &databasePath);
    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    QString databasePath() const { return m_executor.path(); }

    // The window's part (workspace_deliveries.cpp). Opening: a brand new database gets the
    // Sandbox route and the sample delivery (error set beside the value when they could not be
    // made). Then the delivery list, one delivery's details (KPIs, analysis, import rejects)
    // and its dashboard figures (the throughput history once per delivery shown); neither
    // value nor error: the delivery was deleted meanwhile.
    QFuture<WorkspaceResult<bool>> openDatabase();
    // The deliveries to resume when the application starts (docs/product.md §6): those still in
    // progress, or pending their contact date, that no engine runs: the last run was
    // interrupted. The engine recovers their rows in flight (flagged "possible duplicate") and
    // goes on; a run of another process holds the delivery's lease and refuses to start.
    QFuture<QList<qint64>> interruptedDeliveries();
    // The sending engine of this database, made on first use, on the caller's thread (the GUI
    // thread); it goes before the Workspace's threads when the Workspace does.
    DeliveryEngine &engine();
    QFuture<QList<DeliverySummary>> deliveries();
    QFuture<WorkspaceResult<DeliveryDetails>> deliveryDetails(qint64 deliveryId);
    QFuture<WorkspaceResult<DashboardStats>> dashboardStats(qint64 deliveryId);
    // The analysis (docs/product.md §5); the value says whether a control rule blocks the send.
    QFuture<WorkspaceResult<bool>> analyze(qint64 deliveryId);
    // Before a send or a proof: the saved routes that need a password the application keeps
    // (a username and no password_env): the route, or a pool's members in order (for a proof,
    // only the relay member it goes through). Empty when none is needed or the route cannot be
    // read (the send or the proof then says why).
    struct RoutePassword
    {
        QString routeName;
        QString username;
    };
    QFuture<QList<RoutePassword>> routePasswordsNeeded(qint64 deliveryId, bool forProof);
    // Pauses or stops a delivery that no engine of this process runs (as sendscope-cli does);
    // a stop cancels what was never handed over.
    QFuture<WorkspaceResult<bool>> setDeliveryState(qint64 deliveryId, DeliveryState state);
    // Duplicate… (the copy's id) and Delete (refused while in progress).
    QFuture<WorkspaceResult<qint64>> duplicateDelivery(qint64 deliveryId);
    QFuture<WorkspaceResult<bool>> deleteDelivery(qint64 deliveryId);

    // A delivery's report (docs/product.md §7); neither value nor error when it does not exist.
    QFuture<WorkspaceResult<DeliveryReport>> report(qint64 deliveryId);
    // Writes the report's CSV (its summary as shown, then every domain and non-deliverable
    // recipient streamed from the database): the whole file or none.
    QFuture<WorkspaceResult<qint64>> exportReportCsv(const DeliveryReport &report, const QString &path);

    // The sandbox route's table (error set when the route cannot be read), and saving it.
    QFuture<WorkspaceResult<SandboxConfig>> sandboxRoute(const QString &routeName);
    QFuture<WorkspaceResult<bool>> saveSandboxRoute(const QString &routeName, const SandboxConfig &config);

    // The ordered rule tables of the settings pages, as drafts (an empty reply or inbound-mail
    // table is seeded with the defaults, so a page always shows what applies). Saving and
    // restoring the defaults answer with the table read back; error is set (value unset) when
    // the change was refused, and set beside the value when only the reading back failed.
    using ReplyRules = QList<QualificationRuleDraft>;
    using InboundRuleList = QList<InboundRuleDraft>;
    using MxRuleList = QList<MxRuleDraft>;
    QFuture<WorkspaceResult<ReplyRules>> replyRules();
    QFuture<WorkspaceResult<ReplyRules>> saveReplyRules(const ReplyRules &drafts);
    QFuture<WorkspaceResult<ReplyRules>> restoreReplyRules();
    QFuture<WorkspaceResult<InboundRuleList>> inboundRules();
    QFuture<WorkspaceResult<InboundRuleList>> saveInboundRules(const InboundRuleList &drafts);
    QFuture<WorkspaceResult<InboundRuleList>> restoreInboundRules();
    // The inbound-mail rules page's tester: how the rules read a pasted message. On the global
    // thread pool: a pattern that backtracks badly never holds the GUI or the database thread.
    static QFuture<InboundRules::TestResult> testInboundRules(const QList<InboundRule> &rules, const QByteArray &raw);
    QFuture<WorkspaceResult<MxRuleList>> mxRules();
    QFuture<WorkspaceResult<MxRuleList>> saveMxRules(const MxRuleList &drafts);
    QFuture<WorkspaceResult<MxRuleList>> restoreMxRules();

    // The first rows of a CSV file as the import would read them. A file, not the database: it
    // is read on the global thread pool, so a slow disk never holds the database's thread.
    QFuture<CsvPreview> csvPreview(const QString &path, int rows, QChar delimiter, const QString &encoding);
    // Replaces a delivery's recipients from a CSV file in one transaction. The future's progress
    // goes from 0 to ImportProgressSteps with the bytes read; setting *cancel (from any thread)
    // rolls the import back, and the result then says canceled.
    static constexpr int ImportProgressSteps = 1000;
    QFuture<RecipientListImport::Result> importRecipients(const RecipientListImport::Request &request,
                                                          const std::shared_ptr<std::atomic_bool> &cancel);

    // One page of the quarantine list (a page past the end, after releases, falls back to the
    // last one: offset says which was read), releasing addresses (the count released), and
    // denylisting one (its normalized form).
    struct QuarantinePage
    {
        qint64 total = 0;
        qint64 offset = 0;
        QList<QuarantineRow> rows;
    };
    QFuture<WorkspaceResult<QuarantinePage>> quarantine(const QuarantineFilter &filter, qint64 offset, int limit);
    QFuture<WorkspaceResult<int>> releaseFromQuarantine(const QStringList &addresses);
    QFuture<WorkspaceResult<QString>> denylist(const QString &address);

    // The recipients log (workspace_log.cpp). It is read on a thread and connection of its own,
    // so a slow sort or search over a large log never delays the dashboard's reads. A count
    // prepares the filter's order; the pages after it read that order (a page for another
    // filter prepares it again). A request whose *stale flag is set (the page's filter has
    // changed since) is skipped when its turn comes, answered with neither value nor error, so
    // a burst of keystrokes costs one query. (A flag, not QFuture::cancel(): with Qt 6.4, a
    // cancel from the GUI thread racing the job's end on the log thread crashed the window.)
    using StaleFlag = std::shared_ptr<const std::atomic_bool>;
    QFuture<WorkspaceResult<qint64>> logCount(qint64 deliveryId, const LogFilter &filter, StaleFlag stale = {});
    QFuture<WorkspaceResult<QList<LogRow>>> logPage(qint64 deliveryId, const LogFilter &filter, qint64 offset,
                                                    int limit, StaleFlag stale = {});
    // One recipient's attempts, then its feedback timeline (attempts and reports).
    struct RecipientHistory
    {
        QList<LogAttempt> attempts;
        QList<FeedbackTimelineEntry> timeline;
        QString error; // the timeline could not be read
    };
    QFuture<RecipientHistory> recipientHistory(qint64 recipientId);
    // The failure reasons present in a delivery's log and its largest destination domains: the
    // choices of the log's filter.
    struct LogChoices
    {
        QList<FailureReason> reasons;
        QStringList domains;
    };
    QFuture<LogChoices> logChoices(qint64 deliveryId);
    // A stored feedback message (capped at what the store keeps; fullSize is its size as
    // received). Neither value nor error: it is no longer stored.
    struct RawMessage
    {
        QByteArray raw;
        qint64 fullSize = 0;
    };
    QFuture<WorkspaceResult<RawMessage>> rawFeedbackMessage(qint64 feedbackMessageId);
    // Writes the filtered log as CSV, in the filter's order, through QSaveFile: the whole file
    // or none. It runs on the global thread pool with a connection of its own, so the log can
    // be browsed meanwhile. The future's progress value is the rows written so far; setting
    // *cancel (from any thread) stops it, with no file and an error. The value is the number
    // of rows written.
    QFuture<WorkspaceResult<qint64>> exportLogCsv(qint64 deliveryId, const LogFilter &filter, const QString &path,
                                                  std::shared_ptr<std::atomic_bool> cancel);

    // The delivery editor (workspace_editor.cpp): the saved route names it offers, a delivery
    // as the editor shows it, its first recipients (for "Preview as"), and saving a definition
    // (a new delivery when deliveryId is 0). A definition with errors is refused whole, each
    // error naming its field; a saved one is answered with the delivery read back (unset
    // when that read failed: the save stands).
    QFuture<WorkspaceResult<QStringList>> routeNames();
    QFuture<WorkspaceResult<EditableDelivery>> editableDelivery(qint64 deliveryId);
    QFuture<QList<RecipientSample>> recipientSample(qint64 deliveryId, int limit);
    struct SavedDelivery
    {
        qint64 id = 0;
        bool created = false;
        std::optional<EditableDelivery> delivery;
    };
    QFuture<WorkspaceResult<SavedDelivery>> saveDelivery(qint64 deliveryId, const QJsonObject &definition);
    // A message part's file (HTML or text), read on the global thread pool: UTF-8 (a byte
    // order mark dropped), at most MaxTextFileBytes. problem says why it was refused; detail
    // is the system's reason when it could not be read.
    static constexpr qint64 MaxTextFileBytes = 5 * 1024 * 1024;
    struct TextFile
    {
        enum class Problem { None, CannotRead, TooLarge, NotUtf8 };
        Problem problem = Problem::None;
        QString text;
        QString detail;
    };
    static QFuture<TextFile> readTextFile(const QString &path);

    // DKIM key files (workspace_keys.cpp): listing a keys folder, generating a key (RSA 4096
    // takes seconds), importing a PEM file and deleting a key. The files are the record, not
    // the database: the work runs on a thread of its own, one job after the other, in order.
    // The keys folder of this database is dkimKeysFolder().
    QString dkimKeysFolder() const;
    struct DkimKeyList
    {
        QList<DkimKeyStore::Entry> entries;
        QString error; // the folder could not be read (entries holds what could)
    };
    QFuture<DkimKeyList> dkimKeys(const QString &folder);
    struct AddedKey
    {
        DkimKeyStore::Entry entry;
        QString warning; // an imported key that is weak
    };
    QFuture<WorkspaceResult<AddedKey>> generateDkimKey(const QString &folder, const QString &domain,
                                                       const QString &selector, DkimKey::Algorithm algorithm, int bits);
    QFuture<WorkspaceResult<AddedKey>> importDkimKey(const QString &folder, const QString &pemPath,
                                                     const QString &domain, const QString &selector);
    // The value is the deleted key's TXT record name.
    QFuture<WorkspaceResult<QString>> removeDkimKey(const QString &folder, const QString &domain,
                                                    const QString &selector);

    // Feedback (workspace_feedback.cpp): a page of the Unmatched list (error set beside the
    // value when only part of it could be read), the routes' bounce mailboxes, and one fetch
    // of each (passwords[i] goes with mailboxes[i]; reports[i] says what mailboxes[i] gave).
    // A fetch blocks on IMAP, so it runs on a thread and connection of its own: the pages'
    // reads never wait for a mailbox. Error without value: the fetch could not start.
    struct UnmatchedPage
    {
        qint64 total = 0;
        QList<UnmatchedFeedback> rows;
    };
    QFuture<WorkspaceResult<UnmatchedPage>> unmatchedFeedback(qint64 offset, int limit);
    struct BounceMailboxes
    {
        QList<FeedbackMailbox> mailboxes;
        QStringList errors; // routes whose mailbox settings could not be used, or the database's error
    };
    QFuture<BounceMailboxes> bounceMailboxes();
    QFuture<WorkspaceResult<QList<FeedbackIntakeReport>>> fetchFeedback(const QList<FeedbackMailbox> &mailboxes,
                                                                        const QStringList &passwords);

    // Saved routes (workspace_routes.cpp): the list, saving one (errors name the fields it was
    // refused for; empty when saved) and deleting one.
    QFuture<WorkspaceResult<QList<QJsonObject>>> routes();
    QFuture<QStringList> saveRoute(const QJsonObject &route, const QString &originalName);
    QFuture<WorkspaceResult<bool>> removeRoute(const QString &name);
    // "Test connection" of a route, on the Workspace's network thread (an event loop: the test
    // is asynchronous). The events future's results are the events in order: each step as it
    // ends, then one with finished set. abort() stops the test from any thread (a last, failed
    // step follows); it is a queued call to the network thread, not QFuture::cancel(), which
    // raced with the promise finishing on the other thread (Qt 6.4, seen in the log view).
    struct RouteTestEvent
    {
        bool finished = false;
        RouteTester::Step step; // not finished
        bool ok = false;        // finished: the route works
        QStringList errors;     // finished: why the test could not start (fields named)
        QString transcript;     // finished: the SMTP dialogue
    };
    struct RouteTest
    {
        QFuture<RouteTestEvent> events;
        std::function<void()> abort; // while the Workspace lives; after the test ended it does nothing
    };
    RouteTest testRoute(const QJsonObject &route, const QString &password, const QString &domain);
    // "Test connection" of a route's bounce mailbox: connect, greeting, TLS, certificate, login,
    // select (ImapClient::test, which blocks: it runs on the thread pool). errors name the
    // fields that kept it from starting; noMailbox: the route has none to test.
    struct MailboxTest
    {
        QList<ImapClient::TestStep> steps;
        QStringList errors;
        bool noMailbox = false;
    };
    static QFuture<MailboxTest> testBounceMailbox(const QJsonObject &route, const QString &password);

    // Ends the database threads: what is queued is canceled, what runs finishes.
    void shutdown();

private:
    template <typename R, typename F> QFuture<R> onKeyThread(F f);

    // The network thread: an event loop for the core's asynchronous network objects. Its
    // context object (living there) is their parent; it goes with the thread.
    std::unique_ptr<QThread> m_network;
    QObject *m_networkContext = nullptr;

    std::unique_ptr<DeliveryEngine> m_engine;
    QThreadPool m_keyFiles; // one thread: key jobs run in the order asked
    StoreExecutor m_executor;
    qint64 m_historyFor = 0; // the delivery whose history the dashboard has (m_executor's thread only)
    // The log's prepared order: made, used and destroyed only on m_logExecutor's thread.
    std::shared_ptr<std::unique_ptr<LogQueries>> m_logQueries;
    StoreExecutor m_logExecutor;
    StoreExecutor m_feedbackExecutor;
};
