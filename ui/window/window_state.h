#pragma once

#include <QByteArray>
#include <QSettings>

// What the main window remembers between runs (geometry, splitter and column layout), kept
// apart from the user's choices. A typed face over QSettings, so keys are spelled once.
class WindowState final
{
public:
    WindowState();

    QByteArray geometry() const;
    void setGeometry(const QByteArray &geometry);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray &state);
    QByteArray recipientHeaderState() const;
    void setRecipientHeaderState(const QByteArray &state);
    QByteArray deliveryHeaderState() const;
    void setDeliveryHeaderState(const QByteArray &state);

private:
    QSettings m_settings;
};
