#pragma once

#include "StoreFixture.h"

#include <QTemporaryDir>

// The local encrypted store: one store file for the run (passphrase-protected, cheap Argon2id
// costs), opened afresh for every test. It has no server and no API of its own, so seeding
// writes through the backend.
class LocalStoreFixture : public StoreFixture {
public:
    QString storeName() const override { return QStringLiteral("local"); }
    bool start(QString* why) override;
    std::unique_ptr<strongroom::SecretBackend> open(QString* why) override;
    QString freshFolder() override;
    QStringList seed(strongroom::SecretBackend& backend, const QString& folder, int count,
                     QString* why) override;
    QCoro::Task<strongroom::Status>
    giveCredentialsBack(strongroom::SecretBackend& backend) override;

private:
    QTemporaryDir m_dir;
    QString m_file;
    int m_folders = 0;
};
