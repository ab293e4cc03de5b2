#include "HttpRequest.h"

namespace strongroom {

void HttpRequest::setHeader(const QByteArray& name, const QByteArray& value) {
    for (auto& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0) {
            header.second = value;
            return;
        }
    }
    headers.append({name, value});
}

void HttpRequest::setCredentialHeader(const QByteArray& name, SecretBytes value) {
    for (auto& header : credentialHeaders) {
        if (header.name.compare(name, Qt::CaseInsensitive) == 0) {
            header.value = std::move(value);
            return;
        }
    }
    credentialHeaders.push_back({name, std::move(value)});
}

bool HttpRequest::isIdempotent() const {
    if (idempotent.has_value()) {
        return *idempotent;
    }
    const QByteArray verb = method.toUpper();
    return verb == "GET" || verb == "HEAD" || verb == "OPTIONS" || verb == "PUT" ||
           verb == "DELETE";
}

} // namespace strongroom
