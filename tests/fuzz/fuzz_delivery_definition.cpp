// libFuzzer target for the delivery definition parser (core/delivery/delivery_definition.h):
// the input is written as a definition file in a temporary folder that also holds a few
// content files, and read with DeliveryDefinition::fromFile like sendscope-cli does. It must
// never crash, must name the file in every error, and a definition it accepts must survive
// the round trip through its stored form: toJson() parses again without an error and gives
// the same stored form.

#include "delivery/delivery_definition.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

// The folder of the definition, with the files a definition may name (html_file, text_file).
struct Folder
{
    QTemporaryDir dir;
    QString definition;

    Folder()
    {
        if (!dir.isValid())
            std::abort();
        write(u"body.html"_s, "<p>Hi {{first_name|there}}</p>");
        write(u"body.txt"_s, "\xEF\xBB\xBFHi {{first_name|there}}\n");
        write(u"latin1.txt"_s, "caf\xE9\n");
        write(u"empty.txt"_s, "");
        definition = dir.filePath(u"def.json"_s);
    }

    void write(const QString &name, const QByteArray &bytes)
    {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            std::abort();
    }
};

// Content files are read whole; the target keeps them inside its folder, so a fuzzed
// "/dev/zero" or "/dev/stdin" cannot make a run read forever.
bool namesOnlyLocalFiles(const QByteArray &input)
{
    const QJsonDocument doc = QJsonDocument::fromJson(input);
    for (const QString &key : {u"html_file"_s, u"text_file"_s}) {
        const QJsonValue v = doc.object().value(key);
        if (v.isString() && (v.toString().contains(u'/') || v.toString().contains(u'\\')))
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Folder folder;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    if (!namesOnlyLocalFiles(input))
        return 0;
    folder.write(u"def.json"_s, input);

    QStringList errors;
    const DeliveryDefinition d = DeliveryDefinition::fromFile(folder.definition, &errors);
    for (const QString &e : std::as_const(errors)) {
        if (!e.startsWith(folder.definition + u": "_s))
            std::abort(); // every error names the file
    }
    if (!errors.isEmpty())
        return 0;

    // What is stored with the delivery is a definition too, and it stays as it is.
    const QJsonObject stored = d.toJson();
    QList<DeliveryDefinition::Error> again;
    const DeliveryDefinition e = DeliveryDefinition::fromJson(stored, folder.dir.path(), &again);
    if (!again.isEmpty() || e.toJson() != stored)
        std::abort();
    return 0;
}
