#include "AwsSignInChain.h"

#include "StsClient.h"

#include <QRegularExpression>
#include <QUrl>

#include <memory>
#include <utility>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;

QString sessionNameFor(const QString& chosen) {
    if (!chosen.isEmpty()) {
        return chosen;
    }
    QString user = qEnvironmentVariable("USER");
    user.remove(QRegularExpression(QStringLiteral("[^\\w+=,.@-]")));
    return QStringLiteral("strongroom-%1")
        .arg(user.isEmpty() ? QStringLiteral("operator") : user)
        .left(64);
}

} // namespace

bool AwsSignInPlan::needsMfa() const {
    for (const AwsAssumeRoleStep& step : roles) {
        if (!step.mfaSerial.isEmpty()) {
            return true;
        }
    }
    return false;
}

AwsSignInChain::AwsSignInChain(QProcessEnvironment environment, QString homeDir)
    : m_environment(std::move(environment))
    , m_home(std::move(homeDir)) {}

QString AwsSignInChain::mfaNeededMessage(const QString& serial, const QString& roleArn) {
    return QStringLiteral("MFA code needed for %1 (to assume %2)").arg(serial, roleArn);
}

std::optional<QString> AwsSignInChain::mfaSerialAskedFor(const BackendError& error) {
    static const QRegularExpression asked(
        QStringLiteral("^MFA code needed for (.+) \\(to assume "));
    if (error.kind() != BackendError::Kind::Unauthenticated) {
        return std::nullopt;
    }
    const auto match = asked.match(error.detail());
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    return match.captured(1);
}

Result<AwsSignInPlan> AwsSignInChain::plan(const AwsConnectionSpec& spec,
                                           const AwsCredentials& typedKeys) const {
    using Source = AwsConnectionSpec::KeySource;
    AwsConnectionInput input;
    input.region = spec.region;
    input.endpointUrl = spec.endpointUrl;
    switch (spec.keySource) {
    case Source::Keychain:
        if (typedKeys.accessKeyId.isEmpty() || typedKeys.secretAccessKey.isEmpty()) {
            return BackendError(Kind::Unauthenticated,
                                QStringLiteral("no access keys are kept for '%1'; enter them "
                                               "again")
                                    .arg(spec.id));
        }
        input.keys = typedKeys;
        break;
    case Source::Environment:
        if (m_environment.value(QStringLiteral("AWS_ACCESS_KEY_ID")).isEmpty() ||
            m_environment.value(QStringLiteral("AWS_SECRET_ACCESS_KEY")).isEmpty()) {
            return BackendError(Kind::InvalidInput,
                                QStringLiteral("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are "
                                               "not both set in this environment"));
        }
        break;
    case Source::Profile:
        input.profile = spec.profile.isEmpty() ? QStringLiteral("default") : spec.profile;
        break;
    }
    AwsCredentialResolver resolver(m_environment, m_home);
    auto resolved = resolver.resolve(input);
    if (!resolved) {
        return resolved.error();
    }
    AwsSignInPlan plan;
    plan.trace = resolved->trace;
    switch (spec.keySource) {
    case Source::Keychain:
        plan.source = QStringLiteral("keychain keys");
        break;
    case Source::Environment:
        plan.source = QStringLiteral("environment");
        break;
    case Source::Profile:
        plan.source = QStringLiteral("profile %1").arg(input.profile);
        break;
    }
    plan.keys = std::move(resolved->credentials);
    if (!spec.roleArn.isEmpty()) {
        AwsAssumeRoleStep step;
        step.roleArn = spec.roleArn;
        step.roleSessionName = spec.roleSessionName;
        step.externalId = spec.externalId;
        step.mfaSerial = spec.mfaSerial;
        step.durationSeconds = spec.sessionDurationSeconds;
        plan.roles.append(step);
        if (resolved->assumeRole) {
            plan.trace.append(QStringLiteral("role: %1 from the connection, instead of the "
                                             "profile's role chain, from the keys of profile %2")
                                  .arg(spec.roleArn, resolved->assumeRole->sourceProfile));
        }
    } else if (resolved->assumeRole) {
        plan.roles = resolved->assumeRole->steps;
    }
    if (resolved->region.isEmpty()) {
        return BackendError(Kind::InvalidInput,
                            QStringLiteral("no AWS region: give one for the connection, or set "
                                           "AWS_REGION or the profile's region"));
    }
    plan.endpoint.region = resolved->region.toUtf8();
    plan.endpoint.http.caFile = spec.caFile;
    if (!resolved->endpointUrl.isEmpty()) {
        plan.endpoint.secretsManagerUrl = QUrl(resolved->endpointUrl.trimmed());
    }
    // moto and LocalStack serve STS on the same port as Secrets Manager.
    plan.endpoint.stsUrl = !spec.stsEndpointUrl.isEmpty() ? QUrl(spec.stsEndpointUrl.trimmed())
                                                          : plan.endpoint.secretsManagerUrl;
    return plan;
}

