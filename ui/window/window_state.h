#pragma once

#include <QByteArray>
#include <QSettings>

class QScreen;

// What the main window remembers between runs (geometry, splitter and column layout), kept
// apart from the user's choices. A typed face over QSettings, so keys are spelled once.
class WindowState final
{
public:
    WindowState();

    // The window's geometry on one screen (its name and size): a laptop's panel and the monitor
    // it is plugged into each keep their own.
    QByteArray geometry(const QScreen *screen) const;
    void setGeometry(const QScreen *screen, const QByteArray &geometry);
    static QString screenKey(const QScreen *screen);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray &state);
    QByteArray recipientHeaderState() const;
    void setRecipientHeaderState(const QByteArray &state);
    QByteArray deliveryHeaderState() const;
    void setDeliveryHeaderState(const QByteArray &state);

private:
    QSettings m_settings;
};
