#include "AwsCredentialResolver.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace strongroom;
using Source = AwsResolvedCredentials::Source;

// The AWS credential chain on real files in a temporary home: which source wins, profile rules
// of the two files, role chains, and the messages for broken or missing configuration.
class TestAwsCredentials : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void connectionFormKeysWin();
    void environmentKeysBeatSharedFiles();
    void explicitProfileSkipsEnvironmentKeysButAwsProfileDoesNot();
    void halfEnvironmentKeysAreSkipped();
    void profileSectionRules();
    void fileLocationsFromEnvironment();
    void regionAndEndpointPrecedence();
    void roleChainBecomesAPlan();
    void sourceProfileKeysWinOverItsRole();
    void selfReferencingSourceProfile();
    void sourceProfileCycleIsDetected();
    void credentialSourceIsUnsupported();
    void missingSourceProfile();
    void malformedFilesNameFileAndLine();
    void halfKeysInAProfile();
    void missingProfile();
    void nothingFound();

private:
    void write(const QString& relative, const QByteArray& text);
    Result<AwsResolvedCredentials> resolve(const AwsConnectionInput& input = {});
    static QString secret(const SecretBytes& bytes) { return QString::fromUtf8(bytes.view()); }

    std::unique_ptr<QTemporaryDir> m_home;
    QProcessEnvironment m_env;
};

void TestAwsCredentials::init() {
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    m_env = QProcessEnvironment();
}

void TestAwsCredentials::write(const QString& relative, const QByteArray& text) {
    const QString path = m_home->filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
}

Result<AwsResolvedCredentials> TestAwsCredentials::resolve(const AwsConnectionInput& input) {
    return AwsCredentialResolver(m_env, m_home->path()).resolve(input);
}

void TestAwsCredentials::connectionFormKeysWin() {
    write(QStringLiteral(".aws/credentials"),
          "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n");
    write(QStringLiteral(".aws/config"), "[default]\nregion = eu-west-1\n");
    m_env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAENV"));
    m_env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("env-secret"));
    AwsConnectionInput input;
    input.keys.accessKeyId = QStringLiteral("AKIAFORM");
    input.keys.secretAccessKey = SecretBytes(std::string_view("form-secret"));
    const auto result = resolve(input);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
    QCOMPARE(result->source, Source::ConnectionForm);
    QCOMPARE(result->credentials.accessKeyId, QStringLiteral("AKIAFORM"));
    QCOMPARE(secret(result->credentials.secretAccessKey), QStringLiteral("form-secret"));
    QCOMPARE(result->region, QStringLiteral("eu-west-1")); // still read from the profile
    QVERIFY(result->trace.first().contains(QStringLiteral("connection form")));
    QVERIFY(!result->trace.join(QLatin1Char('\n')).contains(QStringLiteral("form-secret")));

    input.keys.secretAccessKey.clear();
    const auto half = resolve(input);
    QVERIFY(!half);
    QCOMPARE(half.error().kind(), BackendError::Kind::InvalidInput);
}

void TestAwsCredentials::environmentKeysBeatSharedFiles() {
    write(QStringLiteral(".aws/credentials"),
          "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n");
    m_env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("ASIAENV"));
    m_env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("env-secret"));
    m_env.insert(QStringLiteral("AWS_SESSION_TOKEN"), QStringLiteral("env-token"));
    const auto result = resolve();
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
    QCOMPARE(result->source, Source::Environment);
    QCOMPARE(result->credentials.accessKeyId, QStringLiteral("ASIAENV"));
    QCOMPARE(secret(result->credentials.secretAccessKey), QStringLiteral("env-secret"));
    QCOMPARE(secret(result->credentials.sessionToken), QStringLiteral("env-token"));
    const QString trace = result->trace.join(QLatin1Char('\n'));
    QVERIFY2(trace.contains(QStringLiteral("connection form: no keys")), qPrintable(trace));
    QVERIFY2(trace.contains(QStringLiteral("environment: AWS_ACCESS_KEY_ID ASIAENV with "
                                           "AWS_SESSION_TOKEN: used")),
             qPrintable(trace));
    QVERIFY(!trace.contains(QStringLiteral("env-secret")) &&
            !trace.contains(QStringLiteral("env-token")));

    // A broken shared file does not stand in the way of environment keys, but is reported.
    write(QStringLiteral(".aws/config"), "[default\n");
    m_env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("eu-west-2"));
    const auto despite = resolve();
    QVERIFY(despite);
    QCOMPARE(despite->source, Source::Environment);
    QCOMPARE(despite->region, QStringLiteral("eu-west-2"));
    QVERIFY(despite->trace.join(QLatin1Char('\n')).contains(QStringLiteral("config, line 1")));
}

