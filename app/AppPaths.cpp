#include "AppPaths.h"

#include <QDir>
#include <QFile>

namespace strongroom {

namespace {

// XDG base directory spec: use the variable when it is an absolute path, else the default.
QString xdgDir(const char* variable, const QString& homeRelativeDefault) {
    const QString value = qEnvironmentVariable(variable);
    if (!value.isEmpty() && QDir::isAbsolutePath(value)) {
        return value;
    }
    return QDir::homePath() + QLatin1Char('/') + homeRelativeDefault;
}

bool makeOwnerOnlyDir(const QString& path) {
    if (!QDir().mkpath(path)) {
        return false;
    }
    return QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

} // namespace

AppPaths::AppPaths(QString configDir, QString dataDir, QString stateDir)
    : m_configDir(std::move(configDir))
    , m_dataDir(std::move(dataDir))
    , m_stateDir(std::move(stateDir)) {}

AppPaths AppPaths::fromEnvironment() {
    const QString home = qEnvironmentVariable("STRONGROOM_HOME");
    if (!home.isEmpty()) {
        return under(home);
    }
    const QString app = QStringLiteral("/strongroom");
    return AppPaths(xdgDir("XDG_CONFIG_HOME", QStringLiteral(".config")) + app,
                    xdgDir("XDG_DATA_HOME", QStringLiteral(".local/share")) + app,
                    xdgDir("XDG_STATE_HOME", QStringLiteral(".local/state")) + app);
}

AppPaths AppPaths::under(const QString& directory) {
    const QString dir = QDir::cleanPath(QDir(directory).absolutePath());
    return AppPaths(dir, dir, dir);
}

bool AppPaths::ensureDirectories() const {
    return makeOwnerOnlyDir(m_configDir) && makeOwnerOnlyDir(m_dataDir) &&
           makeOwnerOnlyDir(m_stateDir);
}

} // namespace strongroom
