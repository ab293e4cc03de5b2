#pragma once

// What the suites that drive the real SecretsManagerBackend against a real moto server share:
// a backend for the server, seeding and inspecting secrets behind the backend's back (moto's own
// unsigned API, never the code under test), a rotation Lambda moto can find, and assertions
// that print the backend's error when a call fails.
#include "Await.h"
#include "MotoServer.h"
#include "SecretsManagerBackend.h"

#include <QJsonObject>
#include <QStringList>
#include <QTest>

#include <memory>

// Each evaluates its argument once: it is often the call under test itself.
#define VERIFY_OK(expression)                                                                      \
    do {                                                                                           \
        const auto& checked = (expression);                                                        \
        QVERIFY2(checked.ok(), qPrintable(checked.ok() ? QString() : checked.error().message()));  \
    } while (false)

#define VERIFY_ERROR(expression, expectedKind)                                                     \
    do {                                                                                           \
        const auto& checked = (expression);                                                        \
        QVERIFY2(!checked.ok(), "expected an error, the call succeeded");                          \
        QVERIFY2(checked.error().kind() == (expectedKind),                                         \
                 qPrintable(strongroom::BackendError::kindName(checked.error().kind()) +           \
                            QStringLiteral(": ") + checked.error().message()));                    \
    } while (false)

namespace awstest {

using namespace strongroom;

inline const QString rotationLambdaArn =
    QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:rotate-db");

// A connected backend for `moto` with moto's conventional keys and short retry waits.
std::unique_ptr<SecretsManagerBackend> backendFor(MotoServer& moto);

// CreateSecret; the first version id, empty on failure (with a warning).
QString createSecret(MotoServer& moto, const QString& name, const QString& value);
// PutSecretValue, optionally with VersionStages; the new version id, empty on failure.
QString putVersion(MotoServer& moto, const QString& name, const QString& value,
                   const QStringList& stages = {});
// UpdateSecretVersionStage: moves `label` to `moveTo` (empty: none), off `removeFrom` (empty:
// none).
bool stageLabel(MotoServer& moto, const QString& name, const QString& label, const QString& moveTo,
                const QString& removeFrom = {});
QJsonObject describeRaw(MotoServer& moto, const QString& name);
QStringList stagesOf(const QJsonObject& described, const QString& version);
QString versionHolding(const QJsonObject& described, const QString& stage);

// The do-nothing function rotationLambdaArn names, in moto's simple Lambda backend (no
// Docker): moto looks a rotation function up before RotateSecret accepts it.
bool createRotationLambda(MotoServer& moto);

} // namespace awstest
