#pragma once

#include "OperationAudit.h"
#include "Result.h"
#include "SecretBytes.h"
#include "ShareSource.h"
#include "VaultOperator.h" // GenerateRootEndpoint
#include "VaultSealStatus.h"
#include "VaultSession.h" // VaultOperator::session() needs the whole class

#include <QCoroTask>
#include <QObject>
#include <QPointer>

#include <optional>

namespace strongroom {

class AuditLog;
class NewRootToken;
class VaultSession;

// The generate-root (break-glass root token) ceremony of one node, the one state machine behind
// the generate-root window and `strongroom-cli generate-root`. It finds which endpoint family the
// server takes (or uses the one the operator chose), follows the server's attempt (an attempt
// started elsewhere is shown; a change to ours, cancelled or restarted by someone else, is
// reported), starts one with a one-time password made here and kept in memory, takes the unseal
// shares one at a time with the progress after each, and once complete decodes the new token in
// memory into newToken() (or reports the PGP key it was encrypted to). Every step is audited with
// nonces and progress only, never an OTP, a share or a token.
class GenerateRootCeremony : public QObject {
    Q_OBJECT
public:
    using Family = GenerateRootEndpoint::Family;

    // `session` is the node, not owned; its token (when it has one) serves only OpenBao's
    // authenticated family.
    GenerateRootCeremony(VaultSession* session, AuditLog* log, QString connection,
                         QObject* parent = nullptr);
    ~GenerateRootCeremony() override;

    QCoro::Task<Result<GenerateRootEndpoint>> detect();
    // The family the operator chose instead; the attempt is read again.
    void useFamily(Family family);
    const std::optional<GenerateRootEndpoint>& endpoint() const;
    QString familyPath() const;

    // The attempt as last seen (no encoded token or OTP inside), once knowsAttempt().
    const GenerateRootStatus& attempt() const { return m_attempt; }
    bool knowsAttempt() const { return m_known; }
    // The attempt started here, while it runs; empty otherwise.
    QString ourNonce() const { return m_ourNonce; }
    // A start, a share or a cancel is on its way.
    bool isBusy() const { return m_busy; }
    bool isComplete() const { return m_complete; }
    // Complete, with the token encrypted to this PGP key instead of decoded here.
    QString pgpFingerprint() const { return m_pgpFingerprint; }

    QCoro::Task<Result<GenerateRootStatus>> refresh();
    QCoro::Task<Result<GenerateRootStatus>> start();
    // One share for our attempt. A Conflict means the attempt changed under us: ours is gone.
    QCoro::Task<Result<GenerateRootStatus>> submitShare(SecretBytes share);
    // Cancels the running attempt (ours or not); `why` goes to the audit detail.
    QCoro::Task<Status> cancel(QString why = {});
    // Shares from `source` until the attempt completes. When the source ends first the attempt
    // is cancelled (its one-time password lives only here) and Cancelled is returned.
    QCoro::Task<Status> takeShares(ShareSource source);

    // The decoded token once complete: check, revoke, keep, store or hand it over there.
    NewRootToken* newToken() const { return m_token; }

Q_SIGNALS:
    // attempt() changed: progress, nonce, started or not.
    void progressed();
    // Someone cancelled or restarted our attempt (`now` is empty when none runs): the shares
    // given here no longer count.
    void attemptChanged(const QString& ours, const QString& now);
    // newToken() holds the decoded token.
    void tokenReady();

private:
    void observe(const GenerateRootStatus& status);
    void record(QString result, QString detail);
    Result<GenerateRootStatus> shown() const;

    OperationAudit m_audit;
    QString m_connection;
    VaultOperator* m_operator;
    NewRootToken* m_token;
    GenerateRootStatus m_attempt; // without secrets
    QString m_ourNonce;
    QString m_pgpFingerprint;
    bool m_known = false;
    bool m_busy = false;
    bool m_complete = false;
    quint64 m_steps = 0; // steps sent: a refresh asked before one is stale
};

} // namespace strongroom
