#pragma once

#include "log/delivery_kpis.h"

#include <QObject>

class QAction;
class QMenu;
class QToolBar;
class QWidget;

// The window's delivery commands (New, Edit, Duplicate, Delete, Analyze, Send proof, Confirm &
// send, Pause, Resume, Stop) as
// QActions with their shortcuts, for the menu, the toolbar and the dashboard's buttons. It
// only knows which command the selected delivery's state allows; the window runs them.
class DeliveryActions final : public QObject
{
    Q_OBJECT

public:
    explicit DeliveryActions(QWidget *parent);

    // What the window knows of the selected delivery.
    struct Context
    {
        bool databaseOpen = false;
        bool selected = false;
        DeliveryKpis kpis;
        bool analyzed = false;
        bool blocked = false;     // the analysis report has an error that blocks the send
        bool runningHere = false; // this process' engine runs it
        bool analyzing = false;
        bool proofOpen = false;
    };

    void addTo(QMenu *menu, QToolBar *toolBar) const;
    void update(const Context &context);
    void retranslate();

    QAction *const newDelivery;
    QAction *const edit;
    QAction *const duplicate;
    QAction *const remove;
    QAction *const analyze;
    QAction *const proof;
    QAction *const confirm;
    QAction *const pause;
    QAction *const resume;
    QAction *const stop;
};