void TestAwsCredentials::explicitProfileSkipsEnvironmentKeysButAwsProfileDoesNot() {
    write(QStringLiteral(".aws/credentials"),
          "[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = ops-secret\n");
    m_env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAENV"));
    m_env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("env-secret"));
    m_env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("ops"));
    auto result = resolve();
    QVERIFY(result);
    QCOMPARE(result->source, Source::Environment);
    QVERIFY(
        result->trace.join(QLatin1Char('\n')).contains(QStringLiteral("AWS_PROFILE=ops is set")));

    AwsConnectionInput input;
    input.profile = QStringLiteral("ops");
    result = resolve(input);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
    QCOMPARE(result->source, Source::Profile);
    QCOMPARE(result->profile, QStringLiteral("ops"));
    QCOMPARE(result->credentials.accessKeyId, QStringLiteral("AKIAOPS"));
    QVERIFY(
        result->trace.join(QLatin1Char('\n'))
            .contains(QStringLiteral("environment: skipped, the connection names profile ops")));
}

void TestAwsCredentials::halfEnvironmentKeysAreSkipped() {
    write(QStringLiteral(".aws/credentials"),
          "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n");
    m_env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIAENV"));
    const auto result = resolve();
    QVERIFY(result);
    QCOMPARE(result->source, Source::Profile);
    QCOMPARE(result->credentials.accessKeyId, QStringLiteral("AKIAFILE"));
    QVERIFY(
        result->trace.join(QLatin1Char('\n'))
            .contains(QStringLiteral("AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY")));
}

void TestAwsCredentials::profileSectionRules() {
    write(QStringLiteral(".aws/config"), "# comment\n"
                                         "[default]\nregion = us-east-1\n"
                                         "[profile default]\nregion = eu-central-1\n"
                                         "[profile dev]\nregion = ap-south-1\n"
                                         "aws_access_key_id = AKIACONFIG\n"
                                         "aws_secret_access_key = config-secret\n"
                                         "s3 =\n  max_concurrent_requests = 20\n"
                                         "[stray]\nregion = us-west-2\n");
    write(
        QStringLiteral(".aws/credentials"),
        "; comment\n[dev]\naws_access_key_id = AKIACREDS\r\naws_secret_access_key = creds-secret\n"
        "[profile wrong]\naws_access_key_id = AKIAWRONG\naws_secret_access_key = x\n"
        "[default]\naws_access_key_id = AKIADEF\naws_secret_access_key = def-secret\n");
    const auto files = AwsProfiles::load(m_home->filePath(QStringLiteral(".aws/config")),
                                         m_home->filePath(QStringLiteral(".aws/credentials")));
    QVERIFY2(files, qPrintable(files ? QString() : files.error().message()));
    QCOMPARE(files->names(), (QStringList{QStringLiteral("default"), QStringLiteral("dev")}));
    const QString notes = files->notes().join(QLatin1Char('\n'));
    QVERIFY2(notes.contains(QStringLiteral("[stray] ignored: in the config file a profile is "
                                           "written [profile stray]")),
             qPrintable(notes));
    QVERIFY2(notes.contains(QStringLiteral("[profile wrong] ignored: in the credentials file a "
                                           "profile is written [wrong]")),
             qPrintable(notes));
    QVERIFY2(notes.contains(QStringLiteral("[default] ignored, [profile default] is used")),
             qPrintable(notes));
    QCOMPARE(files->find(QStringLiteral("default"))->value(QStringLiteral("region")),
             QStringLiteral("eu-central-1"));
    QVERIFY(!files->find(QStringLiteral("dev"))->has(QStringLiteral("s3")) ||
            files->find(QStringLiteral("dev"))->value(QStringLiteral("s3")).isEmpty());

    AwsConnectionInput input;
    input.profile = QStringLiteral("dev");
    const auto result = resolve(input);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
    // The credentials file overrides the config file; the region comes from the config file.
    QCOMPARE(result->credentials.accessKeyId, QStringLiteral("AKIACREDS"));
    QCOMPARE(secret(result->credentials.secretAccessKey), QStringLiteral("creds-secret"));
    QCOMPARE(result->region, QStringLiteral("ap-south-1"));
    QVERIFY(result->trace.join(QLatin1Char('\n')).contains(QStringLiteral("credentials, line 3")));
}

