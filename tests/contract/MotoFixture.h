#pragma once

#include "StoreFixture.h"

#include <memory>

class MotoServer;

// AWS Secrets Manager on a real moto server (tests/support/MotoServer). moto accepts any
// credentials and enforces no IAM policy, so there is no narrower credential to test with.
// Rotation settings need a Lambda moto can find: a do-nothing function made once per run.
class MotoFixture : public StoreFixture {
public:
    MotoFixture();
    ~MotoFixture() override;

    QString storeName() const override { return QStringLiteral("moto"); }
    bool start(QString* why) override;
    void stop() override;
    std::unique_ptr<strongroom::SecretBackend> open(QString* why) override;
    QString freshFolder() override;
    QStringList seed(strongroom::SecretBackend& backend, const QString& folder, int count,
                     QString* why) override;
    QCoro::Task<strongroom::Status>
    giveCredentialsBack(strongroom::SecretBackend& backend) override;
    std::optional<strongroom::RotationSettings> rotationSettings(const strongroom::SecretRef& ref,
                                                                 QString* why) override;
    QString makeRotationStuck(const strongroom::SecretRef& ref, QString* why) override;
    QString knownGap(ContractGap gap) const override;

private:
    std::unique_ptr<MotoServer> m_moto; // made in start(): it needs the application
    QString m_lambdaArn;
    int m_folders = 0;
};
