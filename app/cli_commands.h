#pragma once

#include "store/store.h"

#include <QStringList>
#include <QTextStream>
#include <memory>

// sendscope-cli: the core, headless (docs/architecture.md). Exit codes: 0 success, 1 runtime
// failure, 2 bad usage or bad input, 3 analysis blocked.
class CliCommands final
{
public:
    enum Exit { Ok = 0, RuntimeFailure = 1, BadInput = 2, AnalysisBlocked = 3 };

    CliCommands(QTextStream &out, QTextStream &err)
        : m_out(out)
        , m_err(err)
    {}

    // args without the program name.
    int run(QStringList args);

private:
    static constexpr int StatusDomains = 50; // domains `status` lists, the largest first
    int usage(const QString &problem = {});
    int deliveryImport(const QStringList &args);
    int deliveryList(const QStringList &args);
    int analyze(const QStringList &args);
    int status(const QStringList &args);
    int logs(const QStringList &args);
    int send(const QStringList &args, bool resume);
    int prepareSend(qint64 id, bool resume);
    int control(const QString &command, const QStringList &args);
    int proof(const QStringList &args);
    int dkim(const QStringList &args);
    // cli_feedback.cpp
    int qualify(const QStringList &args);
    int feedback(const QStringList &args);
    // cli_feedback_store.cpp
    int feedbackImport(const QStringList &args);
    int feedbackFetch(const QStringList &args);
    int feedbackUnmatched(const QStringList &args);
    int feedbackTimeline(const QStringList &args);

    bool parseId(const QString &text, qint64 *id);
    // parseId + openStore + the delivery exists; an exit code (Ok when all went well).
    int openDelivery(const QString &idText, qint64 *id);
    bool openStore();

    QTextStream &m_out;
    QTextStream &m_err;
    QString m_dbPath;
    bool m_dbGiven = false; // --db: use the database's rule tables instead of the defaults
    Store *m_store = nullptr;
    std::unique_ptr<Store> m_storeHolder;
};
