#include "StsCallerIdentityReply.h"

#include <QCoreApplication>
#include <QStringList>
#include <QXmlStreamReader>

#include <optional>

namespace strongroom {

namespace {

struct Leaves {
    QString arn;
    QString code;
    QString message;
    bool sawError = false;
};

// One pass over the document, keeping the few leaves we know by their element path.
std::optional<QString> read(const QByteArray& body, Leaves& leaves) {
    QXmlStreamReader xml(body);
    QStringList path;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::DTD || token == QXmlStreamReader::EntityReference) {
            return QStringLiteral("a reply with a DTD or entities is refused");
        }
        if (token == QXmlStreamReader::StartElement) {
            path.append(xml.name().toString());
            if (path.size() > 16) {
                return QStringLiteral("nested too deeply");
            }
            const QString at = path.join(QLatin1Char('/'));
            if (at == QLatin1String("ErrorResponse")) {
                leaves.sawError = true;
            }
            QString* into = nullptr;
            if (at == QLatin1String("GetCallerIdentityResponse/GetCallerIdentityResult/Arn")) {
                into = &leaves.arn;
            } else if (at == QLatin1String("ErrorResponse/Error/Code")) {
                into = &leaves.code;
            } else if (at == QLatin1String("ErrorResponse/Error/Message")) {
                into = &leaves.message;
            }
            if (into) {
                *into = xml.readElementText(QXmlStreamReader::ErrorOnUnexpectedElement);
                path.removeLast();
            }
        } else if (token == QXmlStreamReader::EndElement && !path.isEmpty()) {
            path.removeLast();
        }
    }
    if (xml.hasError()) {
        return QStringLiteral("malformed XML (%1)").arg(xml.errorString());
    }
    return std::nullopt;
}

} // namespace

AwsErrorReply StsCallerIdentityReply::error(int status, const QByteArray& body) {
    Leaves leaves;
    (void)read(body, leaves);
    AwsErrorReply reply;
    reply.status = status;
    reply.code = AwsErrorReply::sanitizeCode(leaves.code.trimmed());
    reply.message = AwsErrorReply::cleanMessage(leaves.message);
    return reply;
}

Result<QString> StsCallerIdentityReply::parse(int status, const QByteArray& body) {
    Leaves leaves;
    const auto problem = read(body, leaves);
    const bool success = status >= 200 && status < 300;
    if (!success || leaves.sawError) {
        AwsErrorReply reply;
        reply.status = success ? 400 : status;
        reply.code = AwsErrorReply::sanitizeCode(leaves.code.trimmed());
        reply.message = AwsErrorReply::cleanMessage(leaves.message);
        return reply.toError();
    }
    if (problem || leaves.arn.trimmed().isEmpty()) {
        return BackendError(
            BackendError::Kind::InvalidResponse,
            QCoreApplication::translate("StsCallerIdentityReply", "STS GetCallerIdentity: %1")
                .arg(problem ? *problem : QStringLiteral("no Arn in the reply")));
    }
    return AwsErrorReply::cleanMessage(leaves.arn.trimmed());
}

} // namespace strongroom
