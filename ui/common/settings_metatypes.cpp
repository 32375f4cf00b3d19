#include "settings_metatypes.h"

namespace SettingsMetaTypes {

void registerAll()
{
    qRegisterMetaType<DkimKeyStore::Entry>();
    qRegisterMetaType<QList<DkimKeyStore::Entry>>();
    qRegisterMetaType<DkimKey::Algorithm>();
    qRegisterMetaType<InboundRuleDraft>();
    qRegisterMetaType<QList<InboundRuleDraft>>();
    qRegisterMetaType<QualificationRuleDraft>();
    qRegisterMetaType<QList<QualificationRuleDraft>>();
    qRegisterMetaType<QuarantineRow>();
    qRegisterMetaType<QList<QuarantineRow>>();
    qRegisterMetaType<QuarantineFilter>();
}

} // namespace SettingsMetaTypes
