#pragma once

#include "Result.h"
#include "SecretBytes.h"
#include "VaultHaStatus.h"
#include "VaultSealStatus.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>

#include <optional>

namespace strongroom {

class VaultSession;

// Which generate-root endpoints a server takes, and why.
struct GenerateRootEndpoint {
    enum class Family {
        Unauthenticated, // sys/generate-root/* (Vault; OpenBao when the listener allows it)
        Authenticated,   // sys/generate-root-token/* (OpenBao >= 2.6, needs a token)
    };
    Family family = Family::Unauthenticated;
    QString path; // "sys/generate-root" or "sys/generate-root-token"
    QString reason;
    GenerateRootStatus status; // the attempt as the detection found it
};

// One applied unseal share.
struct UnsealStep {
    VaultSealStatus status;
    // The server's attempt is another one than the last we saw (someone reset or started it):
    // shares given before no longer count.
    bool attemptRestarted = false;
    QString previousNonce;
};

// One applied generate-root share; `token` is set (decoded in memory) once complete.
struct GenerateRootStep {
    GenerateRootStatus status;
    SecretBytes token;
};

// The operator ceremonies of one Vault/OpenBao node: seal status, init, unseal, seal and
// generate-root. Keys, shares and tokens stay in SecretBytes and are never logged.
class VaultOperator : public QObject {
    Q_OBJECT
public:
    explicit VaultOperator(VaultSession* session, QObject* parent = nullptr);
    ~VaultOperator() override;

    VaultSession* session() const { return m_session; }

    QCoro::Task<Result<VaultSealStatus>> sealStatus();
    QCoro::Task<Result<VaultInitResult>> init(VaultInitRequest request);
    // What is wrong with an init request by the server's rules (1 <= t <= n <= 255, t >= 2 when
    // n > 1, one PGP key per share when any); empty when it may be sent.
    static QString initProblem(const VaultInitRequest& request);
    QCoro::Task<Result<UnsealStep>> unseal(SecretBytes key, bool migrate = false);
    QCoro::Task<Result<VaultSealStatus>> resetUnseal();
    // Needs the session's token (sys/seal is authenticated).
    QCoro::Task<Status> seal();
    // sys/leader (no token needed): HA mode, whether this node is the active one, the leader's
    // address. A sealed node answers Sealed.
    QCoro::Task<Result<VaultLeader>> leader();
    // sys/ha-status (needs a token): every node of the HA cluster as the active node knows it.
    QCoro::Task<Result<VaultHaStatus>> haStatus();

    // Finds the generate-root endpoints this server takes: the unauthenticated family first,
    // then OpenBao's authenticated one when the session has a token.
    QCoro::Task<Result<GenerateRootEndpoint>> detectGenerateRoot();
    QCoro::Task<Result<GenerateRootStatus>> generateRootStatus();
    // Starts an attempt with a one-time password made here (kept in memory until completion).
    QCoro::Task<Result<GenerateRootStatus>> startGenerateRoot();
    // Applies one share to the attempt `nonce`; a changed nonce is reported as a Conflict.
    QCoro::Task<Result<GenerateRootStep>> updateGenerateRoot(SecretBytes key, QString nonce);
    QCoro::Task<Status> cancelGenerateRoot();
    const std::optional<GenerateRootEndpoint>& generateRootEndpoint() const { return m_endpoint; }
    // Uses this family without detection (the operator chose it, or a test pins it).
    void useGenerateRootFamily(GenerateRootEndpoint::Family family);

private:
    QCoro::Task<Result<UnsealStep>> submitUnseal(SecretBytes body);
    UnsealStep track(VaultSealStatus status);
    QCoro::Task<Result<GenerateRootStatus>> generateRootCall(QByteArray method, QString leaf,
                                                             SecretBytes body);
    QCoro::Task<Result<GenerateRootEndpoint>> ensureEndpoint();

    QPointer<VaultSession> m_session;
    QString m_unsealNonce;
    std::optional<GenerateRootEndpoint> m_endpoint;
    SecretBytes m_otp;
    QString m_attemptNonce;
};

} // namespace strongroom
