#pragma once

#include "AwsSecretDescription.h"
#include "Result.h"
#include "SecretRef.h"

#include <QCoroTask>
#include <QPointer>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace strongroom {

class SecretsManagerBackend;

// What the parts of SecretsManagerBackend (reading, writing, deletion, rotation) share: the name
// check and the calls that outlive the backend safely. Each call takes the backend as a QPointer
// and answers Cancelled when it went while the call ran, so the caller never touches a dead
// object after resuming.
namespace secretsmanager {

// InvalidInput for an empty name or a folder ("app/"): every call names one secret.
std::optional<BackendError> checkName(const SecretRef& ref);
QCoro::Task<Result<AwsSecretDescription>> describeWhileOpen(QPointer<SecretsManagerBackend> self,
                                                            SecretRef ref);
// One writing call for `name` (ClientRequestToken `token` when the call takes one).
QCoro::Task<Result<nlohmann::json>> callWrite(QPointer<SecretsManagerBackend> self,
                                              QString operation, nlohmann::json params,
                                              QString name, QString token = {});
// callWrite for the calls whose reply says nothing beyond success.
QCoro::Task<Status> callWriteDone(QPointer<SecretsManagerBackend> self, QString operation,
                                  nlohmann::json params, QString name);

} // namespace secretsmanager
} // namespace strongroom
