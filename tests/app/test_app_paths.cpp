#include "AppPaths.h"
#include "AppSettings.h"
#include "IsolatedHome.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strongroom;

class TestAppPaths : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void followsXdgDirectories() {
        IsolatedHome home;
        qunsetenv("STRONGROOM_HOME");
        const auto paths = AppPaths::fromEnvironment();
        QCOMPARE(paths.configFile(), home.configDir() + "/strongroom/strongroom.conf");
        QCOMPARE(paths.localStoreFile(), home.dataDir() + "/strongroom/local.strongroom");
        QCOMPARE(paths.auditLogFile(), home.stateDir() + "/strongroom/audit.jsonl");
        QVERIFY(paths.ensureDirectories());
        // Owner-only: no group or other bits (QFile's "User" bits mirror the owner's for us).
        const auto others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                            QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
        for (const QString& dir : {paths.stateDir(), paths.dataDir(), paths.configDir()}) {
            const auto permissions = QFileInfo(dir).permissions();
            QVERIFY2(!(permissions & others), qPrintable(dir));
            QVERIFY(permissions.testFlags(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        }
        QVERIFY(QFileInfo(paths.dataDir()).isDir());
    }

    void defaultsUnderHomeWithoutXdgVariables() {
        IsolatedHome home;
        qunsetenv("STRONGROOM_HOME");
        qunsetenv("XDG_STATE_HOME");
        qputenv("XDG_CONFIG_HOME", "relative/ignored"); // the spec says: absolute paths only
        const auto paths = AppPaths::fromEnvironment();
        QCOMPARE(paths.auditLogFile(), home.path() + "/.local/state/strongroom/audit.jsonl");
        QCOMPARE(paths.configFile(), home.path() + "/.config/strongroom/strongroom.conf");
    }

    void strongroomHomeOverridesEverything() {
        IsolatedHome home;
        QTemporaryDir override;
        qputenv("STRONGROOM_HOME", override.path().toUtf8());
        const auto paths = AppPaths::fromEnvironment();
        qunsetenv("STRONGROOM_HOME");
        QCOMPARE(paths.configFile(), override.path() + "/strongroom.conf");
        QCOMPARE(paths.localStoreFile(), override.path() + "/local.strongroom");
        QCOMPARE(paths.auditLogFile(), override.path() + "/audit.jsonl");
    }

    void settingsHaveDefaultsAndSignalChanges() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("strongroom.conf"));
        {
            AppSettings settings(file);
            QCOMPARE(settings.clipboardClearSeconds(), 30);
            QCOMPARE(settings.revealSeconds(), 20);
            QCOMPARE(settings.idleLockMinutes(), 5);
            QSignalSpy clipboard(&settings, &AppSettings::clipboardClearSecondsChanged);
            QSignalSpy idle(&settings, &AppSettings::idleLockMinutesChanged);
            settings.setClipboardClearSeconds(45);
            settings.setClipboardClearSeconds(45); // no change, no signal
            settings.setIdleLockMinutes(0);
            QCOMPARE(clipboard.count(), 1);
            QCOMPARE(clipboard.first().first().toInt(), 45);
            QCOMPARE(idle.count(), 1);
            settings.setConnections({{QStringLiteral("vault-prod"),
                                      QStringLiteral("Vault prod"),
                                      QStringLiteral("vault"),
                                      {{QStringLiteral("address"),
                                        QStringLiteral("https://vault.example.invalid:8200")}}}});
            settings.sync();
        }
        AppSettings reopened(file);
        QCOMPARE(reopened.clipboardClearSeconds(), 45);
        QCOMPARE(reopened.idleLockMinutes(), 0);
        const auto connections = reopened.connections();
        QCOMPARE(connections.size(), 1);
        QCOMPARE(connections[0].providerId, QStringLiteral("vault"));
        QCOMPARE(connections[0].options.value(QStringLiteral("address")).toString(),
                 QStringLiteral("https://vault.example.invalid:8200"));
    }

    void handEditedNegativeValueFallsBackToDefault() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("strongroom.conf"));
        QFile raw(file);
        QVERIFY(raw.open(QIODevice::WriteOnly));
        raw.write("[ui]\nrevealSeconds=-4\n");
        raw.close();
        AppSettings settings(file);
        QCOMPARE(settings.revealSeconds(), 20);
    }
};

QTEST_GUILESS_MAIN(TestAppPaths)
#include "test_app_paths.moc"
