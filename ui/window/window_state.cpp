#include "window_state.h"

using namespace Qt::StringLiterals;

namespace {

const QString geometryKey = u"windowState/geometry"_s;
const QString splitterKey = u"windowState/splitter"_s;
const QString recipientHeaderKey = u"windowState/recipientHeader"_s;
// v2: the list gained the contact date and processed columns; an older layout is dropped.
const QString deliveryHeaderKey = u"windowState/deliveryHeader2"_s;

} // namespace

WindowState::WindowState() = default;

QByteArray WindowState::geometry() const
{
    return m_settings.value(geometryKey).toByteArray();
}

void WindowState::setGeometry(const QByteArray &geometry)
{
    m_settings.setValue(geometryKey, geometry);
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
