#include "AwsRestoreCommand.h"

#include "AwsAdminTarget.h"
#include "SecretsManagerAdmin.h"

namespace strongroom::cli {

QString AwsRestoreCommand::summary() const {
    return QStringLiteral("Cancel an AWS secret's scheduled deletion");
}

QCoro::Task<int> AwsRestoreCommand::run(CliSession& session, QStringList arguments) {
    auto running = AwsAdminTarget::runCall(
        session, std::move(arguments),
        AwsAdminCall{name(),
                     QStringLiteral("RestoreSecret: a secret scheduled for deletion (see "
                                    "`aws deleted`) becomes usable again, with all its "
                                    "versions."),
                     QStringLiteral("aws-restore"), QStringLiteral("restore"),
                     QStringLiteral("%1 restored"), [](SecretsManagerAdmin& admin, SecretRef ref) {
                         return admin.restore(std::move(ref));
                     }});
    co_return co_await std::move(running);
}

} // namespace strongroom::cli
