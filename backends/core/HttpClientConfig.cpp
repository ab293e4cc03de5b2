#include "HttpClientConfig.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace strongroom {

namespace {

Result<QByteArray> readPemFile(const QString& path, const QString& what) {
    QFile file(path);
    if (!file.exists()) {
        return BackendError(BackendError::Kind::InvalidInput,
                            QStringLiteral("the %1 file %2 does not exist").arg(what, path));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return BackendError(BackendError::Kind::InvalidInput,
                            QStringLiteral("the %1 file %2 cannot be read: %3")
                                .arg(what, path, file.errorString()));
    }
    return file.readAll();
}

Result<QSslKey> loadPrivateKey(const QString& path, const SecretBytes& passphrase) {
    auto pem = readPemFile(path, QStringLiteral("client key"));
    if (!pem) {
        return pem.error();
    }
    QByteArray pass = passphrase.toByteArrayUnsafe();
    QSslKey key;
    for (const auto algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa, QSsl::Dh}) {
        key = QSslKey(pem.value(), algorithm, QSsl::Pem, QSsl::PrivateKey, pass);
        if (!key.isNull()) {
            break;
        }
    }
    // The key file and passphrase are secrets; do not leave copies in freed heap memory.
    wipe(pem.value());
    wipe(pass);
    if (key.isNull()) {
        return BackendError(
            BackendError::Kind::InvalidInput,
            QStringLiteral("the client key file %1 holds no PEM private key this passphrase opens")
                .arg(path));
    }
    return key;
}

} // namespace

HttpRetryPolicy HttpClientConfig::retryPolicy() const {
    return HttpRetryPolicy(maxRetries, baseBackoff, maxBackoff, maxRetryAfter);
}

Result<QSslConfiguration> HttpClientConfig::tlsConfiguration() const {
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    if (!caFile.isEmpty()) {
        auto pem = readPemFile(caFile, QStringLiteral("CA"));
        if (!pem) {
            return pem.error();
        }
        const auto authorities = QSslCertificate::fromData(pem.value(), QSsl::Pem);
        if (authorities.isEmpty()) {
            return BackendError(
                BackendError::Kind::InvalidInput,
                QStringLiteral("the CA file %1 holds no PEM certificate").arg(caFile));
        }
        tls.addCaCertificates(authorities);
    }
    if (clientCertFile.isEmpty() != clientKeyFile.isEmpty()) {
        return BackendError(BackendError::Kind::InvalidInput,
                            QStringLiteral("a client certificate needs both a certificate file "
                                           "and a key file"));
    }
    if (!clientCertFile.isEmpty()) {
        auto pem = readPemFile(clientCertFile, QStringLiteral("client certificate"));
        if (!pem) {
            return pem.error();
        }
        const auto chain = QSslCertificate::fromData(pem.value(), QSsl::Pem);
        if (chain.isEmpty()) {
            return BackendError(BackendError::Kind::InvalidInput,
                                QStringLiteral("the client certificate file %1 holds no PEM "
                                               "certificate")
                                    .arg(clientCertFile));
        }
        auto key = loadPrivateKey(clientKeyFile, clientKeyPassphrase);
        if (!key) {
            return key.error();
        }
        tls.setLocalCertificateChain(chain);
        tls.setPrivateKey(key.value());
    }
    return tls;
}

} // namespace strongroom
