#include "MainWindow.h"
#include "ProcessHardening.h"
#include "StoreStartup.h"
#include "Workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

// Thin entry point: harden, parse arguments, build the object graph, hand over to the window.
int main(int argc, char* argv[]) {
    strongroom::hardenProcess();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Strongroom"));
    QApplication::setApplicationVersion(QStringLiteral(STRONGROOM_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("strongroom"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("One console for every secrets store"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Fill an empty local store with demo secrets"));
    parser.addOption(demo);
    parser.process(app);

#if STRONGROOM_HAVE_RESOURCES
    Q_INIT_RESOURCE(resources);
#endif

    strongroom::Workspace workspace;
    strongroom::MainWindow window(&workspace);
    window.show();
    const bool seedDemo = parser.isSet(demo);
    QTimer::singleShot(0, &window, [&window, &app, seedDemo] {
        strongroom::StoreStartup* startup = window.startLocalStore(seedDemo);
        QObject::connect(startup, &strongroom::StoreStartup::abandoned, &app, &QApplication::quit,
                         Qt::QueuedConnection);
    });
    return QApplication::exec();
}
