#pragma once

#include "Result.h"
#include "SecretBytes.h"
#include "ShareSource.h"
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
// without echo, or stdin one per line), and the connection the ceremonies' audit lines name. The
// ceremonies themselves (and their audit) are the app/vault services the window drives too.
class SealTarget {
public:
    static void addOptions(CommandParser& parser);
    // The node from --address/--ca-file; nullopt with the reason in `error`.
    static std::optional<VaultEndpoint> endpoint(const CommandParser& parser, QString* error);

    // The `index`-th share: typed without echo at a terminal, else the next line of stdin.
    // NotFound at end of input.
    static QCoro::Task<Result<SecretBytes>> readShare(int index, QString what);
    // readShare() as a ceremony's share source.
    static ShareSource shareSource(QString what);

    // A token for authenticated calls: --token-stdin (first line of stdin) or the keychain entry
    // of the saved Vault connection named by --connection. Empty when neither was given.
    static QCoro::Task<Result<SecretBytes>> token(CliSession& session, bool fromStdin);

    // The connection the audit log names: the saved connection given with --connection (the
    // id the window's audit lines use for the same node), else the node's address.
    static QString auditName(CliSession& session, const VaultEndpoint& endpoint);
    // The node's address as messages show it ("https://host:8200").
    static QString address(const VaultEndpoint& endpoint);

    static QString describe(const VaultSealStatus& status);

    // --cluster and --node (repeatable) for the commands that can act on every node.
    static void addClusterOptions(CommandParser& parser);
    static bool clusterWanted(const CommandParser& parser);
    // The other nodes: --node values and those remembered with the saved Vault connection named
    // by --connection.
    static QStringList clusterNodes(CliSession& session, const CommandParser& parser);
};

} // namespace strongroom::cli
