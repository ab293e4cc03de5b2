#include "AwsMotoKit.h"

#include "AwsJsonClient.h"

#include <QBuffer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace std::chrono_literals;

namespace awstest {

std::unique_ptr<SecretsManagerBackend> backendFor(MotoServer& moto) {
    AwsEndpoint endpoint;
    endpoint.region = MotoServer::region();
    endpoint.secretsManagerUrl = moto.address();
    endpoint.stsUrl = moto.address();
    endpoint.http.requestTimeout = 20s;
    auto backend = std::make_unique<SecretsManagerBackend>(endpoint);
    backend->client()->setBackoff(1ms, 5ms);
    AwsCredentials credentials;
    credentials.accessKeyId = MotoServer::accessKeyId();
    const QByteArray secret = MotoServer::secretAccessKey();
    credentials.secretAccessKey = SecretBytes(secret.constData(), std::size_t(secret.size()));
    backend->setCredentials(std::move(credentials));
    return backend;
}

QString createSecret(MotoServer& moto, const QString& name, const QString& value) {
    const auto reply = moto.secretsManager(
        QStringLiteral("CreateSecret"),
        {{QStringLiteral("Name"), name}, {QStringLiteral("SecretString"), value}});
    if (!reply.ok())
        qWarning("CreateSecret %s: %s", qPrintable(name), qPrintable(reply.error()));
    return reply.body.value(QStringLiteral("VersionId")).toString();
}

QString putVersion(MotoServer& moto, const QString& name, const QString& value,
                   const QStringList& stages) {
    QJsonObject body{{QStringLiteral("SecretId"), name}, {QStringLiteral("SecretString"), value}};
    if (!stages.isEmpty())
        body.insert(QStringLiteral("VersionStages"), QJsonArray::fromStringList(stages));
    const auto reply = moto.secretsManager(QStringLiteral("PutSecretValue"), body);
    if (!reply.ok())
        qWarning("PutSecretValue %s: %s", qPrintable(name), qPrintable(reply.error()));
    return reply.body.value(QStringLiteral("VersionId")).toString();
}

bool stageLabel(MotoServer& moto, const QString& name, const QString& label, const QString& moveTo,
                const QString& removeFrom) {
    QJsonObject body{{QStringLiteral("SecretId"), name}, {QStringLiteral("VersionStage"), label}};
    if (!moveTo.isEmpty())
        body.insert(QStringLiteral("MoveToVersionId"), moveTo);
    if (!removeFrom.isEmpty())
        body.insert(QStringLiteral("RemoveFromVersionId"), removeFrom);
    const auto reply = moto.secretsManager(QStringLiteral("UpdateSecretVersionStage"), body);
    if (!reply.ok())
        qWarning("UpdateSecretVersionStage %s: %s", qPrintable(name), qPrintable(reply.error()));
    return reply.ok();
}

QJsonObject describeRaw(MotoServer& moto, const QString& name) {
    return moto
        .secretsManager(QStringLiteral("DescribeSecret"), {{QStringLiteral("SecretId"), name}})
        .body;
}

QStringList stagesOf(const QJsonObject& described, const QString& version) {
    QStringList out;
    for (const auto& stage :
         described.value(QStringLiteral("VersionIdsToStages")).toObject().value(version).toArray())
        out << stage.toString();
    return out;
}

QString versionHolding(const QJsonObject& described, const QString& stage) {
    const QJsonObject versions = described.value(QStringLiteral("VersionIdsToStages")).toObject();
    for (auto it = versions.begin(); it != versions.end(); ++it) {
        for (const auto& held : it.value().toArray()) {
            if (held.toString() == stage)
                return it.key();
        }
    }
    return {};
}

bool createRotationLambda(MotoServer& moto) {
    return moto.createRotationLambda(QStringLiteral("rotate-db")) == rotationLambdaArn;
}

} // namespace awstest
