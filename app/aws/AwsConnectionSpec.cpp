#include "AwsConnectionSpec.h"

#include "HttpUrlPolicy.h"

#include <QRegularExpression>
#include <QUrl>

namespace strongroom {

namespace {

namespace Key {
const QString keySource = QStringLiteral("keySource");
const QString profile = QStringLiteral("profile");
const QString region = QStringLiteral("region");
const QString endpointUrl = QStringLiteral("endpointUrl");
const QString stsEndpointUrl = QStringLiteral("stsEndpointUrl");
const QString caFile = QStringLiteral("caFile");
const QString roleArn = QStringLiteral("roleArn");
const QString roleSessionName = QStringLiteral("roleSessionName");
const QString externalId = QStringLiteral("externalId");
const QString mfaSerial = QStringLiteral("mfaSerial");
const QString sessionDuration = QStringLiteral("sessionDurationSeconds");
} // namespace Key

void putIfSet(QVariantMap& options, const QString& key, const QString& value) {
    if (!value.isEmpty()) {
        options.insert(key, value);
    }
}

// https://, or plain http:// to this machine only (moto, LocalStack).
QString checkUrl(const QString& what, const QString& text) {
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        return QStringLiteral("'%1' is not a usable %2 (e.g. https://secretsmanager.eu-west-1."
                              "amazonaws.com)")
            .arg(text, what);
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        return QStringLiteral("the %1 must not carry a user, query or fragment").arg(what);
    }
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http")) {
        if (!HttpUrlPolicy::isLoopbackHost(url.host())) {
            return QStringLiteral("the %1 must start with https:// (plain http:// is only "
                                  "accepted for this machine)")
                .arg(what);
        }
    } else if (scheme != QLatin1String("https")) {
        return QStringLiteral("the %1 must start with https://").arg(what);
    }
    return {};
}

} // namespace

QString AwsConnectionSpec::keySourceName(KeySource source) {
    switch (source) {
    case KeySource::Keychain:
        return QStringLiteral("keychain");
    case KeySource::Environment:
        return QStringLiteral("environment");
    case KeySource::Profile:
        break;
    }
    return QStringLiteral("profile");
}

std::optional<AwsConnectionSpec::KeySource> AwsConnectionSpec::parseKeySource(const QString& name) {
    for (const KeySource source :
         {KeySource::Keychain, KeySource::Environment, KeySource::Profile}) {
        if (name == keySourceName(source)) {
            return source;
        }
    }
    return std::nullopt;
}

QVariantMap AwsConnectionSpec::toOptions() const {
    QVariantMap options;
    options.insert(Key::keySource, keySourceName(keySource));
    putIfSet(options, Key::profile, profile);
    putIfSet(options, Key::region, region);
    putIfSet(options, Key::endpointUrl, endpointUrl);
    putIfSet(options, Key::stsEndpointUrl, stsEndpointUrl);
    putIfSet(options, Key::caFile, caFile);
    putIfSet(options, Key::roleArn, roleArn);
    putIfSet(options, Key::roleSessionName, roleSessionName);
    putIfSet(options, Key::externalId, externalId);
    putIfSet(options, Key::mfaSerial, mfaSerial);
    options.insert(Key::sessionDuration, sessionDurationSeconds);
    return options;
}

