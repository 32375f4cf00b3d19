#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

const auto SettingsKey = "ui/language"_L1;

struct Installed
{
    QString code;
    // Owned by the application object, so they go with it (not at static destruction).
    QPointer<QTranslator> app;
    QPointer<QTranslator> qt;
};

Installed &installed()
{
    static Installed state;
    return state;
}

} // namespace

QStringList Language::supported()
{
    return {u"en"_s, u"ko"_s};
}

QString Language::nativeName(const QString &code)
{
    if (code == u"ko"_s)
        return u"한국어"_s;
    if (code == u"en"_s)
        return u"English"_s;
    return code;
}

QString Language::initial()
{
    QString saved = QSettings().value(SettingsKey).toString();
    if (supported().contains(saved))
        return saved;
    return QLocale::system().language() == QLocale::Korean ? u"ko"_s : u"en"_s;
}

bool Language::apply(const QString &code)
{
    if (!supported().contains(code))
        return false;
    Installed &state = installed();
    if (state.code == code)
        return true;
    auto *app = new QTranslator(QCoreApplication::instance());
    if (!app->load(u":/i18n/sendscope_%1.qm"_s.arg(code))) {
        delete app;
        return false;
    }
    // Qt's own strings (dialog buttons); absent unless the Qt translations are installed.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (!qt->load(u"qtbase_%1"_s.arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        delete qt;
        qt = nullptr;
    }

    // Numbers and dates follow the interface language.
    QLocale::setDefault(QLocale(code));
    delete state.app; // a translator removes itself from the application when deleted
    delete state.qt;
    state.app = app;
    state.qt = qt;
    // Each install sends LanguageChange to every widget; the views retranslate themselves.
    QCoreApplication::installTranslator(app);
    if (qt)
        QCoreApplication::installTranslator(qt);
    state.code = code;
    return true;
}

QString Language::current()
{
    return installed().code;
}

void Language::save(const QString &code)
{
    QSettings().setValue(SettingsKey, code);
}
