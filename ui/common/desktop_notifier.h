#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QSystemTrayIcon;
class QWidget;

// Tells the person something happened while they may be looking elsewhere: a delivery that
// finished, paused, failed, or is held by a storage fault. A message from the system tray
// where the desktop has one; otherwise the window asks for attention (QApplication::alert: a
// blinking taskbar entry). What was told is kept, newest last, for the window's tests.
class DesktopNotifier final : public QObject
{
    Q_OBJECT

public:
    struct Notice
    {
        QString title;
        QString body;
        bool warning = false;
    };

    explicit DesktopNotifier(QWidget *window);

    void notify(const QString &title, const QString &body, bool warning = false);
    const QList<Notice> &history() const { return m_history; }

private:
    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr; // made on the first notice, when the desktop has a tray
    QList<Notice> m_history;
};