std::optional<AwsConnectionSpec> AwsConnectionSpec::fromOptions(const QString& id,
                                                                const QString& displayName,
                                                                const QVariantMap& options,
                                                                QString* error) {
    const auto fail = [error](const QString& problem) {
        if (error) {
            *error = problem;
        }
        return std::nullopt;
    };
    AwsConnectionSpec spec;
    spec.id = id;
    spec.displayName = displayName;
    const QString source = options.value(Key::keySource, QStringLiteral("keychain")).toString();
    const auto parsed = parseKeySource(source);
    if (!parsed) {
        return fail(QStringLiteral("unknown AWS key source '%1'").arg(source));
    }
    spec.keySource = *parsed;
    spec.profile = options.value(Key::profile).toString();
    spec.region = options.value(Key::region).toString();
    spec.endpointUrl = options.value(Key::endpointUrl).toString();
    spec.stsEndpointUrl = options.value(Key::stsEndpointUrl).toString();
    spec.caFile = options.value(Key::caFile).toString();
    spec.roleArn = options.value(Key::roleArn).toString();
    spec.roleSessionName = options.value(Key::roleSessionName).toString();
    spec.externalId = options.value(Key::externalId).toString();
    spec.mfaSerial = options.value(Key::mfaSerial).toString();
    if (options.contains(Key::sessionDuration)) {
        bool ok = false;
        spec.sessionDurationSeconds = options.value(Key::sessionDuration).toInt(&ok);
        if (!ok) {
            return fail(QStringLiteral("the saved session duration is not a number"));
        }
    }
    if (const QString problem = spec.validate(); !problem.isEmpty()) {
        return fail(problem);
    }
    return spec;
}

QString AwsConnectionSpec::validate() const {
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    static const QRegularExpression regionPattern(QStringLiteral("^[a-z]{2}(-[a-z]+)+-\\d+$"));
    static const QRegularExpression roleArnPattern(
        QStringLiteral("^arn:aws[a-z-]*:iam::\\d{12}:role/\\S+$"));
    static const QRegularExpression mfaPattern(
        QStringLiteral("^(arn:aws[a-z-]*:iam::\\d{12}:mfa/\\S+|[A-Za-z0-9]{9,})$"));
    static const QRegularExpression sessionNamePattern(QStringLiteral("^[\\w+=,.@-]{2,64}$"));
    if (!idPattern.match(id).hasMatch()) {
        return QStringLiteral("the connection id must be letters, digits, '.', '_' or '-' "
                              "(got '%1')")
            .arg(id);
    }
    if (!region.isEmpty() && !regionPattern.match(region).hasMatch()) {
        return QStringLiteral("'%1' is not an AWS region (e.g. eu-west-1)").arg(region);
    }
    if (keySource != KeySource::Profile && !profile.isEmpty()) {
        return QStringLiteral("a profile is only read when the keys come from a profile");
    }
    if (!endpointUrl.isEmpty()) {
        if (QString problem = checkUrl(QStringLiteral("endpoint"), endpointUrl);
            !problem.isEmpty()) {
            return problem;
        }
    }
    if (!stsEndpointUrl.isEmpty()) {
        if (QString problem = checkUrl(QStringLiteral("STS endpoint"), stsEndpointUrl);
            !problem.isEmpty()) {
            return problem;
        }
    }
    if (!roleArn.isEmpty() && !roleArnPattern.match(roleArn).hasMatch()) {
        return QStringLiteral("'%1' is not a role ARN (arn:aws:iam::123456789012:role/NAME)")
            .arg(roleArn);
    }
    if (roleArn.isEmpty() &&
        (!mfaSerial.isEmpty() || !externalId.isEmpty() || !roleSessionName.isEmpty())) {
        return QStringLiteral("an MFA device, external id or session name needs a role ARN");
    }
    if (!mfaSerial.isEmpty() && !mfaPattern.match(mfaSerial).hasMatch()) {
        return QStringLiteral("'%1' is not an MFA device (arn:aws:iam::123456789012:mfa/NAME "
                              "or a hardware serial)")
            .arg(mfaSerial);
    }
    if (!roleSessionName.isEmpty() && !sessionNamePattern.match(roleSessionName).hasMatch()) {
        return QStringLiteral("the session name must be 2 to 64 letters, digits or +=,.@_-");
    }
    if (sessionDurationSeconds < 900 || sessionDurationSeconds > 43200) {
        return QStringLiteral("the session duration must be 900 to 43200 seconds (got %1)")
            .arg(sessionDurationSeconds);
    }
    return {};
}

} // namespace strongroom
