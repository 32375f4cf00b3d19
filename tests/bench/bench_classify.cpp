// Classification throughput without process start-up or JSON: N messages, round-robin over the
// files given, through one BounceClassifier (tests/bench/bench_classify.sh runs it).
#include "feedback/bounce_classifier.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_classify N FILE...\n");
        return 2;
    }
    const int n = args.takeFirst().toInt();
    QList<QByteArray> messages;
    for (const QString &path : std::as_const(args)) {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            messages.append(f.readAll());
    }
    if (messages.isEmpty() || n <= 0)
        return 2;
    const BounceClassifier classifier;
    qsizetype recipients = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < n; ++i)
        recipients += classifier.classify(messages.at(i % messages.size())).recipients.size();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("bench_classify: %d messages (%lld recipients) in %.3f s: %.0f bounces/s\n", n,
                static_cast<long long>(recipients), seconds, n / seconds);
    return 0;
}
