#include "SealTarget.h"

#include "CliSession.h"
#include "CommandParser.h"
#include "CredentialStore.h"
#include "InputReader.h"
#include "TerminalPrompt.h"
#include "VaultCliSession.h"
#include "VaultClusterStatus.h"
#include "VaultConnectionSpec.h"
#include "VaultConnector.h"
#include "Workspace.h"

#include <unistd.h>

namespace strongroom::cli {

namespace {
const QString kAddress = QStringLiteral("address");
const QString kCaFile = QStringLiteral("ca-file");
const QString kCluster = QStringLiteral("cluster");
const QString kNode = QStringLiteral("node");
} // namespace

void SealTarget::addOptions(CommandParser& parser) {
    parser.addOption({kAddress,
                      QStringLiteral("The node's address (https://, or http:// on this machine)."),
                      QStringLiteral("url")});
    parser.addOption({kCaFile,
                      QStringLiteral("PEM file of the CA that signed the node's certificate."),
                      QStringLiteral("file")});
}

std::optional<VaultEndpoint> SealTarget::endpoint(const CommandParser& parser, QString* error) {
    const auto address = parser.value(kAddress).trimmed();
    if (address.isEmpty()) {
        *error = QStringLiteral("--address is needed");
        return std::nullopt;
    }
    const QUrl url(address, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        *error =
            QStringLiteral("--address must be an http:// or https:// URL, not '%1'").arg(address);
        return std::nullopt;
    }
    VaultEndpoint endpoint;
    endpoint.address = url;
    endpoint.http.caFile = parser.value(kCaFile);
    return endpoint;
}

QCoro::Task<Result<SecretBytes>> SealTarget::readShare(int index, QString what) {
    if (TerminalPrompt::isInteractive()) {
        auto asking = TerminalPrompt::askHidden(
            QStringLiteral("%1 %2 (hidden, empty to stop): ").arg(what).arg(index));
        auto typed = co_await std::move(asking);
        if (typed && typed->isEmpty()) {
            co_return BackendError(BackendError::Kind::NotFound, QStringLiteral("no more shares"));
        }
        co_return typed;
    }
    auto reading = InputReader::readLine(STDIN_FILENO);
    auto line = co_await std::move(reading);
    if (line && line->isEmpty()) {
        co_return BackendError(BackendError::Kind::NotFound,
                               QStringLiteral("no more shares on stdin"));
    }
    co_return line;
}

QCoro::Task<Result<SecretBytes>> SealTarget::token(CliSession& session, bool fromStdin) {
    if (fromStdin) {
        auto reading = InputReader::readLine(STDIN_FILENO);
        co_return co_await std::move(reading);
    }
    const auto id = session.options().connection;
    if (id.isEmpty() || id == QLatin1String("local")) {
        co_return SecretBytes();
    }
    auto reading = session.workspace().credentials()->read(VaultConnector::keychainKey(id));
    auto stored = co_await std::move(reading);
    if (!stored) {
        co_return BackendError(stored.error().kind(),
                               QStringLiteral("no token for connection '%1' in the keychain (%2)")
                                   .arg(id, stored.error().detail()));
    }
    co_return stored;
}

ShareSource SealTarget::shareSource(QString what) {
    return [what](int index) {
        return readShare(index, what);
    };
}

QString SealTarget::auditName(CliSession& session, const VaultEndpoint& endpoint) {
    const auto id = session.options().connection;
    if (!id.isEmpty() && id != QLatin1String("local")) {
        return id;
    }
    return address(endpoint);
}

QString SealTarget::address(const VaultEndpoint& endpoint) {
    return VaultClusterStatus::normalized(endpoint.address.toString());
}

QString SealTarget::describe(const VaultSealStatus& status) {
    if (!status.initialized) {
        return QStringLiteral("not initialized");
    }
    if (!status.sealed) {
        return QStringLiteral("unsealed");
    }
    return QStringLiteral("sealed, %1 of %2 shares given")
        .arg(status.progress)
        .arg(status.threshold);
}

void SealTarget::addClusterOptions(CommandParser& parser) {
    parser.addOption({kCluster, QStringLiteral("Every node of the HA cluster: those sys/ha-status "
                                               "lists (with a token) and the --node ones.")});
    parser.addOption({kNode,
                      QStringLiteral("Another node of the cluster (repeat for each; the saved "
                                     "connection's remembered nodes are added)."),
                      QStringLiteral("url")});
}

bool SealTarget::clusterWanted(const CommandParser& parser) {
    return parser.isSet(kCluster);
}

QStringList SealTarget::clusterNodes(CliSession& session, const CommandParser& parser) {
    QStringList nodes = parser.values(kNode);
    const auto id = session.options().connection;
    if (!id.isEmpty() && id != QLatin1String("local")) {
        if (const auto spec = VaultCliSession::connector(session).spec(id)) {
            nodes += spec->clusterNodes;
        }
    }
    return nodes;
}

} // namespace strongroom::cli
