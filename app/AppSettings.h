#pragma once

#include "ConnectionSettings.h"

#include <QList>
#include <QObject>
#include <QSettings>
#include <QString>

namespace strongroom {

// The operator's preferences and the list of saved (non-local) connections, in a QSettings INI
// file. Nothing secret is ever stored here: credentials go to CredentialStore.
class AppSettings : public QObject {
    Q_OBJECT
public:
    explicit AppSettings(const QString& file, QObject* parent = nullptr);

    // How long a copied value stays on the clipboard (0 = until replaced).
    int clipboardClearSeconds() const;
    void setClipboardClearSeconds(int seconds);
    // How long a revealed value stays visible before it is masked again.
    int revealSeconds() const;
    void setRevealSeconds(int seconds);
    // Minutes without input before the workspace locks (0 = never).
    int idleLockMinutes() const;
    void setIdleLockMinutes(int minutes);

    QList<ConnectionSettings> connections() const;
    void setConnections(const QList<ConnectionSettings>& connections);

    QString fileName() const { return m_settings.fileName(); }
    // Writes pending changes to disk now (QSettings otherwise writes lazily).
    void sync();

    static constexpr int DefaultClipboardClearSeconds = 30;
    static constexpr int DefaultRevealSeconds = 20;
    static constexpr int DefaultIdleLockMinutes = 5;

Q_SIGNALS:
    void clipboardClearSecondsChanged(int seconds);
    void revealSecondsChanged(int seconds);
    void idleLockMinutesChanged(int minutes);
    void connectionsChanged();

private:
    int readInt(const QString& key, int fallback) const;
    bool writeInt(const QString& key, int value);

    // mutable: reading an array moves QSettings' group cursor, even in a const getter.
    mutable QSettings m_settings;
};

} // namespace strongroom
