#include "MainWindow.h"
#include "ProcessHardening.h"
#include "StoreStartup.h"
#include "Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>
#include <cstring>

// Thin entry point: harden, parse arguments, build the object graph, hand over to the window.
int main(int argc, char* argv[]) {
    strongroom::hardenProcess();
    // Answered before QApplication exists, so it works without a display (scripts, packaging).
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("Strongroom %s\n", STRONGROOM_VERSION);
            return 0;
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Strongroom"));
    QApplication::setApplicationVersion(QStringLiteral(STRONGROOM_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.strongroom.Strongroom"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("One console for every secrets store"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Fill an empty local store with demo secrets"));
    parser.addOption(demo);
    parser.process(app);

    strongroom::Workspace workspace;
    strongroom::MainWindow window(&workspace);
    window.show();
    const bool seedDemo = parser.isSet(demo);
    QTimer::singleShot(0, &window, [&window, &app, seedDemo] {
        strongroom::StoreStartup* startup = window.startLocalStore(seedDemo);
        QObject::connect(startup, &strongroom::StoreStartup::abandoned, &app, &QApplication::quit,
                         Qt::QueuedConnection);
        // Every store opens its saved connections with what it keeps (keychain, environment,
        // profile), or asks for a sign-in.
        window.reconnectSavedConnections();
    });
    return QApplication::exec();
}
