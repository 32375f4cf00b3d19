#include "delivery_prompts.h"

#include <QMessageBox>
#include <QPushButton>

#include <limits>

using namespace Qt::StringLiterals;

void DeliveryPrompts::confirmSend(QWidget *parent, const QString &name, qint64 toDeliver,
                                  const std::function<void()> &onSend)
{
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Confirm the delivery"),
        tr("Send “%1” to %Ln recipient(s) now?", nullptr, int(qMin<qint64>(toDeliver, std::numeric_limits<int>::max())))
            .arg(name),
        QMessageBox::Cancel, parent);
    box->setObjectName(u"confirmSendBox"_s);
    box->setInformativeText(tr("Messages handed to the MTA cannot be called back."));
    QPushButton *send = box->addButton(tr("&Send"), QMessageBox::AcceptRole);
    send->setObjectName(u"confirmSendButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(send, &QPushButton::clicked, box, onSend);
    box->open();
}

void DeliveryPrompts::confirmStop(QWidget *parent, const QString &name, const std::function<void()> &onStop)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Stop the delivery"), tr("Stop “%1” for good?").arg(name),
                                QMessageBox::Cancel, parent);
    box->setObjectName(u"confirmStopBox"_s);
    box->setInformativeText(tr("What is in flight completes; every recipient not yet handed over is canceled. "
                               "A stopped delivery cannot be resumed."));
    QPushButton *stop = box->addButton(tr("S&top"), QMessageBox::DestructiveRole);
    stop->setObjectName(u"confirmStopButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(stop, &QPushButton::clicked, box, onStop);
    box->open();
}

void DeliveryPrompts::confirmDelete(QWidget *parent, const QString &name, qint64 recipients,
                                    const std::function<void()> &onDelete)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete the delivery"), tr("Delete “%1”?").arg(name),
                                QMessageBox::Cancel, parent);
    box->setObjectName(u"confirmDeleteBox"_s);
    box->setInformativeText(tr("Its %Ln recipient(s), their log and the attempts' transcripts are deleted too. "
                               "This cannot be undone.",
                               nullptr, int(qMin<qint64>(recipients, std::numeric_limits<int>::max()))));
    QPushButton *remove = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"confirmDeleteButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(remove, &QPushButton::clicked, box, onDelete);
    box->open();
}

void DeliveryPrompts::confirmQuit(QWidget *parent, int sending, const std::function<void()> &onQuit)
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Quit Sendscope"),
                                tr("%Ln delivery(s) are sending. Pause them and quit?", nullptr, sending),
                                QMessageBox::Cancel, parent);
    box->setObjectName(u"confirmQuitBox"_s);
    box->setInformativeText(tr("The messages in flight complete first and every state is saved. Resume the "
                               "deliveries when you come back; nobody already handed over is sent again."));
    QPushButton *quit = box->addButton(tr("Pause and &quit"), QMessageBox::AcceptRole);
    quit->setObjectName(u"confirmQuitButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(quit, &QPushButton::clicked, box, onQuit);
    box->open();
}

void DeliveryPrompts::warn(QWidget *parent, const QString &objectName, const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}
