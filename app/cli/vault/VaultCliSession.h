#pragma once

#include "Result.h"

#include <QCoroTask>
#include <QString>

namespace strongroom {
class Connection;
class VaultConnector;
} // namespace strongroom

namespace strongroom::cli {

class CliSession;

// The Vault / OpenBao side of a CLI run: the session's Vault connector, and how a saved Vault
// connection opens (the CliProvider's openConnection).
class VaultCliSession {
public:
    static VaultConnector& connector(CliSession& session);

    // A saved Vault connection with the keychain's token; at a terminal, an expired or missing
    // token is replaced by a new sign-in on the spot.
    static QCoro::Task<Result<Connection*>> open(CliSession& session, QString id);
};

} // namespace strongroom::cli
