#pragma once

#include "common/clock.h"
#include "smtp/smtp_outcome.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <memory>

class MessageRenderer;
class SandboxServer;
class SmtpSession;
class Store;

// Sends a delivery's proof (docs/product.md §6): up to 100 proof addresses, each personalized with
// one of the first target rows, the subject prefixed "[Proof #N]", over the delivery's own
// route. Every proof is kept in the delivery's history (the proofs table).
class ProofSender final : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        QString address;
        bool accepted = false;
        QString reply;
    };

    ProofSender(Store &store, qint64 deliveryId, const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~ProofSender() override;

    // False with error() when the proof cannot start (bad addresses, no route, no recipients).
    // password: a saved route's, from the application's keychain (see RouteEndpoint::build).
    bool start(const QStringList &addresses, const QString &password = QString());
    QString error() const { return m_error; }
    int number() const { return m_number; }

    static constexpr int MaxAddresses = 100;

Q_SIGNALS:
    void finished(const QList<ProofSender::Result> &results);

private:
    bool reserve(const QStringList &addresses);
    void record(qsizetype index, const QString &outcome, const QString &reply, const QString &transcript);
    void onOutcome(const SmtpOutcome &outcome);

    Store &m_store;
    qint64 m_deliveryId;
    const Clock &m_clock;
    QString m_error;
    int m_number = 0;
    QList<Result> m_results;
    QList<qint64> m_rowIds; // the proofs row of each address, reserved before sending
    int m_pending = 0;
    SmtpSession *m_session = nullptr;
    std::shared_ptr<MessageRenderer> m_renderer;
    std::unique_ptr<SandboxServer> m_sandbox; // the sandbox route's local sink, for this proof
};

// How a proof ended: its number in the delivery's history and each address's result, or why it
// could not start (error set, no results).
struct ProofOutcome
{
    int number = 0;
    QList<ProofSender::Result> results;
    QString error;
};
