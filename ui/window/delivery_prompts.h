#pragma once

#include <QCoreApplication>
#include <QString>
#include <functional>

class QWidget;

// The window's questions and warnings about a delivery, as window-modal boxes that never block
// the event loop (open(), not exec()): the engine's snapshots keep arriving while one is shown.
// Object names let tests find and answer them like a user would.
class DeliveryPrompts final
{
    Q_DECLARE_TR_FUNCTIONS(DeliveryPrompts)

public:
    // "confirmSendBox" with its "confirmSendButton"; onSend runs when the user confirms.
    static void confirmSend(QWidget *parent, const QString &name, qint64 toDeliver,
                            const std::function<void()> &onSend);
    // "confirmStopBox" with its "confirmStopButton".
    static void confirmStop(QWidget *parent, const QString &name, const std::function<void()> &onStop);
    // "confirmDeleteBox" with its "confirmDeleteButton".
    static void confirmDelete(QWidget *parent, const QString &name, qint64 recipients,
                              const std::function<void()> &onDelete);
    // "confirmQuitBox" with its "confirmQuitButton": quitting while deliveries are sending.
    static void confirmQuit(QWidget *parent, int sending, const std::function<void()> &onQuit);
    static void warn(QWidget *parent, const QString &objectName, const QString &title, const QString &text);
};
