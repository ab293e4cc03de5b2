#include "StsClient.h"

#include "AwsSignedRequest.h"
#include "HttpClient.h"
#include "StsCallerIdentityReply.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;
using namespace std::chrono_literals;

constexpr auto baseBackoff = 100ms;
constexpr auto maxBackoff = 20'000ms;

QString tr(const char* text) {
    return QCoreApplication::translate("StsClient", text);
}

HttpClientConfig singleAttempt(HttpClientConfig config) {
    config.maxRetries = 0;
    return config;
}

void appendField(SecretBytes& body, const char* name, const QString& value) {
    if (!body.isEmpty()) {
        body.append("&");
    }
    body.append(name);
    body.append("=");
    QByteArray encoded = QUrl::toPercentEncoding(value);
    body.append(std::string_view(encoded.constData(), std::size_t(encoded.size())));
    wipe(encoded);
}

// "strongroom-<user>-<epoch>", only with the characters STS allows, at most 64 of them.
QString defaultSessionName() {
    QString user = qEnvironmentVariable("USER", QStringLiteral("operator"));
    static const QRegularExpression notAllowed(QStringLiteral("[^\\w+=,.@-]"));
    user.replace(notAllowed, QStringLiteral("_"));
    const QString epoch = QString::number(QDateTime::currentSecsSinceEpoch());
    const QString prefix = QStringLiteral("strongroom-");
    user = user.left(64 - prefix.size() - epoch.size() - 1);
    return prefix + user + QLatin1Char('-') + epoch;
}

BackendError closed() {
    return BackendError(Kind::Cancelled, tr("the STS client was closed during the call"));
}

} // namespace

StsClient::StsClient(AwsEndpoint endpoint, QObject* parent)
    : QObject(parent)
    , m_endpoint(std::move(endpoint))
    , m_http(new HttpClient(singleAttempt(m_endpoint.http), this)) {}

StsClient::~StsClient() = default;

QString StsClient::validate(const AssumeRoleRequest& request) {
    static const QRegularExpression roleArn(QStringLiteral("^arn:[\\w-]+:iam::\\d{12}:role/.+$"));
    static const QRegularExpression sessionName(QStringLiteral("^[\\w+=,.@-]{2,64}$"));
    static const QRegularExpression sixDigits(QStringLiteral("^\\d{6}$"));
    if (request.roleArn.isEmpty()) {
        return tr("no role ARN given");
    }
    if (!roleArn.match(request.roleArn).hasMatch()) {
        return tr("\"%1\" is not a role ARN (arn:aws:iam::<account>:role/<name>)")
            .arg(request.roleArn.left(200));
    }
    if (!request.roleSessionName.isEmpty() &&
        !sessionName.match(request.roleSessionName).hasMatch()) {
        return tr("the session name must be 2 to 64 letters, digits or +=,.@_-");
    }
    if (!request.externalId.isEmpty() &&
        (request.externalId.size() < 2 || request.externalId.size() > 1224)) {
        return tr("the external ID must be 2 to 1224 characters");
    }
    if (!request.mfaSerial.isEmpty() && !sixDigits.match(request.mfaCode).hasMatch()) {
        return tr("the MFA code must be the 6 digits the device shows");
    }
    if (request.mfaSerial.isEmpty() && !request.mfaCode.isEmpty()) {
        return tr("an MFA code was given without the MFA device (serial number or ARN)");
    }
    if (request.durationSeconds &&
        (*request.durationSeconds < 900 || *request.durationSeconds > 43200)) {
        return tr("the session duration must be between 900 and 43200 seconds (15 min to 12 h)");
    }
    return {};
}

QCoro::Task<bool> StsClient::pause(std::chrono::milliseconds wait, CancelToken cancel) {
    return awsretry::pause(this, wait, std::move(cancel));
}

