#pragma once

#include <QString>

// The one vocabulary of audit actions (AUDIT_ACTIONS.md beside this file explains each). The GUI
// and the CLI write the same word for the same action, because both go through the app/ services
// that use these constants; no front end spells an action itself.
namespace strongroom::actions {

// Values
inline QString read() {
    return QStringLiteral("read");
}
inline QString reveal() {
    return QStringLiteral("reveal");
}
inline QString copy() {
    return QStringLiteral("copy");
}
inline QString compare() {
    return QStringLiteral("compare");
}
inline QString previewRollback() {
    return QStringLiteral("preview-rollback");
}

// Changes to one secret
inline QString write() {
    return QStringLiteral("write");
}
inline QString seed() {
    return QStringLiteral("seed");
}
inline QString rollback() {
    return QStringLiteral("rollback");
}
inline QString undoRollback() {
    return QStringLiteral("undo-rollback");
}
inline QString deleteVersions() {
    return QStringLiteral("delete-versions");
}
inline QString undeleteVersions() {
    return QStringLiteral("undelete-versions");
}
inline QString destroyVersions() {
    return QStringLiteral("destroy-versions");
}
inline QString enableVersions() {
    return QStringLiteral("enable-versions");
}
inline QString disableVersions() {
    return QStringLiteral("disable-versions");
}
inline QString moveLabel() {
    return QStringLiteral("move-label");
}
inline QString updateMetadata() {
    return QStringLiteral("update-metadata");
}

// Deletion of a whole secret and the bin
inline QString deleteSecret() {
    return QStringLiteral("delete-secret");
}
inline QString listDeleted() {
    return QStringLiteral("list-deleted");
}
inline QString restoreSecret() {
    return QStringLiteral("restore-secret");
}
inline QString purgeSecret() {
    return QStringLiteral("purge-secret");
}

// Rotation
inline QString showRotation() {
    return QStringLiteral("show-rotation");
}
inline QString rotate() {
    return QStringLiteral("rotate");
}
inline QString configureRotation() {
    return QStringLiteral("configure-rotation");
}
inline QString disableRotation() {
    return QStringLiteral("disable-rotation");
}
inline QString clearStuckRotation() {
    return QStringLiteral("clear-stuck-rotation");
}

// Connections and credentials (every store)
inline QString connect() {
    return QStringLiteral("connect");
}
inline QString reconnect() {
    return QStringLiteral("reconnect");
}
inline QString login() {
    return QStringLiteral("login");
}
inline QString renew() {
    return QStringLiteral("renew");
}
inline QString assumeRole() {
    return QStringLiteral("assume-role");
}
inline QString credentialsExpired() {
    return QStringLiteral("credentials-expired");
}
inline QString logout() {
    return QStringLiteral("logout");
}

// Operator ceremonies (stores that have them: Vault / OpenBao)
inline QString initialize() {
    return QStringLiteral("init");
}
inline QString initRootToken() {
    return QStringLiteral("init-root-token");
}
inline QString initHandout() {
    return QStringLiteral("init-handout");
}
inline QString unseal() {
    return QStringLiteral("unseal");
}
inline QString unsealReset() {
    return QStringLiteral("unseal-reset");
}
inline QString seal() {
    return QStringLiteral("seal");
}
inline QString generateRoot() {
    return QStringLiteral("generate-root");
}
inline QString rootToken() {
    return QStringLiteral("root-token");
}

} // namespace strongroom::actions
