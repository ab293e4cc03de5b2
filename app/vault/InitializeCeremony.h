#pragma once

#include "OperationAudit.h"
#include "Result.h"
#include "SecretBytes.h"
#include "VaultEndpoint.h"
#include "VaultSealStatus.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>

namespace strongroom {

class AuditLog;
class CredentialStore;
class VaultOperator;

// The init ceremony of one node: the shares and threshold checked by the server's rules before
// anything is sent, sys/init, then each custodian's share handed out in turn (this object gives
// each away as it goes and keeps no copy), then the initial root token kept in the keychain for
// the connection, discarded, or handed over. The init window and `strongroom-cli init` both drive
// it; init, the hand-out and the root token's fate are audited (counts and choices, never a share
// or the token). Whatever was not handed out when this object dies is wiped and lost for good.
class InitializeCeremony : public QObject {
    Q_OBJECT
public:
    enum class Stage { Ready, Initializing, HandingOut, RootToken, Done };

    InitializeCeremony(VaultEndpoint node, AuditLog* log, QString connection,
                       QObject* parent = nullptr);
    ~InitializeCeremony() override;

    Stage stage() const { return m_stage; }
    // No token is needed for this, nor for init itself.
    QCoro::Task<Result<VaultSealStatus>> sealStatus();

    // What is wrong with `request` by the server's rules; empty when it may be sent.
    static QString problem(const VaultInitRequest& request);
    QCoro::Task<Status> initialize(VaultInitRequest request);
    const VaultInitRequest& request() const { return m_request; }
    // "5 shares, threshold 3; PGP for shares: no; PGP for root token: no"
    QString shape() const;

    int shareCount() const { return static_cast<int>(m_result.keys.size()); }
    int handedOut() const { return m_handedOut; }
    // PGP-encrypted shares are handed out in base64, the form `gpg --decrypt` takes.
    bool sharesEncrypted() const;
    bool rootTokenEncrypted() const { return !m_request.rootTokenPgpKey.isEmpty(); }
    // The next custodian's share (number handedOut() + 1), given away. Empty when none is left.
    SecretBytes takeShare();
    // The custodian has stored the share taken last; after the last one the root token is next.
    void shareStored();

    // The initial root token, to show it (RootToken stage).
    const SecretBytes& rootToken() const { return m_result.rootToken; }
    // Where "keep" puts the root token: the connection's own keychain entry, so it signs in with
    // it like after a login.
    void setRootTokenKeychain(CredentialStore* credentials, QString key);
    bool canKeepRootToken() const;
    QCoro::Task<Status> keepRootToken();
    void discardRootToken();
    // The token, given away (the CLI prints it); `how` goes to the audit log.
    SecretBytes handOverRootToken(QString how);
    // The operator stopped before the end: what was not handed out is wiped.
    void abandon();

Q_SIGNALS:
    // The root token is in the connection's keychain entry: it can sign in now.
    void rootTokenKept();

private:
    void record(QString action, QString result, QString detail);
    void wipe();

    OperationAudit m_audit;
    QString m_connection;
    VaultOperator* m_operator;
    QPointer<CredentialStore> m_credentials;
    QString m_keychainKey;
    Stage m_stage = Stage::Ready;
    VaultInitRequest m_request;
    VaultInitResult m_result;
    int m_handedOut = 0;
};

} // namespace strongroom
