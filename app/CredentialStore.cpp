#include "CredentialStore.h"

#include <QCoroSignal>
#include <QPointer>
#include <qt6keychain/keychain.h>

namespace strongroom {

namespace {

// The keychain could not be reached at all, as opposed to refusing or missing one entry.
bool noKeychain(QKeychain::Error error) {
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented ||
           error == QKeychain::OtherError;
}

BackendError keychainError(QKeychain::Error error, const QString& detail) {
    switch (error) {
    case QKeychain::EntryNotFound:
        return BackendError(BackendError::Kind::NotFound, QStringLiteral("no such keychain entry"));
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return BackendError(BackendError::Kind::PermissionDenied, detail);
    default:
        return BackendError(BackendError::Kind::Unsupported, detail);
    }
}

template <typename JobType> void prepare(JobType* job, const QString& key) {
    // Jobs delete themselves after finished(); a coroutine abandoned mid-way leaks nothing.
    job->setAutoDelete(true);
    // Never let QtKeychain write the credential to a plaintext settings file.
    job->setInsecureFallback(false);
    job->setKey(key);
}

} // namespace

CredentialStore::CredentialStore(QObject* parent)
    : QObject(parent) {}

CredentialStore::~CredentialStore() {
    forgetInMemory();
}

QString CredentialStore::unavailableMessage() {
    return tr("No OS keychain is available: the credential is kept in memory for this run only");
}

void CredentialStore::markMissing() {
    if (m_availability == Availability::Missing) {
        return;
    }
    m_availability = Availability::Missing;
    Q_EMIT keychainUnavailable(unavailableMessage());
}

void CredentialStore::forgetInMemory() {
    for (auto& secret : m_memory) {
        secret.clear();
    }
    m_memory.clear();
}

QCoro::Task<Result<SecretBytes>> CredentialStore::read(QString key) {
    if (m_availability != Availability::Missing) {
        QPointer<CredentialStore> self(this);
        auto* job = new QKeychain::ReadPasswordJob(service());
        prepare(job, key);
        job->start();
        co_await qCoro(job, &QKeychain::Job::finished);
        const auto error = job->error();
        if (error == QKeychain::NoError) {
            QByteArray data = job->binaryData();
            SecretBytes secret = SecretBytes::takeFrom(data);
            if (self) {
                m_availability = Availability::Available;
            }
            co_return secret;
        }
        const QString detail = job->errorString();
        if (!self) {
            co_return BackendError(BackendError::Kind::Cancelled);
        }
        if (error == QKeychain::EntryNotFound) {
            m_availability = Availability::Available;
        }
        if (!(noKeychain(error) && m_availability == Availability::Unknown)) {
            co_return keychainError(error, detail);
        }
        markMissing();
    }
    const auto it = m_memory.constFind(key);
    if (it == m_memory.constEnd()) {
        co_return BackendError(BackendError::Kind::NotFound, QStringLiteral("no such credential"));
    }
    co_return it.value();
}

QCoro::Task<Status> CredentialStore::write(QString key, SecretBytes secret,
                                           Persistence persistence) {
    if (m_availability != Availability::Missing) {
        QPointer<CredentialStore> self(this);
        auto* job = new QKeychain::WritePasswordJob(service());
        prepare(job, key);
        QByteArray data = secret.toByteArrayUnsafe();
        job->setBinaryData(data);
        wipe(data);
        job->start();
        co_await qCoro(job, &QKeychain::Job::finished);
        const auto error = job->error();
        const QString detail = job->errorString();
        if (!self) {
            co_return BackendError(BackendError::Kind::Cancelled);
        }
        if (error == QKeychain::NoError) {
            m_availability = Availability::Available;
            co_return Done{};
        }
        if (!(noKeychain(error) && m_availability == Availability::Unknown)) {
            co_return keychainError(error, detail);
        }
        markMissing();
    }
    if (persistence == Persistence::KeychainOnly) {
        co_return BackendError(BackendError::Kind::Unsupported,
                               tr("No OS keychain is available to keep this key across runs"));
    }
    m_memory.insert(key, std::move(secret));
    co_return Done{};
}

QCoro::Task<Status> CredentialStore::remove(QString key) {
    if (auto it = m_memory.find(key); it != m_memory.end()) {
        it->clear();
        m_memory.erase(it);
    }
    if (m_availability == Availability::Missing) {
        co_return Done{};
    }
    QPointer<CredentialStore> self(this);
    auto* job = new QKeychain::DeletePasswordJob(service());
    prepare(job, key);
    job->start();
    co_await qCoro(job, &QKeychain::Job::finished);
    const auto error = job->error();
    const QString detail = job->errorString();
    if (!self) {
        co_return BackendError(BackendError::Kind::Cancelled);
    }
    // Removing what is not there leaves the keychain as the caller wants it.
    if (error == QKeychain::NoError || error == QKeychain::EntryNotFound) {
        m_availability = Availability::Available;
        co_return Done{};
    }
    if (noKeychain(error) && m_availability == Availability::Unknown) {
        markMissing();
        co_return Done{};
    }
    co_return keychainError(error, detail);
}

} // namespace strongroom
