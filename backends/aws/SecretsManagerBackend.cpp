#include "SecretsManagerBackend.h"

#include "JsonWipe.h"
#include "SecretsManagerApi.h"
#include "SecretsManagerCalls.h"
#include "SecretsManagerFolderListing.h"

#include <QCoreApplication>

#include <algorithm>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
using Safety = AwsJsonClient::Safety;
using json = nlohmann::json;
namespace sm = secretsmanager;
using sm::checkName;

const QString awsCurrent = QStringLiteral("AWSCURRENT");
constexpr int awsPageLimit = 100;

QString tr(const char* text) {
    return QCoreApplication::translate("SecretsManagerBackend", text);
}

std::string utf8(const QString& text) {
    return text.toStdString();
}

// A server that hands back the token it was given would keep a paging loop going for ever.
BackendError repeatedToken(const QString& operation) {
    return BackendError(Kind::InvalidResponse,
                        tr("Secrets Manager %1 returned the same NextToken twice").arg(operation));
}

bool codeIs(const BackendError& error, const char* code) {
    return error.detail().startsWith(QLatin1String(code));
}

} // namespace

SecretsManagerBackend::SecretsManagerBackend(AwsEndpoint endpoint, QObject* parent)
    : SecretBackend(parent)
    , m_client(new AwsJsonClient(std::move(endpoint), QByteArrayLiteral("secretsmanager"),
                                 QByteArrayLiteral("secretsmanager"), this))
    , m_listing(std::make_unique<SecretsManagerFolderListing>()) {}

SecretsManagerBackend::~SecretsManagerBackend() = default;

const AwsEndpoint& SecretsManagerBackend::endpoint() const {
    return m_client->endpoint();
}

void SecretsManagerBackend::setCredentials(AwsCredentials credentials, QDateTime expires) {
    m_client->setCredentials(std::move(credentials));
    setCredentialExpiry(std::move(expires));
    setState(ConnectionState::Connected);
}

void SecretsManagerBackend::dropCredentials(ConnectionState state) {
    m_client->clearCredentials();
    m_listing->clear();
    setCredentialExpiry({});
    setState(state);
}

void SecretsManagerBackend::setState(ConnectionState state) {
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

BackendError SecretsManagerBackend::noteError(BackendError error) {
    // Only a refusal of the keys we hold: without keys (locked, logged out) the state stays.
    if (error.kind() == Kind::Unauthenticated && m_client->hasCredentials()) {
        setState(ConnectionState::Expired);
    }
    return error;
}

BackendError SecretsManagerBackend::explain(const BackendError& error, const QString& operation,
                                            const QString& name) const {
    if (name.isEmpty()) {
        return error;
    }
    // RotateSecret also names a Lambda, which may be what is missing: AWS's own words say which.
    if (codeIs(error, "ResourceNotFoundException") && operation != QLatin1String("RotateSecret")) {
        return BackendError(Kind::NotFound,
                            tr("no secret named %1, or no such version of it").arg(name));
    }
    if (codeIs(error, "DecryptionFailure")) {
        return BackendError(Kind::PermissionDenied,
                            tr("Secrets Manager cannot decrypt %1: these credentials lack "
                               "kms:Decrypt on its KMS key, or the key is disabled; AWS says %2")
                                .arg(name, error.detail()));
    }
    if (codeIs(error, "InvalidRequestException") &&
        (error.detail().contains(QLatin1String("marked for deletion"), Qt::CaseInsensitive) ||
         error.detail().contains(QLatin1String("marked deleted"), Qt::CaseInsensitive) ||
         error.detail().contains(QLatin1String("scheduled for deletion"), Qt::CaseInsensitive))) {
        return BackendError(Kind::InvalidInput,
                            tr("%1 is scheduled for deletion; restore it first").arg(name));
    }
    if (codeIs(error, "ResourceExistsException") && operation == QLatin1String("CreateSecret")) {
        return BackendError(Kind::Conflict, tr("a secret named %1 already exists").arg(name));
    }
    return error;
}

QCoro::Task<Result<json>> SecretsManagerBackend::call(QString operation, json params, Safety safety,
                                                      QString name, QString idempotencyKey,
                                                      CancelToken cancel) {
    QPointer<SecretsManagerBackend> self(this);
    auto calling = m_client->call(operation, std::move(params), safety, std::move(idempotencyKey),
                                  std::move(cancel));
    auto reply = co_await std::move(calling);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!reply) {
        co_return noteError(explain(reply.error(), operation, name));
    }
    if (m_state == ConnectionState::Expired || m_state == ConnectionState::Offline) {
        setState(ConnectionState::Connected);
    }
    co_return reply;
}

