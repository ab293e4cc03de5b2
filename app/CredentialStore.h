#pragma once

#include "Result.h"
#include "SecretBytes.h"

#include <QCoroTask>
#include <QHash>
#include <QObject>
#include <QString>

namespace strongroom {

// Credentials (tokens, keys, the local store's key) in the OS keychain through QtKeychain, under
// the service "strongroom", with the insecure plaintext fallback off. When no keychain answers
// (no D-Bus session, no Secret Service), it says so once through keychainUnavailable() and keeps
// credentials in memory for this run only; nothing is ever written to a plaintext file.
class CredentialStore : public QObject {
    Q_OBJECT
public:
    // Whether a write may fall back to memory when no keychain is available. Something that must
    // survive a restart (the local store's key) asks for KeychainOnly and gets an error instead.
    enum class Persistence { KeychainOrMemory, KeychainOnly };

    explicit CredentialStore(QObject* parent = nullptr);
    ~CredentialStore() override;

    QCoro::Task<Result<SecretBytes>> read(QString key);
    QCoro::Task<Status> write(QString key, SecretBytes secret,
                              Persistence persistence = Persistence::KeychainOrMemory);
    QCoro::Task<Status> remove(QString key);

    // True once a keychain answered; false before the first attempt and when none is available.
    bool keychainAvailable() const { return m_availability == Availability::Available; }
    // True once an attempt found no keychain (credentials then live in memory only).
    bool keychainMissing() const { return m_availability == Availability::Missing; }
    // Drops (and wipes) credentials kept in memory, on idle lock and quit.
    void forgetInMemory();

    static QString service() { return QStringLiteral("strongroom"); }
    static QString unavailableMessage();

Q_SIGNALS:
    void keychainUnavailable(const QString& message);

private:
    enum class Availability { Unknown, Available, Missing };
    void markMissing();

    Availability m_availability = Availability::Unknown;
    QHash<QString, SecretBytes> m_memory;
};

} // namespace strongroom
