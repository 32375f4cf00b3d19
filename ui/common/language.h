#pragma once

#include <QString>
#include <QStringList>

// The interface language, switched at runtime: installing a translator makes Qt send every
// widget a LanguageChange event, and each view retranslates itself in changeEvent(). The
// choice is remembered (QSettings) and wins over the system's language at the next start;
// --lang wins over both.
class Language final
{
public:
    static QStringList supported(); // "en", "ko"
    // The language's own name, as shown in the language menu ("English", "한국어").
    static QString nativeName(const QString &code);
    // The language to start in: the saved choice, else the system's when supported, else English.
    static QString initial();
    // Loads and installs the translations of code (the app's and Qt's own when installed),
    // replacing the current ones. False (and nothing changed) for an unsupported code.
    static bool apply(const QString &code);
    static QString current();
    static void save(const QString &code);
};