void TestAwsCredentials::fileLocationsFromEnvironment() {
    write(QStringLiteral("elsewhere/creds"),
          "[default]\naws_access_key_id = AKIAELSE\naws_secret_access_key = s\n");
    write(QStringLiteral("elsewhere/conf"), "[default]\nregion = sa-east-1\n");
    write(QStringLiteral(".aws/credentials"),
          "[default]\naws_access_key_id = AKIAHOME\naws_secret_access_key = s\n");
    m_env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                 QStringLiteral("~/elsewhere/creds"));
    m_env.insert(QStringLiteral("AWS_CONFIG_FILE"),
                 m_home->filePath(QStringLiteral("elsewhere/conf")));
    const auto result = resolve();
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
    QCOMPARE(result->credentials.accessKeyId, QStringLiteral("AKIAELSE"));
    QCOMPARE(result->region, QStringLiteral("sa-east-1"));
}

void TestAwsCredentials::regionAndEndpointPrecedence() {
    write(QStringLiteral(".aws/config"),
          "[default]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:5000\n");
    write(QStringLiteral(".aws/credentials"),
          "[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n");
    auto result = resolve();
    QVERIFY(result);
    QCOMPARE(result->region, QStringLiteral("eu-west-1"));
    QCOMPARE(result->endpointUrl, QStringLiteral("http://127.0.0.1:5000"));

    m_env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("us-west-1"));
    m_env.insert(QStringLiteral("AWS_ENDPOINT_URL"), QStringLiteral("http://127.0.0.1:6000"));
    result = resolve();
    QCOMPARE(result->region, QStringLiteral("us-west-1"));
    QCOMPARE(result->endpointUrl, QStringLiteral("http://127.0.0.1:6000"));

    m_env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("us-west-2"));
    m_env.insert(QStringLiteral("AWS_ENDPOINT_URL_SECRETS_MANAGER"),
                 QStringLiteral("http://127.0.0.1:7000"));
    result = resolve();
    QCOMPARE(result->region, QStringLiteral("us-west-2"));
    QCOMPARE(result->endpointUrl, QStringLiteral("http://127.0.0.1:7000"));
    QVERIFY(result->trace.contains(QStringLiteral("region: us-west-2 from AWS_REGION")));

    AwsConnectionInput input;
    input.region = QStringLiteral("ca-central-1");
    input.endpointUrl = QStringLiteral("https://vpce.example");
    result = resolve(input);
    QCOMPARE(result->region, QStringLiteral("ca-central-1"));
    QCOMPARE(result->endpointUrl, QStringLiteral("https://vpce.example"));
}