QCoro::Task<Status> SecretsManagerBackend::check() {
    QPointer<SecretsManagerBackend> self(this);
    auto calling = call(QStringLiteral("ListSecrets"), json{{"MaxResults", 1}}, Safety::Read, {});
    auto reply = co_await std::move(calling);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!reply) {
        co_return reply.error();
    }
    setState(ConnectionState::Connected);
    co_return Done{};
}

Capabilities SecretsManagerBackend::storeCapabilities() const {
    Capabilities caps(Capability::List | Capability::Read | Capability::Write |
                      Capability::Versions | Capability::ReadVersion | Capability::DeleteSecret |
                      Capability::Rollback | Capability::EditMetadata | Capability::BinaryValues |
                      Capability::RecoverableDelete | Capability::ListDeleted |
                      Capability::RestoreSecret | Capability::PurgeSecret | Capability::MoveLabel |
                      Capability::RotationStatus | Capability::Rotate |
                      Capability::ConfigureRotation | Capability::ClearStuckRotation);
    caps.deny(Capability::EnableVersion,
              tr("AWS Secrets Manager versions cannot be disabled: a version without staging "
                 "labels is deprecated instead"));
    const QString keepsEvery = tr("AWS Secrets Manager cannot delete single versions: a version "
                                  "without staging labels is deprecated, and AWS removes old "
                                  "deprecated versions itself");
    for (const auto capability :
         {Capability::DeleteVersion, Capability::UndeleteVersion, Capability::DestroyVersion}) {
        caps.deny(capability, keepsEvery);
    }
    caps.deny(Capability::CheckAndSet, tr("AWS Secrets Manager has no check-and-set: Strongroom "
                                          "compares AWSCURRENT before each write"));
    return caps;
}

QCoro::Task<Result<Capabilities>> SecretsManagerBackend::capabilitiesFor(SecretRef ref) {
    // IAM has no "what may I do here" call a credential may make on itself (the policy
    // simulator needs iam:SimulatePrincipalPolicy, which operators rarely hold). Guessing would
    // hide actions that work, so every action the store supports stays enabled and a refusal
    // comes back as PermissionDenied when it is tried.
    Q_UNUSED(ref);
    co_return storeCapabilities();
}

QCoro::Task<Result<ListPage>> SecretsManagerBackend::list(QString folder, PageRequest page,
                                                          CancelToken cancel) {
    QPointer<SecretsManagerBackend> self(this);
    if (!folder.isEmpty() && !folder.endsWith(QLatin1Char('/'))) {
        folder += QLatin1Char('/');
    }
    auto cursor = m_listing->open(page.cursor);
    if (!cursor) {
        co_return BackendError(Kind::InvalidInput,
                               tr("this listing of %1 is no longer open; list the folder again")
                                   .arg(folder.isEmpty() ? QStringLiteral("/") : folder));
    }
    const int limit = page.limit > 0 ? page.limit : PageRequest{}.limit;
    const QString operationName = QStringLiteral("ListSecrets");
    ListPage out;
    QString token = cursor->awsToken;
    do {
        if (cancel.isCancelled()) {
            co_return BackendError(Kind::Cancelled);
        }
        json params{{"MaxResults", std::clamp(limit - int(out.entries.size()), 1, awsPageLimit)}};
        // A leading '!' would negate the filter: such a folder is filtered here only.
        if (!folder.isEmpty() && !folder.startsWith(QLatin1Char('!')) && folder.size() <= 512) {
            params["Filters"] = json::array({{{"Key", "name"}, {"Values", {utf8(folder)}}}});
        }
        if (!token.isEmpty()) {
            params["NextToken"] = utf8(token);
        }
        auto calling =
            call(QStringLiteral("ListSecrets"), std::move(params), Safety::Read, {}, {}, cancel);
        auto reply = co_await std::move(calling);
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
        if (!reply) {
            co_return reply.error();
        }
        auto parsed = sm::parseSecretList(reply.value());
        if (!parsed) {
            co_return parsed.error();
        }
        QStringList names;
        for (const auto& secret : parsed->secrets) {
            if (!secret.scheduledForDeletion) {
                names.append(secret.name);
            }
        }
        out.entries.append(m_listing->fold(*cursor, folder, names));
        if (!parsed->nextToken.isEmpty() && parsed->nextToken == token) {
            co_return repeatedToken(operationName);
        }
        token = parsed->nextToken;
    } while (!token.isEmpty() && out.entries.size() < limit);
    out.nextCursor = m_listing->next(*cursor, token);
    std::stable_sort(out.entries.begin(), out.entries.end(), [](const Entry& a, const Entry& b) {
        if (a.isFolder() != b.isFolder()) {
            return a.isFolder();
        }
        return a.name < b.name;
    });
    co_return out;
}

