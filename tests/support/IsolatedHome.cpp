#include "IsolatedHome.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QStandardPaths>

IsolatedHome::IsolatedHome()
    : m_oldHome(qgetenv("HOME"))
    , m_oldConfig(qgetenv("XDG_CONFIG_HOME"))
    , m_oldData(qgetenv("XDG_DATA_HOME"))
    , m_oldState(qgetenv("XDG_STATE_HOME")) {
    QDir(m_dir.path()).mkpath(QStringLiteral(".config"));
    QDir(m_dir.path()).mkpath(QStringLiteral(".local/share"));
    QDir(m_dir.path()).mkpath(QStringLiteral(".local/state"));
    qputenv("HOME", m_dir.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", configDir().toUtf8());
    qputenv("XDG_DATA_HOME", dataDir().toUtf8());
    qputenv("XDG_STATE_HOME", stateDir().toUtf8());
    QStandardPaths::setTestModeEnabled(false);
}

IsolatedHome::~IsolatedHome() {
    qputenv("HOME", m_oldHome);
    qputenv("XDG_CONFIG_HOME", m_oldConfig);
    qputenv("XDG_DATA_HOME", m_oldData);
    qputenv("XDG_STATE_HOME", m_oldState);
}

QString IsolatedHome::configDir() const {
    return m_dir.path() + QStringLiteral("/.config");
}
QString IsolatedHome::dataDir() const {
    return m_dir.path() + QStringLiteral("/.local/share");
}
QString IsolatedHome::stateDir() const {
    return m_dir.path() + QStringLiteral("/.local/state");
}

QByteArray IsolatedHome::allFileContents() const {
    QByteArray all;
    QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly)) {
            all += file.readAll();
        }
    }
    return all;
}
