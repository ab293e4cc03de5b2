// Startup of the window to first paint (offscreen platform). Each measurement is a fresh process:
// the parent runs the child N times and reports the median of (a) wall time from spawn to the
// first paint of the main window, as the child reports it, and (b) the same for a reference: a
// bare QMainWindow with a tree view and a tab widget, the floor any Qt Widgets console pays.
// Prints figures; asserts nothing.
#include "MainWindow.h"
#include "Workspace.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QMainWindow>
#include <QProcess>
#include <QSplitter>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

// Quits the application at the first paint of `watched` and prints the epoch-ms time of it.
class FirstPaint : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            std::printf("%lld\n", static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
            std::fflush(stdout);
            QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_seen = false;
};

int child(int argc, char** argv, bool reference) {
    QApplication app(argc, argv);
    FirstPaint probe;
    if (reference) {
        QMainWindow window;
        auto* splitter = new QSplitter(&window);
        splitter->addWidget(new QTreeView(splitter));
        auto* tabs = new QTabWidget(splitter);
        tabs->addTab(new QTreeView(tabs), QStringLiteral("Data"));
        splitter->addWidget(tabs);
        window.setCentralWidget(splitter);
        window.resize(1200, 760);
        window.installEventFilter(&probe);
        window.show();
        return QApplication::exec();
    }
    strongroom::Workspace workspace;
    strongroom::MainWindow window(&workspace);
    window.resize(1200, 760);
    window.installEventFilter(&probe);
    window.show();
    return QApplication::exec();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double measure(const QString& self, const QString& mode, const QString& home) {
    QProcess process;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("STRONGROOM_HOME"), home);
    process.setProcessEnvironment(env);
    const qint64 spawned = QDateTime::currentMSecsSinceEpoch();
    process.start(self, {mode});
    process.waitForFinished(60000); // the benchmark's own child, not application code
    const qint64 painted = process.readAllStandardOutput().trimmed().toLongLong();
    return painted > 0 ? double(painted - spawned) : -1.0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc > 1 && (qstrcmp(argv[1], "strongroom") == 0 || qstrcmp(argv[1], "reference") == 0)) {
        return child(argc, argv, qstrcmp(argv[1], "reference") == 0);
    }
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 15;
    QTemporaryDir home;
    std::vector<double> ours, reference;
    for (int i = 0; i < runs; ++i) {
        ours.push_back(measure(QCoreApplication::applicationFilePath(),
                               QStringLiteral("strongroom"), home.path()));
        reference.push_back(measure(QCoreApplication::applicationFilePath(),
                                    QStringLiteral("reference"), home.path()));
    }
    const double a = median(ours), b = median(reference);
    std::printf("startup to first paint (offscreen), median of %d fresh processes:\n", runs);
    std::printf("  strongroom main window: %.0f ms\n", a);
    std::printf("  reference (bare QMainWindow + tree + tabs): %.0f ms\n", b);
    std::printf("  ratio: %.2fx\n", a / b);
    return 0;
}
