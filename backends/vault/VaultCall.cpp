#include "VaultCall.h"

namespace strongroom {

VaultCall VaultCall::make(QByteArray method, QString path) {
    VaultCall call;
    call.method = std::move(method);
    call.path = std::move(path);
    return call;
}

VaultCall VaultCall::list(QString path) {
    auto call = make(QByteArrayLiteral("GET"), std::move(path));
    call.query.addQueryItem(QStringLiteral("list"), QStringLiteral("true"));
    return call;
}

VaultCall VaultCall::post(QString path, SecretBytes body) {
    auto call = make(QByteArrayLiteral("POST"), std::move(path));
    call.body = std::move(body);
    return call;
}

} // namespace strongroom
