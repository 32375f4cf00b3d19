#pragma once

// Small helpers shared by the core tests (header-only: each test is its own executable).

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

namespace TestSupport {

inline QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
    return path;
}

// A definition that passes every control rule, so a test changes only what it checks.
inline QJsonObject cleanDefinition()
{
    using namespace Qt::StringLiterals;
    return QJsonObject{
        {u"name"_s, u"Test delivery"_s},
        {u"from"_s, QJsonObject{{u"name"_s, u"Acme"_s}, {u"address"_s, u"news@acme.example"_s}}},
        {u"subject"_s, u"Hello {{first_name|there}}"_s},
        {u"html"_s, u"<p>Hi {{first_name|there}}</p><a href=\"https://acme.example/u\">Unsubscribe</a>"_s},
        {u"text"_s, u"Hi {{first_name|there}}. Unsubscribe: https://acme.example/u"_s},
        {u"headers"_s, QJsonObject{{u"List-Unsubscribe"_s, u"<https://acme.example/u>"_s},
                                   {u"List-Unsubscribe-Post"_s, u"List-Unsubscribe=One-Click"_s}}},
        {u"recipients"_s, QJsonObject{{u"csv"_s, u"list.csv"_s}}},
        {u"route"_s,
         QJsonObject{{u"type"_s, u"relay"_s}, {u"host"_s, u"127.0.0.1"_s}, {u"port"_s, 2525}, {u"tls"_s, u"none"_s}}},
    };
}

inline QString writeDefinition(const QTemporaryDir &dir, const QJsonObject &def,
                               const QString &name = QStringLiteral("def.json"))
{
    return writeFile(dir, name, QJsonDocument(def).toJson());
}

} // namespace TestSupport
