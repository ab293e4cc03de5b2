#include "AwsConnectCommand.h"

#include "AwsCliSession.h"
#include "AwsConnector.h"
#include "AwsSessionReport.h"
#include "CliSession.h"
#include "CommandParser.h"
#include "CredentialStore.h"
#include "InputReader.h"
#include "SecretsManagerBackend.h"
#include "TerminalPrompt.h"
#include "Workspace.h"

#include <unistd.h>

namespace strongroom::cli {

namespace {
const QString kRegion = QStringLiteral("region");
const QString kEndpoint = QStringLiteral("endpoint");
const QString kStsEndpoint = QStringLiteral("sts-endpoint");
const QString kCaFile = QStringLiteral("ca-file");
const QString kProfile = QStringLiteral("profile");
const QString kEnv = QStringLiteral("env");
const QString kAccessKeyId = QStringLiteral("access-key-id");
const QString kRoleArn = QStringLiteral("role-arn");
const QString kMfaSerial = QStringLiteral("mfa-serial");
const QString kDuration = QStringLiteral("duration");
const QString kSessionName = QStringLiteral("session-name");
const QString kExternalId = QStringLiteral("external-id");
const QString kName = QStringLiteral("name");

// The secret access key: typed without echo, or the first line of stdin in scripts.
QCoro::Task<Result<SecretBytes>> readSecretKey() {
    Result<SecretBytes> secret = SecretBytes();
    if (TerminalPrompt::isInteractive()) {
        auto asking = TerminalPrompt::askHidden(QStringLiteral("AWS secret access key: "));
        secret = co_await std::move(asking);
    } else {
        auto reading = InputReader::readLine(STDIN_FILENO);
        secret = co_await std::move(reading);
    }
    if (!secret) {
        co_return secret.error();
    }
    if (secret->isEmpty()) {
        co_return BackendError(BackendError::Kind::InvalidInput,
                               QStringLiteral("no secret access key given (type it at the prompt "
                                              "or pass it as one line on stdin)"));
    }
    co_return secret;
}
} // namespace

QString AwsConnectCommand::summary() const {
    return QStringLiteral("Sign in to AWS Secrets Manager and save the connection");
}

QCoro::Task<int> AwsConnectCommand::run(CliSession& session, QStringList arguments) {
    CliOutput& out = session.output();
    CommandParser parser(
        name(),
        QStringLiteral("<id> [--region R] [--profile P | --env | --access-key-id AKID] "
                       "[--role-arn ARN [--mfa-serial S] [--duration SECONDS]]"),
        QStringLiteral("Finds the keys (typed: --access-key-id, with the secret access key typed "
                       "without echo or read as one line from stdin, then kept in the OS "
                       "keychain; --env: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; --profile: "
                       "~/.aws/credentials and ~/.aws/config, including role_arn + "
                       "source_profile), assumes --role-arn if given (MFA: --mfa-code or a "
                       "prompt), checks them with sts:GetCallerIdentity and Secrets Manager, and "
                       "saves the connection as <id> for --connection <id>. Keys never go to "
                       "the settings file or the audit log."));
    parser.addOption({kRegion, QStringLiteral("AWS region (else AWS_REGION or the profile's)."),
                      QStringLiteral("region")});
    parser.addOption({kEndpoint,
                      QStringLiteral("Secrets Manager endpoint (https://, or http:// on this "
                                     "machine for moto/LocalStack)."),
                      QStringLiteral("url")});
    parser.addOption({kStsEndpoint,
                      QStringLiteral("STS endpoint (default: --endpoint when given, else "
                                     "regional STS)."),
                      QStringLiteral("url")});
    parser.addOption(
        {kCaFile, QStringLiteral("PEM file of a CA to trust."), QStringLiteral("file")});
    parser.addOption({kProfile, QStringLiteral("Profile of the shared files (\"default\")."),
                      QStringLiteral("name")});
    parser.addOption({kEnv, QStringLiteral("Keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY "
                                           "(/ AWS_SESSION_TOKEN), read at every connect.")});
    parser.addOption({kAccessKeyId,
                      QStringLiteral("Access key id; the secret key is read from the terminal "
                                     "or stdin and kept in the keychain."),
                      QStringLiteral("akid")});
    parser.addOption(
        {kRoleArn, QStringLiteral("Role to assume on top of the keys."), QStringLiteral("arn")});
    parser.addOption(
        {kMfaSerial, QStringLiteral("MFA device the role requires."), QStringLiteral("serial")});
    parser.addOption({kDuration, QStringLiteral("Role session length, 900..43200 (3600)."),
                      QStringLiteral("seconds")});
    parser.addOption({kSessionName, QStringLiteral("Role session name."), QStringLiteral("name")});
    parser.addOption(
        {kExternalId, QStringLiteral("External id the role expects."), QStringLiteral("id")});
    parser.addOption(
        {kName, QStringLiteral("Display name (default: the id)."), QStringLiteral("text")});
    if (auto exit = parser.parse(arguments, out, session.options())) {
        co_return *exit;
    }
    if (auto exit = parser.requirePositional(out, 1, 1)) {
        co_return *exit;
    }
    const int sources = (parser.isSet(kProfile) ? 1 : 0) + (parser.isSet(kEnv) ? 1 : 0) +
                        (parser.isSet(kAccessKeyId) ? 1 : 0);
    if (sources != 1) {
        co_return parser.usageError(
            out, QStringLiteral("give exactly one of --profile, --env or --access-key-id"));
    }
    AwsConnectionSpec spec;
    spec.id = parser.positional().first();
    spec.displayName = parser.isSet(kName) ? parser.value(kName) : spec.id;
    spec.keySource = parser.isSet(kProfile) ? AwsConnectionSpec::KeySource::Profile
                     : parser.isSet(kEnv)   ? AwsConnectionSpec::KeySource::Environment
                                            : AwsConnectionSpec::KeySource::Keychain;
    spec.profile = parser.value(kProfile);
    spec.region = parser.value(kRegion);
    spec.endpointUrl = parser.value(kEndpoint);
    spec.stsEndpointUrl = parser.value(kStsEndpoint);
    spec.caFile = parser.value(kCaFile);
    spec.roleArn = parser.value(kRoleArn);
    spec.mfaSerial = parser.value(kMfaSerial);
    spec.roleSessionName = parser.value(kSessionName);
    spec.externalId = parser.value(kExternalId);
    if (parser.isSet(kDuration)) {
        const auto seconds = CommandParser::toCount(parser.value(kDuration));
        if (!seconds) {
            co_return parser.usageError(out, QStringLiteral("--duration needs seconds"));
        }
        spec.sessionDurationSeconds = *seconds;
    }
    if (const QString problem = spec.validate(); !problem.isEmpty()) {
        co_return parser.usageError(out, problem);
    }
    AwsSignIn signIn;
    if (spec.keySource == AwsConnectionSpec::KeySource::Keychain) {
        signIn.keys.accessKeyId = parser.value(kAccessKeyId).trimmed();
        auto reading = readSecretKey();
        auto secret = co_await std::move(reading);
        if (!secret) {
            co_return out.fail(secret.error());
        }
        signIn.keys.secretAccessKey = std::move(secret.value());
    }
    AwsConnector& connector = AwsCliSession::connector(session);
    auto connecting =
        AwsCliSession::withMfaCode(session, spec.id, [&connector, spec, signIn](QString code) {
            AwsSignIn attempt = signIn;
            attempt.mfaCode = std::move(code);
            return connector.connectNew(spec, std::move(attempt));
        });
    auto connected = co_await std::move(connecting);
    if (!connected) {
        co_return out.fail(connected.error(), QStringLiteral("aws connect %1").arg(spec.id));
    }
    if (session.workspace().credentials()->keychainMissing()) {
        out.note(QStringLiteral("warning: %1; later commands will need the keys again")
                     .arg(CredentialStore::unavailableMessage()));
    }
    const auto info = connector.session(spec.id);
    if (session.options().json) {
        out.writeJson(AwsSessionReport::toJson(spec.id, info, spec));
    } else {
        QString where;
        if (auto* backend = connector.backend(spec.id)) {
            where = backend->endpoint().urlFor(QByteArrayLiteral("secretsmanager")).toString();
        }
        out.line(QStringLiteral("connected %1 to %2").arg(spec.id, where));
        if (info) {
            for (const QString& line : AwsSessionReport::lines(*info, false)) {
                out.line(line);
            }
        }
    }
    co_return 0;
}

} // namespace strongroom::cli
