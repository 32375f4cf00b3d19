#include "sample_delivery.h"

#include "delivery/delivery_service.h"
#include "sandbox_route.h"
#include "store/store.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <iterator>

using namespace Qt::StringLiterals;

namespace SampleDelivery {

namespace {

const char *const FirstNames[] = {"Ada",   "Bao",   "Chloé", "Dmitri", "Eun-ji", "Farah",  "Gustav", "Hana",
                                  "Ines",  "Jonas", "Kofi",  "Léa",    "Minh",   "Nadia",  "Oskar",  "Priya",
                                  "Quinn", "Rosa",  "Sven",  "Tomás",  "Uma",    "Viktor", "Wen",    "Yuki"};

// Where the rows go, out of every 25: 20 accepted, 2 hard bounces, 2 soft bounces, 1 throttled.
const char *domainFor(int row)
{
    switch (row % 25) {
    case 3:
    case 16:
        return "bounce.example";
    case 7:
    case 20:
        return "mailbox-full.example";
    case 11:
        return "throttled.example";
    default:
        break;
    }
    static const char *const accepted[] = {"example.com", "example.net", "example.org"};
    return accepted[row % 3];
}

bool isFirstRun(QSqlDatabase db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT (SELECT count(*) FROM deliveries), "
                "(SELECT count(*) FROM routes WHERE NOT (name = '%1' AND type = 'sandbox'))"_s.arg(
                    SandboxRoute::defaultName())) ||
        !q.next()) {
        *error = u"cannot read the database: %1"_s.arg(q.lastError().text());
        return false;
    }
    return q.value(0).toLongLong() == 0 && q.value(1).toLongLong() == 0;
}

} // namespace

QString deliveryName()
{
    return u"Sample delivery (sandbox)"_s;
}

QByteArray recipientsCsv()
{
    QByteArray csv = "email,first_name\n";
    constexpr int names = int(std::size(FirstNames));
    for (int i = 0; i < RecipientCount; ++i) {
        const QByteArray name(FirstNames[i % names]);
        QByteArray local = name.toLower().replace("é", "e").replace("á", "a").replace("-", "");
        local += '.' + QByteArray::number(i + 1);
        csv += local + '@' + QByteArray(domainFor(i)) + ',' + name + '\n';
    }
    return csv;
}

QJsonObject definition(const QString &csvPath)
{
    const QString unsubscribe = u"https://sample.example/unsubscribe"_s;
    return QJsonObject{
        {u"name"_s, deliveryName()},
        {u"from"_s, QJsonObject{{u"name"_s, u"Sendscope sample"_s}, {u"address"_s, u"news@sample.example"_s}}},
        {u"subject"_s, u"Welcome to Sendscope, {{first_name|friend}}"_s},
        {u"html"_s, uR"(<!DOCTYPE html>
<html><body style="font-family: sans-serif">
<h1>Hello {{first_name|friend}},</h1>
<p>This is the sample delivery of Sendscope. It goes through the <strong>sandbox route</strong>:
a test sink on your own computer that answers like a mail server and delivers nothing.</p>
<p>Its recipients are on reserved domains. example.com, example.net and example.org accept,
bounce.example answers "user unknown", mailbox-full.example answers "mailbox full" and
throttled.example asks to try again later, so the dashboard shows every kind of outcome.</p>
<p><a href="https://sample.example/unsubscribe">Unsubscribe</a></p>
</body></html>
)"_s},
        {u"text"_s, u"Hello {{first_name|friend}},\n\n"
                    "This is the sample delivery of Sendscope. It goes through the sandbox route: a test sink on "
                    "your own computer that answers like a mail server and delivers nothing.\n\n"
                    "Its recipients are on reserved domains. example.com, example.net and example.org accept, "
                    "bounce.example answers \"user unknown\", mailbox-full.example answers \"mailbox full\" and "
                    "throttled.example asks to try again later, so the dashboard shows every kind of outcome.\n\n"
                    "Unsubscribe: https://sample.example/unsubscribe\n"_s},
        {u"headers"_s, QJsonObject{{u"List-Unsubscribe"_s, u"<%1>"_s.arg(unsubscribe)},
                                   {u"List-Unsubscribe-Post"_s, u"List-Unsubscribe=One-Click"_s}}},
        {u"recipients"_s, QJsonObject{{u"csv"_s, csvPath}, {u"email_column"_s, u"email"_s}}},
        {u"route"_s, SandboxRoute::defaultName()},
        // Short, so that retries and the validity end show within a sitting.
        {u"validity"_s, u"30m"_s},
        {u"retry"_s, QJsonObject{{u"period"_s, u"2m"_s}, {u"max_period"_s, u"8m"_s}}},
    };
}

Result createOnFirstRun(Store &store, const QString &dataDir, const Clock &clock)
{
    Result result;
    if (!isFirstRun(store.db(), &result.error))
        return result;
    if (!SandboxRoute::save(store.db(), SandboxRoute::defaultName(), SandboxConfig::defaults(), &result.error))
        return result;

    if (!QDir().mkpath(dataDir)) {
        result.error = u"cannot create the folder %1 for the sample delivery"_s.arg(dataDir);
        return result;
    }
    const QString csvPath = QDir(dataDir).absoluteFilePath(u"sendscope-sample-recipients.csv"_s);
    const QString defPath = QDir(dataDir).absoluteFilePath(u"sendscope-sample-delivery.json"_s);
    for (const auto &[path, content] :
         {std::pair{csvPath, recipientsCsv()}, std::pair{defPath, QJsonDocument(definition(csvPath)).toJson()}}) {
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size() || !f.commit()) {
            result.error = u"cannot write the sample delivery's file %1: %2"_s.arg(path, f.errorString());
            return result;
        }
    }

    DeliveryService service(store, clock);
    const DeliveryService::ImportResult imported = service.importDefinition(defPath);
    if (!imported.ok) {
        result.error = u"the sample delivery cannot be imported: %1"_s.arg(imported.errors.join(u"; "_s));
        return result;
    }
    result.deliveryId = imported.deliveryId;
    result.created = true;
    const DeliveryService::AnalyzeResult analyzed = service.analyze(imported.deliveryId);
    if (!analyzed.ok)
        result.error = u"the sample delivery cannot be analyzed: %1"_s.arg(analyzed.error);
    else if (analyzed.report.blocked())
        result.error = u"the sample delivery's analysis blocks it: %1"_s.arg(analyzed.report.toText());
    return result;
}

} // namespace SampleDelivery
