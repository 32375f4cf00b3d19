// bench_imap_fetch FOLDER [PORT]: logs in to the Dovecot peer over IMAPS (test CA), selects
// FOLDER and fetches every message with ImapClient, one UID FETCH per message as the bounce
// mailbox reader does (docs/product.md §4); then the whole intake on a new database: fetch,
// classify, apply in batches of 100 with the mailbox position, and flag \Seen after each commit
// (FeedbackIntake::fetch). Prints messages, bytes, seconds and messages/s for each.
// Run by tests/bench/bench_fetch.sh, never by CTest.

#include "common/clock.h"
#include "feedback/feedback_intake.h"
#include "feedback/imap_client.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_imap_fetch FOLDER [PORT]\n");
        return 2;
    }
    MailboxConfig config;
    config.host = u"127.0.0.1"_s;
    config.port = static_cast<quint16>(args.value(2, u"1993"_s).toUInt());
    config.tls = MailboxConfig::Tls::Implicit;
    config.username = qEnvironmentVariable("SENDSCOPE_PEERS_USER", u"bounce"_s);
    config.caFile = qEnvironmentVariable("SENDSCOPE_PEERS_CA", u"/var/tmp/sendscope-peers/tls/ca.pem"_s);
    config.peerName = qEnvironmentVariable("SENDSCOPE_PEERS_TLS_NAME", u"mx.sendscope.test"_s);
    ImapClient client(config);
    QElapsedTimer timer;
    timer.start();
    QList<quint32> uids;
    if (!client.connectAndLogin(qEnvironmentVariable("SENDSCOPE_PEERS_PASSWORD", u"secret"_s)) ||
        !client.select(args[1]) || !client.searchUidsAbove(0, &uids)) {
        std::fprintf(stderr, "%s\n", qPrintable(client.error()));
        return 1;
    }
    qint64 bytes = 0;
    for (quint32 uid : uids) {
        const std::optional<QByteArray> body = client.fetch(uid);
        if (!body) {
            std::fprintf(stderr, "%s\n", qPrintable(client.error()));
            return 1;
        }
        bytes += body->size();
    }
    client.logout();
    const double seconds = timer.elapsed() / 1000.0;
    std::printf("sendscope fetch: %lld messages, %lld bytes, %.2f s, %.0f messages/s\n",
                static_cast<long long>(uids.size()), static_cast<long long>(bytes), seconds,
                seconds > 0 ? uids.size() / seconds : 0.0);

    QTemporaryDir dir;
    QString error;
    auto store = Store::open(dir.filePath(u"bench-intake.db"_s), &error);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    config.folder = args[1];
    FeedbackIntake intake(*store, Clock::system());
    timer.restart();
    const FeedbackIntakeReport r = intake.fetch(config, qEnvironmentVariable("SENDSCOPE_PEERS_PASSWORD", u"secret"_s));
    const double applySeconds = timer.elapsed() / 1000.0;
    if (!r.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error));
        return 1;
    }
    std::printf("sendscope fetch+classify+apply: %d messages (%d recorded, %d unmatched), %.2f s, %.0f messages/s\n",
                r.read, r.applied, r.unmatched, applySeconds, applySeconds > 0 ? r.read / applySeconds : 0.0);
    return 0;
}