QCoro::Task<AwsSignInOutcome> AwsSignInChain::run(AwsSignInPlan plan, QString mfaCode) {
    AwsSignInOutcome outcome;
    for (const AwsAssumeRoleStep& step : std::as_const(plan.roles)) {
        if (!step.mfaSerial.isEmpty() && mfaCode.trimmed().isEmpty()) {
            outcome.error =
                BackendError(Kind::Unauthenticated, mfaNeededMessage(step.mfaSerial, step.roleArn));
            co_return outcome;
        }
    }
    auto sts = std::make_unique<StsClient>(plan.endpoint);
    AwsCredentials current = std::move(plan.keys);
    QDateTime expires;
    QString source = plan.source;
    QStringList trace = plan.trace;
    for (const AwsAssumeRoleStep& step : std::as_const(plan.roles)) {
        AssumeRoleRequest request;
        request.roleArn = step.roleArn;
        request.roleSessionName = sessionNameFor(step.roleSessionName);
        request.externalId = step.externalId;
        request.mfaSerial = step.mfaSerial;
        if (!step.mfaSerial.isEmpty()) {
            request.mfaCode = mfaCode.trimmed();
        }
        request.durationSeconds = step.durationSeconds;
        QString detail =
            QStringLiteral("session %1%2")
                .arg(request.roleSessionName, step.mfaSerial.isEmpty()
                                                  ? QString()
                                                  : QStringLiteral(", MFA %1").arg(step.mfaSerial));
        auto assuming = sts->assumeRole(current, std::move(request));
        auto assumed = co_await std::move(assuming);
        if (!assumed) {
            outcome.attempts.append({step.roleArn, BackendError::kindName(assumed.error().kind()),
                                     detail + QStringLiteral(": ") + assumed.error().detail()});
            outcome.error = BackendError(
                assumed.error().kind(),
                QStringLiteral("AssumeRole %1: %2").arg(step.roleArn, assumed.error().detail()));
            co_return outcome;
        }
        expires = assumed->expiration;
        outcome.attempts.append(
            {step.roleArn, QStringLiteral("ok"),
             detail + QStringLiteral("; as %1; expires %2")
                          .arg(assumed->assumedRoleArn, expires.toString(Qt::ISODate))});
        trace.append(
            QStringLiteral("role: assumed %1 (%2), expires %3")
                .arg(step.roleArn, assumed->assumedRoleArn, expires.toString(Qt::ISODate)));
        source += QStringLiteral(" -> role %1").arg(step.roleArn);
        current = std::move(assumed->credentials);
    }
    auto asking = sts->callerIdentity(current);
    auto identity = co_await std::move(asking);
    if (!identity) {
        outcome.error =
            BackendError(identity.error().kind(),
                         QStringLiteral("GetCallerIdentity at %1: %2")
                             .arg(plan.endpoint.urlFor(QByteArrayLiteral("sts")).toString(),
                                  identity.error().detail()));
        co_return outcome;
    }
    trace.append(QStringLiteral("identity: %1").arg(identity.value()));
    outcome.signedIn.credentials = std::move(current);
    outcome.signedIn.expires = expires;
    outcome.signedIn.identityArn = identity.value();
    outcome.signedIn.source = source;
    outcome.signedIn.trace = trace;
    outcome.signedIn.endpoint = plan.endpoint;
    co_return outcome;
}

} // namespace strongroom
