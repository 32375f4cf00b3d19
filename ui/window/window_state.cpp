#include "window_state.h"

#include <QScreen>

using namespace Qt::StringLiterals;

namespace {

const QString geometryKey = u"windowState/geometry/"_s; // + the screen's key
const QString legacyGeometryKey = u"windowState/geometry"_s;
const QString splitterKey = u"windowState/splitter"_s;
const QString recipientHeaderKey = u"windowState/recipientHeader"_s;
// v2: the list gained the contact date and processed columns; an older layout is dropped.
const QString deliveryHeaderKey = u"windowState/deliveryHeader2"_s;

} // namespace

WindowState::WindowState() = default;

QString WindowState::screenKey(const QScreen *screen)
{
    if (!screen)
        return u"none"_s;
    QString name = screen->name();
    name.replace(u'/', u'_').replace(u'\\', u'_'); // QSettings groups on slashes
    return u"%1_%2x%3"_s.arg(name).arg(screen->size().width()).arg(screen->size().height());
}

QByteArray WindowState::geometry(const QScreen *screen) const
{
    // Before geometries were kept per screen, one was kept for all: it still serves a screen
    // that has none of its own yet.
    const QByteArray own = m_settings.value(geometryKey + screenKey(screen)).toByteArray();
    return own.isEmpty() ? m_settings.value(legacyGeometryKey).toByteArray() : own;
}

void WindowState::setGeometry(const QScreen *screen, const QByteArray &geometry)
{
    m_settings.setValue(geometryKey + screenKey(screen), geometry);
}

QByteArray WindowState::splitterState() const
{
    return m_settings.value(splitterKey).toByteArray();
}

void WindowState::setSplitterState(const QByteArray &state)
{
    m_settings.setValue(splitterKey, state);
}

QByteArray WindowState::recipientHeaderState() const
{
    return m_settings.value(recipientHeaderKey).toByteArray();
}

QByteArray WindowState::deliveryHeaderState() const
{
    return m_settings.value(deliveryHeaderKey).toByteArray();
}

void WindowState::setDeliveryHeaderState(const QByteArray &state)
{
    m_settings.setValue(deliveryHeaderKey, state);
}

void WindowState::setRecipientHeaderState(const QByteArray &state)
{
    m_settings.setValue(recipientHeaderKey, state);
}
