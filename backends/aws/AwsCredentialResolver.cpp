#include "AwsCredentialResolver.h"

#include <QCoreApplication>
#include <QDir>

#include <utility>

namespace strongroom {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("AwsCredentialResolver", text);
}

BackendError invalid(const QString& detail) {
    return BackendError(BackendError::Kind::InvalidInput, detail);
}

const QString keyId = QStringLiteral("aws_access_key_id");
const QString secretKey = QStringLiteral("aws_secret_access_key");

// The static keys of a profile, or an error when only half of them is there.
Result<std::optional<AwsCredentials>> staticKeys(const AwsProfile& profile) {
    const bool hasId = profile.has(keyId);
    const bool hasSecret = profile.has(secretKey);
    if (!hasId && !hasSecret)
        return std::optional<AwsCredentials>();
    if (!hasId || !hasSecret)
        return invalid(tr("profile %1 (%2) has %3 but no %4")
                           .arg(profile.name, profile.origins.value(hasId ? keyId : secretKey),
                                hasId ? keyId : secretKey, hasId ? secretKey : keyId));
    AwsCredentials keys;
    keys.accessKeyId = profile.value(keyId);
    keys.secretAccessKey = profile.secrets.value(secretKey);
    keys.sessionToken =
        profile.secrets.value(QStringLiteral("aws_session_token"),
                              profile.secrets.value(QStringLiteral("aws_security_token")));
    return std::optional<AwsCredentials>(std::move(keys));
}

Result<AwsAssumeRoleStep> roleStep(const AwsProfile& profile) {
    AwsAssumeRoleStep step;
    step.profile = profile.name;
    step.roleArn = profile.value(QStringLiteral("role_arn"));
    step.roleSessionName = profile.value(QStringLiteral("role_session_name"));
    if (step.roleSessionName.isEmpty())
        step.roleSessionName = QStringLiteral("strongroom");
    step.externalId = profile.value(QStringLiteral("external_id"));
    step.mfaSerial = profile.value(QStringLiteral("mfa_serial"));
    const QString duration = profile.value(QStringLiteral("duration_seconds"));
    if (!duration.isEmpty()) {
        bool ok = false;
        const int seconds = duration.toInt(&ok);
        if (!ok || seconds < 900 || seconds > 43200)
            return invalid(tr("profile %1 (%2): duration_seconds must be a number of seconds "
                              "from 900 to 43200, not \"%3\"")
                               .arg(profile.name,
                                    profile.origins.value(QStringLiteral("duration_seconds")),
                                    duration));
        step.durationSeconds = seconds;
    }
    return step;
}

} // namespace

AwsCredentialResolver::AwsCredentialResolver(QProcessEnvironment environment, QString homeDir)
    : m_env(std::move(environment))
    , m_home(std::move(homeDir)) {}

QString AwsCredentialResolver::expandHome(const QString& path) const {
    if (path == QLatin1String("~"))
        return m_home;
    if (path.startsWith(QLatin1String("~/")))
        return m_home + path.mid(1);
    return path;
}

QString AwsCredentialResolver::configPath() const {
    const QString set = m_env.value(QStringLiteral("AWS_CONFIG_FILE"));
    return set.isEmpty() ? m_home + QStringLiteral("/.aws/config") : expandHome(set);
}

