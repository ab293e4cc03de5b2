#pragma once

#include <QString>

namespace strongroom {

// Where Strongroom keeps its files. By default the XDG locations:
//   config  $XDG_CONFIG_HOME/strongroom/strongroom.conf   (QSettings, never a secret)
//   data    $XDG_DATA_HOME/strongroom/local.strongroom     (the encrypted local store)
//   state   $XDG_STATE_HOME/strongroom/audit.jsonl         (the audit log)
// With STRONGROOM_HOME set, all three live directly in that one directory, so tests and scripted
// CLI use can point everything at a throwaway folder.
class AppPaths {
public:
    // Reads STRONGROOM_HOME, then the XDG variables (with their spec defaults under $HOME).
    static AppPaths fromEnvironment();
    // Everything in `directory`, as STRONGROOM_HOME would.
    static AppPaths under(const QString& directory);

    QString configFile() const { return m_configDir + QStringLiteral("/strongroom.conf"); }
    QString configDir() const { return m_configDir; }
    QString dataDir() const { return m_dataDir; }
    QString localStoreFile() const { return m_dataDir + QStringLiteral("/local.strongroom"); }
    QString stateDir() const { return m_stateDir; }
    QString auditLogFile() const { return m_stateDir + QStringLiteral("/audit.jsonl"); }

    // Creates the three directories, readable by the owner only. False if one cannot be made.
    bool ensureDirectories() const;

private:
    AppPaths(QString configDir, QString dataDir, QString stateDir);

    QString m_configDir;
    QString m_dataDir;
    QString m_stateDir;
};

} // namespace strongroom
