#pragma once

#include "HttpClientConfig.h"

#include <QByteArray>
#include <QUrl>

namespace strongroom {

// Where a connection's AWS services are and how to talk TLS to them; never how to authenticate.
// An empty URL means the public regional endpoint (https://secretsmanager.<region>.amazonaws.com/,
// https://sts.<region>.amazonaws.com/); an override points at moto, LocalStack or a VPC endpoint.
struct AwsEndpoint {
    QByteArray region = QByteArrayLiteral("us-east-1");
    QUrl secretsManagerUrl;
    QUrl stsUrl;
    HttpClientConfig http;

    // The URL to send `service` ("secretsmanager" or "sts") requests to.
    QUrl urlFor(const QByteArray& service) const;
};

} // namespace strongroom
