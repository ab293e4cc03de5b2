#include "MotoFixture.h"

#include "ContractKit.h"
#include "MotoServer.h"
#include "SecretsManagerBackend.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace strongroom;
using namespace std::chrono_literals;

namespace {

AwsCredentials motoCredentials() {
    const QByteArray secret = MotoServer::secretAccessKey();
    return {
        MotoServer::accessKeyId(), SecretBytes(secret.constData(), std::size_t(secret.size())), {}};
}

// What the backend writes for contract::textValue(text): the key/value map as JSON.
QString jsonValue(const QString& text) {
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("value"), text}}).toJson(QJsonDocument::Compact));
}

} // namespace

MotoFixture::MotoFixture() = default;
MotoFixture::~MotoFixture() = default;

bool MotoFixture::start(QString* why) {
    m_moto = std::make_unique<MotoServer>();
    if (!m_moto->start()) {
        *why = m_moto->lastError();
        return false;
    }
    return true;
}

void MotoFixture::stop() {
    m_moto.reset();
}

std::unique_ptr<SecretBackend> MotoFixture::open(QString* why) {
    Q_UNUSED(why);
    AwsEndpoint endpoint;
    endpoint.region = MotoServer::region();
    endpoint.secretsManagerUrl = m_moto->address();
    endpoint.stsUrl = m_moto->address();
    endpoint.http.requestTimeout = 20s;
    auto backend = std::make_unique<SecretsManagerBackend>(endpoint);
    backend->client()->setBackoff(1ms, 5ms);
    backend->setCredentials(motoCredentials());
    return backend;
}

QString MotoFixture::freshFolder() {
    return QStringLiteral("contract/t%1/").arg(++m_folders);
}

QStringList MotoFixture::seed(SecretBackend& backend, const QString& folder, int count,
                              QString* why) {
    Q_UNUSED(backend);
    QStringList paths;
    for (int i = 0; i < count; ++i) {
        const auto name = folder + QStringLiteral("key-%1").arg(i, 5, 10, QLatin1Char('0'));
        const auto reply = m_moto->secretsManager(
            QStringLiteral("CreateSecret"),
            {{QStringLiteral("Name"), name},
             {QStringLiteral("SecretString"), jsonValue(QString::number(i))}});
        if (!reply.ok()) {
            *why = reply.error();
            return paths;
        }
        paths << name;
    }
    return paths;
}

QCoro::Task<Status> MotoFixture::giveCredentialsBack(SecretBackend& backend) {
    auto* aws = qobject_cast<SecretsManagerBackend*>(&backend);
    if (!aws) {
        co_return BackendError(BackendError::Kind::InvalidInput,
                               QStringLiteral("not a backend this fixture opened"));
    }
    aws->setCredentials(motoCredentials());
    co_return Done{};
}

std::optional<RotationSettings> MotoFixture::rotationSettings(const SecretRef& ref, QString* why) {
    Q_UNUSED(ref);
    if (m_lambdaArn.isEmpty()) {
        m_lambdaArn = m_moto->createRotationLambda(QStringLiteral("contract-rotator"));
        if (m_lambdaArn.isEmpty()) {
            *why = m_moto->lastError();
            return std::nullopt;
        }
    }
    // The keys of secretsmanager::rotationKey. configureRotation() only configures: it never
    // rotates at once (moto would make a new, empty version current).
    return RotationSettings{{QStringLiteral("lambdaArn"), m_lambdaArn},
                            {QStringLiteral("automaticallyAfterDays"), 14}};
}

QString MotoFixture::makeRotationStuck(const SecretRef& ref, QString* why) {
    // What a rotation Lambda that failed after createSecret leaves: a version holding
    // AWSPENDING that never became AWSCURRENT.
    const auto reply = m_moto->secretsManager(
        QStringLiteral("PutSecretValue"),
        {{QStringLiteral("SecretId"), ref.path},
         {QStringLiteral("SecretString"), jsonValue(QStringLiteral("half-rotated"))},
         {QStringLiteral("VersionStages"), QJsonArray{QStringLiteral("AWSPENDING")}}});
    if (!reply.ok()) {
        *why = reply.error();
        return {};
    }
    return reply.body.value(QLatin1String("VersionId")).toString();
}

QString MotoFixture::knownGap(ContractGap gap) const {
    switch (gap) {
    case ContractGap::VersionOrder:
        return QStringLiteral(
            "issue 11: SecretsManagerBackend::versions lists the newest version first");
    case ContractGap::MissingSecretVersions:
        // A peer gap, not the backend's: AWS answers ResourceNotFoundException.
        return QStringLiteral("moto 5.2.5 answers ListSecretVersionIds of a missing secret with "
                              "HTTP 500 (to add to test-peers.md)");
    case ContractGap::RotatedValue:
        return QStringLiteral("moto's RotateSecret without a rotation Lambda makes a version "
                              "with no value current (test-peers.md)");
    }
    return {};
}
