#pragma once

#include "CliOutput.h"
#include "GlobalOptions.h"
#include "Result.h"

#include <QCoroTask>
#include <QString>

#include <map>
#include <memory>
#include <optional>

namespace strongroom {
class Connection;
class SecretService;
class StoreConnector;
class Workspace;
} // namespace strongroom

namespace strongroom::cli {

// The local store as `store status` and `connections` report it.
struct LocalStoreState {
    bool exists = false;
    QString protection; // "keychain", "passphrase", empty when absent
    QString state;      // a connection state name, "absent", or the error kind that kept it shut
    std::optional<BackendError> error; // why it did not open
};

// What one command invocation works with: the parsed global options, the output, the workspace
// (built on first use, so `--help` and usage errors touch no file) and one connector per store of
// the provider registry. Opens the connection named by --connection: the local store with the
// keychain key or a passphrase from PassphraseSource, a saved connection through the CLI provider
// of its store.
class CliSession {
public:
    explicit CliSession(CliOutput output = CliOutput());
    ~CliSession();

    CliOutput& output() { return m_output; }
    GlobalOptions& options() { return m_options; }

    Workspace& workspace();
    SecretService& secrets();
    // The connector of store `providerId` for this run, made on first use by the provider
    // registry; nullptr for a store this build does not know. A store's own commands cast it to
    // their connector type (app/cli/<store>/).
    StoreConnector* connector(const QString& providerId);

    // The connection named by --connection, opened and unlocked.
    QCoro::Task<Result<Connection*>> openConnection();
    // Connection `id`: the local store, an open connection, or a saved one opened by its store.
    QCoro::Task<Result<Connection*>> openConnection(QString id);
    // The local store, opened and unlocked (keychain key or passphrase).
    QCoro::Task<Result<Connection*>> openLocalStore();
    // Opens the store only when that needs no prompt (keychain key, or a passphrase source was
    // given); a passphrase store without one is reported as locked.
    QCoro::Task<LocalStoreState> describeLocalStore();

private:
    CliOutput m_output;
    GlobalOptions m_options;
    std::unique_ptr<Workspace> m_workspace;
    // Declared after the workspace, so they go first: a connector holds a pointer to it.
    std::map<QString, std::unique_ptr<StoreConnector>> m_connectors;
};

} // namespace strongroom::cli
