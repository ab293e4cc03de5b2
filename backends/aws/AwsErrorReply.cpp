#include "AwsErrorReply.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <optional>

namespace strongroom {

namespace {

using Kind = BackendError::Kind;

constexpr int maxMessage = 400;

bool isThrottling(const QString& code) {
    static const QSet<QString> codes = {QStringLiteral("Throttling"),
                                        QStringLiteral("ThrottlingException"),
                                        QStringLiteral("ThrottledException"),
                                        QStringLiteral("RequestThrottledException"),
                                        QStringLiteral("TooManyRequestsException"),
                                        QStringLiteral("ProvisionedThroughputExceededException"),
                                        QStringLiteral("TransactionInProgressException"),
                                        QStringLiteral("RequestLimitExceeded"),
                                        QStringLiteral("BandwidthLimitExceeded"),
                                        QStringLiteral("RequestThrottled"),
                                        QStringLiteral("SlowDown"),
                                        QStringLiteral("PriorRequestNotComplete"),
                                        QStringLiteral("EC2ThrottledException")};
    return codes.contains(code);
}

std::optional<Kind> kindOfCode(const QString& code) {
    static const QHash<QString, Kind> kinds = {
        {QStringLiteral("AccessDeniedException"), Kind::PermissionDenied},
        {QStringLiteral("AccessDenied"), Kind::PermissionDenied},
        {QStringLiteral("DecryptionFailure"), Kind::PermissionDenied},
        {QStringLiteral("EncryptionFailure"), Kind::PermissionDenied},
        {QStringLiteral("ExpiredToken"), Kind::Unauthenticated},
        {QStringLiteral("ExpiredTokenException"), Kind::Unauthenticated},
        {QStringLiteral("UnrecognizedClientException"), Kind::Unauthenticated},
        {QStringLiteral("InvalidClientTokenId"), Kind::Unauthenticated},
        {QStringLiteral("InvalidSignatureException"), Kind::Unauthenticated},
        {QStringLiteral("SignatureDoesNotMatch"), Kind::Unauthenticated},
        {QStringLiteral("IncompleteSignature"), Kind::Unauthenticated},
        {QStringLiteral("IncompleteSignatureException"), Kind::Unauthenticated},
        {QStringLiteral("MissingAuthenticationToken"), Kind::Unauthenticated},
        {QStringLiteral("MissingAuthenticationTokenException"), Kind::Unauthenticated},
        {QStringLiteral("RequestExpired"), Kind::Unauthenticated},
        {QStringLiteral("ResourceNotFoundException"), Kind::NotFound},
        {QStringLiteral("ResourceExistsException"), Kind::Conflict},
        {QStringLiteral("PreconditionNotMetException"), Kind::Conflict},
        {QStringLiteral("InvalidParameterException"), Kind::InvalidInput},
        {QStringLiteral("InvalidParameterValue"), Kind::InvalidInput},
        {QStringLiteral("InvalidRequestException"), Kind::InvalidInput},
        {QStringLiteral("InvalidNextTokenException"), Kind::InvalidInput},
        {QStringLiteral("ValidationException"), Kind::InvalidInput},
        {QStringLiteral("ValidationError"), Kind::InvalidInput},
        {QStringLiteral("MalformedPolicyDocumentException"), Kind::InvalidInput},
        {QStringLiteral("MalformedPolicyDocument"), Kind::InvalidInput},
        {QStringLiteral("PackedPolicyTooLarge"), Kind::InvalidInput},
        {QStringLiteral("LimitExceededException"), Kind::InvalidInput},
        {QStringLiteral("RegionDisabledException"), Kind::Unsupported},
        {QStringLiteral("InternalServiceError"), Kind::Network},
        {QStringLiteral("InternalFailure"), Kind::Network},
        {QStringLiteral("ServiceUnavailable"), Kind::Network},
    };
    if (kinds.contains(code))
        return kinds.value(code);
    if (isThrottling(code))
        return Kind::Throttled;
    return std::nullopt;
}

Kind kindOfStatus(int status) {
    switch (status) {
    case 400:
        return Kind::InvalidInput;
    case 401:
        return Kind::Unauthenticated;
    case 403:
        return Kind::PermissionDenied;
    case 404:
        return Kind::NotFound;
    case 409:
    case 412:
        return Kind::Conflict;
    case 429:
        return Kind::Throttled;
    case 501:
        return Kind::Unsupported;
    default:
        return status >= 500 ? Kind::Network : Kind::InvalidResponse;
    }
}

} // namespace

QString AwsErrorReply::sanitizeCode(const QString& raw) {
    // The order of the SDKs' sanitizeErrorCode: first of several values, then cut the ":uri"
    // suffix (which may itself hold '#'), then the "namespace#" prefix.
    QString code = raw.section(QLatin1Char(','), 0, 0);
    code = code.section(QLatin1Char(':'), 0, 0);
    code = code.section(QLatin1Char('#'), -1).trimmed();
    // A code is an identifier; anything else is not one we can act on.
    for (const QChar c : code)
        if (!(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.') ||
              c == QLatin1Char('-')) ||
            c.unicode() > 0x7f)
            return {};
    return code.left(128);
}

QString AwsErrorReply::cleanMessage(const QString& raw) {
    QString text;
    for (const QChar c : raw)
        text.append(c.isPrint() ? c : QLatin1Char(' '));
    text = text.simplified();
    if (text.size() > maxMessage)
        text = text.left(maxMessage) + QStringLiteral("…");
    return text;
}

AwsErrorReply AwsErrorReply::fromJson(int status, const QByteArray& errorTypeHeader,
                                      const QByteArray& body) {
    AwsErrorReply reply;
    reply.status = status;
    reply.code = sanitizeCode(QString::fromUtf8(errorTypeHeader));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return reply;
    const QJsonObject object = document.object();
    if (reply.code.isEmpty())
        reply.code = sanitizeCode(object.value(QStringLiteral("__type")).toString());
    if (reply.code.isEmpty())
        reply.code = sanitizeCode(object.value(QStringLiteral("code")).toString());
    for (const QString& key :
         {QStringLiteral("message"), QStringLiteral("Message"), QStringLiteral("errorMessage")}) {
        const QJsonValue value = object.value(key);
        if (value.isString()) {
            reply.message = cleanMessage(value.toString());
            break;
        }
    }
    return reply;
}

BackendError AwsErrorReply::toError() const {
    const Kind kind =
        code.isEmpty() ? kindOfStatus(status) : kindOfCode(code).value_or(kindOfStatus(status));
    QString detail =
        code.isEmpty() ? QCoreApplication::translate("AwsErrorReply", "HTTP %1").arg(status) : code;
    if (!message.isEmpty())
        detail += QStringLiteral(": ") + message;
    if (code == QLatin1String("InvalidSignatureException") ||
        code == QLatin1String("SignatureDoesNotMatch") || code == QLatin1String("RequestExpired"))
        detail += QCoreApplication::translate(
            "AwsErrorReply", " (check the secret access key and this computer's clock)");
    return BackendError(kind, detail);
}

bool AwsErrorReply::isRetryable() const {
    if (code == QLatin1String("LimitExceededException"))
        return false;
    static const QSet<QString> transient = {
        QStringLiteral("RequestTimeout"),  QStringLiteral("RequestTimeoutException"),
        QStringLiteral("InternalError"),   QStringLiteral("InternalServiceError"),
        QStringLiteral("InternalFailure"), QStringLiteral("ServiceUnavailable")};
    if (isThrottling(code) || transient.contains(code))
        return true;
    return status == 500 || status == 502 || status == 503 || status == 504;
}

} // namespace strongroom
