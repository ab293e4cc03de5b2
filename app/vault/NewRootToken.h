#pragma once

#include "OperationAudit.h"
#include "Result.h"
#include "SecretBytes.h"
#include "VaultEndpoint.h"

#include <QCoroTask>
#include <QObject>

namespace strongroom {

class AuditLog;
class CredentialStore;

// The root token a generate-root ceremony made, held in wiped memory until its fate is chosen:
// revoked (by the operator, a countdown, closing the window, or after a check), kept (on the
// server, and perhaps stored in the keychain), or handed over (the CLI prints it). Each choice
// is audited, never the token. A token nobody chose to keep does not outlive this object: it is
// revoked in the background when this object dies holding it.
class NewRootToken : public QObject {
    Q_OBJECT
public:
    NewRootToken(AuditLog* log, QString connection, QObject* parent = nullptr);
    ~NewRootToken() override;

    // Takes the token; `endpoint` is the server it works on (lookup-self, revoke-self).
    void hold(SecretBytes token, VaultEndpoint endpoint);
    bool holdsToken() const { return !m_token.isEmpty(); }
    // To show or copy it; empty once revoked, handed over or released.
    const SecretBytes& token() const { return m_token; }

    bool isKept() const { return m_kept; }
    // The operator keeps it (no automatic revocation) or changes their mind.
    void setKept(bool kept);
    bool isStored() const { return m_stored; }
    bool isRevoked() const { return m_revoked; }
    bool isRevoking() const { return m_revoking; }
    // It lives, nobody chose to keep it and it is not revoked: it must be revoked before it goes.
    bool needsRevocation() const { return holdsToken() && !m_kept && !m_revoked; }

    // lookup-self with the token: does it work? Audited when it does not.
    QCoro::Task<Status> check();
    // revoke-self; `why` goes to the audit detail. Wiped here once revoked.
    QCoro::Task<Status> revoke(QString why);
    // Kept in the keychain as `name` (keychain only: never a plaintext fallback); stored means
    // kept.
    QCoro::Task<Status> store(CredentialStore* credentials, QString name);
    // The token, given away (nothing here holds it after); `how` goes to the audit detail.
    SecretBytes handOver(QString how);
    // Wipes the token here; a kept token that was not stored is forgotten (and audited so).
    void release();

Q_SIGNALS:
    // Held, kept, stored, revoked or released.
    void changed();

private:
    void record(QString result, QString detail);

    OperationAudit m_audit;
    QString m_connection;
    SecretBytes m_token;
    VaultEndpoint m_endpoint;
    bool m_kept = false;
    bool m_stored = false;
    bool m_revoked = false;
    bool m_revoking = false;
};

} // namespace strongroom