QCoro::Task<Result<HttpResponse>> StsClient::post(AwsCredentials credentials, SecretBytes body,
                                                  CancelToken cancel) {
    QPointer<StsClient> self(this);
    if (credentials.accessKeyId.isEmpty() || credentials.secretAccessKey.isEmpty()) {
        co_return BackendError(Kind::Unauthenticated,
                               tr("no AWS credentials to call STS with: sign in first"));
    }
    bool skewCorrected = false;
    for (int attempt = 1;; ++attempt) {
        if (cancel.isCancelled()) {
            co_return BackendError(Kind::Cancelled);
        }
        const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(m_clockOffset.count());
        HttpRequest request = AwsSignedRequest::post(
            m_endpoint.urlFor("sts"), m_endpoint.region, QByteArrayLiteral("sts"),
            {{QByteArrayLiteral("Content-Type"),
              QByteArrayLiteral("application/x-www-form-urlencoded; charset=utf-8")}},
            body, credentials, now);
        // Asking twice only makes another session: every STS call here may be repeated.
        request.idempotent = true;
        auto sending = m_http->send(std::move(request), cancel);
        auto sent = co_await std::move(sending);
        if (!self) {
            co_return closed();
        }
        const bool attemptsLeft = attempt < awsretry::maxAttempts;
        if (!sent) {
            if (sent.error().kind() == Kind::Network && attemptsLeft) {
                auto waiting =
                    pause(awsretry::backoff(attempt - 1, baseBackoff, maxBackoff,
                                            QRandomGenerator::global()->generateDouble()),
                          cancel);
                if (!co_await std::move(waiting)) {
                    co_return self ? BackendError(Kind::Cancelled) : closed();
                }
                continue;
            }
            co_return sent.error();
        }
        if (sent->isSuccess()) {
            co_return sent;
        }
        QByteArray raw = sent->body.toByteArrayUnsafe();
        const AwsErrorReply reply = StsCallerIdentityReply::error(sent->status, raw);
        wipe(raw);
        if (!skewCorrected && awsretry::isClockSkew(reply)) {
            if (const auto offset = awsretry::offsetFromDate(sent->header("Date"),
                                                             QDateTime::currentDateTimeUtc())) {
                skewCorrected = true;
                m_clockOffset = *offset;
                --attempt;
                continue;
            }
        }
        if (reply.isRetryable() && attemptsLeft) {
            auto waiting = pause(awsretry::backoff(attempt - 1, baseBackoff, maxBackoff,
                                                   QRandomGenerator::global()->generateDouble()),
                                 cancel);
            if (!co_await std::move(waiting)) {
                co_return self ? BackendError(Kind::Cancelled) : closed();
            }
            continue;
        }
        co_return sent;
    }
}

QCoro::Task<Result<StsAssumedRole>>
StsClient::assumeRole(AwsCredentials source, AssumeRoleRequest request, CancelToken cancel) {
    QPointer<StsClient> self(this);
    if (const QString problem = validate(request); !problem.isEmpty()) {
        co_return BackendError(Kind::InvalidInput, problem);
    }
    SecretBytes body;
    appendField(body, "Action", QStringLiteral("AssumeRole"));
    appendField(body, "Version", QStringLiteral("2011-06-15"));
    appendField(body, "RoleArn", request.roleArn);
    appendField(body, "RoleSessionName",
                request.roleSessionName.isEmpty() ? defaultSessionName() : request.roleSessionName);
    if (request.durationSeconds) {
        appendField(body, "DurationSeconds", QString::number(*request.durationSeconds));
    }
    if (!request.externalId.isEmpty()) {
        appendField(body, "ExternalId", request.externalId);
    }
    if (!request.mfaSerial.isEmpty()) {
        appendField(body, "SerialNumber", request.mfaSerial);
        appendField(body, "TokenCode", request.mfaCode);
    }
    wipe(request.mfaCode);
    auto posting = post(std::move(source), std::move(body), std::move(cancel));
    auto posted = co_await std::move(posting);
    if (!self) {
        co_return closed();
    }
    if (!posted) {
        co_return posted.error();
    }
    QByteArray raw = posted->body.toByteArrayUnsafe();
    co_return StsAssumeRoleReply::parse(posted->status, raw);
}

QCoro::Task<Result<QString>> StsClient::callerIdentity(AwsCredentials credentials,
                                                       CancelToken cancel) {
    QPointer<StsClient> self(this);
    SecretBytes body;
    appendField(body, "Action", QStringLiteral("GetCallerIdentity"));
    appendField(body, "Version", QStringLiteral("2011-06-15"));
    auto posting = post(std::move(credentials), std::move(body), std::move(cancel));
    auto posted = co_await std::move(posting);
    if (!self) {
        co_return closed();
    }
    if (!posted) {
        co_return posted.error();
    }
    QByteArray raw = posted->body.toByteArrayUnsafe();
    auto arn = StsCallerIdentityReply::parse(posted->status, raw);
    wipe(raw);
    co_return arn;
}

} // namespace strongroom
