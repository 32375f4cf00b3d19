#include "store_executor.h"

#include <QThread>

using namespace Qt::StringLiterals;

StoreExecutor::StoreExecutor(QString databasePath, const QString &threadName, std::function<void()> beforeClose)
    : m_path(std::move(databasePath))
    , m_beforeClose(std::move(beforeClose))
{
    m_thread.reset(QThread::create([this] { loop(); }));
    m_thread->setObjectName(threadName);
    m_thread->start();
}

StoreExecutor::~StoreExecutor()
{
    shutdown();
}

void StoreExecutor::post(Job job)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_jobs.push_back(std::move(job));
            m_wake.notify_one();
            return;
        }
    }
    job(nullptr, u"%1 is closed"_s.arg(m_path));
}

void StoreExecutor::shutdown()
{
    std::deque<Job> dropped;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        dropped.swap(m_jobs);
        m_wake.notify_one();
    }
    const QString why = u"%1 is closed"_s.arg(m_path);
    for (Job &job : dropped)
        job(nullptr, why);
    if (m_thread) {
        m_thread->wait();
        m_thread.reset();
    }
}

void StoreExecutor::loop()
{
    std::unique_ptr<Store> store;
    QString openError;
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_jobs.empty())
                break; // stopping, nothing left
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        // Opened by the first job; a database that could not be opened is tried again by the
        // next one (the cause, a full disk or a lock, may have gone).
        if (!store) {
            openError.clear();
            store = Store::open(m_path, &openError);
        }
        job(store.get(), openError);
    }
    if (store && m_beforeClose)
        m_beforeClose();
    store.reset(); // the connection is closed on the thread that opened it
}
