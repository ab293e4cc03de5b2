// The layering rules of docs/architecture: no GUI below ui/, no provider reaching into another.
#include "LayeringScanner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

void writeFile(const QString& root, const QString& path, const QByteArray& text) {
    const QString full = root + QLatin1Char('/') + path;
    QDir().mkpath(full.section(QLatin1Char('/'), 0, -2));
    QFile file(full);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text);
}

} // namespace

class LayeringTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void guiHeadersAreRecognised() {
        for (const char* include :
             {"QWidget", "QtWidgets/QDialog", "QMainWindow", "QMessageBox", "QApplication",
              "QTreeWidget", "QClipboard", "QGuiApplication", "QPixmap", "QIcon", "QtGui",
              "qpixmap.h", "QtGui/QColor", "QAction"}) {
            QVERIFY2(LayeringScanner::isGuiHeader(QString::fromLatin1(include)), include);
        }
        for (const char* include : {"QObject", "QNetworkReply", "QString", "QSqlDatabase",
                                    "QCoroTask", "SecretBytes.h", "QFuture", "QtConcurrent"}) {
            QVERIFY2(!LayeringScanner::isGuiHeader(QString::fromLatin1(include)), include);
        }
    }

    // The scanner is checked on a tree with known violations first, so a clean result on the
    // real tree means something.
    void reportsPlantedViolations() {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        writeFile(root.path(), QStringLiteral("app/Session.cpp"), "#include <QMessageBox>\n");
        writeFile(root.path(), QStringLiteral("app/CMakeLists.txt"),
                  "target_link_libraries(a PRIVATE Qt6::Widgets)\n");
        writeFile(root.path(), QStringLiteral("backends/core/Fine.h"), "#include <QObject>\n");
        writeFile(root.path(), QStringLiteral("backends/vault/VaultApi.h"),
                  "#include \"Fine.h\"\n");
        writeFile(root.path(), QStringLiteral("backends/vault/VaultBackend.cpp"),
                  "#include \"VaultApi.h\"\n#include \"Fine.h\"\n");
        writeFile(root.path(), QStringLiteral("backends/aws/AwsBackend.cpp"),
                  "#include \"VaultApi.h\"\n#include \"../vault/VaultBackend.cpp\"\n");
        writeFile(root.path(), QStringLiteral("ui/MainWindow.cpp"), "#include <QMainWindow>\n");

        const QStringList found = LayeringScanner(root.path()).violations();
        const QString all = found.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("app/Session.cpp includes GUI header <QMessageBox>")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("app/CMakeLists.txt links Qt6::Widgets")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral(
                     "backends/aws/AwsBackend.cpp includes \"VaultApi.h\" from provider vault")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("backends/aws/AwsBackend.cpp includes "
                                             "\"../vault/VaultBackend.cpp\" from provider vault")),
                 qPrintable(all));
        QCOMPARE(found.size(),
                 4); // ui/ may use widgets; a provider may use its own and core headers
    }

    // Generic code naming a store, planted in a small tree: each way of naming one is caught, and
    // the store's own folders, the registries and main.cpp may name it.
    void reportsGenericCodeThatNamesAStore() {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        writeFile(root.path(), QStringLiteral("backends/core/SecretBackend.h"), "class X {};\n");
        writeFile(root.path(), QStringLiteral("backends/acme/AcmeBackend.h"),
                  "class AcmeBackend : public SecretBackend {};\n");
        writeFile(root.path(), QStringLiteral("backends/local/LocalStore.h"),
                  "class LocalStore : public SecretBackend {};\n");
        writeFile(root.path(), QStringLiteral("app/acme/AcmeConnector.h"),
                  "#include \"AcmeBackend.h\"\nclass AcmeConnector {\n};\n");
        writeFile(root.path(), QStringLiteral("app/providers/Builtin.cpp"),
                  "#include \"AcmeConnector.h\"\nAcmeConnector c;\n");
        writeFile(root.path(), QStringLiteral("ui/main.cpp"), "#include \"AcmeConnector.h\"\n");
        writeFile(root.path(), QStringLiteral("ui/MainWindow.cpp"),
                  "#include \"AcmeConnector.h\"\n"
                  "// an AcmeBackend in a comment is fine\n"
                  "void f() { if (c->providerId() == QStringLiteral(\"acme\")) {} }\n"
                  "auto* b = qobject_cast<AcmeBackend*>(x);\n"
                  "LocalStore* local = nullptr;\n");
        writeFile(root.path(), QStringLiteral("app/cli/Dispatch.cpp"),
                  "bool g(const QString& id) { return \"acme\" != s.providerId(); }\n");

        const QStringList found = LayeringScanner(root.path()).violations();
        const QString all = found.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral(
                     "ui/MainWindow.cpp:1 includes \"AcmeConnector.h\" of store acme")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("ui/MainWindow.cpp:3 branches on providerId()")),
                 qPrintable(all));
        QVERIFY2(
            all.contains(QStringLiteral("ui/MainWindow.cpp:4 names AcmeBackend of store acme")),
            qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("app/cli/Dispatch.cpp:1 branches on providerId()")),
                 qPrintable(all));
        QCOMPARE(found.size(), 4);
    }

    void sourceTreeKeepsTheLayers() {
        const QString root = qEnvironmentVariable("STRONGROOM_SOURCE_DIR");
        QVERIFY2(!root.isEmpty(), "STRONGROOM_SOURCE_DIR is not set");
        QVERIFY(QFile::exists(root + QStringLiteral("/backends/core/SecretBackend.h")));
        const QStringList found = LayeringScanner(root).violations();
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(LayeringTest)
#include "test_layering.moc"
