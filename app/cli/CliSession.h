#pragma once

#include "CliOutput.h"
#include "GlobalOptions.h"
#include "Result.h"

#include <QCoroTask>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace strongroom {
class AwsConnector;
class Connection;
class SecretService;
class VaultConnector;
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

// What one command invocation works with: the parsed global options, the output, and the
// workspace (built on first use, so `--help` and usage errors touch no file). Opens the
// connection named by --connection, unlocking the local store with the keychain key or a
// passphrase from PassphraseSource.
class CliSession {
public:
    explicit CliSession(CliOutput output = CliOutput());
    ~CliSession();

    CliOutput& output() { return m_output; }
    GlobalOptions& options() { return m_options; }

    Workspace& workspace();
    SecretService& secrets();
    // Vault/OpenBao sign-in and tokens for this run (built on first use).
    VaultConnector& vaultConnector();
    // AWS Secrets Manager keys, roles and sessions for this run (built on first use).
    AwsConnector& awsConnector();

    // The connection named by --connection, opened and unlocked.
    QCoro::Task<Result<Connection*>> openConnection();
    // The local store, opened and unlocked (keychain key or passphrase).
    QCoro::Task<Result<Connection*>> openLocalStore();
    // Opens the store only when that needs no prompt (keychain key, or a passphrase source was
    // given); a passphrase store without one is reported as locked.
    QCoro::Task<LocalStoreState> describeLocalStore();

    // A saved Vault connection with the keychain's token; at a terminal, an expired or missing
    // token is replaced by a new sign-in on the spot.
    QCoro::Task<Result<Connection*>> openVaultConnection(QString id);
    // A saved AWS connection, signed in again from its keychain keys, the environment or its
    // profile; a role that needs MFA takes --mfa-code or asks at a terminal.
    QCoro::Task<Result<Connection*>> openAwsConnection(QString id);
    // Runs `attempt` with --mfa-code; when it fails for want of an MFA code and stdin is a
    // terminal, asks for the code and runs it once more.
    QCoro::Task<Result<Connection*>>
    withMfaCode(QString id, std::function<QCoro::Task<Result<Connection*>>(QString)> attempt);

private:
    CliOutput m_output;
    GlobalOptions m_options;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<VaultConnector> m_vault; // declared after the workspace: goes first
    std::unique_ptr<AwsConnector> m_aws;
};

} // namespace strongroom::cli
