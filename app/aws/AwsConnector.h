#pragma once

#include "AwsConnectionSpec.h"
#include "AwsCredentials.h"
#include "Result.h"
#include "SecretBackend.h"
#include "StoreConnector.h"

#include <QCoroTask>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace strongroom {

class Connection;
class SecretsManagerBackend;
class Workspace;
struct AwsSignInOutcome;

// What the operator supplies at connect time; every field may be empty.
struct AwsSignIn {
    AwsCredentials keys; // for KeySource::Keychain: typed in the form (stored in the keychain)
    QString mfaCode;     // when the role needs MFA
};

// What the status bar and the connection's tooltip show about its credentials (no secret).
struct AwsSessionInfo {
    QString identityArn; // sts:GetCallerIdentity, or the assumed role's ARN
    QString source;      // "keychain keys", "environment", "profile prod", "role <arn>"
    QDateTime expires;   // invalid for long-lived keys
    QStringList trace;   // AwsCredentialResolver's trace: which source won and why
};

// Brings AWS Secrets Manager connections into the workspace: resolves the keys (keychain,
// environment or profile, see AwsCredentialResolver), calls sts:AssumeRole when the spec or the
// profile names a role (asking for the MFA code through `signIn`), checks the result with
// sts:GetCallerIdentity, and watches temporary credentials: at their expiry the backend goes
// Expired and loginNeeded() fires (so it does when a call finds them refused). A role named in
// the spec replaces the profile's own role chain (it starts from the source profile's keys).
// Idle lock (Workspace::locked) wipes the keys in memory (backend Locked); unlock takes them
// again from the keychain, environment or profile, except for roles with MFA: loginNeeded().
// Every step is audited (aws-connect, aws-reconnect, aws-renew, aws-assume-role with the role
// ARN, aws-logout, aws-credentials-expired), never with a key, a token or an MFA code.
class AwsConnector : public StoreConnector {
    Q_OBJECT
public:
    explicit AwsConnector(Workspace* workspace, QObject* parent = nullptr);
    ~AwsConnector() override;

    // Checks everything, stores typed keys in the keychain ("aws-keys:<id>"), saves the spec and
    // adds the connection. Changes nothing on bad input, wrong keys, a wrong MFA code or an
    // unreachable endpoint.
    QCoro::Task<Result<Connection*>> connectNew(AwsConnectionSpec spec, AwsSignIn signIn);
    // Opens a saved connection. Unauthenticated with "MFA code needed" when the role needs one
    // and `signIn.mfaCode` is empty: the front end asks and calls again.
    QCoro::Task<Result<Connection*>> reconnect(QString connectionId, AwsSignIn signIn = {});
    QCoro::Task<Result<Connection*>> reconnectSaved(QString connectionId) override {
        return reconnect(std::move(connectionId));
    }
    // New temporary credentials for an open connection (expired, locked, or the operator asked).
    // Keys typed in `signIn` replace the keychain's for a keychain connection.
    QCoro::Task<Status> renew(QString connectionId, AwsSignIn signIn = {});
    // Removes the keys from the keychain (when it holds them) and closes the connection; the
    // saved spec stays unless `forget` is set.
    QCoro::Task<Status> logout(QString connectionId, bool forget = false) override;

    std::optional<AwsConnectionSpec> spec(const QString& connectionId) const;
    std::optional<AwsSessionInfo> session(const QString& connectionId) const;
    // Time left on temporary credentials; nullopt for long-lived keys or unknown.
    std::optional<std::chrono::seconds> timeLeft(const QString& connectionId) const override;
    // "AWS: 42 min left", "AWS: long-lived keys", "AWS: credentials expired".
    QString credentialStatus(const QString& connectionId) const override;
    // Whether signing in asks for an MFA code (the spec's role, or the profile's role chain as
    // the shared files say now), for an open or a saved connection.
    bool needsMfa(const QString& connectionId) const;
    SecretsManagerBackend* backend(const QString& connectionId) const;

    // Where environment keys and the shared files (~/.aws) are read from; by default the
    // process environment and QDir::homePath(), read again at every connect.
    void setCredentialSources(QProcessEnvironment environment, QString homeDir);

    // Temporary credentials count as expired this long before their end, so no call starts
    // with keys about to run out (60 s by default).
    void setExpiryMargin(std::chrono::seconds margin) { m_expiryMargin = margin; }

    static QString keychainKey(const QString& connectionId) {
        return QStringLiteral("aws-keys:") + connectionId;
    }

private:
    struct Tracked;

    QCoro::Task<Result<Connection*>> open(AwsConnectionSpec spec, AwsSignIn signIn, QString action);
    // Keys (typed, keychain, environment or profile), roles and the identity check; every
    // AssumeRole is audited. `needsMfa` says whether the spec's roles ask for a code.
    QCoro::Task<AwsSignInOutcome> signInFor(AwsConnectionSpec spec, AwsSignIn signIn,
                                            bool* needsMfa);
    // Takes the keys again after an idle lock (roles with MFA ask for a code instead).
    QCoro::Task<void> refreshAfterUnlock(QString connectionId);

    std::optional<AwsConnectionSpec> savedSpec(const QString& connectionId,
                                               QString* error = nullptr) const;
    void track(Connection* connection, const AwsConnectionSpec& spec, bool needsMfa);
    void setSession(const QString& connectionId, AwsSessionInfo info);
    void untrack(const QString& connectionId);
    void onStateChanged(const QString& connectionId, ConnectionState state);
    void onLocked();
    void onUnlocked();

    QHash<QString, std::shared_ptr<Tracked>> m_tracked;
    std::optional<QProcessEnvironment> m_environment;
    QString m_homeDir;
    std::chrono::seconds m_expiryMargin{60};
};

} // namespace strongroom
