#include "VaultConnectCommand.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "Connection.h"
#include "CredentialStore.h"
#include "VaultCliSession.h"
#include "VaultConnector.h"
#include "VaultEnvironment.h"
#include "VaultSecretInput.h"
#include "VaultTokenReport.h"
#include "Workspace.h"

namespace strongroom::cli {

namespace {
const QString kAddress = QStringLiteral("address");
const QString kNamespace = QStringLiteral("namespace");
const QString kCaFile = QStringLiteral("ca-file");
const QString kAuth = QStringLiteral("auth");
const QString kAuthMount = QStringLiteral("auth-mount");
const QString kUsername = QStringLiteral("username");
const QString kRoleId = QStringLiteral("role-id");
const QString kRole = QStringLiteral("role");
const QString kFromEnv = QStringLiteral("from-env");
const QString kName = QStringLiteral("name");
} // namespace

QString VaultConnectCommand::summary() const {
    return QStringLiteral("Sign in to Vault/OpenBao and save the connection (token in the "
                          "keychain)");
}

QCoro::Task<int> VaultConnectCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(
        name(), QStringLiteral("<id> --address URL [--auth METHOD]"),
        QStringLiteral("Signs in to a Vault or OpenBao server, checks the token (lookup-self), "
                       "keeps it in the OS keychain and saves the connection as <id> for "
                       "--connection <id>. The secret (token, password, secret_id, JWT) is "
                       "typed without echo, or read as one line from stdin; never from the "
                       "command line."));
    parser.addOption({kAddress,
                      QStringLiteral("Server address (https://, or http:// on this "
                                     "machine)."),
                      QStringLiteral("url")});
    parser.addOption({kNamespace, QStringLiteral("Vault namespace."), QStringLiteral("ns")});
    parser.addOption(
        {kCaFile, QStringLiteral("PEM file of a CA to trust."), QStringLiteral("file")});
    parser.addOption({kAuth, QStringLiteral("token (default), userpass, ldap, approle or jwt."),
                      QStringLiteral("method")});
    parser.addOption({kAuthMount,
                      QStringLiteral("Where the auth method is mounted (default: "
                                     "the method's name)."),
                      QStringLiteral("path")});
    parser.addOption(
        {kUsername, QStringLiteral("User name (userpass, ldap)."), QStringLiteral("user")});
    parser.addOption({kRoleId, QStringLiteral("AppRole role_id."), QStringLiteral("id")});
    parser.addOption({kRole, QStringLiteral("JWT role."), QStringLiteral("role")});
    parser.addOption(
        {kName, QStringLiteral("Display name (default: the id)."), QStringLiteral("text")});
    parser.addOption({kFromEnv, QStringLiteral("Import VAULT_ADDR/BAO_ADDR, *_NAMESPACE, "
                                               "*_CACERT and the token (*_TOKEN, ~/.vault-token, "
                                               "~/.bao-token); options given here win.")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    VaultConnectionSpec spec;
    spec.id = parser.positional().first();
    spec.displayName = parser.isSet(kName) ? parser.value(kName) : spec.id;
    const QString methodId = parser.isSet(kAuth) ? parser.value(kAuth) : QStringLiteral("token");
    const auto method = vaultAuthMethodFromId(methodId);
    if (!method) {
        co_return parser.usageError(out, QStringLiteral("unknown --auth '%1'").arg(methodId));
    }
    if (*method == VaultAuthMethod::Oidc) {
        co_return parser.usageError(
            out, QStringLiteral("OIDC signs in through a browser: use the Strongroom window"));
    }
    spec.method = *method;
    VaultCredentials credentials;
    credentials.method = *method;
    if (parser.isSet(kFromEnv)) {
        const auto found = readVaultEnvironment();
        if (!found) {
            co_return out.fail(ExitCode::NotFound,
                               QStringLiteral("--from-env: no VAULT_*/BAO_* variables and no "
                                              "token file found"));
        }
        for (const QString& line : found->describe()) {
            out.line(QStringLiteral("imported %1").arg(line));
        }
        spec.address = found->address;
        spec.nameSpace = found->nameSpace;
        spec.caFile = found->caFile;
        if (*method == VaultAuthMethod::Token) {
            credentials.secret = found->token;
        }
    }
    if (parser.isSet(kAddress)) {
        spec.address = parser.value(kAddress);
    }
    if (parser.isSet(kNamespace)) {
        spec.nameSpace = parser.value(kNamespace);
    }
    if (parser.isSet(kCaFile)) {
        spec.caFile = parser.value(kCaFile);
    }
    spec.authMount = parser.value(kAuthMount);
    spec.username = parser.value(kUsername);
    spec.roleId = parser.value(kRoleId);
    spec.role = parser.value(kRole);
    if (spec.address.isEmpty()) {
        co_return parser.usageError(out, QStringLiteral("--address is needed"));
    }
    if (const QString problem = spec.validate(); !problem.isEmpty()) {
        co_return parser.usageError(out, problem);
    }
    if (credentials.secret.isEmpty()) {
        auto reading = VaultSecretInput::read(*method, spec.username);
        auto secret = co_await std::move(reading);
        if (!secret) {
            co_return out.fail(secret.error());
        }
        credentials.secret = std::move(secret.value());
    }
    auto connecting = VaultCliSession::connector(session).connectNew(spec, std::move(credentials));
    auto connected = co_await std::move(connecting);
    if (!connected) {
        co_return out.fail(connected.error(), QStringLiteral("vault connect %1").arg(spec.id));
    }
    const auto info = VaultCliSession::connector(session).tokenInfo(spec.id);
    if (session.workspace().credentials()->keychainMissing()) {
        // The token lives in this process only: later commands will need a new login.
        out.note(QStringLiteral("warning: %1; later commands will ask for a login")
                     .arg(CredentialStore::unavailableMessage()));
    }
    if (session.options().json) {
        out.writeJson(VaultTokenReport::toJson(spec.id, info));
    } else {
        out.line(QStringLiteral("connected %1 to %2").arg(spec.id, spec.address));
        if (info) {
            for (const QString& line : VaultTokenReport::lines(*info)) {
                out.line(line);
            }
        }
    }
    co_return 0;
}

} // namespace strongroom::cli
