#pragma once

#include "Result.h"
#include "SecretBytes.h"
#include "VaultEndpoint.h"
#include "VaultSealStatus.h"

#include <QCoroTask>
#include <QString>

#include <optional>

namespace strongroom::cli {

class CliSession;
class CommandParser;

// What the operator ceremony commands (seal-status, init, unseal, seal, generate-root) share:
// the node they talk to (--address, --ca-file), where shares and tokens come from (a terminal
// without echo, or stdin one per line), and the audit line each state change leaves (never a
// share or a token).
class SealTarget {
public:
    static void addOptions(CommandParser& parser);
    // The node from --address/--ca-file; nullopt with the reason in `error`.
    static std::optional<VaultEndpoint> endpoint(const CommandParser& parser, QString* error);

    // The `index`-th share: typed without echo at a terminal, else the next line of stdin.
    // NotFound at end of input.
    static QCoro::Task<Result<SecretBytes>> readShare(int index, QString what);

    // A token for authenticated calls: --token-stdin (first line of stdin) or the keychain entry
    // of the saved Vault connection named by --connection. Empty when neither was given.
    static QCoro::Task<Result<SecretBytes>> token(CliSession& session, bool fromStdin);

    static QCoro::Task<void> audit(CliSession& session, QString address, QString action,
                                   QString result, QString detail);

    static QString describe(const VaultSealStatus& status);

    // --cluster and --node (repeatable) for the commands that can act on every node.
    static void addClusterOptions(CommandParser& parser);
    static bool clusterWanted(const CommandParser& parser);
    // The other nodes: --node values and those remembered with the saved Vault connection named
    // by --connection.
    static QStringList clusterNodes(CliSession& session, const CommandParser& parser);
};

} // namespace strongroom::cli
