#pragma once

#include "ConnectionSettings.h"

#include <QCoroTask>
#include <QString>

#include <optional>

namespace strongroom {

class Workspace;

// What the provider connectors (AWS, Vault) do alike with the workspace: audit lines, finding a
// saved connection of their provider, and closing a connection on log out.

// One audit line (never a value); nothing when the workspace or its log is gone.
QCoro::Task<void> auditConnection(Workspace* workspace, QString connectionId, QString action,
                                  QString result, QString detail);

// The saved settings of `connectionId` if it is a `providerId` connection. Otherwise nullopt with
// "connection '<id>' is not <article name> connection (<provider>)" or "no <name> connection
// '<id>'" in `error`; `article` is "a" or "an".
std::optional<ConnectionSettings> savedConnectionOf(const Workspace& workspace,
                                                    const QString& connectionId,
                                                    const QString& providerId, const QString& name,
                                                    const QString& article, QString* error);

// Closes the open connection; its saved settings stay (a plain log out) unless `forget`.
void closeConnection(Workspace& workspace, const QString& connectionId, bool forget);

} // namespace strongroom
