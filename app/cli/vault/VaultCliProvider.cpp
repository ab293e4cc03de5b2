#include "VaultCliProvider.h"

#include "CliCommand.h"
#include "GenerateRootCommand.h"
#include "InitCommand.h"
#include "SealCommand.h"
#include "SealStatusCommand.h"
#include "UnsealCommand.h"
#include "VaultCliSession.h"
#include "VaultConnectCommand.h"
#include "VaultLoginCommand.h"
#include "VaultLogoutCommand.h"
#include "VaultMountsCommand.h"
#include "VaultTokenCommand.h"

namespace strongroom::cli {

CliProvider vaultCliProvider() {
    CliProvider provider;
    provider.providerId = QStringLiteral("vault");
    provider.makeCommands = [] {
        std::vector<std::unique_ptr<CliCommand>> commands;
        commands.push_back(std::make_unique<VaultConnectCommand>());
        commands.push_back(std::make_unique<VaultLoginCommand>());
        commands.push_back(std::make_unique<VaultLogoutCommand>());
        commands.push_back(std::make_unique<VaultTokenCommand>());
        commands.push_back(std::make_unique<VaultMountsCommand>());
        // The operator ceremonies (they talk to a server address, not to a saved connection).
        commands.push_back(std::make_unique<SealStatusCommand>());
        commands.push_back(std::make_unique<InitCommand>());
        commands.push_back(std::make_unique<UnsealCommand>());
        commands.push_back(std::make_unique<SealCommand>());
        commands.push_back(std::make_unique<GenerateRootCommand>());
        return commands;
    };
    provider.openConnection = [](CliSession& session, QString id) {
        return VaultCliSession::open(session, std::move(id));
    };
    return provider;
}

} // namespace strongroom::cli
