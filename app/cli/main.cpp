#include "ProcessHardening.h"
#include "StrongroomCli.h"

#include <QCoreApplication>
#include <QTimer>

int main(int argc, char* argv[]) {
    strongroom::hardenProcess();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("strongroom-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("strongroom"));

    strongroom::cli::StrongroomCli cli;
    // Started from inside the event loop: a command that finishes without awaiting anything
    // (--help, usage errors) would otherwise call exit() before exec() and be ignored.
    QTimer::singleShot(0, &app, [&cli] {
        QCoro::connect(cli.run(QCoreApplication::arguments()), qApp,
                       [](int exitCode) { QCoreApplication::exit(exitCode); });
    });
    return QCoreApplication::exec();
}
