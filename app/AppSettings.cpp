#include "AppSettings.h"

namespace strongroom {

namespace {
const QString ClipboardKey = QStringLiteral("ui/clipboardClearSeconds");
const QString RevealKey = QStringLiteral("ui/revealSeconds");
const QString IdleLockKey = QStringLiteral("security/idleLockMinutes");
const QString ConnectionsKey = QStringLiteral("connections");
} // namespace

AppSettings::AppSettings(const QString& file, QObject* parent)
    : QObject(parent)
    , m_settings(file, QSettings::IniFormat) {}

int AppSettings::readInt(const QString& key, int fallback) const {
    bool ok = false;
    const int value = m_settings.value(key, fallback).toInt(&ok);
    // A hand-edited negative or non-numeric value falls back rather than disabling a timer.
    return ok && value >= 0 ? value : fallback;
}

bool AppSettings::writeInt(const QString& key, int value) {
    const int clamped = qMax(0, value);
    if (m_settings.contains(key) && m_settings.value(key).toInt() == clamped) {
        return false;
    }
    m_settings.setValue(key, clamped);
    return true;
}

int AppSettings::clipboardClearSeconds() const {
    return readInt(ClipboardKey, DefaultClipboardClearSeconds);
}

void AppSettings::setClipboardClearSeconds(int seconds) {
    const int before = clipboardClearSeconds();
    if (writeInt(ClipboardKey, seconds) && clipboardClearSeconds() != before) {
        Q_EMIT clipboardClearSecondsChanged(clipboardClearSeconds());
    }
}

int AppSettings::revealSeconds() const {
    return readInt(RevealKey, DefaultRevealSeconds);
}

void AppSettings::setRevealSeconds(int seconds) {
    const int before = revealSeconds();
    if (writeInt(RevealKey, seconds) && revealSeconds() != before) {
        Q_EMIT revealSecondsChanged(revealSeconds());
    }
}

int AppSettings::idleLockMinutes() const {
    return readInt(IdleLockKey, DefaultIdleLockMinutes);
}

void AppSettings::setIdleLockMinutes(int minutes) {
    const int before = idleLockMinutes();
    if (writeInt(IdleLockKey, minutes) && idleLockMinutes() != before) {
        Q_EMIT idleLockMinutesChanged(idleLockMinutes());
    }
}

QList<ConnectionSettings> AppSettings::connections() const {
    QList<ConnectionSettings> result;
    auto& settings = m_settings;
    const int count = settings.beginReadArray(ConnectionsKey);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        ConnectionSettings connection;
        connection.id = settings.value(QStringLiteral("id")).toString();
        connection.displayName = settings.value(QStringLiteral("name")).toString();
        connection.providerId = settings.value(QStringLiteral("provider")).toString();
        connection.options = settings.value(QStringLiteral("options")).toMap();
        if (!connection.id.isEmpty()) {
            result.append(connection);
        }
    }
    settings.endArray();
    return result;
}

void AppSettings::setConnections(const QList<ConnectionSettings>& connections) {
    if (connections == this->connections()) {
        return;
    }
    m_settings.remove(ConnectionsKey);
    m_settings.beginWriteArray(ConnectionsKey, static_cast<int>(connections.size()));
    for (int i = 0; i < connections.size(); ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("id"), connections[i].id);
        m_settings.setValue(QStringLiteral("name"), connections[i].displayName);
        m_settings.setValue(QStringLiteral("provider"), connections[i].providerId);
        m_settings.setValue(QStringLiteral("options"), connections[i].options);
    }
    m_settings.endArray();
    Q_EMIT connectionsChanged();
}

void AppSettings::sync() {
    m_settings.sync();
}

} // namespace strongroom
