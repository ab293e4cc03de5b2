#include "GenerateRootCeremony.h"

#include "NewRootToken.h"
#include "VaultSession.h"

namespace strongroom {

namespace {

BackendError gone() {
    return BackendError(BackendError::Kind::Cancelled, QStringLiteral("the ceremony was closed"));
}

BackendError busy() {
    return BackendError(BackendError::Kind::Conflict,
                        QStringLiteral("a generate-root step is on its way already"));
}

// The attempt as followed here: the encoded token and any OTP stay out of it.
GenerateRootStatus withoutSecrets(const GenerateRootStatus& status) {
    GenerateRootStatus kept;
    kept.started = status.started;
    kept.nonce = status.nonce;
    kept.progress = status.progress;
    kept.required = status.required;
    kept.complete = status.complete;
    kept.otpLength = status.otpLength;
    kept.pgpFingerprint = status.pgpFingerprint;
    return kept;
}

} // namespace

GenerateRootCeremony::GenerateRootCeremony(VaultSession* session, AuditLog* log, QString connection,
                                           QObject* parent)
    : QObject(parent)
    , m_audit(log)
    , m_connection(connection)
    , m_operator(new VaultOperator(session, this))
    , m_token(new NewRootToken(log, std::move(connection), this)) {}

GenerateRootCeremony::~GenerateRootCeremony() = default;

void GenerateRootCeremony::record(QString result, QString detail) {
    m_audit.record(m_connection, {}, actions::generateRoot(), {}, std::move(result),
                   std::move(detail));
}

Result<GenerateRootStatus> GenerateRootCeremony::shown() const {
    return GenerateRootStatus(m_attempt); // a copy: the caller may move it away
}

const std::optional<GenerateRootEndpoint>& GenerateRootCeremony::endpoint() const {
    return m_operator->generateRootEndpoint();
}

QString GenerateRootCeremony::familyPath() const {
    return endpoint() ? endpoint()->path : QString();
}

void GenerateRootCeremony::observe(const GenerateRootStatus& status) {
    if (!m_ourNonce.isEmpty() && (!status.started || status.nonce != m_ourNonce)) {
        const QString ours = m_ourNonce;
        m_ourNonce.clear();
        Q_EMIT attemptChanged(ours, status.started ? status.nonce : QString());
    }
    m_attempt = withoutSecrets(status);
    m_known = true;
    Q_EMIT progressed();
}

QCoro::Task<Result<GenerateRootEndpoint>> GenerateRootCeremony::detect() {
    QPointer<GenerateRootCeremony> self(this);
    if (m_busy) {
        co_return busy();
    }
    m_busy = true;
    ++m_steps;
    auto detecting = m_operator->detectGenerateRoot();
    auto found = co_await std::move(detecting);
    if (!self) {
        co_return found;
    }
    m_busy = false;
    if (found) {
        observe(found->status);
    }
    co_return found;
}

void GenerateRootCeremony::useFamily(Family family) {
    if (!m_ourNonce.isEmpty() || m_complete || m_busy) {
        return; // our attempt lives on the family it started on
    }
    m_operator->useGenerateRootFamily(family);
    m_known = false;
    Q_EMIT progressed();
}

QCoro::Task<Result<GenerateRootStatus>> GenerateRootCeremony::refresh() {
    QPointer<GenerateRootCeremony> self(this);
    const quint64 steps = m_steps;
    auto reading = m_operator->generateRootStatus();
    auto status = co_await std::move(reading);
    if (!self) {
        co_return gone();
    }
    if (!status) {
        co_return status.error();
    }
    // A step on its way, or taken since this was asked, reports the attempt itself: an older
    // answer would look like someone else's change.
    if (!m_busy && !m_complete && steps == m_steps) {
        observe(status.value());
    }
    co_return shown();
}

QCoro::Task<Result<GenerateRootStatus>> GenerateRootCeremony::start() {
    QPointer<GenerateRootCeremony> self(this);
    if (m_busy || m_complete) {
        co_return busy();
    }
    m_busy = true;
    ++m_steps;
    auto starting = m_operator->startGenerateRoot();
    auto started = co_await std::move(starting);
    if (!self) {
        co_return gone();
    }
    m_busy = false;
    record(OperationAudit::outcome(started),
           started ? QStringLiteral("start: nonce %1, %2 shares needed (%3)")
                         .arg(started->nonce)
                         .arg(started->required)
                         .arg(familyPath())
                   : QStringLiteral("start: %1 (%2)")
                         .arg(OperationAudit::failureDetail(started), familyPath()));
    if (!started) {
        co_return started.error();
    }
    m_ourNonce = started->nonce;
    observe(started.value());
    co_return shown();
}

QCoro::Task<Result<GenerateRootStatus>> GenerateRootCeremony::submitShare(SecretBytes share) {
    QPointer<GenerateRootCeremony> self(this);
    if (m_busy) {
        co_return busy();
    }
    if (m_ourNonce.isEmpty()) {
        co_return BackendError(BackendError::Kind::InvalidInput,
                               QStringLiteral("no attempt started here is running: start one"));
    }
    m_busy = true;
    ++m_steps;
    const QString nonce = m_ourNonce;
    const GenerateRootStatus before = m_attempt;
    auto updating = m_operator->updateGenerateRoot(std::move(share), nonce);
    auto step = co_await std::move(updating);
    if (!self) {
        co_return gone();
    }
    m_busy = false;
    if (!step) {
        record(OperationAudit::outcome(step), QStringLiteral("share refused at %1 of %2: %3")
                                                  .arg(before.progress)
                                                  .arg(before.required)
                                                  .arg(OperationAudit::failureDetail(step)));
        if (step.error().kind() == BackendError::Kind::Conflict) {
            m_ourNonce.clear(); // someone cancelled or restarted it: our shares no longer count
        }
        co_return step.error();
    }
    const GenerateRootStatus status = withoutSecrets(step->status);
    record(QStringLiteral("ok"), QStringLiteral("share: nonce %1: progress %2 of %3")
                                     .arg(nonce)
                                     .arg(status.progress)
                                     .arg(status.required));
    if (!status.complete) {
        observe(status);
        co_return shown();
    }
    m_ourNonce.clear();
    m_complete = true;
    m_attempt = status;
    m_attempt.nonce = nonce;
    m_attempt.progress = std::max(status.progress, status.required);
    if (step->token.isEmpty()) {
        m_pgpFingerprint = status.pgpFingerprint;
        record(QStringLiteral("ok"), QStringLiteral("complete: nonce %1: encrypted to PGP key %2 "
                                                    "(%3)")
                                         .arg(nonce, m_pgpFingerprint, familyPath()));
        Q_EMIT progressed();
        co_return shown();
    }
    record(QStringLiteral("ok"),
           QStringLiteral("complete: nonce %1: new root token decoded in memory (%2)")
               .arg(nonce, familyPath()));
    m_token->hold(std::move(step->token),
                  m_operator->session() ? m_operator->session()->endpoint() : VaultEndpoint{});
    Q_EMIT progressed();
    Q_EMIT tokenReady();
    co_return shown();
}

QCoro::Task<Status> GenerateRootCeremony::cancel(QString why) {
    QPointer<GenerateRootCeremony> self(this);
    if (m_busy) {
        co_return busy();
    }
    m_busy = true;
    ++m_steps;
    const GenerateRootStatus before = m_attempt;
    auto cancelling = m_operator->cancelGenerateRoot();
    auto cancelled = co_await std::move(cancelling);
    if (!self) {
        co_return cancelled;
    }
    m_busy = false;
    QString detail = QStringLiteral("cancel: nonce %1 at %2 of %3")
                         .arg(before.nonce)
                         .arg(before.progress)
                         .arg(before.required);
    if (!why.isEmpty()) {
        detail += QStringLiteral(": ") + why;
    }
    record(OperationAudit::outcome(cancelled), OperationAudit::withFailure(detail, cancelled));
    if (cancelled) {
        m_ourNonce.clear(); // our own cancel: not someone else's change
        GenerateRootStatus none;
        none.required = before.required;
        none.otpLength = before.otpLength;
        observe(none);
    }
    co_return cancelled;
}

QCoro::Task<Status> GenerateRootCeremony::takeShares(ShareSource source) {
    QPointer<GenerateRootCeremony> self(this);
    while (!m_complete) {
        if (m_ourNonce.isEmpty()) {
            co_return BackendError(BackendError::Kind::Conflict,
                                   QStringLiteral("no attempt started here is running"));
        }
        const int given = m_attempt.progress;
        const int required = m_attempt.required;
        auto asking = source(given + 1);
        auto share = co_await std::move(asking);
        if (!self) {
            co_return gone();
        }
        if (!share) {
            // The one-time password lives only here: an unfinished attempt is of no use.
            auto cancelling = cancel(QStringLiteral("the shares ended after %1").arg(given));
            co_await std::move(cancelling);
            co_return BackendError(BackendError::Kind::Cancelled,
                                   QStringLiteral("the shares ended after %1 of %2; the attempt "
                                                  "was cancelled")
                                       .arg(given)
                                       .arg(required));
        }
        auto submitting = submitShare(std::move(share.value()));
        auto step = co_await std::move(submitting);
        if (!self) {
            co_return gone();
        }
        if (!step) {
            co_return step.error();
        }
    }
    co_return Done{};
}

} // namespace strongroom
