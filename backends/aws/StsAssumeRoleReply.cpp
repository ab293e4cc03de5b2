#include "StsAssumeRoleReply.h"

#include "AwsErrorReply.h"

#include <QCoreApplication>
#include <QStringList>
#include <QXmlStreamReader>

namespace strongroom {

namespace {

BackendError invalid(const QString& why) {
    return BackendError(
        BackendError::Kind::InvalidResponse,
        QCoreApplication::translate("StsAssumeRoleReply", "STS AssumeRole: %1").arg(why));
}

struct Fields {
    QString accessKeyId;
    SecretBytes secretAccessKey;
    SecretBytes sessionToken;
    QString expiration;
    QString arn;
    QString roleId;
    QString errorCode;
    QString errorMessage;
    bool sawErrorResponse = false;
    bool sawCredentials = false;
};

// Secret text without the surrounding whitespace (documentation samples wrap long tokens).
SecretBytes takeTrimmed(QString& text) {
    QString trimmed = text.trimmed();
    wipe(text);
    return SecretBytes::takeFrom(trimmed);
}

// Walks the document once, picking the leaves we know by their element path.
std::optional<QString> read(QXmlStreamReader& xml, Fields& fields) {
    QStringList path;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::DTD || token == QXmlStreamReader::EntityReference)
            return QStringLiteral("a reply with a DTD or entities is refused");
        if (token == QXmlStreamReader::StartElement) {
            path.append(xml.name().toString());
            if (path.size() > 16)
                return QStringLiteral("nested too deeply");
            const QString at = path.join(QLatin1Char('/'));
            if (at == QLatin1String("ErrorResponse"))
                fields.sawErrorResponse = true;
            if (at == QLatin1String("AssumeRoleResponse/AssumeRoleResult/Credentials"))
                fields.sawCredentials = true;
            const bool leaf =
                at.startsWith(QLatin1String("AssumeRoleResponse/AssumeRoleResult/Credentials/")) ||
                at.startsWith(
                    QLatin1String("AssumeRoleResponse/AssumeRoleResult/AssumedRoleUser/")) ||
                at.startsWith(QLatin1String("ErrorResponse/Error/"));
            if (!leaf)
                continue;
            QString text = xml.readElementText(QXmlStreamReader::ErrorOnUnexpectedElement);
            path.removeLast(); // readElementText consumed the end element
            if (at.endsWith(QLatin1String("Credentials/AccessKeyId")))
                fields.accessKeyId = text.trimmed();
            else if (at.endsWith(QLatin1String("Credentials/SecretAccessKey")))
                fields.secretAccessKey = takeTrimmed(text);
            else if (at.endsWith(QLatin1String("Credentials/SessionToken")))
                fields.sessionToken = takeTrimmed(text);
            else if (at.endsWith(QLatin1String("Credentials/Expiration")))
                fields.expiration = text.trimmed();
            else if (at.endsWith(QLatin1String("AssumedRoleUser/Arn")))
                fields.arn = text.trimmed();
            else if (at.endsWith(QLatin1String("AssumedRoleUser/AssumedRoleId")))
                fields.roleId = text.trimmed();
            else if (at == QLatin1String("ErrorResponse/Error/Code"))
                fields.errorCode = text.trimmed();
            else if (at == QLatin1String("ErrorResponse/Error/Message"))
                fields.errorMessage = text;
            wipe(text);
        } else if (token == QXmlStreamReader::EndElement) {
            if (!path.isEmpty())
                path.removeLast();
        }
    }
    if (xml.hasError())
        return QCoreApplication::translate("StsAssumeRoleReply", "malformed XML (%1)")
            .arg(xml.errorString());
    return std::nullopt;
}

} // namespace

Result<StsAssumedRole> StsAssumeRoleReply::parse(int status, QByteArray& body) {
    Fields fields;
    std::optional<QString> problem;
    {
        QXmlStreamReader xml(body);
        problem = read(xml, fields);
    }
    wipe(body);

    const bool success = status >= 200 && status < 300;
    if (!success || fields.sawErrorResponse) {
        AwsErrorReply reply;
        reply.status = success ? 400 : status;
        reply.code = AwsErrorReply::sanitizeCode(fields.errorCode);
        reply.message = AwsErrorReply::cleanMessage(fields.errorMessage);
        return reply.toError();
    }
    if (problem)
        return invalid(*problem);
    if (!fields.sawCredentials)
        return invalid(QCoreApplication::translate("StsAssumeRoleReply",
                                                   "no AssumeRoleResult/Credentials in the reply"));
    QStringList missing;
    if (fields.accessKeyId.isEmpty())
        missing.append(QStringLiteral("AccessKeyId"));
    if (fields.secretAccessKey.isEmpty())
        missing.append(QStringLiteral("SecretAccessKey"));
    if (fields.sessionToken.isEmpty())
        missing.append(QStringLiteral("SessionToken"));
    if (fields.expiration.isEmpty())
        missing.append(QStringLiteral("Expiration"));
    if (!missing.isEmpty())
        return invalid(QCoreApplication::translate("StsAssumeRoleReply", "the reply lacks %1")
                           .arg(missing.join(QStringLiteral(", "))));
    const QDateTime expiration = QDateTime::fromString(fields.expiration, Qt::ISODateWithMs);
    if (!expiration.isValid())
        return invalid(
            QCoreApplication::translate("StsAssumeRoleReply", "unreadable Expiration \"%1\"")
                .arg(AwsErrorReply::cleanMessage(fields.expiration.left(40))));
    StsAssumedRole out;
    out.credentials.accessKeyId = fields.accessKeyId;
    out.credentials.secretAccessKey = std::move(fields.secretAccessKey);
    out.credentials.sessionToken = std::move(fields.sessionToken);
    out.expiration = expiration.toUTC();
    out.assumedRoleArn = fields.arn;
    out.assumedRoleId = fields.roleId;
    return out;
}

} // namespace strongroom
