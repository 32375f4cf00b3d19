#include "cli_commands.h"

#include <QCoreApplication>
#include <QFile>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sendscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("sendscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SENDSCOPE_VERSION));

    QFile outFile;
    QFile errFile;
    outFile.open(stdout, QIODevice::WriteOnly);
    errFile.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    QTextStream out(&outFile);
    QTextStream err(&errFile);
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    const int code = CliCommands(out, err).run(args);
    out.flush();
    err.flush();
    return code;
}
