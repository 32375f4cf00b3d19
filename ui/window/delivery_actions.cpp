#include "delivery_actions.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QToolBar>
#include <QWidget>

using namespace Qt::StringLiterals;

DeliveryActions::DeliveryActions(QWidget *parent)
    : QObject(parent)
    , newDelivery(new QAction(parent))
    , edit(new QAction(parent))
    , duplicate(new QAction(parent))
    , remove(new QAction(parent))
    , analyze(new QAction(parent))
    , proof(new QAction(parent))
    , confirm(new QAction(parent))
    , pause(new QAction(parent))
    , resume(new QAction(parent))
    , stop(new QAction(parent))
{
    // Icons are SVG (resources/), crisp at any scale factor.
    newDelivery->setObjectName(u"newDeliveryAction"_s);
    newDelivery->setShortcut(QKeySequence::New);
    newDelivery->setIcon(QIcon(u":/icons/new.svg"_s));
    edit->setObjectName(u"editDeliveryAction"_s);
    edit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    edit->setIcon(QIcon(u":/icons/edit.svg"_s));
    duplicate->setIcon(QIcon(u":/icons/duplicate.svg"_s));
    duplicate->setObjectName(u"duplicateDeliveryAction"_s);
    duplicate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    remove->setObjectName(u"deleteDeliveryAction"_s);
    remove->setShortcut(QKeySequence::Delete);
    remove->setIcon(QIcon(u":/icons/delete.svg"_s));
    analyze->setObjectName(u"analyzeAction"_s);
    analyze->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    analyze->setIcon(QIcon(u":/icons/analyze.svg"_s));
    proof->setObjectName(u"proofAction"_s);
    proof->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    proof->setIcon(QIcon(u":/icons/proof.svg"_s));
    confirm->setObjectName(u"confirmAction"_s);
    confirm->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    confirm->setIcon(QIcon(u":/icons/confirm.svg"_s));
    pause->setObjectName(u"pauseAction"_s);
    pause->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Space));
    pause->setIcon(QIcon(u":/icons/pause.svg"_s));
    resume->setObjectName(u"resumeAction"_s);
    resume->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    resume->setIcon(QIcon(u":/icons/resume.svg"_s));
    stop->setObjectName(u"stopAction"_s);
    stop->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    stop->setIcon(QIcon(u":/icons/stop.svg"_s));
    update({});
    retranslate();
}

void DeliveryActions::addTo(QMenu *menu, QToolBar *toolBar) const
{
    menu->addAction(newDelivery);
    menu->addAction(edit);
    menu->addAction(duplicate);
    menu->addAction(remove);
    menu->addSeparator();
    menu->addAction(analyze);
    menu->addAction(proof);
    menu->addAction(confirm);
    menu->addSeparator();
    menu->addAction(pause);
    menu->addAction(resume);
    menu->addAction(stop);
    toolBar->addAction(newDelivery);
    toolBar->addAction(edit);
    toolBar->addSeparator();
    toolBar->addAction(analyze);
    toolBar->addAction(proof);
    toolBar->addAction(confirm);
    toolBar->addSeparator();
    toolBar->addAction(pause);
    toolBar->addAction(resume);
    toolBar->addAction(stop);
}

void DeliveryActions::update(const Context &c)
{
    // The states of docs/product.md §2: only a delivery not yet confirmed is analyzed again, only an
    // analyzed one without a blocking error is confirmed, and so on.
    const DeliveryState s = c.kpis.state;
    const bool editable =
        s == DeliveryState::BeingEdited || s == DeliveryState::Analyzed || s == DeliveryState::AnalysisFailed;
    const bool running = s == DeliveryState::Pending || s == DeliveryState::InProgress;
    newDelivery->setEnabled(c.databaseOpen);
    edit->setEnabled(c.selected); // a confirmed delivery opens read-only
    duplicate->setEnabled(c.selected);
    remove->setEnabled(c.selected && !running && !c.runningHere && !c.analyzing);
    analyze->setEnabled(c.selected && editable && !c.analyzing);
    proof->setEnabled(c.selected && !c.proofOpen);
    confirm->setEnabled(c.selected && s == DeliveryState::Analyzed && c.analyzed && !c.blocked && !c.analyzing &&
                        !c.runningHere);
    pause->setEnabled(c.selected && running);
    resume->setEnabled(c.selected && s == DeliveryState::Paused && !c.runningHere);
    stop->setEnabled(c.selected && (running || s == DeliveryState::Paused));
}

void DeliveryActions::retranslate()
{
    newDelivery->setText(tr("&New delivery…"));
    newDelivery->setToolTip(tr("Create a delivery: sender, subject, content, recipients and sending options"));
    edit->setText(tr("&Edit…"));
    edit->setToolTip(tr("Open the selected delivery in the editor"));
    duplicate->setText(tr("D&uplicate"));
    duplicate->setToolTip(tr("Copy the selected delivery with its recipients, ready to edit"));
    remove->setText(tr("De&lete…"));
    remove->setToolTip(tr("Delete the selected delivery with its recipients and log"));
    analyze->setText(tr("&Analyze"));
    analyze->setToolTip(tr("Run the analysis: exclusions, control rules and the pre-flight plan"));
    proof->setText(tr("Send &proof…"));
    proof->setToolTip(tr("Send the delivery to a few proof addresses"));
    confirm->setText(tr("&Confirm and send…"));
    confirm->setToolTip(tr("Confirm the analyzed delivery and start sending it"));
    pause->setText(tr("Pa&use"));
    pause->setToolTip(tr("Hand nothing new to the MTA; what is in flight completes"));
    resume->setText(tr("&Resume"));
    resume->setToolTip(tr("Continue a paused delivery"));
    stop->setText(tr("S&top…"));
    stop->setToolTip(tr("Stop the delivery for good; what was not handed over is canceled"));
}
