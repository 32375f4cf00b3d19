#pragma once

#include "delivery/delivery_queries.h"
#include "engine/proof_sender.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

// "Send proof…": asks for up to 100 proof addresses and shows, per address, whether the route
// accepted the proof. It sends nothing itself: it asks (sendRequested) and shows the answer.
class ProofDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ProofDialog(qint64 deliveryId, const QString &deliveryName, QWidget *parent = nullptr);

    qint64 deliveryId() const { return m_deliveryId; }
    // Addresses separated by commas, semicolons, spaces or new lines.
    QStringList addresses() const;
    void setAddresses(const QStringList &addresses);
    void showResults(int number, const QList<ProofSender::Result> &results, const QString &error);
    // The proofs sent before (and this one, once recorded), newest first.
    void setHistory(const QList<DeliveryQueries::ProofRecord> &proofs);

Q_SIGNALS:
    void sendRequested(qint64 deliveryId, const QStringList &addresses);

private:
    void send();
    void updateSendButton();

    const qint64 m_deliveryId;
    QLabel *m_help;
    QPlainTextEdit *m_addresses;
    QLabel *m_status;
    QTreeWidget *m_results;
    QLabel *m_historyLabel;
    QTreeWidget *m_history;
    QDialogButtonBox *m_buttons;
    QPushButton *m_send;
    bool m_sending = false;
};
