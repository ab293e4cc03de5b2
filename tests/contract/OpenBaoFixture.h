#pragma once

#include "StoreFixture.h"

#include <QByteArray>

#include <memory>

class OpenBaoServer;

// A real OpenBao dev server (tests/support/OpenBaoServer) with KV v2 at secret/. Backends sign
// in with the root token; the narrower credential is a token whose policy may only read and
// list the test's folder. OpenBao has no bin and no rotation of KV secrets.
class OpenBaoFixture : public StoreFixture {
public:
    OpenBaoFixture();
    ~OpenBaoFixture() override;

    QString storeName() const override { return QStringLiteral("openbao"); }
    bool start(QString* why) override;
    void stop() override;
    std::unique_ptr<strongroom::SecretBackend> open(QString* why) override;
    QString freshFolder() override;
    QStringList seed(strongroom::SecretBackend& backend, const QString& folder, int count,
                     QString* why) override;
    QCoro::Task<strongroom::Status>
    giveCredentialsBack(strongroom::SecretBackend& backend) override;
    std::unique_ptr<strongroom::SecretBackend> openReadOnly(const QString& folder,
                                                            QString* why) override;
    QString knownGap(ContractGap gap) const override;

private:
    std::unique_ptr<strongroom::SecretBackend> signIn(const QByteArray& token, QString* why);

    std::unique_ptr<OpenBaoServer> m_server; // made in start(): it needs the application
    int m_folders = 0;
};
