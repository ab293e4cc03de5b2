#include "SecretsManagerCalls.h"

#include "SecretsManagerBackend.h"

#include <QCoreApplication>

namespace strongroom::secretsmanager {

namespace {

using Kind = BackendError::Kind;
using json = nlohmann::json;

QString tr(const char* text) {
    return QCoreApplication::translate("SecretsManagerBackend", text);
}

} // namespace

std::optional<BackendError> checkName(const SecretRef& ref) {
    if (ref.path.isEmpty() || ref.path.endsWith(QLatin1Char('/'))) {
        return BackendError(Kind::InvalidInput,
                            tr("\"%1\" is not a secret name (a folder or empty)").arg(ref.path));
    }
    return std::nullopt;
}

QCoro::Task<Result<AwsSecretDescription>> describeWhileOpen(QPointer<SecretsManagerBackend> self,
                                                            SecretRef ref) {
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    auto describing = self->describe(std::move(ref));
    auto described = co_await std::move(describing);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    co_return described;
}

QCoro::Task<Result<json>> callWrite(QPointer<SecretsManagerBackend> self, QString operation,
                                    json params, QString name, QString token) {
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    auto calling = self->call(std::move(operation), std::move(params), AwsJsonClient::Safety::Write,
                              std::move(name), std::move(token));
    auto reply = co_await std::move(calling);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    co_return reply;
}

QCoro::Task<Status> callWriteDone(QPointer<SecretsManagerBackend> self, QString operation,
                                  json params, QString name) {
    auto calling = callWrite(self, std::move(operation), std::move(params), std::move(name));
    auto reply = co_await std::move(calling);
    if (!reply) {
        co_return reply.error();
    }
    co_return Done{};
}

} // namespace strongroom::secretsmanager
