#pragma once

#include "Capabilities.h"
#include "SecretRef.h"
#include "StoreVerbCommand.h"

#include <QCoroTask>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QPointer>
#include <QString>

#include <optional>

namespace strongroom {
class Connection;
}

namespace strongroom::cli {

class CliOutput;

// The connection a generic verb works on, or the exit code that stopped it (already printed).
struct VerbConnection {
    QPointer<Connection> connection;
    std::optional<int> exit;
};

// What every generic verb does before it calls a service: open --connection (after the alias's
// check), see that the store has the capability, and say so in one line when it has not.
class StoreVerbTarget {
public:
    // Opens the connection and checks that its store can do `needed`.
    static QCoro::Task<VerbConnection> open(CliSession& session, VerbInvocation invocation,
                                            Capability needed);

    // When the store lacks `capability`: "<store> cannot <capability> (connection '<id>'):
    // nothing was sent[; why]" on stderr, and exit code 1; `why` defaults to the store's own
    // reason (Capabilities::whyNot). nullopt when it has it.
    static std::optional<int> refuseUnless(const CliOutput& out, const Connection& connection,
                                           Capability capability, const QString& why = {});
    static int refuse(const CliOutput& out, const Connection& connection, Capability capability,
                      const QString& why = {});

    // The store's display name from the provider registry ("Vault / OpenBao"); the connection's
    // own name for a store the registry does not list (the local store).
    static QString storeName(const Connection& connection);

    // `{"connection", "path", "action", "result": "ok"}` plus `extra`: the --json answer of a
    // verb that changes one secret; `action` is the audit action the service wrote.
    static QJsonObject json(const QString& connectionId, const QString& path, const QString& action,
                            const QJsonObject& extra = {});
    // ISO 8601 in UTC, or null when the store does not say.
    static QJsonValue jsonTime(const QDateTime& time);
    // ISO 8601 in UTC, or "-" when the store does not say.
    static QString timeText(const QDateTime& time);
};

} // namespace strongroom::cli
