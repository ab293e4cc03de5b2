#pragma once

#include <QSslConfiguration>
#include <QString>
#include <QTemporaryDir>

// A throwaway CA and a server certificate for 127.0.0.1/localhost signed by it, made with the
// openssl CLI when the test starts, so no key material is checked into the repository.
class TestCertificates {
public:
    // Empty on success, otherwise what went wrong (openssl missing, a step failed).
    QString generate();

    QString caFile() const { return m_dir.filePath(QStringLiteral("ca.pem")); }
    QString serverCertFile() const { return m_dir.filePath(QStringLiteral("server.pem")); }
    QString serverKeyFile() const { return m_dir.filePath(QStringLiteral("server.key")); }
    QString path(const QString& name) const { return m_dir.filePath(name); }
    // Server side TLS settings presenting the server certificate.
    QSslConfiguration serverConfiguration() const;

private:
    QString run(const QStringList& arguments);

    QTemporaryDir m_dir;
};
