#pragma once

#include "feedback/inbound_rules.h"
#include "feedback/qualification_rules.h"
#include "feedback/quarantine_admin.h"
#include "message/dkim_key_store.h"

#include <QList>
#include <QMetaType>

// The core's value types that travel through queued signals between the settings pages'
// workers and the GUI thread, declared before any header uses them in a signal.
Q_DECLARE_METATYPE(DkimKeyStore::Entry)
Q_DECLARE_METATYPE(InboundRuleDraft)
Q_DECLARE_METATYPE(QualificationRuleDraft)
Q_DECLARE_METATYPE(QuarantineRow)
Q_DECLARE_METATYPE(QuarantineFilter)

namespace SettingsMetaTypes {
// Makes the types (and their lists) known by name to queued connections and QSignalSpy.
void registerAll();
} // namespace SettingsMetaTypes
