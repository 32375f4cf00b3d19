#pragma once

#include "store/store.h"

#include <QException>
#include <QFuture>
#include <QPromise>
#include <QString>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <type_traits>

class QThread;

// Why a job queued to a StoreExecutor did not run: the database could not be opened (the text
// names the file and SQLite's message), or the executor was shut down first.
class StoreUnavailable final : public QException
{
public:
    explicit StoreUnavailable(QString message)
        : m_message(std::move(message))
    {}
    void raise() const override { throw *this; }
    StoreUnavailable *clone() const override { return new StoreUnavailable(*this); }
    QString message() const { return m_message; }

private:
    QString m_message;
};

// The database's own thread (docs/architecture.md, "one door"): one thread owns one Store and
// runs the jobs queued to it one after the other, in the order they were queued. A job is a
// function of the Store; run() returns at once with a QFuture for its result, so a page asks
// and is answered later without blocking the GUI thread. A job whose future was canceled
// before it started does not run; a long one sees cancel and reports progress through the
// QPromise it is given (runWithPromise). An exception a job throws reaches the future.
//
// The Store is opened on the thread by the first job (nothing touches the file before), and
// closed there by shutdown(), which cancels the jobs not started and waits for the running one.
class StoreExecutor final
{
public:
    // beforeClose runs on the thread before an opened Store is closed (what jobs left on the
    // thread that uses the connection, such as prepared queries, goes first).
    explicit StoreExecutor(QString databasePath, const QString &threadName = QStringLiteral("sendscope-store"),
                           std::function<void()> beforeClose = {});
    ~StoreExecutor(); // shutdown()
    StoreExecutor(const StoreExecutor &) = delete;
    StoreExecutor &operator=(const StoreExecutor &) = delete;

    QString path() const { return m_path; }

    // f(Store &) -> R.
    template <typename F> auto run(F f) -> QFuture<std::invoke_result_t<F, Store &>>
    {
        using R = std::invoke_result_t<F, Store &>;
        return runWithPromise<R>([f = std::move(f)](Store &store, QPromise<R> &promise) mutable {
            if constexpr (std::is_void_v<R>)
                f(store);
            else
                promise.addResult(f(store));
        });
    }

    // f(Store &, QPromise<R> &): the job adds its results and may report progress and ask
    // isCanceled() itself.
    template <typename R, typename F> QFuture<R> runWithPromise(F f)
    {
        auto promise = std::make_shared<QPromise<R>>();
        QFuture<R> future = promise->future();
        promise->start(); // queued counts as running: result() waits for it, cancel() reaches it
        post([promise, f = std::move(f)](Store *store, const QString &why) mutable {
            if (!store) {
                promise->setException(StoreUnavailable(why));
            } else if (!promise->isCanceled()) {
                try {
                    f(*store, *promise);
                } catch (...) {
                    promise->setException(std::current_exception());
                }
            }
            promise->finish();
        });
        return future;
    }

    // Cancels the jobs that have not started (their futures end with StoreUnavailable), lets
    // the running one finish, closes the Store and ends the thread. Later run() calls fail the
    // same way at once. Safe to call twice.
    void shutdown();

private:
    // A job gets the Store, or nullptr and why it cannot run.
    using Job = std::function<void(Store *, const QString &)>;
    void post(Job job);
    void loop();

    QString m_path;
    std::function<void()> m_beforeClose;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::unique_ptr<QThread> m_thread;
};
