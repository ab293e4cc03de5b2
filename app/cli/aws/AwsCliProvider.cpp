#include "AwsCliProvider.h"

#include "AwsCliSession.h"
#include "AwsConnectCommand.h"
#include "AwsConnectionCheck.h"
#include "AwsLogoutCommand.h"
#include "AwsRotateAlias.h"
#include "AwsRotationModeAlias.h"
#include "AwsWhoamiCommand.h"
#include "DeletedCommand.h"
#include "DeleteSecretCommand.h"
#include "RestoreCommand.h"
#include "RotationCommand.h"
#include "VerbAlias.h"

namespace strongroom::cli {

namespace {
// `aws <word>` running the generic verb after checking the connection is an AWS one.
std::unique_ptr<CliCommand> alias(const char* word, std::unique_ptr<StoreVerbCommand> verb) {
    return std::make_unique<VerbAlias>(QStringLiteral("aws ") + QLatin1String(word),
                                       std::move(verb), &AwsConnectionCheck::check);
}
} // namespace

CliProvider awsCliProvider() {
    CliProvider provider;
    provider.providerId = QStringLiteral("aws");
    provider.makeCommands = [] {
        std::vector<std::unique_ptr<CliCommand>> commands;
        commands.push_back(std::make_unique<AwsConnectCommand>());
        commands.push_back(std::make_unique<AwsWhoamiCommand>());
        commands.push_back(std::make_unique<AwsLogoutCommand>());
        // The admin commands of earlier releases, now aliases of the generic verbs.
        commands.push_back(alias("rotation", std::make_unique<RotationCommand>()));
        commands.push_back(std::make_unique<AwsRotateAlias>());
        commands.push_back(
            std::make_unique<AwsRotationModeAlias>(AwsRotationModeAlias::cancelRotation()));
        commands.push_back(
            std::make_unique<AwsRotationModeAlias>(AwsRotationModeAlias::clearPending()));
        commands.push_back(alias("delete", std::make_unique<DeleteSecretCommand>()));
        commands.push_back(alias("restore", std::make_unique<RestoreCommand>()));
        commands.push_back(alias("deleted", std::make_unique<DeletedCommand>()));
        return commands;
    };
    provider.openConnection = [](CliSession& session, QString id) {
        return AwsCliSession::open(session, std::move(id));
    };
    return provider;
}

} // namespace strongroom::cli
