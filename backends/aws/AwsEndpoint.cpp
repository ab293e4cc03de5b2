#include "AwsEndpoint.h"

namespace strongroom {

QUrl AwsEndpoint::urlFor(const QByteArray& service) const {
    if (service == "secretsmanager" && !secretsManagerUrl.isEmpty()) {
        return secretsManagerUrl;
    }
    if (service == "sts" && !stsUrl.isEmpty()) {
        return stsUrl;
    }
    const QByteArray name = region.isEmpty() ? QByteArrayLiteral("us-east-1") : region;
    return QUrl(QStringLiteral("https://%1.%2.amazonaws.com/")
                    .arg(QString::fromLatin1(service), QString::fromLatin1(name)));
}

} // namespace strongroom