void TestAwsCredentials::roleChainBecomesAPlan() {
    write(QStringLiteral(".aws/config"), "[profile prod]\n"
                                         "role_arn = arn:aws:iam::111111111111:role/BreakGlass\n"
                                         "source_profile = hop\n"
                                         "mfa_serial = arn:aws:iam::000000000000:mfa/alice\n"
                                         "duration_seconds = 3600\n"
                                         "role_session_name = alice-breakglass\n"
                                         "external_id = ext-42\n"
                                         "region = eu-north-1\n"
                                         "[profile hop]\n"
                                         "role_arn = arn:aws:iam::222222222222:role/Hop\n"
                                         "source_profile = base\n");
    write(QStringLiteral(".aws/credentials"),
          "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base-secret\n");
    AwsConnectionInput input;
    input.profile = QStringLiteral("prod");
    const auto result = resolve(input);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
    QCOMPARE(result->source, Source::AssumeRole);
    QCOMPARE(result->credentials.accessKeyId, QStringLiteral("AKIABASE"));
    QCOMPARE(result->region, QStringLiteral("eu-north-1"));
    QVERIFY(result->assumeRole);
    const AwsAssumeRolePlan& plan = *result->assumeRole;
    QCOMPARE(plan.sourceProfile, QStringLiteral("base"));
    QCOMPARE(plan.steps.size(), 2);
    QCOMPARE(plan.steps.at(0).profile, QStringLiteral("hop"));
    QCOMPARE(plan.steps.at(0).roleArn, QStringLiteral("arn:aws:iam::222222222222:role/Hop"));
    QVERIFY(plan.steps.at(0).mfaSerial.isEmpty());
    QVERIFY(!plan.steps.at(0).durationSeconds);
    const AwsAssumeRoleStep& last = plan.steps.at(1);
    QCOMPARE(last.roleArn, QStringLiteral("arn:aws:iam::111111111111:role/BreakGlass"));
    QCOMPARE(last.mfaSerial, QStringLiteral("arn:aws:iam::000000000000:mfa/alice"));
    QCOMPARE(last.durationSeconds, std::optional<int>(3600));
    QCOMPARE(last.roleSessionName, QStringLiteral("alice-breakglass"));
    QCOMPARE(last.externalId, QStringLiteral("ext-42"));
    QVERIFY(plan.needsMfa());

    write(QStringLiteral(".aws/config"), "[profile prod]\nrole_arn = arn:r\nsource_profile = base\n"
                                         "duration_seconds = 60\n");
    const auto bad = resolve(input);
    QVERIFY(!bad);
    QVERIFY2(bad.error().detail().contains(QStringLiteral("config, line 4")) &&
                 bad.error().detail().contains(QStringLiteral("duration_seconds")),
             qPrintable(bad.error().detail()));
}

void TestAwsCredentials::sourceProfileKeysWinOverItsRole() {
    write(QStringLiteral(".aws/config"),
          "[profile top]\nrole_arn = arn:top\nsource_profile = mid\n"
          "[profile mid]\nrole_arn = arn:mid\nsource_profile = nowhere\n");
    write(QStringLiteral(".aws/credentials"),
          "[mid]\naws_access_key_id = AKIAMID\naws_secret_access_key = mid-secret\n");
    AwsConnectionInput input;
    input.profile = QStringLiteral("top");
    const auto result = resolve(input);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
    QCOMPARE(result->assumeRole->steps.size(), 1);
    QCOMPARE(result->assumeRole->sourceProfile, QStringLiteral("mid"));
    QCOMPARE(result->credentials.accessKeyId, QStringLiteral("AKIAMID"));
}

void TestAwsCredentials::selfReferencingSourceProfile() {
    write(QStringLiteral(".aws/credentials"),
          "[self]\naws_access_key_id = AKIASELF\naws_secret_access_key = s\n"
          "role_arn = arn:self\nsource_profile = self\n");
    AwsConnectionInput input;
    input.profile = QStringLiteral("self");
    const auto result = resolve(input);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message()));
    QCOMPARE(result->source, Source::AssumeRole);
    QCOMPARE(result->assumeRole->steps.size(), 1);
    QCOMPARE(result->credentials.accessKeyId, QStringLiteral("AKIASELF"));
}

void TestAwsCredentials::sourceProfileCycleIsDetected() {
    write(QStringLiteral(".aws/config"), "[profile a]\nrole_arn = arn:a\nsource_profile = b\n"
                                         "[profile b]\nrole_arn = arn:b\nsource_profile = c\n"
                                         "[profile c]\nrole_arn = arn:c\nsource_profile = a\n");
    AwsConnectionInput input;
    input.profile = QStringLiteral("a");
    const auto result = resolve(input);
    QVERIFY(!result);
    QCOMPARE(result.error().kind(), BackendError::Kind::InvalidInput);
    QCOMPARE(result.error().detail(), QStringLiteral("source_profile cycle: a -> b -> c -> a"));
}

void TestAwsCredentials::credentialSourceIsUnsupported() {
    write(QStringLiteral(".aws/config"),
          "[profile ec2]\nrole_arn = arn:x\ncredential_source = Ec2InstanceMetadata\n");
    AwsConnectionInput input;
    input.profile = QStringLiteral("ec2");
    const auto result = resolve(input);
    QVERIFY(!result);
    QCOMPARE(result.error().kind(), BackendError::Kind::Unsupported);
    QVERIFY2(result.error().detail().contains(
                 QStringLiteral("credential_source = Ec2InstanceMetadata is not supported")) &&
                 result.error().detail().contains(QStringLiteral("config, line 3")),
             qPrintable(result.error().detail()));
}