QString AwsCredentialResolver::credentialsPath() const {
    const QString set = m_env.value(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"));
    return set.isEmpty() ? m_home + QStringLiteral("/.aws/credentials") : expandHome(set);
}

Result<AwsResolvedCredentials> AwsCredentialResolver::fromProfile(const AwsProfiles& profiles,
                                                                  const QString& name) const {
    AwsResolvedCredentials out;
    out.profile = name;
    QStringList visited{name};
    QList<AwsAssumeRoleStep> steps;
    QString current = name;
    for (;;) {
        const AwsProfile& profile = *profiles.find(current);
        auto keys = staticKeys(profile);
        if (!keys)
            return keys.error();
        const bool top = current == name;
        // The chosen profile's role beats its own keys; a source profile's keys beat its role
        // (as botocore resolves source_profile).
        if (profile.has(QStringLiteral("role_arn")) && (top || !keys.value())) {
            const QString source = profile.value(QStringLiteral("source_profile"));
            const QString credentialSource = profile.value(QStringLiteral("credential_source"));
            const QString at = profile.origins.value(QStringLiteral("role_arn"));
            if (!source.isEmpty() && !credentialSource.isEmpty())
                return invalid(tr("profile %1 (%2) sets both source_profile and "
                                  "credential_source; keep one")
                                   .arg(profile.name, at));
            if (!credentialSource.isEmpty())
                return BackendError(
                    BackendError::Kind::Unsupported,
                    tr("profile %1 (%2): credential_source = %3 is not supported (Strongroom does "
                       "not read instance, container or environment credentials for a role); "
                       "name a profile with keys in source_profile instead")
                        .arg(profile.name,
                             profile.origins.value(QStringLiteral("credential_source")),
                             credentialSource));
            if (source.isEmpty())
                return invalid(
                    tr("profile %1 (%2) has role_arn but no source_profile").arg(profile.name, at));
            auto step = roleStep(profile);
            if (!step)
                return step.error();
            steps.prepend(step.value());
            if (source == current) {
                if (!keys.value())
                    return invalid(tr("profile %1 (%2) names itself as source_profile but has "
                                      "no keys")
                                       .arg(profile.name, at));
                out.credentials = std::move(*keys.value());
                break;
            }
            if (visited.contains(source)) {
                visited.append(source);
                return invalid(
                    tr("source_profile cycle: %1").arg(visited.join(QStringLiteral(" -> "))));
            }
            if (!profiles.contains(source))
                return invalid(tr("profile %1 (%2): its source_profile %3 does not exist")
                                   .arg(profile.name,
                                        profile.origins.value(QStringLiteral("source_profile")),
                                        source));
            visited.append(source);
            current = source;
            continue;
        }
        if (keys.value()) {
            out.credentials = std::move(*keys.value());
            break;
        }
        QStringList unsupported;
        for (const char* key :
             {"sso_session", "sso_start_url", "credential_process", "web_identity_token_file"})
            if (profile.has(QString::fromLatin1(key)))
                unsupported.append(QString::fromLatin1(key));
        QString why = top ? tr("profile %1 (%2) has no keys and no role_arn")
                          : tr("profile %1 (%2), the source_profile of %3, has no keys and no "
                               "role_arn");
        why = top ? why.arg(profile.name, profile.origin)
                  : why.arg(profile.name, profile.origin, visited.at(visited.size() - 2));
        if (!unsupported.isEmpty())
            why += tr(" (%1 is not supported)").arg(unsupported.join(QStringLiteral(", ")));
        return invalid(why);
    }
    if (steps.isEmpty()) {
        out.source = AwsResolvedCredentials::Source::Profile;
        out.trace.append(tr("shared files: profile %1 has keys (%2): used")
                             .arg(name, profiles.find(name)->origins.value(keyId)));
    } else {
        out.source = AwsResolvedCredentials::Source::AssumeRole;
        out.assumeRole = AwsAssumeRolePlan{current, steps};
        QStringList roles;
        for (const AwsAssumeRoleStep& step : steps)
            roles.append(step.roleArn);
        out.trace.append(tr("shared files: profile %1 assumes %2, starting from the keys of "
                            "profile %3: used")
                             .arg(name, roles.join(QStringLiteral(" then ")), current));
    }
    return out;
}

void AwsCredentialResolver::resolveRegionAndEndpoint(const AwsConnectionInput& input,
                                                     const AwsProfile* profile,
                                                     AwsResolvedCredentials& out) const {
    const auto pick = [&](QString& target, const QString& what,
                          const QList<std::pair<QString, QString>>& candidates) {
        for (const auto& [value, from] : candidates) {
            if (!value.isEmpty()) {
                target = value;
                out.trace.append(tr("%1: %2 from %3").arg(what, value, from));
                return;
            }
        }
        out.trace.append(tr("%1: none set").arg(what));
    };
    const QString fromProfile = profile ? tr("profile %1").arg(profile->name) : QString();
    pick(out.region, tr("region"),
         {{input.region, tr("the connection form")},
          {m_env.value(QStringLiteral("AWS_REGION")), QStringLiteral("AWS_REGION")},
          {m_env.value(QStringLiteral("AWS_DEFAULT_REGION")), QStringLiteral("AWS_DEFAULT_REGION")},
          {profile ? profile->value(QStringLiteral("region")) : QString(), fromProfile}});
    pick(out.endpointUrl, tr("endpoint"),
         {{input.endpointUrl, tr("the connection form")},
          {m_env.value(QStringLiteral("AWS_ENDPOINT_URL_SECRETS_MANAGER")),
           QStringLiteral("AWS_ENDPOINT_URL_SECRETS_MANAGER")},
          {m_env.value(QStringLiteral("AWS_ENDPOINT_URL")), QStringLiteral("AWS_ENDPOINT_URL")},
          {profile ? profile->value(QStringLiteral("endpoint_url")) : QString(), fromProfile}});
}

Result<AwsResolvedCredentials>
AwsCredentialResolver::resolve(const AwsConnectionInput& input) const {
    QStringList trace;
    const bool explicitProfile = !input.profile.isEmpty();
    const QString envProfile = m_env.value(QStringLiteral("AWS_PROFILE"));
    const QString profileName =
        explicitProfile ? input.profile
                        : (envProfile.isEmpty() ? QStringLiteral("default") : envProfile);

    // 1. Keys typed into the connection form.
    const bool formId = !input.keys.accessKeyId.isEmpty();
    const bool formSecret = !input.keys.secretAccessKey.isEmpty();
    if (formId != formSecret)
        return invalid(tr("the connection form has an access key id without a secret access key, "
                          "or the other way round"));

    auto profiles = AwsProfiles::load(configPath(), credentialsPath());

    if (formId) {
        AwsResolvedCredentials out;
        out.source = AwsResolvedCredentials::Source::ConnectionForm;
        out.credentials = input.keys;
        out.trace.append(tr("connection form: access key %1%2: used")
                             .arg(input.keys.accessKeyId, input.keys.sessionToken.isEmpty()
                                                              ? QString()
                                                              : tr(" with a session token")));
        out.trace.append(tr("environment and shared files: not consulted for keys"));
        const AwsProfile* profile = profiles ? profiles->find(profileName) : nullptr;
        if (!profiles)
            out.trace.append(tr("shared files unreadable, region not taken from them: %1")
                                 .arg(profiles.error().detail()));
        resolveRegionAndEndpoint(input, profile, out);
        return out;
    }
    trace.append(tr("connection form: no keys"));

    // 2. Environment keys, unless the connection names a profile.
    const QString envId = m_env.value(QStringLiteral("AWS_ACCESS_KEY_ID"));
    const QString envSecret = m_env.value(QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    if (explicitProfile) {
        trace.append(tr("environment: skipped, the connection names profile %1").arg(profileName));
    } else if (!envId.isEmpty() && !envSecret.isEmpty()) {
        AwsResolvedCredentials out;
        out.source = AwsResolvedCredentials::Source::Environment;
        out.credentials.accessKeyId = envId;
        out.credentials.secretAccessKey = SecretBytes::fromUtf8(envSecret);
        out.credentials.sessionToken =
            SecretBytes::fromUtf8(m_env.value(QStringLiteral("AWS_SESSION_TOKEN")));
        out.trace = trace;
        out.trace.append(tr("environment: AWS_ACCESS_KEY_ID %1%2: used")
                             .arg(envId, out.credentials.sessionToken.isEmpty()
                                             ? QString()
                                             : tr(" with AWS_SESSION_TOKEN")));
        if (!envProfile.isEmpty())
            out.trace.append(tr("shared files: AWS_PROFILE=%1 is set, but environment keys come "
                                "first (as in the AWS CLI)")
                                 .arg(envProfile));
        else
            out.trace.append(tr("shared files: not consulted for keys"));
        if (!profiles)
            out.trace.append(tr("shared files unreadable, region not taken from them: %1")
                                 .arg(profiles.error().detail()));
        const AwsProfile* profile = profiles ? profiles->find(profileName) : nullptr;
        resolveRegionAndEndpoint(input, profile, out);
        return out;
    } else if (!envId.isEmpty() || !envSecret.isEmpty()) {
        trace.append(tr("environment: %1 is set without %2; skipped")
                         .arg(envId.isEmpty() ? QStringLiteral("AWS_SECRET_ACCESS_KEY")
                                              : QStringLiteral("AWS_ACCESS_KEY_ID"),
                              envId.isEmpty() ? QStringLiteral("AWS_ACCESS_KEY_ID")
                                              : QStringLiteral("AWS_SECRET_ACCESS_KEY")));
    } else {
        trace.append(tr("environment: no AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY"));
    }

    // 3. The shared config and credentials files.
    if (!profiles)
        return profiles.error();
    for (const QString& note : profiles->notes())
        trace.append(tr("shared files: %1").arg(note));
    const QString files = profiles->filesRead().isEmpty()
                              ? tr("no shared files (%1, %2)").arg(credentialsPath(), configPath())
                              : profiles->filesRead().join(QStringLiteral(", "));
    if (!profiles->contains(profileName)) {
        const QString chosenBy =
            explicitProfile ? tr("the connection form")
                            : (envProfile.isEmpty() ? QString() : QStringLiteral("AWS_PROFILE"));
        if (!chosenBy.isEmpty())
            return invalid(tr("profile %1 (chosen by %2) is not in %3; profiles there: %4")
                               .arg(profileName, chosenBy, files,
                                    profiles->names().isEmpty()
                                        ? tr("none")
                                        : profiles->names().join(QStringLiteral(", "))));
        trace.append(tr("shared files: no default profile in %1").arg(files));
        return invalid(tr("no AWS credentials found: %1").arg(trace.join(QStringLiteral("; "))));
    }
    auto resolved = fromProfile(profiles.value(), profileName);
    if (!resolved)
        return resolved.error();
    AwsResolvedCredentials out = std::move(resolved).value();
    trace.append(out.trace);
    out.trace = trace;
    resolveRegionAndEndpoint(input, profiles->find(profileName), out);
    return out;
}

} // namespace strongroom
