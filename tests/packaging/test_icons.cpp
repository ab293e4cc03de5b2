// The icon set the UI relies on: every icon is in the resource library, parses as SVG and draws
// something; nothing in resources/icons is left out of the .qrc.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTest>

namespace {

const QStringList& expectedIcons() {
    static const QStringList names = {
        QStringLiteral("strongroom"),
        QStringLiteral("provider-local"),
        QStringLiteral("provider-vault"),
        QStringLiteral("provider-aws"),
        QStringLiteral("provider-gcp"),
        QStringLiteral("provider-azure"),
        QStringLiteral("state-connected"),
        QStringLiteral("state-sealed"),
        QStringLiteral("state-expired"),
        QStringLiteral("state-offline"),
        QStringLiteral("state-locked"),
        QStringLiteral("refresh"),
        QStringLiteral("new"),
        QStringLiteral("edit"),
        QStringLiteral("rollback"),
        QStringLiteral("rotate"),
        QStringLiteral("delete"),
        QStringLiteral("reveal"),
        QStringLiteral("hide"),
        QStringLiteral("copy"),
        QStringLiteral("diff"),
        QStringLiteral("lock"),
        QStringLiteral("unseal"),
        QStringLiteral("break-glass"),
        QStringLiteral("search"),
        QStringLiteral("folder"),
        QStringLiteral("secret"),
    };
    return names;
}

} // namespace

class IconsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { Q_INIT_RESOURCE(resources); }

    void everyIconRendersFromResources_data() {
        QTest::addColumn<QString>("name");
        for (const QString& name : expectedIcons()) {
            QTest::newRow(qPrintable(name)) << name;
        }
    }

    void everyIconRendersFromResources() {
        QFETCH(QString, name);
        const QString path = QStringLiteral(":/icons/%1.svg").arg(name);
        QVERIFY2(QFile::exists(path), qPrintable(path));
        QSvgRenderer renderer(path);
        QVERIFY2(renderer.isValid(), qPrintable(path));
        QImage image(48, 48, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        renderer.render(&painter);
        painter.end();
        int painted = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                painted += qAlpha(image.pixel(x, y)) > 0 ? 1 : 0;
            }
        }
        // Something visible, and not a filled square hiding a broken drawing.
        QVERIFY2(painted > 48 && painted < 48 * 48, qPrintable(QString::number(painted)));
    }

    void noIconFileIsLeftOutOfTheResourceFile() {
        const QString root = qEnvironmentVariable("STRONGROOM_SOURCE_DIR");
        QVERIFY(!root.isEmpty());
        const QStringList files =
            QDir(root + QStringLiteral("/resources/icons")).entryList({QStringLiteral("*.svg")});
        QVERIFY(!files.isEmpty());
        for (const QString& file : files) {
            QVERIFY2(QFile::exists(QStringLiteral(":/icons/") + file), qPrintable(file));
        }
    }
};

QTEST_MAIN(IconsTest)
#include "test_icons.moc"
