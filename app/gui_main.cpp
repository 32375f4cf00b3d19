// The composition root of the desktop application: command line, language, the main window.

#include "feedback_page.h"
#include "language.h"
#include "main_window.h"
#include "store/store.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QFileInfo>
#include <QIcon>
#include <QPixmap>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// The translation context of the command line texts.
struct CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

// --lang is read before the parser is built, so that the parser's own help is translated.
QString requestedLanguage(const QStringList &args)
{
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args.at(i) == u"--lang"_s && i + 1 < args.size())
            return args.at(i + 1);
        if (args.at(i).startsWith(u"--lang="_s))
            return args.at(i).mid(7);
    }
    return QString();
}

void printError(const QString &message)
{
    std::fputs(qPrintable(message + u'\n'), stderr);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // Same names as sendscope-cli, so both find the same default database.
    QCoreApplication::setApplicationName(u"sendscope"_s);
    QCoreApplication::setOrganizationName(u"sendscope"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SENDSCOPE_VERSION));
    QApplication::setWindowIcon(QIcon(u":/icons/sendscope.svg"_s));
    // The installed desktop entry (packaging/), so a desktop shell matches windows to it.
    QGuiApplication::setDesktopFileName(QStringLiteral(SENDSCOPE_APP_ID));

    // --lang, else the language chosen in the window last time, else the system's.
    const QString requested = requestedLanguage(QCoreApplication::arguments());
    const QString language = requested.isEmpty() ? Language::initial() : requested;
    Language::apply(language);

    QCommandLineParser parser;
    parser.setApplicationDescription(CommandLine::tr("Sendscope: send email deliveries and follow every recipient."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(u"db"_s,
                                      CommandLine::tr("The database file (default: %1).").arg(Store::defaultPath()),
                                      CommandLine::tr("FILE"), Store::defaultPath());
    const QCommandLineOption langOption(
        u"lang"_s,
        CommandLine::tr("The language of the interface: en or ko (default: the one chosen last in the window, else the "
                        "system's)."),
        CommandLine::tr("LANG"));
    const QCommandLineOption screenshotOption(
        u"screenshot"_s,
        CommandLine::tr("Save a PNG of the window once its data is shown, then quit; with --quit-after, save it "
                        "when quitting instead (a live dashboard needs a while to fill)."),
        CommandLine::tr("FILE"));
    const QCommandLineOption tabOption(
        u"tab"_s, CommandLine::tr("The tab to show first: analysis, recipients, dashboard or report."),
        CommandLine::tr("TAB"), u"analysis"_s);
    const QCommandLineOption quitAfterOption(u"quit-after"_s, CommandLine::tr("Quit after this many milliseconds."),
                                             CommandLine::tr("MS"));
    const QCommandLineOption openOption(
        u"open"_s,
        CommandLine::tr("Open a dialog once the data is shown: editor (the selected delivery), new, settings, "
                        "sandbox, feedback or proof (the selected delivery's). The screenshot is then of the dialog."),
        CommandLine::tr("DIALOG"));
    parser.addOptions({dbOption, langOption, screenshotOption, quitAfterOption, tabOption, openOption});
    parser.process(app);

    if (!Language::supported().contains(language)) {
        printError(CommandLine::tr("Unknown language '%1': use en or ko.").arg(language));
        return 2;
    }
    bool quitAfterOk = true;
    const int quitAfterMs = parser.isSet(quitAfterOption) ? parser.value(quitAfterOption).toInt(&quitAfterOk) : -1;
    if (!quitAfterOk || (parser.isSet(quitAfterOption) && quitAfterMs < 0)) {
        printError(CommandLine::tr("--quit-after needs a number of milliseconds."));
        return 2;
    }

    // In MainWindow::Tab order.
    static const QStringList tabs = {u"analysis"_s, u"recipients"_s, u"dashboard"_s, u"report"_s};
    const qsizetype tab = tabs.indexOf(parser.value(tabOption));
    if (tab < 0) {
        printError(CommandLine::tr("Unknown tab '%1': use analysis, recipients, dashboard or report.")
                       .arg(parser.value(tabOption)));
        return 2;
    }

    static const QStringList dialogs = {u"editor"_s, u"new"_s, u"settings"_s, u"sandbox"_s, u"feedback"_s, u"proof"_s};
    const QString dialog = parser.value(openOption);
    if (!dialog.isEmpty() && !dialogs.contains(dialog)) {
        printError(
            CommandLine::tr("Unknown dialog '%1': use editor, new, settings, sandbox, feedback or proof.").arg(dialog));
        return 2;
    }

    // The open database's one door; made before the window and ended after it, so a page's
    // work still running when the window goes (a CSV import rolling back) finishes first.
    Workspace workspace(QFileInfo(parser.value(dbOption)).absoluteFilePath());
    MainWindow window(workspace);
    window.tabs()->setCurrentIndex(int(tab));
    window.show();

    int exitCode = 0;
    const QString screenshotPath = parser.value(screenshotOption);
    bool screenshotTaken = false;
    const auto takeScreenshot = [&] {
        if (screenshotPath.isEmpty() || screenshotTaken)
            return;
        screenshotTaken = true;
        QWidget *shown = QApplication::activeModalWidget() ? QApplication::activeModalWidget() : &window;
        if (dialog == u"feedback"_s)
            shown = window.feedbackPage()->window(); // not modal: the main window stays usable
        else if (auto *proof = window.findChild<QDialog *>(u"proofDialog"_s); dialog == u"proof"_s && proof)
            shown = proof; // not modal either
        if (!shown->grab().save(screenshotPath, "PNG")) {
            printError(CommandLine::tr("Cannot write the screenshot %1.").arg(screenshotPath));
            exitCode = 1;
        }
    };
    if (!dialog.isEmpty()) {
        QObject::connect(&window, &MainWindow::initialLoadFinished, &window, [&] {
            if (dialog == u"settings"_s)
                window.openSettings();
            else if (dialog == u"sandbox"_s)
                window.openSandboxSettings();
            else if (dialog == u"feedback"_s)
                window.openFeedback();
            else if (dialog == u"proof"_s)
                window.openProofDialog();
            else
                window.openEditor(dialog == u"new"_s ? 0 : window.currentDeliveryId());
        });
    }
    if (!screenshotPath.isEmpty() && quitAfterMs < 0) {
        QObject::connect(&window, &MainWindow::initialLoadFinished, &window, [&] {
            // A short delay lets the layouts settle and the first page of rows arrive.
            QTimer::singleShot(500, &window, [&] {
                takeScreenshot();
                QCoreApplication::exit(exitCode);
            });
        });
    }
    if (quitAfterMs >= 0) {
        QTimer::singleShot(quitAfterMs, &window, [&] {
            takeScreenshot();
            QCoreApplication::exit(exitCode);
        });
    }
    const int code = QApplication::exec();
    return exitCode != 0 ? exitCode : code;
}
