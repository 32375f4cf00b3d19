#include "desktop_notifier.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>

namespace {

constexpr int MessageMs = 8000;
constexpr int HistoryKept = 50;

} // namespace

DesktopNotifier::DesktopNotifier(QWidget *window)
    : QObject(window)
    , m_window(window)
{}

void DesktopNotifier::notify(const QString &title, const QString &body, bool warning)
{
    m_history.append({title, body, warning});
    if (m_history.size() > HistoryKept)
        m_history.removeFirst();
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
            m_tray->setToolTip(QApplication::applicationDisplayName());
            // A click on the message or the icon brings the window back.
            const auto raise = [this] {
                if (m_window->isMinimized())
                    m_window->showNormal(); // a maximized window stays maximized
                m_window->raise();
                m_window->activateWindow();
            };
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, raise);
            connect(m_tray, &QSystemTrayIcon::activated, this, raise);
            m_tray->show();
        }
        m_tray->showMessage(title, body, warning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, MessageMs);
        return;
    }
    QApplication::alert(m_window); // no tray: the taskbar entry asks for attention
}