void TestAwsCredentials::missingSourceProfile() {
    write(QStringLiteral(".aws/config"), "[profile a]\nrole_arn = arn:a\nsource_profile = ghost\n");
    AwsConnectionInput input;
    input.profile = QStringLiteral("a");
    const auto result = resolve(input);
    QVERIFY(!result);
    QVERIFY2(
        result.error().detail().contains(QStringLiteral("its source_profile ghost does not exist")),
        qPrintable(result.error().detail()));
}

void TestAwsCredentials::malformedFilesNameFileAndLine() {
    const QList<std::pair<QByteArray, QString>> cases = {
        {"[default]\nregion = x\nthis line has no equals sign\n",
         QStringLiteral("credentials, line 3: expected `key = value`")},
        {"region = x\n[default]\n", QStringLiteral("credentials, line 1: setting region comes "
                                                   "before any [section]")},
        {"[default\n", QStringLiteral("credentials, line 1: a section header must look like")},
        {"[default]\n\n  indented = x\n", QStringLiteral("credentials, line 3: an indented line")},
        {"[default]\n= value\n", QStringLiteral("credentials, line 2: a setting with no name")},
    };
    for (const auto& [text, expected] : cases) {
        write(QStringLiteral(".aws/credentials"), text);
        const auto result = resolve();
        QVERIFY(!result);
        QCOMPARE(result.error().kind(), BackendError::Kind::InvalidInput);
        QVERIFY2(result.error().detail().contains(expected), qPrintable(result.error().detail()));
        QVERIFY(result.error().detail().startsWith(m_home->path()));
    }
}

void TestAwsCredentials::halfKeysInAProfile() {
    write(QStringLiteral(".aws/credentials"), "[default]\n\naws_secret_access_key = s\n");
    const auto result = resolve();
    QVERIFY(!result);
    QVERIFY2(result.error().detail().contains(QStringLiteral("credentials, line 3) has "
                                                             "aws_secret_access_key but no "
                                                             "aws_access_key_id")),
             qPrintable(result.error().detail()));
}

void TestAwsCredentials::missingProfile() {
    write(QStringLiteral(".aws/credentials"),
          "[one]\naws_access_key_id = A\naws_secret_access_key = s\n"
          "[two]\naws_access_key_id = B\naws_secret_access_key = s\n");
    m_env.insert(QStringLiteral("AWS_PROFILE"), QStringLiteral("three"));
    auto result = resolve();
    QVERIFY(!result);
    QVERIFY2(
        result.error().detail().contains(QStringLiteral("profile three (chosen by AWS_PROFILE) "
                                                        "is not in")) &&
            result.error().detail().contains(QStringLiteral("profiles there: one, two")),
        qPrintable(result.error().detail()));

    AwsConnectionInput input;
    input.profile = QStringLiteral("four");
    result = resolve(input);
    QVERIFY(!result);
    QVERIFY(result.error().detail().contains(QStringLiteral("(chosen by the connection form)")));
}

void TestAwsCredentials::nothingFound() {
    auto result = resolve();
    QVERIFY(!result);
    QVERIFY2(
        result.error().detail().startsWith(QStringLiteral("no AWS credentials found")) &&
            result.error().detail().contains(QStringLiteral("environment: no AWS_ACCESS_KEY_ID")) &&
            result.error().detail().contains(QStringLiteral("no default profile")),
        qPrintable(result.error().detail()));

    write(QStringLiteral(".aws/config"), "[default]\nregion = eu-west-1\nsso_session = corp\n");
    result = resolve();
    QVERIFY(!result);
    QVERIFY2(result.error().detail().contains(QStringLiteral("has no keys and no role_arn")) &&
                 result.error().detail().contains(QStringLiteral("sso_session is not supported")),
             qPrintable(result.error().detail()));
}

QTEST_GUILESS_MAIN(TestAwsCredentials)
#include "test_aws_credentials.moc"