QCoro::Task<Result<SecretValue>> SecretsManagerBackend::read(SecretRef ref, QString version) {
    QPointer<SecretsManagerBackend> self(this);
    if (auto bad = checkName(ref)) {
        co_return *bad;
    }
    json params{{"SecretId", utf8(ref.path)}};
    if (version.isEmpty()) {
        // Explicit on purpose: moto answers a bare SecretId with a stale value after
        // UpdateSecretVersionStage, and AWS treats both the same.
        params["VersionStage"] = utf8(awsCurrent);
    } else {
        params["VersionId"] = utf8(version);
    }
    auto calling =
        call(QStringLiteral("GetSecretValue"), std::move(params), Safety::Read, ref.path);
    auto reply = co_await std::move(calling);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!reply) {
        co_return reply.error();
    }
    co_return sm::takeSecretValue(reply.value(), ref.path);
}

QCoro::Task<Result<QList<VersionInfo>>> SecretsManagerBackend::versions(SecretRef ref) {
    QPointer<SecretsManagerBackend> self(this);
    if (auto bad = checkName(ref)) {
        co_return *bad;
    }
    QList<VersionInfo> all;
    QString token;
    const QString operationName = QStringLiteral("ListSecretVersionIds");
    do {
        json params{{"SecretId", utf8(ref.path)},
                    {"IncludeDeprecated", true},
                    {"MaxResults", awsPageLimit}};
        if (!token.isEmpty()) {
            params["NextToken"] = utf8(token);
        }
        auto calling =
            call(QStringLiteral("ListSecretVersionIds"), std::move(params), Safety::Read, ref.path);
        auto reply = co_await std::move(calling);
        if (!self) {
            co_return BackendError(Kind::Cancelled);
        }
        if (!reply) {
            co_return reply.error();
        }
        auto parsed = sm::parseVersionList(reply.value());
        if (!parsed) {
            co_return parsed.error();
        }
        all.append(parsed->versions);
        if (!parsed->nextToken.isEmpty() && parsed->nextToken == token) {
            co_return repeatedToken(operationName);
        }
        token = parsed->nextToken;
    } while (!token.isEmpty());
    sm::sortNewestFirst(all);
    co_return all;
}

QCoro::Task<Result<AwsSecretDescription>> SecretsManagerBackend::describe(SecretRef ref) {
    QPointer<SecretsManagerBackend> self(this);
    if (auto bad = checkName(ref)) {
        co_return *bad;
    }
    auto calling = call(QStringLiteral("DescribeSecret"), json{{"SecretId", utf8(ref.path)}},
                        Safety::Read, ref.path);
    auto reply = co_await std::move(calling);
    if (!self) {
        co_return BackendError(Kind::Cancelled);
    }
    if (!reply) {
        co_return reply.error();
    }
    co_return AwsSecretDescription::fromJson(reply.value());
}

QCoro::Task<Result<SecretMetadata>> SecretsManagerBackend::metadata(SecretRef ref) {
    auto describing = describe(std::move(ref));
    auto described = co_await std::move(describing);
    if (!described) {
        co_return described.error();
    }
    co_return sm::toMetadata(described.value());
}

QCoro::Task<Result<QString>> SecretsManagerBackend::currentVersion(SecretRef ref) {
    auto describing = describe(std::move(ref));
    auto described = co_await std::move(describing);
    if (!described) {
        co_return described.error();
    }
    co_return described->currentVersion();
}

} // namespace strongroom
