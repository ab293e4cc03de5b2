#include "InitializeCeremony.h"

#include "CredentialStore.h"
#include "VaultOperator.h"
#include "VaultSession.h"

namespace strongroom {

namespace {
const QString kCancelled = BackendError::kindName(BackendError::Kind::Cancelled);
} // namespace

InitializeCeremony::InitializeCeremony(VaultEndpoint node, AuditLog* log, QString connection,
                                       QObject* parent)
    : QObject(parent)
    , m_audit(log)
    , m_connection(std::move(connection)) {
    auto* session = new VaultSession(std::move(node), this);
    m_operator = new VaultOperator(session, session);
}

InitializeCeremony::~InitializeCeremony() {
    wipe();
}

void InitializeCeremony::wipe() {
    for (auto& share : m_result.keys) {
        share.clear();
    }
    for (auto& share : m_result.keysBase64) {
        share.clear();
    }
    m_result.rootToken.clear();
}

void InitializeCeremony::record(QString action, QString result, QString detail) {
    // Appends keep their order on the log's thread; nothing here waits for the disk.
    m_audit.record(m_connection, {}, std::move(action), {}, std::move(result), std::move(detail));
}

QCoro::Task<Result<VaultSealStatus>> InitializeCeremony::sealStatus() {
    auto asking = m_operator->sealStatus();
    co_return co_await std::move(asking);
}

QString InitializeCeremony::problem(const VaultInitRequest& request) {
    return VaultOperator::initProblem(request);
}

QString InitializeCeremony::shape() const {
    return QStringLiteral("%1 shares, threshold %2; PGP for shares: %3; PGP for root token: %4")
        .arg(m_request.shares)
        .arg(m_request.threshold)
        .arg(m_request.pgpKeys.isEmpty() ? QStringLiteral("no") : QStringLiteral("yes"),
             m_request.rootTokenPgpKey.isEmpty() ? QStringLiteral("no") : QStringLiteral("yes"));
}

QCoro::Task<Status> InitializeCeremony::initialize(VaultInitRequest request) {
    QPointer<InitializeCeremony> self(this);
    if (const QString why = problem(request); !why.isEmpty()) {
        co_return BackendError(BackendError::Kind::InvalidInput, why); // nothing was sent
    }
    if (m_stage != Stage::Ready) {
        co_return BackendError(BackendError::Kind::Conflict,
                               QStringLiteral("this init ceremony has already run"));
    }
    m_request = request;
    m_stage = Stage::Initializing;
    auto initializing = m_operator->init(std::move(request));
    auto result = co_await std::move(initializing);
    if (!self) {
        co_return BackendError(BackendError::Kind::Cancelled); // the shares die with the frame
    }
    record(actions::initialize(), OperationAudit::outcome(result),
           OperationAudit::withFailure(shape(), result));
    if (!result) {
        m_stage = Stage::Ready;
        co_return result.error();
    }
    m_result = std::move(result.value());
    m_handedOut = 0;
    m_stage = m_result.keys.empty() ? Stage::RootToken : Stage::HandingOut;
    co_return Done{};
}

bool InitializeCeremony::sharesEncrypted() const {
    return !m_request.pgpKeys.isEmpty() && m_result.keysBase64.size() == m_result.keys.size();
}

SecretBytes InitializeCeremony::takeShare() {
    if (m_stage != Stage::HandingOut || m_handedOut >= shareCount()) {
        return {};
    }
    const auto index = std::size_t(m_handedOut);
    SecretBytes share =
        std::move(sharesEncrypted() ? m_result.keysBase64[index] : m_result.keys[index]);
    m_result.keys[index].clear();
    if (index < m_result.keysBase64.size()) {
        m_result.keysBase64[index].clear();
    }
    return share;
}

void InitializeCeremony::shareStored() {
    if (m_stage != Stage::HandingOut) {
        return;
    }
    const auto index = std::size_t(m_handedOut);
    m_result.keys[index].clear();
    if (index < m_result.keysBase64.size()) {
        m_result.keysBase64[index].clear();
    }
    ++m_handedOut;
    if (m_handedOut < shareCount()) {
        return;
    }
    record(actions::initHandout(), QStringLiteral("ok"),
           QStringLiteral("%1 of %2 shares handed out").arg(m_handedOut).arg(shareCount()));
    m_stage = Stage::RootToken;
}

void InitializeCeremony::setRootTokenKeychain(CredentialStore* credentials, QString key) {
    m_credentials = credentials;
    m_keychainKey = std::move(key);
}

bool InitializeCeremony::canKeepRootToken() const {
    return m_stage == Stage::RootToken && m_credentials && !m_keychainKey.isEmpty() &&
           !rootTokenEncrypted();
}

QCoro::Task<Status> InitializeCeremony::keepRootToken() {
    QPointer<InitializeCeremony> self(this);
    if (!canKeepRootToken()) {
        co_return BackendError(BackendError::Kind::Unsupported,
                               rootTokenEncrypted()
                                   ? QStringLiteral("the root token is PGP-encrypted")
                                   : QStringLiteral("there is no root token to keep here"));
    }
    m_stage = Stage::Done;
    auto keeping = m_credentials->write(m_keychainKey, std::move(m_result.rootToken));
    m_result.rootToken.clear();
    auto kept = co_await std::move(keeping);
    if (!self) {
        co_return kept;
    }
    record(actions::initRootToken(), OperationAudit::outcome(kept),
           OperationAudit::withFailure(QStringLiteral("kept in the keychain for the connection"),
                                       kept));
    if (kept) {
        Q_EMIT rootTokenKept();
    }
    co_return kept;
}

void InitializeCeremony::discardRootToken() {
    if (m_stage != Stage::RootToken) {
        return;
    }
    m_result.rootToken.clear();
    m_stage = Stage::Done;
    record(actions::initRootToken(), QStringLiteral("ok"), QStringLiteral("discarded"));
}

SecretBytes InitializeCeremony::handOverRootToken(QString how) {
    if (m_stage != Stage::RootToken) {
        return {};
    }
    SecretBytes token = std::move(m_result.rootToken);
    m_result.rootToken.clear();
    m_stage = Stage::Done;
    record(actions::initRootToken(), QStringLiteral("ok"), std::move(how));
    return token;
}

void InitializeCeremony::abandon() {
    if (m_stage == Stage::HandingOut) {
        record(actions::initHandout(), kCancelled,
               QStringLiteral("%1 of %2 shares handed out; the others are lost")
                   .arg(m_handedOut)
                   .arg(shareCount()));
    } else if (m_stage == Stage::RootToken) {
        record(actions::initRootToken(), kCancelled,
               QStringLiteral("neither kept nor discarded: lost"));
    }
    wipe();
    if (m_stage != Stage::Initializing) {
        m_stage = Stage::Done;
    }
}

} // namespace strongroom
