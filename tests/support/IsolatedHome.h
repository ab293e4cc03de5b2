#pragma once

#include <QString>
#include <QTemporaryDir>

// Points HOME and the XDG config/data/state dirs at a fresh temporary folder for one test, so
// tests never touch the developer's real settings, store or audit log, and so a test can read
// back every file the app wrote.
class IsolatedHome {
public:
    IsolatedHome();
    ~IsolatedHome();

    QString path() const { return m_dir.path(); }
    QString configDir() const;
    QString dataDir() const;
    QString stateDir() const;
    // Every regular file written below the isolated home, concatenated (for "no secret on disk"
    // checks).
    QByteArray allFileContents() const;

private:
    QTemporaryDir m_dir;
    QByteArray m_oldHome, m_oldConfig, m_oldData, m_oldState;
};
