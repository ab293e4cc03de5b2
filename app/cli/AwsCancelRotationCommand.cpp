#include "AwsCancelRotationCommand.h"

#include "AwsAdminTarget.h"
#include "SecretsManagerAdmin.h"

namespace strongroom::cli {

QString AwsCancelRotationCommand::summary() const {
    return QStringLiteral("Turn an AWS secret's automatic rotation off");
}

QCoro::Task<int> AwsCancelRotationCommand::run(CliSession& session, QStringList arguments) {
    auto running = AwsAdminTarget::runCall(
        session, std::move(arguments),
        AwsAdminCall{name(),
                     QStringLiteral("CancelRotateSecret: turns automatic rotation off. A "
                                    "rotation already under way may leave AWSPENDING on a "
                                    "version; see `aws rotation` and `aws clear-pending`."),
                     QStringLiteral("aws-rotation-cancel"), QStringLiteral("cancel-rotation"),
                     QStringLiteral("automatic rotation of %1 is off"),
                     [](SecretsManagerAdmin& admin, SecretRef ref) {
                         return admin.cancelRotation(std::move(ref));
                     }});
    co_return co_await std::move(running);
}

} // namespace strongroom::cli
